import type { WorkflowContext } from './context.js'
import type { Message, Status } from '../rocketchat/types.js'
import { defaultMessage } from './defaults.js'

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
}

type Render = (template: string) => string

/**
 * The message of this run: templates rendered over the workflow context, or the status-aware
 * default when there is no body; mentions added only on the statuses that call for them.
 */
export async function composeNotification(
  input: NotificationInput,
  context: WorkflowContext,
  warn?: (message: string) => void
): Promise<Message> {
  const render = await rendererFor(input, context)
  let body: string
  let attachments: Record<string, unknown>[] | undefined
  if (input.body.trim() === '') {
    const fallback = defaultMessage(context, input.status)
    body = fallback.text
    attachments = [fallback.attachment]
  } else {
    body = render(input.body)
  }
  if (input.attachments.trim() !== '') {
    const { parseAttachments } = await import('./attachments.js')
    attachments = parseAttachments(input.attachments, render, warn)
  }
  if (input.mention.length > 0 && input.mentionOn.includes(input.status)) {
    const mentions = input.mention.map(name => (name.startsWith('@') ? name : `@${name}`))
    body = `${mentions.join(' ')} ${body}`
  }
  const message: Message = { title: render(input.title), body, status: input.status }
  if (attachments) message.attachments = attachments
  if (input.alias !== undefined) message.alias = render(input.alias)
  if (input.emoji !== undefined) message.emoji = input.emoji
  if (input.avatarUrl !== undefined) message.avatarUrl = render(input.avatarUrl)
  if (input.thread !== undefined) message.threadId = input.thread
  if (input.update !== undefined) message.updateId = input.update
  return message
}

/**
 * GitHub's expression library is loaded only when a template uses `${{ }}`: most runs do not,
 * and every cold start pays for what it loads.
 */
async function rendererFor(input: NotificationInput, context: WorkflowContext): Promise<Render> {
  const templates = [input.title, input.body, input.attachments, input.alias, input.avatarUrl]
  if (!templates.some(template => template?.includes('${{'))) return template => template
  const { renderTemplate } = await import('./render.js')
  return template => renderTemplate(template, context)
}
