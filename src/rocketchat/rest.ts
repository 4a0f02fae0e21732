import { randomInt } from 'node:crypto'
import { isObject } from '../shared/is-object.js'
import { readAnswer, storedMessage } from './answer.js'
import { errorMessage } from '../shared/error-message.js'
import { RocketChatError } from './errors.js'
import type { Post } from './message.js'
import type { ConcurrencyLimit } from './concurrency.js'
import {
  allFailed,
  failedBy,
  failureWords,
  inPart,
  mayHaveArrived,
  refusedBy
} from './target-outcomes.js'
import { postInPlace } from './in-place.js'
import { postInThread, type ThreadSession } from './thread-root.js'
import type { HttpResponse, Sender } from './transport.js'
import { describeTarget } from './url/targets.js'
import { uploadAfter, type FileToSend } from './upload.js'
import type {
  Destination,
  Message,
  Target,
  TargetOf,
  TargetOutcome,
  TargetResult,
  ThreadKey
} from './types.js'

export interface RestHooks {
  /** Called with the login token as soon as it is known, before anything could print it. */
  onSecret: (secret: string) => void
  onWarning: (message: string) => void
}

/** One destination's authenticated HTTP calls. */
interface Api {
  sender: Sender
  destination: Destination
  headers: Record<string, string>
}

/**
 * Token and basic modes. Each post goes through `chat.sendMessage` under a message id made here:
 * the server stores an id at most once (a repeat is refused and stores nothing), so a post whose
 * answer was lost may be sent again, and `chat.getMessage` on the id says whether it arrived, even
 * when the first request is still being processed when we ask. `chat.postMessage` takes no id:
 * after a lost answer only the room's history could be searched for this text, and a request the
 * server is still working on is not there yet, so a second send would make a second copy.
 * The price: `chat.sendMessage` wants a room id, so a `#channel` or `@user` target costs one
 * lookup first (`rooms.info`, `im.create`, both safe to repeat); a room id target stays at one
 * request per post. Two or more `#channel` targets are first looked up together, in the list of
 * the user's rooms (`subscriptions.get`), so a fan-out costs one lookup, not one per channel. Nobody is joined to a channel: the server lets a user post where it may read.
 * Basic mode logs in once for the destination and always logs out after a login.
 */
export async function sendRest(
  sender: Sender,
  destination: Destination,
  of: (target: string) => TargetOf,
  posts: Post[],
  message: Message,
  limit: ConcurrencyLimit,
  hooks: RestHooks,
  files: readonly FileToSend[] = []
): Promise<TargetResult[]> {
  // Only rejected targets: nothing to send, so no login either.
  if (destination.targets.length === 0) return []
  const targets = destination.targets.map(target => of(describeTarget(target)))
  let api: Api
  let loggedIn: boolean
  try {
    ;({ api, loggedIn } = await limit(() => openSession(sender, destination, hooks)))
  } catch (error) {
    return allFailed(targets, error)
  }
  try {
    // A reply or an edit lives in the parent's room, whatever targets the URL names: one result,
    // under the first target the user wrote.
    const first = targets[0] ?? of('(thread)')
    // Files follow their message: into the thread it is in (the parent's, the edited message's).
    if (message.updateId !== undefined) {
      const msgId = message.updateId
      const { outcome, threadId } = await limit(() => updateMessage(api, msgId, posts))
      return await uploadAfter(api, [{ ...first, ...outcome }], files, threadId, limit)
    }
    if (message.threadId !== undefined) {
      const parent = message.threadId
      const replied = [{ ...first, ...(await limit(() => replyInThread(api, parent, posts))) }]
      return await uploadAfter(api, replied, files, parent, limit)
    }
    const known = await knownChannels(api, destination.targets, limit)
    // A thread key is read only here: a reply or an edit has returned above.
    const inThread = message.threadKey && threadPoster(api, message.threadKey, hooks)
    const rooms = await Promise.all(
      destination.targets.map(target => limit(() => roomOrFailure(api, target, known)))
    )
    // Each room once: targets that name the same room (`#general` and its id `GENERAL`) share the
    // first one's post and files; each still has its result.
    const firstOfRoom = new Map<string, number>()
    for (const [i, room] of rooms.entries()) {
      if (typeof room === 'string' && !firstOfRoom.has(room)) firstOfRoom.set(room, i)
    }
    const outcomes = new Map<number, Promise<TargetOutcome>>()
    for (const [room, i] of firstOfRoom) {
      outcomes.set(
        i,
        limit(() => (inThread ? inThread(room, posts) : postAll(api, room, posts)))
      )
    }
    const perTarget = await Promise.all(
      rooms.map(async (room, i) => {
        const of = targets[i] as TargetOf
        const first = typeof room === 'string' ? (firstOfRoom.get(room) ?? i) : i
        const outcome =
          typeof room === 'string' ? await (outcomes.get(first) as Promise<TargetOutcome>) : room
        if (first !== i) return [{ ...of, ...outcome }]
        return uploadAfter(api, [{ ...of, ...outcome }], files, undefined, limit)
      })
    )
    return perTarget.flat()
  } finally {
    if (loggedIn) await logout(api, hooks)
  }
}

