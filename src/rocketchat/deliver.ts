import { redact } from './errors.js'
import { composePosts } from './message.js'
import { sendRest, type RestHooks } from './rest.js'
import { concurrencyLimit } from './targets.js'
import type { Sender } from './transport.js'
import type { Destination, Message, TargetResult } from './types.js'
import { sendWebhook } from './webhook.js'

export interface DeliverOptions {
  sender: Sender
  /** How many requests may be in flight at once across all destinations. */
  concurrency?: number
  hooks: RestHooks
}

export const DEFAULT_CONCURRENCY = 4

/**
 * Sends one message to every target of every destination, concurrently within a small bound, and
 * returns one result per target in the order the user gave them. A failure never stops the others.
 */
export async function deliver(
  destinations: Destination[],
  message: Message,
  options: DeliverOptions
): Promise<TargetResult[]> {
  const limit = concurrencyLimit(options.concurrency ?? DEFAULT_CONCURRENCY)
  const perDestination = await Promise.all(
    distinct(destinations).map(async destination => {
      const posts = composePosts(destination, message)
      const results =
        destination.mode === 'webhook'
          ? await sendWebhook(options.sender, destination, posts, message, limit)
          : await sendRest(options.sender, destination, posts, message, limit, options.hooks)
      // Last line of defence: whatever a server or library said, no secret leaves in an error.
      return results.map(result =>
        result.error === undefined
          ? result
          : { ...result, error: redact(result.error, destination.secrets) }
      )
    })
  )
  return perDestination.flat()
}

/** The same URL given twice must not post twice. */
function distinct(destinations: Destination[]): Destination[] {
  const seen = new Set<string>()
  return destinations.filter(destination => {
    const key = JSON.stringify([destination.masked, destination.secrets])
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
