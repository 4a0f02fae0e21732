/**
 * The Rocket.Chat library's front door: what an outside program needs to post a message from
 * Apprise-style URLs, and nothing of how it is done. Everything a caller should not have to know
 * has a default: the transport (timeouts, retries, user agent), the hooks, the post cap.
 *
 *     const results = await deliver('rocket://user:pass@chat.example.com/#builds', { body: 'Done' })
 */
export { deliver, DEFAULT_DEADLINE_MS, type DeliverOptions, type MessageInput } from './deliver.js'
export { parseRocketUrl as parse, parseRocketUrls as parseAll } from './url/index.js'
export { composePosts as compose, MAX_POSTS, type Post } from './message.js'
export { DryRun } from './dry-run.js'
export { threadRootId } from './thread-root.js'
export { RocketChatError, type FailureKind } from './errors.js'
export type { RestHooks as Hooks } from './rest.js'
export { fileFromBuffer, type FileToSend } from './upload.js'
export {
  DEFAULT_USER_AGENT,
  Transport,
  type Clock,
  type ConnectionSettings,
  type HttpRequest,
  type HttpResponse,
  type PlannedRequest,
  type ProxySettings,
  type Sender,
  type TransportOptions
} from './transport.js'
/**
 * The HTTP layer the transport is built on, for a caller that reads another API through the same
 * proxy rules and bounds (the GitHub reads): the dispatcher, one bounded exchange, the proxy check.
 */
export { createDispatcher } from './transport/dispatcher.js'
export { AttemptFailure, exchange, type RawAnswer } from './transport/exchange.js'
export { checkProxySettings, proxyFor } from './transport/no-proxy.js'
export type * from './types.js'
