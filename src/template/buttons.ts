/**
 * Link buttons on the status attachment (Rocket.Chat attachment `actions`, shown in every mode,
 * webhooks included): by default one per place a reader may want to go, each only when it has a
 * target; the `buttons` input adds to them or replaces them. A button's URL is always http(s): a
 * `javascript:` link from the event or a template is never a button.
 */
import type { WorkflowContext } from './workflow-context.js'
import { isObject } from '../shared/is-object.js'
import { get, oneLine, str, subjectRun } from './defaults.js'

/** A Rocket.Chat link button (attachment `actions`). */
export interface Button {
  type: 'button'
  text: string
  url: string
}

/** Longer labels are cut: a button is a word or two, not a sentence. */
const LABEL_LENGTH = 60
/** More buttons than this from the input are left out: a row of buttons, not a page. */
const MAX_BUTTONS = 10
const URL_LENGTH = 2000

/**
 * The buttons a message gets without asking: Run, Failed step (the failing step's log, when the
 * run's details name it), Pull request or else Commit, Release, Environment (the deploy's URL), Log (the deploy's log).
 */
export function defaultButtons(context: WorkflowContext): Button[] {
  const { github } = context
  const event = github.event
  // On deployment_status the run is only the messenger: the deploy's own pages are the places.
  const buttons: [string, string][] =
    github.event_name === 'deployment_status' ? [] : [['Run', subjectRun(context).url]]
  const failedStep = context.run_details?.failed_jobs.find(job => job.failed_step?.url)
  buttons.push(['Failed step', failedStep?.failed_step?.url ?? ''])
  const pullRequest = pullRequestUrl(context)
  buttons.push(
    isHttpUrl(pullRequest) ? ['Pull request', pullRequest] : ['Commit', commitUrl(context)]
  )
  if (github.event_name === 'release') {
    buttons.push(['Release', str(get(event, 'release', 'html_url'))])
  }
  buttons.push(['Environment', environmentUrl(context)])
  buttons.push(['Log', context.deployment?.log_url ?? ''])
  return buttons.flatMap(([text, url]) => (isHttpUrl(url) ? [{ type: 'button', text, url }] : []))
}

/** The deploy's URL: the deployment context's (deployment.ts). */
function environmentUrl(context: WorkflowContext): string {
  return context.deployment?.url ?? ''
}

function pullRequestUrl(context: WorkflowContext): string {
  const { github } = context
  const event = github.event
  if (github.event_name === 'pull_request' || github.event_name === 'pull_request_target') {
    return str(get(event, 'pull_request', 'html_url'))
  }
  if (github.event_name === 'workflow_run') {
    const pulls = get(event, 'workflow_run', 'pull_requests')
    const number = str(get(Array.isArray(pulls) ? pulls[0] : undefined, 'number'))
    if (/^\d+$/.test(number) && github.repository) {
      return `${github.server_url}/${github.repository}/pull/${number}`
    }
  }
  return ''
}

/** The commit the message is about, as the default message's Commit field names it. */
function commitUrl(context: WorkflowContext): string {
  const { github } = context
  const event = github.event
  const sha =
    str(get(event, 'workflow_run', 'head_sha')) ||
    str(get(event, 'deployment', 'sha')) ||
    str(get(event, 'pull_request', 'head', 'sha')) ||
    str(get(event, 'head_commit', 'id')) ||
    github.sha
  if (!/^[0-9a-f]{7,64}$/i.test(sha) || !github.repository) return ''
  return `${github.server_url}/${github.repository}/commit/${sha}`
}

/** Only http(s) URLs are buttons: no `javascript:`, `data:` or relative link, whoever wrote it. */
export function isHttpUrl(value: string): boolean {
  if (value.length > URL_LENGTH) return false
  try {
    const { protocol } = new URL(value)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * The `buttons` input: a YAML (or JSON) list of `{text, url}`. Strings are rendered only after
 * parsing, so an inserted value never changes the structure; `render(template, path)` renders one
 * as plain text. An entry that cannot be a button is reported through `mistake` and left out.
 */
export async function parseButtons(
  source: string,
  render: (template: string, path: string) => string,
  mistake: (message: string) => void
): Promise<Button[]> {
  const { parse } = await import('yaml')
  let parsed: unknown
  try {
    parsed = parse(source)
  } catch (error) {
    mistake(
      `buttons is not valid YAML: ${(error as Error).message.trimEnd()}; no button of yours is added`
    )
    return []
  }
  if (!Array.isArray(parsed)) {
    mistake('buttons must be a list of {text, url} (or none); no button of yours is added')
    return []
  }
  const buttons: Button[] = []
  for (const [index, item] of parsed.entries()) {
    const path = `buttons[${index}]`
    if (buttons.length === MAX_BUTTONS) {
      mistake(`buttons has more than ${MAX_BUTTONS} entries; the rest are left out`)
      break
    }
    const text = isObject(item) ? item.text : undefined
    const url = isObject(item) ? item.url : undefined
    if (typeof text !== 'string' || typeof url !== 'string') {
      mistake(`${path} must be {text, url} with two strings; it is left out`)
      continue
    }
    const label = Array.from(oneLine(render(text, `${path}.text`)))
      .slice(0, LABEL_LENGTH)
      .join('')
    const target = render(url, `${path}.url`).trim()
    if (label === '') {
      mistake(`${path}.text is empty; the button is left out`)
    } else if (!isHttpUrl(target)) {
      mistake(
        `${path}.url must be an http(s) URL, got ${JSON.stringify(target.slice(0, 100))}; the button is left out`
      )
    } else {
      buttons.push({ type: 'button', text: label, url: target })
    }
  }
  return buttons
}

/** The defaults with the input's buttons: one with a default's label takes its place, others follow. */
export function mergeButtons(defaults: Button[], given: Button[]): Button[] {
  const key = (button: Button) => button.text.trim().toLowerCase()
  const byLabel = new Map(given.map(button => [key(button), button]))
  const merged = defaults.map(button => byLabel.get(key(button)) ?? button)
  const replaced = new Set(defaults.map(key))
  return [...merged, ...given.filter(button => !replaced.has(key(button)))]
}
