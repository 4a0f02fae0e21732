import type { WorkflowContext } from './workflow-context.js'
import type { Message, Status, ThreadBroadcast } from '../rocketchat/index.js'
import { defaultButtons, mergeButtons, parseButtons } from './buttons.js'
import { addChange, defaultMessage, statusAttachment } from './defaults.js'
import type { MarkdownConverter, RenderOptions } from './render.js'
import { githubLinks, inertText, type GithubLinks } from './inert.js'
import { couldAct, pastedFinder, type PastedFinder, type PastedSpan } from './pasted.js'
import { addRunDetails } from './run-details-wording.js'
import { addTestResults } from './test-results-wording.js'
import { threadRootText } from './thread.js'
import { isNoVerdict } from '../run/conclusions.js'

/** What a notification is made of, as the step's inputs give it. */
export interface NotificationInput {
  title: string
  /** The body template; empty means the default message for the event and status. */
  body: string
  status: Status
  mention: string[]
  mentionOn: Status[]
  attachments: string
  thread: string | undefined
  update: string | undefined
  alias: string | undefined
  emoji: string | undefined
  avatarUrl: string | undefined
  /** Add the status-coloured attachment with the run link to a custom body. Default true. */
  statusAttachment?: boolean
  /** A template: one thread per rendered key across runs (token and basic modes). */
  threadKey?: string | undefined
  /** A template: the subject its root shows instead of the event's. */
  threadTitle?: string | undefined
  /** When a reply in that thread is also shown in the room. Default `changed`. */
  threadBroadcast?: ThreadBroadcast
  /**
   * The `buttons` input: a YAML list of `{text, url}` templates added to the default link buttons
   * (one with a default's label replaces it); false turns every button off (`buttons: none`).
   */
  buttons?: string | false
  /** `deploy`: the environment a deploy job deploys to, followed in one message (deployment.ts). */
  deploy?: string | undefined
  /** `environment-url`: the deployed environment's URL. */
  environmentUrl?: string | undefined
  /** `deploy-result` was given: the deploy's job has ended, with `status` as its result. */
  deployEnded?: boolean
  /** The body came from `body-file`: the one template that reads `env` (README, "Where env is read"). */
  bodyFromFile?: boolean
  /**
   * The text each `${{ }}` of the step's `with:` filled in, read from the workflow file
   * (src/template/workflow-source.ts); without it, event text is looked for in the inputs.
   */
  filledIn?: PastedFinder
  /** How many failures of `test-results` the default message lists. Default 5. */
  testFailuresShown?: number
}

/** What composing tells the run besides the message. */
export interface NotificationHooks {
  /** An attachment key Rocket.Chat does not know, and the like. */
  warn?: (message: string) => void
  /** Once per run: text the runner pasted in was found, and how to write it instead. */
  notice?: (message: string) => void
  /**
   * A mistake in a template (naming the input, the expression and where): the message is still
   * composed, the failing part shown as written or left out. Without it, a mistake throws.
   */
  error?: (message: string) => void
}

/** No body: the status-aware default message. Decided here only; the run's details ask too. */
export function isDefaultMessage(input: Pick<NotificationInput, 'body'>): boolean {
  return input.body.trim() === ''
}

/** Renders one template; `input` names it in errors, `as` says how values go in (RenderOptions). */
type Render = (template: string, input: string, as?: RenderOptions['as']) => string

/**
 * The message of this run: templates rendered over the workflow context, or the status-aware
 * default when there is no body; mentions added only on the statuses that call for them.
 */
