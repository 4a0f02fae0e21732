import { isObject, readAnswer } from './answer.js'
import { errorMessage, RocketChatError } from './errors.js'
import type { Post } from './message.js'
import { describeTarget, pendingResult, settle, type Limit } from './targets.js'
import type { Sender } from './transport.js'
import { partOf } from './webhook.js'
import type { Destination, Message, Target, TargetResult } from './types.js'

export interface RestHooks {
  /** Called with the login token as soon as it is known, before anything could print it. */
  onSecret: (secret: string) => void
  onWarning: (message: string) => void
}

interface Session {
  headers: Record<string, string>
  /** Basic mode logs out what it logged in; token mode leaves the token alone. */
  loggedIn: boolean
}

/**
 * Token and basic modes: `chat.postMessage` per target with `X-User-Id`/`X-Auth-Token`. Basic mode
 * logs in once for every chunk and target of the destination, and always logs out after a login.
 */
export async function sendRest(
  sender: Sender,
  destination: Destination,
  posts: Post[],
  message: Message,
  limit: Limit,
  hooks: RestHooks
): Promise<TargetResult[]> {
  const results = destination.targets.map(target =>
    pendingResult(destination, describeTarget(target))
  )
  let session: Session
  try {
    session = await limit(() => openSession(sender, destination, hooks))
  } catch (error) {
    const reason = errorMessage(error)
    return results.map(result => ({ ...result, error: reason }))
  }
  try {
    const parent = message.threadId ?? message.updateId
    if (parent !== undefined) {
      // A reply or an edit lives in the parent's room, whatever targets the URL names.
      const first = results[0] ?? pendingResult(destination, '(thread)')
      await limit(() =>
        settle(first, () =>
          message.updateId !== undefined
            ? updateMessage(sender, destination, session, message.updateId, posts, first)
            : postToParentRoom(sender, destination, session, parent, posts, first)
        )
      )
      return [first]
    }
    await Promise.all(
      destination.targets.map((target, i) =>
        limit(() => {
          const result = results[i] as TargetResult
          return settle(result, () =>
            postAll(sender, destination, session, { target }, posts, result)
          )
        })
      )
    )
    return results
  } finally {
    if (session.loggedIn) await logout(sender, destination, session, hooks)
  }
}

async function openSession(
  sender: Sender,
  destination: Destination,
  hooks: RestHooks
): Promise<Session> {
  const user = destination.user ?? ''
  const password = destination.password ?? ''
  if (destination.mode === 'token') {
    return { headers: { 'x-user-id': user, 'x-auth-token': password }, loggedIn: false }
  }
  const response = await sender.send(
    {
      method: 'POST',
      url: `${destination.baseUrl}/api/v1/login`,
      body: { user, password },
      replayable: true
    },
    destination
  )
  const body = isObject(response.json) ? response.json : {}
  const data = isObject(body.data) ? body.data : {}
  if (response.status === 200 && body.status === 'success') {
    const userId = data.userId
    const authToken = data.authToken
    if (typeof userId === 'string' && typeof authToken === 'string') {
      hooks.onSecret(authToken)
      return { headers: { 'x-user-id': userId, 'x-auth-token': authToken }, loggedIn: true }
    }
  }
  if (body.error === 'totp-required') {
    throw new RocketChatError(
      `login as ${user} needs a two-factor code (totp-required), which an action cannot type: ` +
        'use token mode with a personal access token instead (rocket://USER_ID:TOKEN@host/#channel?mode=token)'
    )
  }
  const answer = readAnswer(response)
  const reason = answer.ok ? 'the server did not return a login token' : answer.error
  throw new RocketChatError(`login as ${user} failed: ${reason}`)
}

