import type { PreviousRunValue, WorkflowContext } from './workflow-context.js'
import { isObject } from '../shared/is-object.js'
import type { Status } from '../rocketchat/index.js'
import type { Conclusion } from '../run/conclusions.js'
import { defuseRoomMentions, githubLinks, inertText } from './inert.js'
import type { MarkdownConverter } from './render.js'

export interface DefaultMessage {
  /** One line that reads well in a phone notification. */
  text: string
  attachment: Record<string, unknown>
}

interface Field {
  title: string
  value: string
  short: true
}

/** What the event adds to the line and the attachment. */
interface Scene {
  /** Follows `<workflow> <outcome> in <repository>`: ` on main: Fix the build`. */
  where: string
  /** Replaces the whole `<workflow> <outcome> in <repository><where>` part when the event says more. */
  headline?: string
  commit?: { sha: string; message: string }
  fields: Field[]
  /** Long GitHub markdown for the attachment (release notes) and where it can be read whole. */
  notes?: { text: string; url: string }
}

const LOOKS: Record<Status, { emoji: string; color: string; outcome: string }> = {
  success: { emoji: '✅', color: '#2eb886', outcome: 'succeeded' },
  failure: { emoji: '❌', color: '#d50200', outcome: 'failed' },
  cancelled: { emoji: '⚪', color: '#9e9e9e', outcome: 'was cancelled' },
  warning: { emoji: '⚠️', color: '#daa038', outcome: 'finished with warnings' },
  // An info message announces rather than reports: no outcome to tell.
  info: { emoji: 'ℹ️', color: '#439fe0', outcome: '' }
}

/**
 * What a conclusion says beyond its status (src/run/conclusions.ts): the run has no verdict, or
 * failed in its own way. The emoji and colour stay the status's.
 */
const CONCLUSION_OUTCOMES: Partial<Record<Conclusion, string>> = {
  timed_out: 'timed out',
  startup_failure: 'could not start',
  skipped: 'was skipped',
  neutral: 'finished with no verdict (neutral)',
  stale: 'went stale with no verdict',
  action_required: 'is waiting for approval'
}

/**
 * The emoji, colour and words of a status, as the default message says them; the conclusion the
 * status came from, if any (`job.conclusion`), words it.
 */
export function statusLook(
  status: Status,
  conclusion?: Conclusion
): { emoji: string; color: string; outcome: string } {
  const look = LOOKS[status]
  const outcome = conclusion === undefined ? undefined : CONCLUSION_OUTCOMES[conclusion]
  return outcome === undefined ? look : { ...look, outcome }
}

const TITLE_LENGTH = 120
const NOTES_LENGTH = 1500

/**
 * The message sent when the workflow gives no body: a line with the status, workflow, repository,
 * ref and a link to the run, and one attachment coloured by status with the details. Every value
 * from the run or its event is inserted as inert text (inert.ts); release notes are converted with
 * `markdown` when the caller loaded it.
 */
export function defaultMessage(
  context: WorkflowContext,
  status: Status,
  markdown?: MarkdownConverter
): DefaultMessage {
  const { github } = context
  const look = statusLook(status, context.job.conclusion)
  const t = inertTextFor(context)
  const run = subjectRun(context)
  const runUrl = run.url
  const scene = describeEvent(context, status)

  const headline =
    scene.headline ??
    `${[t(run.workflow), look.outcome].filter(Boolean).join(' ')} in ${t(github.repository) || 'this repository'}${scene.where}`
  const runLabel = run.number ? `run #${run.number}` : 'run'
  const text = `${look.emoji} ${headline}${runUrl ? ` · ${link(runUrl, runLabel)}` : ''}`
  const attachment = statusAttachment(context, status, scene)
  if (scene.notes) {
    attachment.text = markdown
      ? markdown(scene.notes.text, {
          fullText: scene.notes.url,
          links: githubLinks(context),
          limit: NOTES_LENGTH
        })
      : t(truncate(scene.notes.text, NOTES_LENGTH))
  }
  return { text, attachment }
}

/**
 * The attachment coloured by status, titled with the run and linked to it, with the commit, actor,
 * event and job: the default message has it, and a custom body gets it too (notification.ts).
 */