async function openSession(
  sender: Sender,
  destination: Destination,
  hooks: RestHooks
): Promise<{ api: Api; loggedIn: boolean }> {
  const user = destination.user ?? ''
  const password = destination.password ?? ''
  if (destination.mode === 'token') {
    const headers = { 'x-user-id': user, 'x-auth-token': password }
    return { api: { sender, destination, headers }, loggedIn: false }
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
      const headers = { 'x-user-id': userId, 'x-auth-token': authToken }
      return { api: { sender, destination, headers }, loggedIn: true }
    }
  }
  if (body.error === 'totp-required') {
    throw new RocketChatError(
      `login as ${user} needs a two-factor code (totp-required), which an action cannot type: ` +
        'use token mode with a personal access token instead (rocket://USER_ID:TOKEN@host/#channel?mode=token)',
      { kind: 'auth', status: response.status }
    )
  }
  const answer = readAnswer(response)
  const reason = answer.ok ? 'the server did not return a login token' : answer.error
  throw new RocketChatError(`login as ${user} failed: ${reason}`, {
    kind: answer.ok || answer.kind === 'rejected' ? 'auth' : answer.kind,
    status: response.status
  })
}

async function logout(api: Api, hooks: RestHooks): Promise<void> {
  const { masked } = api.destination
  try {
    const response = await call(api, 'POST', 'logout', undefined, true)
    // Any 2xx is a logout: 7.4+ servers answer with an empty body.
    if (response.status < 200 || response.status >= 300) {
      hooks.onWarning(`logout from ${masked} failed: HTTP ${response.status}`)
    }
  } catch (error) {
    hooks.onWarning(`logout from ${masked} failed: ${errorMessage(error)}`)
  }
}

/** The room id a target names, or why it has none. */
async function roomOrFailure(
  api: Api,
  target: Target,
  known: ReadonlyMap<string, string>
): Promise<string | TargetOutcome> {
  try {
    return (
      (target.kind === 'channel' ? known.get(target.name) : undefined) ??
      (await roomOf(api, target))
    )
  } catch (error) {
    return failedBy(error)
  }
}

type Poster = (roomId: string, posts: Post[]) => Promise<TargetOutcome>

/** Posts into the keyed thread of each room (thread-root.ts), through this session. */
function threadPoster(api: Api, thread: ThreadKey, hooks: RestHooks): Poster {
  const session: ThreadSession = {
    destination: api.destination,
    userId: api.headers['x-user-id'] ?? '',
    call: (method, path, body, replayable) => call(api, method, path, body, replayable),
    postAll: (roomId, posts) => postAll(api, roomId, posts),
    warn: hooks.onWarning,
    planning: api.sender.plan !== undefined
  }
  return (roomId, posts) =>
    thread.inPlace
      ? postInPlace(session, roomId, posts, thread, thread.inPlace)
      : postInThread(session, roomId, posts, thread)
}

/** Every post in order into one room; the first one's ids are the target's. */
async function postAll(api: Api, roomId: string, posts: Post[]): Promise<TargetOutcome> {
  let first: TargetOutcome | undefined
  for (const [index, post] of posts.entries()) {
    const outcome = await sendOnce(api, roomId, post)
    if (outcome.outcome !== 'delivered') return inPart(outcome, index, posts.length)
    first ??= outcome
  }
  return first ?? { outcome: 'delivered' }
}

/**
 * One post under an id of ours, stored at most once whatever happens to its answer. The request
 * is safe to repeat, so the transport may send it again after a lost answer; a repeat of a stored
 * id is refused (and stores nothing), so a refusal or a lost answer is settled by asking for the id.
 * A lost answer whose id the server does not have (yet) is sent once more under the same id before
 * giving up: the first request may still be on its way, and whichever arrives first is the only copy.
 * When even that is lost and not found, the message may still arrive: `unconfirmed`, as a webhook's.
 */
