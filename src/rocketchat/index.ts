/**
 * The Rocket.Chat library's front door: what an outside program needs to post a message from
 * Apprise-style URLs, and nothing of how it is done. Everything a caller should not have to know
 * has a default: the transport (timeouts, retries, user agent), the hooks, the post cap.
 *
 *     const results = await deliver('rocket://user:pass@chat.example.com/#builds', { body: 'Done' })
 */
import { deliver as deliverTo, type DeliverOptions as Options } from './deliver.js'
import { Transport, type Sender, type TransportOptions } from './transport.js'
import type { Destination, Message, TargetResult } from './types.js'
import { parseRocketUrls } from './url/index.js'

export { parseRocketUrl as parse, parseRocketUrls as parseAll } from './url/index.js'
export { composePosts as compose, MAX_POSTS, type Post } from './message.js'
export { DryRun, type PlannedRequest } from './dry-run.js'
export { threadRootId } from './thread-root.js'
export { RocketChatError, type FailureKind } from './errors.js'
export type { RestHooks as Hooks } from './rest.js'
export { attachmentFromBuffer, type Attachment } from './upload.js'
export {
  Transport,
  type ConnectionSettings,
  type HttpRequest,
  type HttpResponse,
  type ProxySettings,
  type Sender,
  type TransportOptions
} from './transport.js'
export type * from './types.js'

/** A deliver() with a Transport of its own and no signal ends by then: every wait has a bound. */
export const DEFAULT_DEADLINE_MS = 180_000

/** What to say; only the body is needed. */
export type MessageInput = Partial<Message> & Pick<Message, 'body'>

export interface DeliverOptions extends Omit<Options, 'sender'> {
  /** Who sends: by default a Transport of its own, closed when done. */
  sender?: Sender
  /** Settings of that default Transport. */
  transport?: TransportOptions
  /** Ends every request and wait when it fires, e.g. `AbortSignal.timeout(60_000)`. */
  signal?: AbortSignal
  /** Without a signal, the time the whole delivery may take, in ms. Default 180 s. */
  deadlineMs?: number
}

/**
 * Posts one message to every target of every destination (URLs, or destinations already parsed)
 * and returns one result per target. A failure of a target is a result, never a throw; a URL
 * that cannot be parsed throws a RocketChatError whose message shows no secret.
 */
export async function deliver(
  to: string | Destination[],
  message: MessageInput,
  options: DeliverOptions = {}
): Promise<TargetResult[]> {
  const destinations =
    typeof to === 'string' ? parseRocketUrls(to).map(parsed => parsed.destination) : to
  const whole: Message = { title: '', status: 'info', ...message }
  const { sender, transport, signal, deadlineMs, ...rest } = options
  if (sender) return deliverTo(destinations, whole, { ...rest, sender })
  const own = new Transport({
    ...transport,
    signal: signal ?? transport?.signal ?? AbortSignal.timeout(deadlineMs ?? DEFAULT_DEADLINE_MS)
  })
  try {
    return await deliverTo(destinations, whole, { ...rest, sender: own })
  } finally {
    await own.close()
  }
}