export function statusAttachment(
  context: WorkflowContext,
  status: Status,
  scene: Scene = describeEvent(context, status)
): Record<string, unknown> {
  const { github } = context
  const look = statusLook(status, context.job.conclusion)
  const t = inertTextFor(context)
  const run = subjectRun(context)
  const runUrl = run.url
  const commit = scene.commit ?? { sha: github.sha, message: '' }
  const fields = [
    field('Commit', commitValue(context, commit)),
    field('Actor', t(run.actor)),
    field('Event', t(run.event)),
    field('Job', t(run.job)),
    ...scene.fields
  ].filter(item => item.value !== '')

  // Rocket.Chat shows an attachment's title as it is, not as markdown.
  const runTitle = run.number ? `${run.workflow} #${run.number}` : run.workflow
  return {
    color: look.color,
    title: defuseRoomMentions([runTitle, look.outcome].filter(Boolean).join(' ')),
    ...(runUrl ? { title_link: runUrl } : {}),
    fields
  }
}

/**
 * `notify-when: changed`: the line says it broke or is fixed, and the attachment since when: the
 * last commit that passed, or the first failing run and how many failed.
 */
export function addChange(
  message: DefaultMessage,
  previous: PreviousRunValue,
  context: WorkflowContext
): DefaultMessage {
  if (previous.change === 'unchanged') return message
  const run = (number: number, url: string) =>
    url.startsWith(`${context.github.server_url}/`) ? link(url, `run #${number}`) : `run #${number}`
  const commit = (sha: string) => (sha ? ` (${commitValue(context, { sha, message: '' })})` : '')
  let said: string
  if (previous.change === 'broken') {
    said = `🔴 Broken: the last success was ${run(previous.number, previous.url)}${commit(previous.sha)}; it failed since.`
  } else {
    const count = `${previous.failed_runs}${previous.failed_runs_more ? '+' : ''}`
    const since = previous.broken_since
    said =
      `🟢 Fixed after ${count} failed run(s)` +
      (since ? `, broken since ${run(since.number, since.url)}${commit(since.sha)}` : '') +
      (previous.broken_for ? ` for ${previous.broken_for}` : '') +
      '.'
  }
  const attachment = { ...message.attachment }
  const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : []
  attachment.text = [said, ...before].join('\n')
  return { text: `${message.text} · ${previous.change}`, attachment }
}

/** The run a message is about, as its default words name it. */
export interface SubjectRun {
  workflow: string
  number: string
  url: string
  actor: string
  event: string
  /** The job sending the message; none when the message is about another workflow's run. */
  job: string
}

/**
 * This run, or on `workflow_run` the run that triggered it: the message reports on that one, with
 * its workflow, number, page, actor and event (the notifying workflow is only the messenger).
 */
export function subjectRun(context: WorkflowContext): SubjectRun {
  const { github } = context
  const event = github.event
  const triggering = github.event_name === 'workflow_run' ? get(event, 'workflow_run') : undefined
  const id = str(get(triggering, 'id'))
  if (/^\d+$/.test(id)) {
    return {
      workflow:
        oneLine(str(get(triggering, 'name'))) ||
        oneLine(str(get(event, 'workflow', 'name'))) ||
        'Workflow',
      number: str(get(triggering, 'run_number')),
      url: runLink(context, id, str(get(triggering, 'run_attempt'))),
      actor: str(get(triggering, 'actor', 'login')) || github.actor,
      event: str(get(triggering, 'event')),
      job: ''
    }
  }
  const action = str(event.action)
  return {
    workflow: oneLine(github.workflow) || 'Workflow',
    number: github.run_number,
    url: runLink(context, github.run_id, github.run_attempt),
    actor: github.actor || str(get(event, 'sender', 'login')),
    event: action ? `${github.event_name} (${action})` : github.event_name,
    job: github.job
  }
}

/** Makes a value from the run or its event inert text, linked to the run's own GitHub. */
export function inertTextFor(context: WorkflowContext): (value: string) => string {
  const links = githubLinks(context)
  return value => inertText(value, links)
}

/**
 * A link in the `<url|label>` form: its label is plain text, and a `[` in an event value before it
 * cannot stretch over it as over `[label](url)` (test/defaults.test.ts shows both).
 */
export function link(url: string, label: string): string {
  return `<${url}|${defuseRoomMentions(label.replace(/[<>|]/g, ''))}>`
}

