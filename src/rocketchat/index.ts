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
export type * from './types.js'