export async function composeNotification(
  input: NotificationInput,
  context: WorkflowContext,
  hooks: NotificationHooks = {}
): Promise<Message> {
  // A deployment_status event is about the deployment: its state is the message's status. Only
  // those runs load its module.
  const deploys =
    context.github.event_name === 'deployment_status' || input.deploy !== undefined
      ? await import('./deployment.js')
      : undefined
  const deployment = deploys?.deploymentFromEvent(context)
  if (deploys && deployment) {
    context = { ...context, deployment }
    input = { ...input, status: deploys.deploymentStatus(deployment) }
  }
  const deployJob =
    deploys && !deployment && input.deploy !== undefined
      ? {
          environment: input.deploy,
          url: input.environmentUrl ?? '',
          result: input.deployEnded === true ? input.status : undefined
        }
      : undefined
  const followed = deploys && deployJob ? deploys.deployJobMessage(context, deployJob) : undefined
  if (deploys && deployJob) {
    context = { ...context, deployment: deploys.deploymentOfJob(context, deployJob) }
  }
  const templates = [
    input.title,
    input.body,
    input.attachments,
    input.alias,
    input.avatarUrl,
    input.threadKey,
    input.threadTitle,
    input.buttons || undefined
  ]
  const pasted = input.filledIn ?? pastedIn(templates, context)
  const markdown = await markdownFor(input, context, pasted)
  const render = await rendererFor(templates, input, context, { markdown, pasted, hooks })
  let body: string
  let attachments: Record<string, unknown>[] | undefined
  // The attachment that carries the link buttons: the status one, unless `attachments` replaces it.
  let statusCard: Record<string, unknown> | undefined
  if (isDefaultMessage(input) && followed) {
    body = followed.text(undefined)
    statusCard = followed.attachment
  } else if (isDefaultMessage(input) && deploys && deployment) {
    const fallback = deploys.deploymentMessage(context, deployment)
    body = fallback.text
    statusCard = fallback.attachment
  } else if (isDefaultMessage(input)) {
    let fallback = defaultMessage(context, input.status, markdown)
    if (context.run_details) fallback = addRunDetails(fallback, context.run_details, input.status)
    if (context.previous_run) fallback = addChange(fallback, context.previous_run, context)
    if (context.test_results) {
      fallback = addTestResults(fallback, context.test_results, input.testFailuresShown ?? 5)
    }
    body = fallback.text
    statusCard = fallback.attachment
  } else {
    body = render(input.body, 'body')
    // A custom body keeps what the default message says by its colour and link: the status.
    if (input.statusAttachment !== false) statusCard = statusAttachment(context, input.status)
  }
  if (statusCard) attachments = [statusCard]
  if (input.attachments.trim() !== '') {
    const { parseAttachments } = await import('./attachments.js')
    // A thrown error already names the attachment's path; a reported one is named by it.
    const name = (path: string): string => (hooks.error ? path : '')
    try {
      attachments = parseAttachments(
        input.attachments,
        (template, path) => render(template, name(path), isPlainKey(path) ? 'plain' : 'markdown'),
        hooks.warn
      )
    } catch (error) {
      // Attachments that cannot be read are left out; the message itself still goes.
      if (!hooks.error || !(error instanceof Error)) throw error
      hooks.error(`${error.message}; the message is sent without these attachments`)
    }
    statusCard = undefined
  }
  if (input.buttons !== false) {
    attachments = await withButtons(attachments, statusCard, input.buttons ?? '', context, {
      render,
      hooks
    })
  }
  // A run with no verdict (skipped, waiting for approval) calls for no one, whatever mention-on says.
  const calls = input.mentionOn.includes(input.status) && !isNoVerdict(context.job.conclusion)
  if (input.mention.length > 0 && calls) {
    const mentions = input.mention.map(name => (name.startsWith('@') ? name : `@${name}`))
    body = `${mentions.join(' ')} ${body}`
  }
  const message: Message = { title: render(input.title, 'title'), body, status: input.status }
  if (attachments) message.attachments = attachments
  if (input.alias !== undefined) message.alias = render(input.alias, 'alias', 'plain')
  if (input.emoji !== undefined) message.emoji = input.emoji
  if (input.avatarUrl !== undefined)
    message.avatarUrl = render(input.avatarUrl, 'avatar-url', 'plain')
  if (input.thread !== undefined) message.threadId = input.thread
  if (input.update !== undefined) message.updateId = input.update
  if (input.threadKey !== undefined) keyThread(message, input, context, render, hooks)
  else if (input.thread === undefined && input.update === undefined) {
    if (deploys && deployment) message.threadKey = deploys.deploymentThread(context, deployment)
    // A custom body is the deploy's text at every step; the default follows the deploy.
    if (followed) {
      message.threadKey = isDefaultMessage(input)
        ? followed.thread
        : { ...followed.thread, inPlace: () => body }
    }
  }
  return message
}

