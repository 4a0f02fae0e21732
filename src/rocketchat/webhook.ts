import { readAnswer } from './answer.js'
import type { Post } from './message.js'
import type { ConcurrencyLimit } from './concurrency.js'
import { failedBy, failureWords, inPart, mayHaveArrived, refusedBy } from './target-outcomes.js'
import type { Sender } from './transport.js'
import { describeTarget } from './url/targets.js'
import type {
  Destination,
  Message,
  Target,
  TargetOf,
  TargetOutcome,
  TargetResult
} from './types.js'

/**
 * Incoming-webhook mode: one POST per target to `/hooks/<id>/<token>`, always with the `channel`
 * key (room ids raw), or one POST without it for the hook's own channel. The server answers
 * `{success:true}` with no message, so webhook results carry no message id, and a post whose
 * answer was lost cannot be looked up: it is not sent again and is reported `unconfirmed`.
 */
export async function sendWebhook(
  sender: Sender,
  destination: Destination,
  of: (target: string) => TargetOf,
  posts: Post[],
  message: Message,
  limit: ConcurrencyLimit
): Promise<TargetResult[]> {
  // No target means the hook's own channel, unless every target written was invalid: then none.
  const own = destination.rejectedTargets.length === 0 ? [undefined] : []
  const targets: (Target | undefined)[] = destination.targets.length > 0 ? destination.targets : own
  return Promise.all(
    targets.map(async target => ({
      ...of(target ? describeTarget(target) : '(webhook default)'),
      ...(await limit(() => postAll(sender, destination, target, posts, message)))
    }))
  )
}

async function postAll(
  sender: Sender,
  destination: Destination,
  target: Target | undefined,
  posts: Post[],
  message: Message
): Promise<TargetOutcome> {
  if (message.updateId !== undefined) {
    return {
      outcome: 'failed',
      kind: 'rejected',
      error:
        'webhook mode cannot edit a message (the server returns no message id): use token or basic mode for update'
    }
  }
  const url = `${destination.baseUrl}/hooks/${destination.webhook ?? ''}`
  for (const [index, post] of posts.entries()) {
    const body = target ? { ...post, channel: channelKey(target) } : post
    let outcome: TargetOutcome | undefined
    try {
      const answer = readAnswer(await sender.send({ method: 'POST', url, body }, destination))
      if (!answer.ok) outcome = refusedBy(answer)
    } catch (error) {
      outcome = mayHaveArrived(error)
        ? {
            outcome: 'unconfirmed',
            reason: `${failureWords(failedBy(error))}: the message may have arrived, so it was not sent again`
          }
        : failedBy(error)
    }
    if (outcome) return inPart(outcome, index, posts.length)
  }
  return { outcome: 'delivered' }
}

/** Webhooks take every target in `channel`: `#name`, `@user`, or a bare room id. */
function channelKey(target: Target): string {
  return target.kind === 'room' ? target.id : describeTarget(target)
}