async function sendOnce(api: Api, roomId: string, post: Post): Promise<TargetOutcome> {
  const id = messageId()
  const first = await sendUnder(api, id, roomId, post)
  if (first.outcome !== 'lost-not-found') return first.outcome
  const again = await sendUnder(api, id, roomId, post)
  // The first request may still be on its way: only a message the server has settles it now.
  if (again.outcome !== 'lost-not-found' && again.found) return again.outcome
  const words = failureWords(again.outcome === 'lost-not-found' ? again.failure : again.outcome)
  return {
    outcome: 'unconfirmed',
    reason:
      `${failureWords(first.failure)}; sent again under the same id: ${words}; the server did not have it when asked: ` +
      'the message may have arrived, so it was not sent again'
  }
}

/**
 * What one send of the id came to: an outcome (`found`: the server has a message under the id,
 * ours or not), or a request that may have arrived whose id the server does not have (yet).
 */
type Sent =
  { outcome: TargetOutcome; found: boolean } | { outcome: 'lost-not-found'; failure: TargetOutcome }

/** One `chat.sendMessage` of the id, settled by `chat.getMessage` when refused or lost. */
async function sendUnder(api: Api, id: string, roomId: string, post: Post): Promise<Sent> {
  const { text, ...look } = post
  let failure: TargetOutcome
  let lost: boolean
  try {
    const response = await call(
      api,
      'POST',
      'chat.sendMessage',
      { message: { _id: id, rid: roomId, msg: text, ...look } },
      true
    )
    const answer = readAnswer(response)
    if (answer.ok) return { outcome: delivered(answer.body, id, roomId), found: true }
    // Even a 401 or a 429 may answer the transport's repeat of a post whose first answer was lost.
    failure = refusedBy(answer)
    lost = response.earlierMayHaveArrived === true
  } catch (error) {
    if (!mayHaveArrived(error)) return { outcome: failedBy(error), found: false }
    failure = failedBy(error)
    lost = true
  }
  let stored: StoredMessage | undefined
  try {
    stored = await findMessage(api, id)
  } catch (error) {
    if (!lost) return { outcome: failure, found: false }
    return {
      found: false,
      outcome: {
        outcome: 'unconfirmed',
        reason: `${failureWords(failure)}; asking whether it arrived failed too (${errorMessage(error)}): not sent again`
      }
    }
  }
  if (stored === undefined) {
    return lost ? { outcome: 'lost-not-found', failure } : { outcome: failure, found: false }
  }
  if (stored.roomId !== roomId || stored.authorId !== api.headers['x-user-id']) {
    return {
      found: true,
      outcome: {
        outcome: 'failed',
        kind: 'rejected',
        error:
          `the server answered for our message id with a message ${stored.roomId === roomId ? 'of another user' : 'in another room'}: ` +
          'not counted as delivered'
      }
    }
  }
  return { outcome: { outcome: 'delivered', messageId: id, roomId }, found: true }
}

function delivered(body: Record<string, unknown>, id: string, roomId: string): TargetOutcome {
  const stored = isObject(body.message) ? body.message : {}
  return {
    outcome: 'delivered',
    messageId: typeof stored._id === 'string' ? stored._id : id,
    roomId: typeof stored.rid === 'string' ? stored.rid : roomId
  }
}

/** Where a stored message is and who wrote it, as `chat.getMessage` says. */
interface StoredMessage {
  roomId: string
  authorId: string | undefined
  threadId?: string | undefined
}

/** A message by its id, or undefined when the server has no such message. */
async function findMessage(api: Api, msgId: string): Promise<StoredMessage | undefined> {
  const response = await call(api, 'GET', `chat.getMessage?msgId=${encodeURIComponent(msgId)}`)
  const answer = readAnswer(response)
  if (!answer.ok) {
    // `{success:false}` and nothing else is the server's "no such message".
    if (answer.status === 400) return undefined
    throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status })
  }
  const { roomId, authorId, threadId } = storedMessage(answer.body)
  return roomId === undefined ? undefined : { roomId, authorId, threadId }
}

/** The most subscriptions read from one answer: far more than a bot is in, and a bound on junk. */
const MAX_SUBSCRIPTIONS = 10_000

/**
 * The room ids of the destination's `#channel` targets that the user is in, in one request when
 * there are two or more (one is a single `rooms.info` either way). A name is matched exactly, as
 * `rooms.info?roomName=` matches it; a channel missing here (a public one the user may post to
 * without being in it, or any failure of this request) is looked up on its own afterwards.
 */