async function logout(
  sender: Sender,
  destination: Destination,
  session: Session,
  hooks: RestHooks
): Promise<void> {
  try {
    const response = await sender.send(
      {
        method: 'POST',
        url: `${destination.baseUrl}/api/v1/logout`,
        headers: session.headers,
        replayable: true
      },
      destination
    )
    // Any 2xx is a logout: 7.4+ servers answer with an empty body.
    if (response.status < 200 || response.status >= 300) {
      hooks.onWarning(`logout from ${destination.masked} failed: HTTP ${response.status}`)
    }
  } catch (error) {
    hooks.onWarning(`logout from ${destination.masked} failed: ${errorMessage(error)}`)
  }
}

type Where = { target: Target } | { roomId: string }

async function postAll(
  sender: Sender,
  destination: Destination,
  session: Session,
  where: Where,
  posts: Post[],
  result: TargetResult
): Promise<void> {
  for (const [index, post] of posts.entries()) {
    const response = await send(sender, destination, session, 'chat.postMessage', {
      ...targetKey(where),
      ...post
    })
    const answer = readAnswer(response)
    if (!answer.ok) {
      result.error = partOf(index, posts.length) + answer.error
      return
    }
    if (index === 0) Object.assign(result, messageIds(answer.body))
  }
  result.ok = true
}

async function postToParentRoom(
  sender: Sender,
  destination: Destination,
  session: Session,
  parentId: string,
  posts: Post[],
  result: TargetResult
): Promise<void> {
  const roomId = await parentRoom(sender, destination, session, parentId, result)
  if (roomId !== undefined) await postAll(sender, destination, session, { roomId }, posts, result)
}

async function updateMessage(
  sender: Sender,
  destination: Destination,
  session: Session,
  msgId: string,
  posts: Post[],
  result: TargetResult
): Promise<void> {
  const roomId = await parentRoom(sender, destination, session, msgId, result)
  if (roomId === undefined) return
  // An edit replaces the text only: servers refuse (7.x) or drop (8.x) attachments in chat.update.
  const text = posts.map(post => post.text).join('\n')
  const response = await send(
    sender,
    destination,
    session,
    'chat.update',
    { roomId, msgId, text },
    true
  )
  const answer = readAnswer(response)
  if (!answer.ok) {
    result.error = answer.error
    return
  }
  Object.assign(result, { ok: true, messageId: msgId, roomId })
}

/** Finds the room of a message: `tmid` and `chat.update` both need the room id, not a name. */
async function parentRoom(
  sender: Sender,
  destination: Destination,
  session: Session,
  msgId: string,
  result: TargetResult
): Promise<string | undefined> {
  const response = await sender.send(
    {
      method: 'GET',
      url: `${destination.baseUrl}/api/v1/chat.getMessage?msgId=${encodeURIComponent(msgId)}`,
      headers: session.headers,
      replayable: true
    },
    destination
  )
  const answer = readAnswer(response)
  const found = answer.ok && isObject(answer.body.message) ? answer.body.message.rid : undefined
  if (typeof found === 'string') {
    result.target = found
    return found
  }
  result.error = `message ${msgId} not found: ${answer.ok ? 'no room in the answer' : answer.error}`
  return undefined
}

function send(
  sender: Sender,
  destination: Destination,
  session: Session,
  method: string,
  body: Record<string, unknown>,
  replayable = false
) {
  return sender.send(
    {
      method: 'POST',
      url: `${destination.baseUrl}/api/v1/${method}`,
      headers: session.headers,
      body,
      replayable
    },
    destination
  )
}

/** `#channel` and `@user` go in `channel`; room ids in `roomId` (needed for threads too). */
function targetKey(where: Where): Record<string, string> {
  if ('roomId' in where) return { roomId: where.roomId }
  const { target } = where
  return target.kind === 'room' ? { roomId: target.id } : { channel: describeTarget(target) }
}

function messageIds(body: Record<string, unknown>): Pick<TargetResult, 'messageId' | 'roomId'> {
  const message = isObject(body.message) ? body.message : {}
  const ids: Pick<TargetResult, 'messageId' | 'roomId'> = {}
  if (typeof message._id === 'string') ids.messageId = message._id
  if (typeof message.rid === 'string') ids.roomId = message.rid
  return ids
}