function describeEvent(context: WorkflowContext, status: Status): Scene {
  const { github } = context
  const event = github.event
  switch (github.event_name) {
    case 'push':
      return isTag(context) ? tagScene(context) : pushScene(context)
    case 'create':
      return {
        where: ` on new ${inertTextFor(context)(`${str(event.ref_type) || github.ref_type} ${str(event.ref) || github.ref_name}`)}`,
        fields: []
      }
    case 'pull_request':
    case 'pull_request_target':
      return pullRequestScene(context)
    case 'release':
      return releaseScene(context, status)
    case 'workflow_dispatch':
      return dispatchScene(context)
    case 'schedule':
      return {
        where: `${onRef(context)}: scheduled run`,
        fields: [field('Schedule', code(str(event.schedule).replace(/`/g, "'")))]
      }
    case 'workflow_run':
      return workflowRunScene(context)
    default: {
      const action = str(event.action)
      const kind = inertTextFor(context)([github.event_name, action].filter(Boolean).join(' '))
      return { where: `${onRef(context)}${kind ? ` (${kind})` : ''}`, fields: [] }
    }
  }
}

function pushScene(context: WorkflowContext): Scene {
  const event = context.github.event
  const headCommit = get(event, 'head_commit')
  const message = firstLine(str(get(headCommit, 'message')))
  const compare = str(event.compare)
  const commits = Array.isArray(event.commits) ? event.commits.length : 0
  const changes = commits === 1 ? '1 commit' : `${commits} commits`
  return {
    where: `${onRef(context)}${message ? `: ${inertTextFor(context)(message)}` : ''}`,
    commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
    fields: [field('Changes', compare && commits > 0 ? link(compare, changes) : '')]
  }
}

function tagScene(context: WorkflowContext): Scene {
  const event = context.github.event
  const tag = context.github.ref.replace(/^refs\/tags\//, '')
  const headCommit = get(event, 'head_commit')
  const message = firstLine(str(get(headCommit, 'message')))
  const deleted = event.deleted === true
  const t = inertTextFor(context)
  return {
    where: ` on ${deleted ? 'deleted ' : ''}tag ${t(tag)}`,
    commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
    fields: [field('Tag', t(tag))]
  }
}

function pullRequestScene(context: WorkflowContext): Scene {
  const pr = get(context.github.event, 'pull_request')
  const number = str(get(pr, 'number'))
  const title = oneLine(str(get(pr, 'title')))
  const url = str(get(pr, 'html_url'))
  const label = `PR #${number}`
  const head = str(get(pr, 'head', 'label')) || str(get(pr, 'head', 'ref'))
  const base = str(get(pr, 'base', 'ref'))
  const t = inertTextFor(context)
  return {
    where: number ? ` for ${url ? link(url, label) : label}${title ? `: ${t(title)}` : ''}` : '',
    commit: { sha: str(get(pr, 'head', 'sha')) || context.github.sha, message: '' },
    fields: [field('Branches', head && base ? `${t(head)} → ${t(base)}` : '')]
  }
}

function releaseScene(context: WorkflowContext, status: Status): Scene {
  const { github } = context
  const release = get(github.event, 'release')
  const tag = str(get(release, 'tag_name')) || github.ref_name
  const name = oneLine(str(get(release, 'name')))
  const url = str(get(release, 'html_url'))
  const prerelease = get(release, 'prerelease') === true
  const t = inertTextFor(context)
  const linked = url ? link(url, tag) : t(tag)
  const named = name && name !== tag ? `: ${t(name)}` : ''
  const action = str(github.event.action)
  // A published release with a passing run is news in itself: say so first.
  const announced = ['published', 'released', 'prereleased'].includes(action)
  const headline =
    announced && (status === 'success' || status === 'info')
      ? `${prerelease ? 'Pre-released' : 'Released'} ${t(github.repository)} ${linked}${named}`
      : undefined
  return {
    where: ` for release ${linked}${named}`,
    ...(headline ? { headline } : {}),
    fields: [field('Release', linked), field('Pre-release', prerelease ? 'yes' : '')],
    notes: { text: str(get(release, 'body')).trim(), url }
  }
}

function dispatchScene(context: WorkflowContext): Scene {
  const { github } = context
  const by = github.triggering_actor || github.actor || str(get(github.event, 'sender', 'login'))
  const inputs = get(github.event, 'inputs')
  const pairs = isObject(inputs)
    ? Object.entries(inputs).map(([key, value]) => `${key}=${oneLine(scalar(value))}`)
    : []
  const t = inertTextFor(context)
  return {
    where: `${onRef(context)}: manually run${by ? ` by ${t(by)}` : ''}`,
    fields: [field('Inputs', t(truncate(pairs.join(', '), TITLE_LENGTH)))]
  }
}

/**
 * The triggering run's branch, commit and pull requests (subjectRun names its workflow). A run that
 * has no conclusion yet (requested, in progress) says so.
 */
function workflowRunScene(context: WorkflowContext): Scene {
  const { github } = context
  const run = get(github.event, 'workflow_run')
  const t = inertTextFor(context)
  const base = str(get(run, 'repository', 'full_name')) || github.repository
  const fork = forkLabel(str(get(run, 'head_repository', 'full_name')), base)
  const branch = fork + str(get(run, 'head_branch'))
  const message = firstLine(str(get(run, 'head_commit', 'message')))
  const conclusion = str(get(run, 'conclusion'))
  const action = str(github.event.action)
  const pulls = Array.isArray(get(run, 'pull_requests'))
    ? (get(run, 'pull_requests') as unknown[])
    : []
  const linkedPulls = pulls
    .slice(0, 3)
    .map(pull => str(get(pull, 'number')))
    .filter(number => /^\d+$/.test(number))
    .map(number => link(`${github.server_url}/${github.repository}/pull/${number}`, `#${number}`))
  return {
    where:
      `${branch ? ` on ${t(branch)}` : onRef(context)}${message ? `: ${t(message)}` : ''}` +
      (conclusion || !action ? '' : ` (${t(action)})`),
    commit: { sha: str(get(run, 'head_sha')) || github.sha, message },
    fields: [field('Pull request', linkedPulls.join(' ')), field('Conclusion', t(conclusion))]
  }
}

/**
 * `mallory:` before a branch of a fork (as GitHub labels a pull request's head), so that a fork's
 * `master` never reads as the repository's own; empty for the repository itself.
 */
export function forkLabel(headRepository: string, repository: string): string {
  const fork = headRepository !== '' && headRepository.toLowerCase() !== repository.toLowerCase()
  return fork ? `${headRepository.split('/')[0] ?? ''}:` : ''
}

function isTag(context: WorkflowContext): boolean {
  return context.github.ref_type === 'tag' || context.github.ref.startsWith('refs/tags/')
}

function onRef(context: WorkflowContext): string {
  const ref = context.github.ref_name || context.github.ref
  return ref ? ` on ${inertTextFor(context)(ref)}` : ''
}

/** A run's page; GitHub Enterprise works because the server comes from the context. */
function runLink(context: WorkflowContext, runId: string, runAttempt: string): string {
  const { server_url, repository } = context.github
  if (!repository || !runId) return ''
  const attempt = Number(runAttempt) > 1 ? `/attempts/${Number(runAttempt)}` : ''
  return `${server_url}/${repository}/actions/runs/${runId}${attempt}`
}

export function commitValue(
  context: WorkflowContext,
  commit: { sha: string; message: string }
): string {
  if (!commit.sha) return ''
  const { server_url, repository } = context.github
  const short = commit.sha.slice(0, 7)
  const linked = repository
    ? link(`${server_url}/${repository}/commit/${commit.sha}`, short)
    : short
  return commit.message ? `${linked} ${inertTextFor(context)(commit.message)}` : linked
}

function field(title: string, value: string): Field {
  return { title, value, short: true }
}

function code(value: string): string {
  return value ? `\`${value}\`` : ''
}

function firstLine(value: string): string {
  return truncate((value.split('\n')[0] ?? '').trim(), TITLE_LENGTH)
}

export function oneLine(value: string): string {
  return truncate(value.replace(/\s+/g, ' ').trim(), TITLE_LENGTH)
}

function truncate(value: string, length: number): string {
  const chars = Array.from(value)
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : value
}

export function get(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (!isObject(current)) return undefined
    current = current[key]
  }
  return current
}

/** Strings and numbers as text; anything else (null, missing, objects) as nothing. */
export function str(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
