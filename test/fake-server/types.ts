/** The public shapes of the fake Rocket.Chat server: its knobs, what it records, its helpers' inputs. */

/**
 * Which server generation to imitate (docs/rocketchat-server.md §1.4, §10).
 * - `8-typed`: typed `chat.postMessage` route: validation errors are
 *   `{success:false, errorType:'invalid-params', error}`, checked before the rate limit (not counted);
 *   all targets are validated before any is posted; webhooks check size and `message-impersonate`.
 * - `7.5-legacy`: `validateParams` routes: the error ends in ` [invalid-params]`, checked after the rate
 *   limit; several targets are posted one by one and can fail part-way.
 * - `6`: no schema at all (webhook keys such as `username` accepted, `[invalid-channel]` without a
 *   target), no size check, one by one; the 401 body is `{status, message}` only and the login
 *   success body has no `success: true`.
 */
export type ServerVersion = '8-typed' | '7.5-legacy' | '6'

/** `empty`: 7.4+ answers logout with 200 and no body; `legacy`: `{status, data:{message}}`. */
export type LogoutBody = 'empty' | 'legacy'

/** `500-text`: current servers (plain-text `Internal Server Error`); `404-json`: 6.x and older. */
export type BadWebhookToken = '500-text' | '404-json'

export type TwoFactorMethod = 'totp' | 'email'

export interface RateLimitSettings {
  /** `API_Enable_Rate_Limiter`; off is what a real server under TEST_MODE does. */
  enabled: boolean
  /** Calls allowed per window, per endpoint and method, per client IP (per URL for webhooks). */
  calls: number
  /** Fixed window length in milliseconds. */
  windowMs: number
  /**
   * How `X-RateLimit-Reset` is written: Rocket.Chat's epoch milliseconds (the default), or epoch
   * seconds as many other servers and proxies send it, for clients that must tell them apart.
   */
  resetUnit?: 'ms' | 's'
  /** The clock windows are counted by (epoch ms): a test shares its fake clock with the client. */
  now?: () => number
}

/** Knobs, readable and writable at runtime through `server.settings`. */
export interface FakeServerSettings {
  /** `Message_MaxAllowedSize`, in UTF-16 code units. */
  maxMessageSize: number
  rateLimit: RateLimitSettings
  version: ServerVersion
  logoutBody: LogoutBody
  badWebhookToken: BadWebhookToken
  /** Delay before answering every request (also faulted ones), for benchmarks. */
  latencyMs: number
  /** `Accounts_TwoFactorAuthentication_Enabled`: off skips every user's second factor. */
  twoFactor: boolean
  /** `Message_CustomFields_Enabled`: off answers `customFields` with "Custom fields not enabled". */
  customFieldsEnabled: boolean
  /**
   * `Threads_enabled`: off answers a `tmid` in chat.sendMessage and rooms.mediaConfirm with
   * `error-not-allowed`.
   */
  threadsEnabled: boolean
  /** `Message_AllowEditing`: off (or the edit window past) refuses every `chat.update`. */
  editsAllowed: boolean
  /**
   * How a refusal for lack of permission is answered: 8.x's 400 `error-not-allowed` /
   * `error-action-not-allowed`, or 9.0's 403 `error-forbidden` (rocketchat-server.md §16).
   */
  refusals: '8.x' | '9.0'
  /** `FileUpload_MaxFileSize` in bytes (default 100 MiB, as the server's); 0 or less: no limit. */
  maxFileSize: number
  /**
   * `FileUpload_Enabled`: off refuses every `rooms.media` with `error-file-upload-disabled`, on 8.x
   * and 9.0 alike (§16 changes only the not-allowed types).
   */
  uploadsEnabled: boolean
  /**
   * A file message's `file` (its first file) beside `files` (all of them). Off: the file is listed
   * only in `files`, as in a message that carries several, which a client looking for its upload
   * must read too.
   */
  fileField: boolean
}

export interface FakeServerOptions extends Partial<Omit<FakeServerSettings, 'rateLimit'>> {
  /** Serve HTTPS with test/fixtures/tls/server.pem (signed by ca.pem) instead of HTTP. */
  tls?: boolean
  rateLimit?: Partial<RateLimitSettings>
}

export interface UserRef {
  _id: string
  username: string
  name: string
}

