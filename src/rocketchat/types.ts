/** The shapes shared by the Rocket.Chat library: what a URL means and what a send produced. */

import type { FailureKind } from './errors.js'

export type Mode = 'webhook' | 'token' | 'basic'
export type Format = 'markdown' | 'text' | 'html'
export type Overflow = 'upstream' | 'truncate' | 'split'

/** Where one message goes inside a destination, in the order the user wrote it. */
export type Target =
  { kind: 'channel'; name: string } | { kind: 'room'; id: string } | { kind: 'user'; name: string }

/** One parsed `rocket://` URL: everything needed to send, secrets included. Never log it whole. */
export interface Destination {
  mode: Mode
  secure: boolean
  /** Hostname, lower-cased (IPv6 keeps its brackets). */
  host: string
  port: number | undefined
  /** `http(s)://host[:port]`, the port only when one other than the scheme's default was given. */
  baseUrl: string
  /** Basic: the login name. Token: the user id. Webhook: the optional display name. */
  user: string | undefined
  /** Basic: the password. Token: the personal access token. */
  password: string | undefined
  /** Webhook: `integrationId/token`, decoded. */
  webhook: string | undefined
  targets: Target[]
  /** Targets as written that cannot be a channel, user or room, with the reason: reported as failed, never sent. */
  rejectedTargets: { target: string; reason: string }[]
  avatar: boolean
  format: Format
  overflow: Overflow
  verify: boolean
  /** Seconds; undefined means the caller's default. */
  connectTimeout: number | undefined
  readTimeout: number | undefined
  /** Extra attempts for transient failures, from `retry=`. */
  retry: number | undefined
  /** Everything that decides how and as whom a post is made, targets excluded, defaults applied: equal for the same destination however it was written. */
  identity: string
  /** The URL rendered back with every secret replaced by `****`: safe for logs and outputs. */
  masked: string
  /** Every form of every secret in this URL (plain, percent-encoded, each webhook half). */
  secrets: string[]
}

export interface ParsedUrl {
  destination: Destination
  /** Non-fatal problems (unknown parameter, unknown option value): the default was used. */
  warnings: string[]
}

/** The job status that picks the look of a message. */
export type Status = 'success' | 'failure' | 'cancelled' | 'warning' | 'info'

/** What to say, independent of where it goes. */
export interface Message {
  title: string
  body: string
  status: Status
  /** Rocket.Chat attachments, passed through as given. */
  attachments?: Record<string, unknown>[]
  alias?: string
  emoji?: string
  avatarUrl?: string
  /** Reply in the thread of this message id. */
  threadId?: string
  /** Edit this message id instead of posting (token and basic modes). */
  updateId?: string
  /** One thread per subject across runs (token and basic modes; `threadId` wins when both are set). */
  threadKey?: ThreadKey
}

/** When a reply in a keyed thread is also shown in the channel (`tshow`). */
export type ThreadBroadcast = 'changed' | 'always' | 'never'

/**
 * A thread found or created by key: its root's id is derived from the key, the room and the URL's
 * credentials (thread-root.ts), and its root's text is `subject` then `state` on the last line.
 */
export interface ThreadKey {
  key: string
  /** What the thread is about (markdown, values inert). */
  subject: string
  /** Where it stands now: one line whose first word marks the status (an emoji). */
  state: string
  /** `changed`: only when the first word of the state differs from the root's before this run. */
  broadcast: ThreadBroadcast
  /**
   * Whether this state may replace the root's (given the root's text). A state older than the
   * root's (a deployment status arriving late) is still a reply, but neither updates the root nor
   * is shown in the channel. Without it, every run's state is the latest.
   */
  isNewerThan?: (rootText: string) => boolean
  /** Set by the event (a deployment), not by `thread-key`: a webhook posts plainly, unwarned. */
  implicit?: boolean
  /**
   * One message under the derived id, edited in place instead of replied to (a deploy job,
   * in-place.ts): its text made from the text it has, if it exists.
   */
  inPlace?: (previousText: string | undefined) => string
}

/** Where a result belongs: the same fields for every outcome. */
export interface TargetOf {
  /** Index of the destination in the list given to `deliver` (the first of equal ones). */
  destination: number
  /** Masked URL of the destination: safe for logs and outputs. */
  url: string
  mode: Mode
  /** The target as the user wrote it: `#chan`, `@user`, a room id, or `(webhook default)`. */
  target: string
  /** Set on the result of a file sent after the message: its name and size in bytes. */
  file?: { name: string; size?: number }
}

/**
 * What became of one target. `unconfirmed`: the request was sent and its answer lost, and either
 * the protocol has no way to ask (webhooks) or the server did not have the message yet when asked
 * (REST, after one more send under the same id): it may have arrived, so it was not sent again.
 */
export type TargetOutcome =
  | {
      outcome: 'delivered'
      messageId?: string
      roomId?: string
      threadId?: string
      fileId?: string
    }
  | { outcome: 'updated'; messageId: string; roomId: string }
  | { outcome: 'planned' }
  | { outcome: 'unconfirmed'; reason: string }
  | { outcome: 'failed'; kind: FailureKind; status?: number; error: string }

export type TargetResult = TargetOf & TargetOutcome
