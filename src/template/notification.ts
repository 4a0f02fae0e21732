import type { WorkflowContext } from './context.js'
import type { Message, Status } from '../rocketchat/types.js'
import { defaultMessage, statusAttachment } from './defaults.js'
import type { MarkdownConverter, RenderOptions } from './render.js'
import { addRunDetails } from './run-details.js'

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
}

/** Renders one template; `input` names it in errors, and a `plain:` prefix inserts values as they are. */
type Render = (template: string, input: string) => string

/**
 * The message of this run: templates rendered over the workflow context, or the status-aware
 * default when there is no body; mentions added only on the statuses that call for them.
 */
export async function composeNotification(
  input: NotificationInput,
  context: WorkflowContext,
  warn?: (message: string) => void
): Promise<Message> {
  const markdown = await markdownFor(input, context)
  const render = await rendererFor(input, context, markdown)
  let body: string
  let attachments: Record<string, unknown>[] | undefined
  if (input.body.trim() === '') {
    let fallback = defaultMessage(context, input.status, markdown)
    if (context.run_details) fallback = addRunDetails(fallback, context.run_details, input.status)
    body = fallback.text
    attachments = [fallback.attachment]
  } else {
    body = render(input.body, 'body')
    // A custom body keeps what the default message says by its colour and link: the status.
    if (input.statusAttachment !== false) attachments = [statusAttachment(context, input.status)]
  }
  if (input.attachments.trim() !== '') {
    const { parseAttachments } = await import('./attachments.js')
    // Errors already name the attachment's path: no input name besides.
    attachments = parseAttachments(
      input.attachments,
      (template, path) => render(template, isPlainKey(path) ? 'plain:' : ''),
      warn
    )
  }
  if (input.mention.length > 0 && input.mentionOn.includes(input.status)) {
    const mentions = input.mention.map(name => (name.startsWith('@') ? name : `@${name}`))
    body = `${mentions.join(' ')} ${body}`
  }
  const message: Message = { title: render(input.title, 'title'), body, status: input.status }
  if (attachments) message.attachments = attachments
  if (input.alias !== undefined) message.alias = render(input.alias, 'plain:alias')
  if (input.emoji !== undefined) message.emoji = input.emoji
  if (input.avatarUrl !== undefined) message.avatarUrl = render(input.avatarUrl, 'plain:avatar-url')
  if (input.thread !== undefined) message.threadId = input.thread
  if (input.update !== undefined) message.updateId = input.update
  return message
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
  input: NotificationInput,
  context: WorkflowContext,
  markdown: MarkdownConverter | undefined
): Promise<Render> {
  const templates = [input.title, input.body, input.attachments, input.alias, input.avatarUrl]
  if (!templates.some(template => template?.includes('{{'))) return template => template
  const { renderTemplate } = await import('./render.js')
  return (template, name) => {
    const plain = name.startsWith('plain:')
    const inputName = plain ? name.slice('plain:'.length) : name
    const options: RenderOptions = plain ? { as: 'plain' } : {}
    if (inputName) options.input = inputName
    if (markdown) options.markdown = markdown
    return renderTemplate(template, context, options)
  }
}

/**
 * The GitHub markdown converter, loaded only when a template calls `markdown()` or the default
 * message announces a release with notes.
 */
async function markdownFor(
  input: NotificationInput,
  context: WorkflowContext
): Promise<MarkdownConverter | undefined> {
  const templates = [input.title, input.body, input.attachments]
  const called = templates.some(template => /\bmarkdown\s*\(/i.test(template))
  const release = context.github.event.release
  const notes =
    input.body.trim() === '' &&
    typeof release === 'object' &&
    release !== null &&
    typeof (release as Record<string, unknown>).body === 'string'
  if (!called && !notes) return undefined
  const { githubToRocketChat } = await import('./markdown.js')
  return githubToRocketChat
}