/** A message as the fake stored it: what tests assert on. */
export interface StoredMessage {
  _id: string
  rid: string
  /** The room name; `@username` of the other party for a direct message (own name for a self-DM). */
  roomName: string
  msg: string
  alias: string
  emoji?: string
  avatar?: string
  attachments: unknown[]
  tmid?: string
  /** A thread reply also shown in the room. */
  tshow?: boolean
  /** On a thread's root: how many replies, the last one's time, and who replied (`reply()` of app/threads). */
  tcount?: number
  tlm?: Date
  replies?: string[]
  /** Set on webhook posts: the integration id. */
  bot?: { i: string }
  u: UserRef
  parseUrls: unknown
  groupable: unknown
  customFields?: Record<string, unknown>
  ts: Date
  _updatedAt: Date
  editedAt?: Date
  editedBy?: { _id: string; username: string }
  /** A file message (rooms.mediaConfirm): the upload it shows. */
  file?: { _id: string; name: string; type: string; size: number; format: string }
  files?: { _id: string; name: string; type: string; size: number; format: string }[]
}

/** A file stored by `rooms.media`: temporary (with `expiresAt`) until a confirm posts it. */
export interface StoredUpload {
  _id: string
  rid: string
  userId: string
  /** As the multipart part named it, decoded as UTF-8. */
  name: string
  type: string
  size: number
  bytes: Buffer
  expiresAt?: Date
  /** The other form fields sent with the file. */
  fields: Record<string, string>
}

/** One request as it arrived, before any fault or processing. */
export interface RecordedRequest {
  method: string
  /** The path without the query string, still percent-encoded. */
  path: string
  /** Path and query string exactly as sent. */
  url: string
  query: Record<string, string>
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>
  rawBody: string
  /** The body's bytes as they came (a multipart body is kept only here, not in `rawBody`). */
  bytes: Buffer
  /** The body parsed as the real router does (§1.3): invalid JSON is `{}`, forms are strings. */
  body: unknown
  /** Epoch ms when the request line arrived: benchmarks time a client's start with it. */
  receivedAt: number
}

export interface AddUserOptions {
  username: string
  password: string
  /** Default `['user']`. `bot`, `app` may impersonate and skip rate limits; `admin` too, and edits. */
  roles?: string[]
  name?: string
  email?: string
  twoFactor?: TwoFactorMethod
  /** The one code the second factor accepts (TOTP or emailed). Default `123456`. */
  twoFactorCode?: string
  id?: string
}

export interface AddRoomOptions {
  name: string
  /** `c` public channel, `p` private group. */
  type: 'c' | 'p'
  id?: string
  /** Usernames or user ids. */
  members?: string[]
  readonly?: boolean
}

export interface AddWebhookOptions {
  id?: string
  token?: string
  /** Default targets, as the admin UI stores them: `['#general', '@alice']`. */
  channel: string[]
  alias?: string
  avatar?: string
  emoji?: string
  enabled?: boolean
  overrideDestinationChannelEnabled?: boolean
  /** Username of the "Post as" user; it gets the `bot` role, as on a real server. */
  postAs: string
}

export interface WebhookRef {
  id: string
  token: string
  /** `/hooks/<id>/<token>`, to append to `server.url`. */
  path: string
}

/**
 * What an injected fault does instead of the normal answer. `reset`, `close`, `hang` and a status
 * replace the processing unless `processFirst` is set (then the message is stored and the answer
 * lost, as when a proxy or the network drops it); the others always process and spoil the answer.
 */
export type Fault =
  /** Destroy the connection with a TCP reset, no answer. */
  | 'reset'
  /** Close the connection cleanly (FIN) without an answer. */
  | 'close'
  /** Never answer (until `close()`). */
  | 'hang'
  /** Wait `delayMs`, then answer normally (the request is processed). */
  | 'slow-headers'
  /** The real answer's headers and the first half of its body, then a reset. */
  | 'cut-body'
  /** The real answer's headers, then its body one byte every `delayMs`. */
  | 'trickle'
  /** A 200 JSON answer whose body never ends (64 KiB chunks, at most 2 GiB). */
  | 'endless'
  /** An unasked-for `100 Continue`, then the real answer. */
  | 'continue'
  /** The real answer, gzip-encoded with `Content-Encoding: gzip`. */
  | 'gzip'
  | { status: number; body: string; contentType?: string; headers?: Record<string, string> }

export interface FaultOptions {
  /** Exact path (no query string), or a pattern tested against it. */
  path: string | RegExp
  /** Any method when absent. */
  method?: string
  /** How many matching requests get the fault. Default 1. */
  times?: number
  fault: Fault
  /** For `slow-headers` and `trickle`. Default 1000. */
  delayMs?: number
  /** For `slow-headers`: answer when this settles instead of after `delayMs` (no real wait). */
  until?: Promise<unknown>
  /** Process the request (store the message) before a `reset`, `close`, `hang` or status fault. */
  processFirst?: boolean
}