/**
 * The link buttons (buttons.ts): the defaults and the input's on the status attachment; without
 * one (a custom body with `status-attachment: false`, or `attachments`), the input's buttons come
 * in an attachment of their own and the defaults are left out with the status they go with.
 */
async function withButtons(
  attachments: Record<string, unknown>[] | undefined,
  statusCard: Record<string, unknown> | undefined,
  source: string,
  context: WorkflowContext,
  { render, hooks }: { render: Render; hooks: NotificationHooks }
): Promise<Record<string, unknown>[] | undefined> {
  const mistake = (text: string): void => {
    if (!hooks.error) throw new Error(text)
    hooks.error(text)
  }
  const given =
    source.trim() === ''
      ? []
      : await parseButtons(
          source,
          (template, path) => render(template, hooks.error ? path : '', 'plain'),
          mistake
        )
  if (statusCard) {
    const buttons = mergeButtons(defaultButtons(context), given)
    if (buttons.length > 0) statusCard.actions = buttons
    return attachments
  }
  if (given.length === 0) return attachments
  return [...(attachments ?? []), { actions: given }]
}

/**
 * The keyed thread of this message. A key that renders empty, or holds an expression that renders
 * empty or null (`pr-{{ github.event.pull_request.number }}` on a push renders `pr-`, one thread
 * for every push), is a mistake: the message goes outside any thread. A key that fails leaves it
 * outside too, and a failing title leaves the event's subject: the alert still goes. Keys are
 * compared in Unicode NFC, so `café` typed either way is one thread.
 */
function keyThread(
  message: Message,
  input: NotificationInput,
  context: WorkflowContext,
  render: Render,
  hooks: NotificationHooks
): void {
  const { warn } = hooks
  const mistake = hooks.error ?? warn
  const template = input.threadKey ?? ''
  let key: string
  let empty: string[]
  try {
    key = render(template, 'thread-key', 'plain').trim().normalize('NFC')
    empty = expressionsIn(template).filter(
      expression => render(expression, 'thread-key', 'plain').trim() === ''
    )
  } catch (error) {
    warn?.(`${(error as Error).message}; the message is posted outside any thread`)
    return
  }
  if (key === '') {
    mistake?.('thread-key rendered empty; the message is posted outside any thread')
    return
  }
  if (empty.length > 0) {
    mistake?.(
      `thread-key: ${empty.join(', ')} rendered empty, so the key ${JSON.stringify(key)} would ` +
        'put unrelated runs in one thread; the message is posted outside any thread'
    )
    return
  }
  let title: string | undefined
  try {
    if (input.threadTitle !== undefined) title = render(input.threadTitle, 'thread-title')
  } catch (error) {
    warn?.(`${(error as Error).message}; the thread's root shows the event instead`)
  }
  const root = threadRootText(context, input.status, title)
  message.threadKey = { key, ...root, broadcast: input.threadBroadcast ?? 'changed' }
}

/** The `{{ }}` and `${{ }}` spans of a template, found by one scan (linear: no regex). */
function expressionsIn(template: string): string[] {
  const found: string[] = []
  let at = template.indexOf('{{')
  while (at !== -1) {
    const end = template.indexOf('}}', at + 2)
    if (end === -1) break
    const start = at > 0 && template.charAt(at - 1) === '$' ? at - 1 : at
    found.push(template.slice(start, end + 2))
    at = template.indexOf('{{', end + 2)
  }
  return found
}

/**
 * Attachment keys Rocket.Chat shows as they are (titles, names) or that hold a URL, a colour or a
 * type: values go in as they are, only room-wide mentions defused. `text`, `pretext` and field
 * values are markdown: values go in as inert text.
 */
function isPlainKey(path: string): boolean {
  const name = path.replace(/\[\d+\]$/, '')
  let start = name.length
  while (start > 0 && /[A-Za-z_]/.test(name.charAt(start - 1))) start--
  const key = name.slice(start)
  return /(?:^|_)(?:url|link|icon|color|type|ts|dimensions|title|name)$/.test(key)
}
/**
 * GitHub's expression library is loaded only when a template uses `{{ }}` or `${{ }}`: most runs
 * do not, and every cold start pays for what it loads.
 */
