/**
 * One message kept up to date in place (a deploy job: "deploying", then its result): its id is
 * derived like a keyed thread's root (thread-root.ts), so every step and every re-run of the job
 * finds it, and none posts a second one. The first step creates it whole; later ones edit its
 * text (`chat.update` edits text, not attachments, so what changes lives in the text).
 */
import { readAnswer } from './answer.js'
import { errorMessage } from '../shared/error-message.js'
import type { Post } from './message.js'
import { lookUp, sendUnderId, threadRootId, type Root, type ThreadSession } from './thread-root.js'
import type { TargetOutcome, ThreadKey } from './types.js'

export async function postInPlace(
  session: ThreadSession,
  roomId: string,
  posts: Post[],
  thread: ThreadKey,
  textFrom: (previousText: string | undefined) => string
): Promise<TargetOutcome> {
  const { masked } = session.destination
  const outside = (why: string): Promise<TargetOutcome> => {
    session.warn(`deploy: ${why}; posted to room ${roomId} of ${masked} as a new message`)
    return session.postAll(
      roomId,
      posts.map(post => ({ ...post, text: textFrom(undefined) }))
    )
  }
  let messageId = ''
  let found: Root
  try {
    messageId = threadRootId(session.destination, roomId, thread.key)
    found = session.planning ? { found: 'none' } : await lookUp(session, messageId, roomId)
    if (found.found === 'none') {
      const made = await create(session, messageId, roomId, textFrom(undefined), posts[0])
      if (made === true) return { outcome: 'delivered', messageId, roomId }
      // A refusal or a lost answer: the message may be there (a racing step, a slow server).
      found = await lookUp(session, messageId, roomId)
      if (found.found === 'none') {
        return await outside(`creating message ${messageId} failed (${made})`)
      }
    }
  } catch (error) {
    return outside(`looking up message ${messageId} failed (${errorMessage(error)})`)
  }
  if (found.found === 'foreign') {
    return outside(`message ${messageId} is not this deploy's (${found.reason})`)
  }
  // A state older than the one shown (an earlier attempt's) leaves the message as it is.
  if (thread.isNewerThan?.(found.text) === false) return { outcome: 'delivered', messageId, roomId }
  const text = textFrom(found.text)
  try {
    const answer = readAnswer(
      await session.call('POST', 'chat.update', { roomId, msgId: messageId, text }, true)
    )
    if (!answer.ok) return { outcome: 'failed', kind: 'rejected', error: answer.error }
  } catch (error) {
    return { outcome: 'failed', kind: 'network', error: errorMessage(error) }
  }
  return { outcome: 'updated', messageId, roomId }
}

/** The message whole (text, attachments, look) under its derived id: true when stored. */
function create(
  session: ThreadSession,
  messageId: string,
  roomId: string,
  text: string,
  first: Post | undefined
): Promise<true | string> {
  return sendUnderId(session, messageId, roomId, text, first, [
    'alias',
    'emoji',
    'avatar',
    'attachments'
  ])
}