async function knownChannels(
  api: Api,
  targets: readonly Target[],
  limit: ConcurrencyLimit
): Promise<ReadonlyMap<string, string>> {
  const wanted = new Set(
    targets.flatMap(target => (target.kind === 'channel' ? [target.name] : []))
  )
  if (wanted.size < 2) return new Map()
  try {
    return await limit(() => subscribedRooms(api, wanted))
  } catch {
    return new Map()
  }
}

/**
 * Room ids by name from `subscriptions.get`. A direct room's subscription is named after the other
 * user, not the room, and `rooms.info` refuses an archived room: both are left to the fallback, as
 * is a name listed twice.
 */
async function subscribedRooms(api: Api, wanted: Set<string>): Promise<Map<string, string>> {
  const answer = readAnswer(await call(api, 'GET', 'subscriptions.get'))
  const list: unknown[] = answer.ok && Array.isArray(answer.body.update) ? answer.body.update : []
  const rooms = new Map<string, string>()
  const twice = new Set<string>()
  for (const entry of list.slice(0, MAX_SUBSCRIPTIONS)) {
    if (!isObject(entry)) continue
    const { rid, name, t, archived } = entry
    if (typeof rid !== 'string' || rid === '' || typeof name !== 'string') continue
    if (typeof t !== 'string' || t === 'd' || archived === true || !wanted.has(name)) continue
    if (rooms.has(name)) twice.add(name)
    rooms.set(name, rid)
  }
  for (const name of twice) rooms.delete(name)
  return rooms
}

/** The room id a target names: looked up for a channel name, the direct room for a user. */
async function roomOf(api: Api, target: Target): Promise<string> {
  if (target.kind === 'room') return target.id
  const response =
    target.kind === 'channel'
      ? await call(api, 'GET', `rooms.info?roomName=${encodeURIComponent(target.name)}`)
      : await call(api, 'POST', 'im.create', { username: target.name }, true)
  const answer = readAnswer(response)
  const room = answer.ok && isObject(answer.body.room) ? answer.body.room._id : undefined
  if (typeof room === 'string') return room
  if (!answer.ok && (answer.kind === 'auth' || answer.kind === 'rate-limit')) {
    throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status })
  }
  const what = `${target.kind === 'channel' ? 'channel' : 'user'} ${describeTarget(target)}`
  throw new RocketChatError(
    `${what} not found or not allowed: ${answer.ok ? 'no room in the answer' : answer.error}`,
    { kind: 'not-found', ...(answer.ok ? {} : { status: answer.status }) }
  )
}

async function replyInThread(api: Api, parentId: string, posts: Post[]): Promise<TargetOutcome> {
  try {
    return await postAll(api, await parentRoom(api, parentId), posts)
  } catch (error) {
    return failedBy(error)
  }
}

/** The edit, and the thread the edited message is a reply in (its files go there too). */
async function updateMessage(
  api: Api,
  msgId: string,
  posts: Post[]
): Promise<{ outcome: TargetOutcome; threadId?: string | undefined }> {
  try {
    const { roomId, threadId } = await parent(api, msgId)
    // An edit replaces the text only: servers refuse (7.x) or drop (8.x) attachments in chat.update.
    const text = posts.map(post => post.text).join('\n')
    const answer = readAnswer(await call(api, 'POST', 'chat.update', { roomId, msgId, text }, true))
    if (!answer.ok) return { outcome: refusedBy(answer) }
    return { outcome: { outcome: 'updated', messageId: msgId, roomId }, threadId }
  } catch (error) {
    return { outcome: failedBy(error) }
  }
}

/** Finds the room of a message: `tmid` and `chat.update` both need the room id, not a name. */
async function parentRoom(api: Api, msgId: string): Promise<string> {
  return (await parent(api, msgId)).roomId
}

async function parent(api: Api, msgId: string): Promise<StoredMessage> {
  const found = await findMessage(api, msgId)
  if (found !== undefined) return found
  throw new RocketChatError(`message ${msgId} not found`, { kind: 'not-found' })
}

function call(
  api: Api,
  method: 'GET' | 'POST',
  path: string,
  body?: Record<string, unknown>,
  replayable = method === 'GET'
): Promise<HttpResponse> {
  return api.sender.send(
    {
      method,
      url: `${api.destination.baseUrl}/api/v1/${path}`,
      headers: api.headers,
      ...(body === undefined ? {} : { body }),
      replayable
    },
    api.destination
  )
}

/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`). */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz'

/** A fresh 17-character message id, as the server would make one: ~99 bits of randomness. */
function messageId(): string {
  let id = ''
  for (let i = 0; i < 17; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)] ?? ''
  return id
}