async function rendererFor(
  templates: (string | undefined)[],
  input: NotificationInput,
  context: WorkflowContext,
  {
    markdown,
    pasted,
    hooks
  }: {
    markdown: MarkdownConverter | undefined
    pasted: PastedFinder | undefined
    hooks: NotificationHooks
  }
): Promise<Render> {
  if (!pasted && !templates.some(template => template?.includes('{{'))) return template => template
  const { renderTemplate } = await import('./render.js')
  const links = githubLinks(context)
  let noticed = false
  return (template, inputName, as) => {
    const options: RenderOptions = as === 'plain' ? { as } : {}
    if (inputName) options.input = inputName
    if (markdown) options.markdown = markdown
    if (hooks.error) options.onError = hooks.error
    if (hooks.warn) options.onWarning = hooks.warn
    // Only the body-file is read by the action alone; inline, env is the runner's (README).
    options.env = inputName === 'body' && input.bodyFromFile === true
    const spans = pasted?.spansIn(template) ?? []
    if (spans.length > 0) {
      options.pasted = spans
      // Said of the first filled-in text that would have acted: `${{ github.sha }}` never does.
      const acting = noticed ? undefined : spans.find(span => wouldAct(template, span, links))
      if (acting) {
        noticed = true
        hooks.notice?.(pastedNotice(inputName || 'attachments', acting))
      }
    }
    return renderTemplate(template, context, options)
  }
}

/**
 * Event text the runner pasted into the inputs (pasted.ts), looked for only when an input holds
 * something that could act: a plain send pays one regex test per input.
 */
function pastedIn(
  templates: (string | undefined)[],
  context: WorkflowContext
): PastedFinder | undefined {
  const texts = templates.filter((text): text is string => text !== undefined && text !== '')
  if (!texts.some(couldAct)) return undefined
  return pastedFinder(context.github.event, texts, githubLinks(context))
}

/** Whether text filled in at `span` would have acted, had it been taken for the author's. */
function wouldAct(template: string, { start, end }: PastedSpan, links: GithubLinks): boolean {
  const text = template.slice(start, end)
  return couldAct(text) && (text.includes('{{') || inertText(text, links) !== text)
}

/** The contexts the action itself reads in `{{ }}`, inline (not `env`: README, "Where env is read"). */
const ACTION_CONTEXT = /^(?:github|job|runner)\b/

function pastedNotice(input: string, { path, markdown, written }: PastedSpan): string {
  const filled = written ?? `\${{ ${path} }}`
  const said =
    `${input}: the runner filled in ${filled} before the action started; it is sent as ` +
    'text, never evaluated, and cannot mention anyone.'
  if (written !== undefined && !ACTION_CONTEXT.test(path)) {
    return (
      `${said} To keep it a value the action inserts, pass it to the step as env: ` +
      `(NAME: ${filled}) and write {{ env.NAME }} in a body-file, the one template that reads env.`
    )
  }
  const instead = markdown ? `{{ markdown(${path}) }}` : `{{ ${path} }}`
  return (
    `${said} Write ${instead} instead: the action then inserts it as a value, and nothing in it ` +
    'is mistaken for your own words.'
  )
}

/**
 * The GitHub markdown converter, loaded only when a template calls `markdown()`, the default
 * message announces a release with notes, or a markdown body was pasted in.
 */
async function markdownFor(
  input: NotificationInput,
  context: WorkflowContext,
  pasted: PastedFinder | undefined
): Promise<MarkdownConverter | undefined> {
  const templates = [input.title, input.body, input.attachments]
  const called = templates.some(template => /\bmarkdown\s*\(/i.test(template))
  const release = context.github.event.release
  const notes =
    isDefaultMessage(input) &&
    typeof release === 'object' &&
    release !== null &&
    typeof (release as Record<string, unknown>).body === 'string'
  if (!called && !notes && pasted?.markdown !== true) return undefined
  const { githubToRocketChat } = await import('./markdown.js')
  return githubToRocketChat
}
