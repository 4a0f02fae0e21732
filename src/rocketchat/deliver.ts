import { redact } from '../shared/redact.js'
import { composePosts, MAX_POSTS } from './message.js'
import { sendRest, type RestHooks } from './rest.js'
import { concurrencyLimit } from './concurrency.js'
import { Transport, type Sender, type TransportOptions } from './transport.js'
import { describeTarget } from './url/targets.js'
import type { Destination, Message, TargetOf, TargetResult } from './types.js'
import type { FileToSend } from './upload.js'
import { parseRocketUrls } from './url/index.js'
import { sendWebhook } from './webhook.js'

/** A deliver() with a Transport of its own and no signal ends by then: every wait has a bound. */
export const DEFAULT_DEADLINE_MS = 180_000

/** What to say; only the body is needed. */
export type MessageInput = Partial<Message> & Pick<Message, 'body'>

export interface DeliverOptions {
  /** Who sends: by default a Transport of its own, closed when done. */
  sender?: Sender
  /** Settings of that default Transport. */
  transport?: TransportOptions
  /** Ends every request and wait when it fires, e.g. `AbortSignal.timeout(60_000)`. */
  signal?: AbortSignal
  /** Without a signal, the time the whole delivery may take, in ms. Default 180 s. */
  deadlineMs?: number
  /** How many requests may be in flight at once across all destinations. */
  concurrency?: number
  /** The most posts a message makes per target; past it the rest is cut with a note. */
  maxPosts?: number
  hooks?: Partial<RestHooks>
  /** Files posted after the message in each room it reached (token and basic modes). */
  files?: readonly FileToSend[]
}

export const DEFAULT_CONCURRENCY = 4

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
  const { sender, transport, signal, deadlineMs } = options
  if (sender) return deliverWith(sender, destinations, whole, options)
  const own = new Transport({
    ...transport,
    signal: signal ?? transport?.signal ?? AbortSignal.timeout(deadlineMs ?? DEFAULT_DEADLINE_MS)
  })
  try {
    return await deliverWith(own, destinations, whole, options)
  } finally {
    await own.close()
  }
}

/**
 * Sends one message to every target of every destination, concurrently within a small bound, and
 * returns one result per target: destinations in the order given, each target once. A failure
 * never stops the others; a target the URL could not name is a failed result, never sent.
 */
async function deliverWith(
  sender: Sender,
  destinations: Destination[],
  message: Message,
  options: DeliverOptions
): Promise<TargetResult[]> {
  const limit = concurrencyLimit(options.concurrency ?? DEFAULT_CONCURRENCY)
  const hooks: RestHooks = {
    onSecret: options.hooks?.onSecret ?? (() => undefined),
    onWarning: options.hooks?.onWarning ?? (() => undefined)
  }
  const perDestination = await Promise.all(
    merged(destinations).map(async ({ destination, index }) => {
      const of = (target: string): TargetOf => ({
        destination: index,
        url: destination.masked,
        mode: destination.mode,
        target
      })
      const posts = composePosts(destination, message, options.maxPosts ?? MAX_POSTS)
      if (
        message.threadKey !== undefined &&
        message.threadKey.implicit !== true &&
        destination.mode === 'webhook'
      ) {
        hooks.onWarning(
          `thread-key needs token or basic mode (a webhook cannot choose message ids): ${destination.masked} posts outside any thread`
        )
      }
      const files = options.files ?? []
      if (destination.mode === 'webhook' && files.length > 0) {
        hooks.onWarning(
          `${destination.masked}: a webhook cannot upload files; the message goes without its ${files.length} file(s)`
        )
      }
      const sent =
        destination.mode === 'webhook'
          ? await sendWebhook(sender, destination, of, posts, message, limit)
          : await sendRest(sender, destination, of, posts, message, limit, hooks, files)
      const rejected = destination.rejectedTargets.map(({ target, reason }): TargetResult => ({
        ...of(target),
        outcome: 'failed',
        kind: 'invalid-target',
        error: reason
      }))
      return [...sent, ...rejected].map(result => finished(result, destination, sender))
    })
  )
  return perDestination.flat()
}

/**
 * Last line of defence: whatever a server or library said, no secret of the URL leaves in its
 * words. A sender with a plan (a dry run) sent nothing, so what would have been sent is `planned`.
 */
function finished(result: TargetResult, destination: Destination, sender: Sender): TargetResult {
  const safe = (text: string) => redact(text, destination.secrets)
  switch (result.outcome) {
    case 'failed':
      return { ...result, error: safe(result.error) }
    case 'unconfirmed':
      return sender.plan ? planned(result) : { ...result, reason: safe(result.reason) }
    case 'delivered':
    case 'updated':
      return sender.plan ? planned(result) : result
    case 'planned':
      return result
  }
}

function planned({ destination, url, mode, target, file }: TargetResult): TargetResult {
  return { destination, url, mode, target, ...(file ? { file } : {}), outcome: 'planned' }
}

/**
 * One destination per identity, the first one's place and URL kept, targets joined without
 * repeats: a URL written twice, or two URLs that differ only in how they are written, post once
 * per target. A webhook's own channel (no target) stays apart from the same hook with targets.
 */
function merged(destinations: Destination[]): { destination: Destination; index: number }[] {
  const byIdentity = new Map<string, { destination: Destination; index: number }>()
  for (const [index, destination] of destinations.entries()) {
    const key = `${destination.identity}|${destination.targets.length === 0 ? 'own' : 'targets'}`
    const seen = byIdentity.get(key)
    if (!seen) {
      byIdentity.set(key, { destination: distinctTargets(destination), index })
      continue
    }
    seen.destination = distinctTargets({
      ...seen.destination,
      targets: [...seen.destination.targets, ...destination.targets],
      rejectedTargets: [...seen.destination.rejectedTargets, ...destination.rejectedTargets],
      secrets: [...new Set([...seen.destination.secrets, ...destination.secrets])]
    })
  }
  return [...byIdentity.values()]
}

function distinctTargets(destination: Destination): Destination {
  const targets = new Map(destination.targets.map(target => [describeTarget(target), target]))
  const rejected = new Map(destination.rejectedTargets.map(r => [r.target, r]))
  return { ...destination, targets: [...targets.values()], rejectedTargets: [...rejected.values()] }
}
