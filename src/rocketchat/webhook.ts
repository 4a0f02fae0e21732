import { readAnswer } from './answer.js'
import type { Post } from './message.js'
import { describeTarget, pendingResult, settle, type Limit } from './targets.js'
import type { Sender } from './transport.js'
import type { Destination, Message, Target, TargetResult } from './types.js'

/**
 * Incoming-webhook mode: one POST per target to `/hooks/<id>/<token>`, always with the `channel`
 * key (room ids raw), or one POST without it for the hook's own channel. The server answers
 * `{success:true}` with no message, so webhook results carry no message id.
 */
export async function sendWebhook(
  sender: Sender,
  destination: Destination,
  posts: Post[],
  message: Message,
  limit: Limit
): Promise<TargetResult[]> {
  const url = `${destination.baseUrl}/hooks/${destination.webhook ?? ''}`
  const targets: (Target | undefined)[] =
    destination.targets.length > 0 ? destination.targets : [undefined]
  return Promise.all(
    targets.map(target =>
      limit(async () => {
        const result = pendingResult(
          destination,
          target ? describeTarget(target) : '(webhook default)'
        )
        if (message.updateId !== undefined) {
          result.error =
            'webhook mode cannot edit a message (the server returns no message id): use token or basic mode for update'
          return result
        }
        await settle(result, async () => {
          for (const [index, post] of posts.entries()) {
            const body = target ? { ...post, channel: channelKey(target) } : post
            const response = await sender.send({ method: 'POST', url, body }, destination)
            const answer = readAnswer(response)
            if (!answer.ok) {
              result.error = partOf(index, posts.length) + answer.error
              return
            }
          }
          result.ok = true
        })
        return result
      })
    )
  )
}

/** Webhooks take every target in `channel`: `#name`, `@user`, or a bare room id. */
function channelKey(target: Target): string {
  return target.kind === 'room' ? target.id : describeTarget(target)
}

export function partOf(index: number, count: number): string {
  return count > 1 ? `part ${index + 1} of ${count}: ` : ''
}
