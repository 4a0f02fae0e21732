/**
 * One thread per subject across runs, with nothing stored: the root's message id is derived from
 * the thread's key and the room, so every run finds the same root (or creates it under that id:
 * the server stores an id once). A root id is seen by everyone in the room, so it is derived from
 * nothing a guess could be tested against: in token mode it is keyed by the personal access token
 * (high entropy: nobody without the URL can predict or plant it, and rotating the token starts new
 * threads); in basic mode by public data only (server, user, room, key), so it tells nothing of
 * the password, and a message someone else planted under it is never used (`lookUp`).
 */
import { createHmac } from 'node:crypto'
import { isObject } from '../shared/is-object.js'
import { isNotAllowed, readAnswer, storedMessage } from './answer.js'
import { errorMessage } from '../shared/error-message.js'
import { MAX_MESSAGE_SIZE, type Post } from './message.js'
import { mayHaveArrived } from './target-outcomes.js'
import type { HttpResponse } from './transport.js'
import type { Destination, ThreadKey, TargetOutcome } from './types.js'

/** What the thread protocol needs of rest.ts's session in one destination. */
export interface ThreadSession {
  destination: Destination
  /** The id of the user the session posts as: a root by anyone else is never used. */
  userId: string
  call(
    method: 'GET' | 'POST',
    path: string,
    body?: Record<string, unknown>,
    replayable?: boolean
  ): Promise<HttpResponse>
  /** Posts in order into a room, each exactly once (rest.ts). */
  postAll(roomId: string, posts: Post[]): Promise<TargetOutcome>
  warn(message: string): void
  /** A dry run: nothing can be looked up, so the plan shows a first run (root, then reply). */
  planning: boolean
}

/** The alphabet of Rocket.Chat's own message ids (Meteor's `Random.id()`), 17 characters long. */
const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz'
const ID_LENGTH = 17
/** The most of an existing root's text read for its status mark: far more than we write. */
const MAX_ROOT_TEXT = 10_000

/** `Threads_enabled` off: the server's refusal of a `tmid` (8.x or 9.0), on a reply's first post. */
const threadsOff = (error: string): boolean => isNotAllowed(error.replace(/^part 1 of \d+: /, ''))

/**
 * The HMAC key of a destination's root ids. Token mode: the token, which only the URL's holders
 * know. Basic mode: public data only; a login password may be weak, and any function of it seen
 * by the room would let anyone test guesses offline, however slowly it was stretched.
 */
function keyOf(destination: Destination): string {
  const user = destination.user ?? ''
  if (destination.mode === 'token') return `token\0${user}\0${destination.password ?? ''}`
  const server = destination.baseUrl.replace(/^https?:\/\//, '')
  return `${destination.mode}\0${server}\0${user}`
}

/**
 * The root's id for a key in a room: HMAC-SHA256 (keyOf) of `["thread-root",roomId,key]` as
 * compact JSON, its digest read as a big-endian number and written least significant digit first
 * as 17 characters of Rocket.Chat's id alphabet (about 98 bits). docs/thread-roots.md has vectors.
 */
export function threadRootId(destination: Destination, roomId: string, key: string): string {
  const digest = createHmac('sha256', keyOf(destination))
    .update(JSON.stringify(['thread-root', roomId, key]))
    .digest('hex')
  let n = BigInt(`0x${digest}`)
  const base = BigInt(ID_ALPHABET.length)
  let id = ''
  for (let i = 0; i < ID_LENGTH; i++) {
    id += ID_ALPHABET[Number(n % base)] ?? ''
    n /= base
  }
  return id
}

/** What a look-up of the root's id found. */
export type Root =
  { found: 'ours'; text: string } | { found: 'none' } | { found: 'foreign'; reason: string }

/**
 * The notification as a reply in the keyed thread of a room: the root is looked up (one request),
 * created on the first run, and updated after the reply to show the latest state (one request).
 * Whatever goes wrong with the thread, the notification is still posted, outside it, with a warning.
 */
export async function postInThread(
  session: ThreadSession,
  roomId: string,
  posts: Post[],
  thread: ThreadKey
): Promise<TargetOutcome> {
  const { masked } = session.destination
  const outside = (why: string): Promise<TargetOutcome> => {
    session.warn(`thread-key: ${why}; posted to room ${roomId} of ${masked} outside any thread`)
    return session.postAll(roomId, posts)
  }
  let rootId: string
  let root: Root
  try {
    rootId = threadRootId(session.destination, roomId, thread.key)
    root = session.planning ? { found: 'none' } : await lookUp(session, rootId, roomId)
  } catch (error) {
    return outside(`looking up the thread's root failed (${errorMessage(error)})`)
  }
  const text = `${thread.subject}\n${thread.state}`
  let created = false
  if (root.found === 'none') {
    const made = await createRoot(session, rootId, roomId, text, posts[0])
    if (made === true) created = true
    else {
      try {
        root = await lookUp(session, rootId, roomId)
      } catch (error) {
        return outside(`creating the thread's root failed (${made}; ${errorMessage(error)})`)
      }
      if (root.found === 'none') return outside(`creating the thread's root failed (${made})`)
    }
  }
  if (root.found === 'foreign') {
    return outside(`message ${rootId} is not this thread's root (${root.reason})`)
  }
  const rootText = root.found === 'ours' ? root.text : undefined
  let previous = rootText
  // A state older than the root's replies without taking the root back (types.ts, isNewerThan);
  // so does a run older than the one the root names (finished late, or an earlier attempt).
  let stale = previous !== undefined && isStale(thread, previous)
  // The root is brought to this state before the reply, so that a refusal is known in time for
  // the reply to say so and for "changed" to be judged against the state the thread last showed.
  // A root just created already says where the thread stands.
  const edit = created || stale ? 'none' : await updateRoot(session, rootId, roomId, text)
  let noted = false
  if (edit === 'refused') {
    const latest = await lastNotedState(session, rootId)
    if (latest !== undefined) {
      previous = latest
      stale = isStale(thread, latest)
    }
    noted = !stale
  }
  const tshow = !stale && broadcast(thread, previous)
  const said = noted ? withNote(posts, `${thread.state}${ROOT_NOT_UPDATED}`) : posts
  const replies = said.map(post => ({ ...post, tmid: rootId, ...(tshow ? { tshow } : {}) }))
  const outcome = await session.postAll(roomId, replies)
  // Nothing was stored: the root goes back to the state the thread has heard of.
  if (nothingStored(outcome) && edit === 'updated' && rootText !== undefined) {
    await updateRoot(session, rootId, roomId, rootText)
  }
  // A server with threads off refuses the first reply, and nothing was stored: post without one.
  if (outcome.outcome === 'failed' && threadsOff(outcome.error)) {
    return outside(`the server refused a reply in thread ${rootId} (${outcome.error})`)
  }
  if (outcome.outcome !== 'delivered') return outcome
  return { ...outcome, threadId: rootId }
}

/** A failure of the reply's first part: none of it is in the thread. */
function nothingStored(outcome: TargetOutcome): boolean {
  return outcome.outcome === 'failed' && /^(?!part )|^part 1 of /.test(outcome.error)
}

/** This state may not take over from `shown`: older by its own order, or an older run. */
function isStale(thread: ThreadKey, shown: string): boolean {
  return thread.isNewerThan?.(shown) === false || isOlderRun(thread.state, shown)
}

/**
 * Ends the state line a reply carries when the root could not be brought to it (edits refused,
 * `Message_AllowEditing` off or its time limit past): the reply says so, and the next run finds
 * the thread's latest state there.
 */
export const ROOT_NOT_UPDATED = " · the thread's root could not be updated"

/** How many of the thread's newest messages are read for the latest noted state: one small page. */
const THREAD_PAGE = 10

/** The posts with the state line (and its note) last, in the last post if it fits there. */
function withNote(posts: Post[], line: string): Post[] {
  const last = posts.at(-1)
  if (last === undefined) return [{ text: line }]
  if (last.text.length + 1 + line.length > MAX_MESSAGE_SIZE) {
    const note: Post = { text: line }
    for (const key of ['alias', 'emoji', 'avatar'] as const) {
      if (last[key] !== undefined) note[key] = last[key]
    }
    return [...posts, note]
  }
  const text = last.text === '' ? line : `${last.text}\n${line}`
  return [...posts.slice(0, -1), { ...last, text }]
}

/**
 * The state line of the newest message of this user in the thread that carries one with the
 * note (a run whose root edit was refused wrote it): one page of the thread, newest first.
 * Undefined when none does (the root was current until this run) or the thread cannot be read.
 */
async function lastNotedState(session: ThreadSession, rootId: string): Promise<string | undefined> {
  const query = new URLSearchParams({
    tmid: rootId,
    count: String(THREAD_PAGE),
    sort: JSON.stringify({ ts: -1 })
  })
  let answer
  try {
    answer = readAnswer(await session.call('GET', `chat.getThreadMessages?${query.toString()}`))
  } catch (error) {
    session.warn(`thread-key: reading thread ${rootId} failed: ${errorMessage(error)}`)
    return undefined
  }
  if (!answer.ok) {
    session.warn(`thread-key: reading thread ${rootId} failed: ${answer.error}`)
    return undefined
  }
  const page = Array.isArray(answer.body.messages) ? answer.body.messages.slice(0, THREAD_PAGE) : []
  // The server's order is not trusted: newest first by the time each message says it was sent.
  const messages = page
    .filter(isObject)
    .map(message => ({ message, at: Date.parse(String(message.ts)) || 0 }))
    .sort((a, b) => b.at - a.at)
  for (const { message } of messages) {
    const { authorId, text } = storedMessage({ message })
    if (authorId !== session.userId) continue
    const tail = text.slice(-MAX_ROOT_TEXT)
    const line = tail.slice(tail.lastIndexOf('\n') + 1)
    if (line.endsWith(ROOT_NOT_UPDATED)) return line.slice(0, -ROOT_NOT_UPDATED.length)
  }
  return undefined
}

/**
 * The message under the root's id, and whether it may be used: only a message of this user in
 * this room is a root. `{success:false}` and nothing else is the server's "no such message"; a
 * refusal with words (`error-not-allowed`: a room this user cannot read) means it exists elsewhere.
 */
export async function lookUp(
  session: ThreadSession,
  rootId: string,
  roomId: string
): Promise<Root> {
  const response = await session.call('GET', `chat.getMessage?msgId=${encodeURIComponent(rootId)}`)
  const answer = readAnswer(response)
  if (!answer.ok) {
    const body = isObject(response.json) ? response.json : {}
    if (answer.status === 400 && body.error === undefined) return { found: 'none' }
    if (answer.status === 400 || isNotAllowed(answer.error)) {
      return { found: 'foreign', reason: answer.error }
    }
    throw new Error(answer.error)
  }
  const message = storedMessage(answer.body)
  if (message.roomId !== roomId) return { found: 'foreign', reason: 'it is in another room' }
  if (message.authorId !== session.userId) {
    return { found: 'foreign', reason: 'another user posted it' }
  }
  return { found: 'ours', text: message.text.slice(-MAX_ROOT_TEXT) }
}

/**
 * The root under its id, with the look of the notification. True when stored; otherwise why not,
 * to be settled by a look-up: a refusal is also what a run that lost the race gets.
 */
function createRoot(
  session: ThreadSession,
  rootId: string,
  roomId: string,
  text: string,
  first: Post | undefined
): Promise<true | string> {
  return sendUnderId(session, rootId, roomId, text, first, ['alias', 'emoji', 'avatar'])
}

/**
 * A message under an id of ours, with `keys` of the notification's first post. True when stored;
 * otherwise why not (a lost answer said so, for the caller's look-up to settle).
 */
export async function sendUnderId(
  session: ThreadSession,
  id: string,
  roomId: string,
  text: string,
  first: Post | undefined,
  keys: readonly ('alias' | 'emoji' | 'avatar' | 'attachments')[]
): Promise<true | string> {
  const fields: Record<string, unknown> = {}
  for (const key of keys) {
    if (first?.[key] !== undefined) fields[key] = first[key]
  }
  try {
    const answer = readAnswer(
      await session.call(
        'POST',
        'chat.sendMessage',
        { message: { _id: id, rid: roomId, msg: text, ...fields } },
        true
      )
    )
    return answer.ok ? true : answer.error
  } catch (error) {
    return mayHaveArrived(error)
      ? `its answer was lost: ${errorMessage(error)}`
      : errorMessage(error)
  }
}

/**
 * The root now says where the thread stands: `refused` when the server will not edit it (8.x 400
 * `error-action-not-allowed`, 9.0 403 `error-forbidden`); any failure is only a warning.
 */
async function updateRoot(
  session: ThreadSession,
  rootId: string,
  roomId: string,
  text: string
): Promise<'updated' | 'refused' | 'failed'> {
  try {
    const answer = readAnswer(
      await session.call('POST', 'chat.update', { roomId, msgId: rootId, text }, true)
    )
    if (answer.ok) return 'updated'
    session.warn(`thread-key: the root ${rootId} was not updated: ${answer.error}`)
    return isNotAllowed(answer.error) ? 'refused' : 'failed'
  } catch (error) {
    session.warn(`thread-key: the root ${rootId} was not updated: ${errorMessage(error)}`)
    return 'failed'
  }
}

/** Whether the reply is also shown in the room: `changed` compares the status marks. */
function broadcast(thread: ThreadKey, previous: string | undefined): boolean {
  if (thread.broadcast !== 'changed') return thread.broadcast === 'always'
  // A root this run created has no reply before this one: the root itself shows the state.
  if (previous === undefined) return false
  return statusMark(previous) !== statusMark(thread.state)
}

/** Where a state line's run stands: its workflow, run number and attempt. */
interface RunPosition {
  workflow: string
  number: number
  attempt: number
}

/**
 * The run a state line names (`❌ Latest: CI <…/runs/1/attempts/2|run #102> failed`, as
 * src/template/thread.ts writes it), read without a regex over the line; undefined for another.
 */
export function runPosition(text: string): RunPosition | undefined {
  const line = text.slice(text.lastIndexOf('\n') + 1)
  const start = line.indexOf(LATEST)
  const label = line.lastIndexOf(RUN_LABEL)
  if (start === -1 || label === -1) return undefined
  const open = line.lastIndexOf(' <', label)
  if (open < start + LATEST.length) return undefined
  const digits = line.slice(label + RUN_LABEL.length).split('>', 1)[0] ?? ''
  if (!/^\d{1,15}$/.test(digits)) return undefined
  const url = line.slice(open + 2, label)
  const attempt = url.slice(url.lastIndexOf('/attempts/') + '/attempts/'.length)
  return {
    workflow: line.slice(start + LATEST.length, open),
    number: Number(digits),
    attempt: url.includes('/attempts/') && /^\d{1,9}$/.test(attempt) ? Number(attempt) : 1
  }
}

const LATEST = ' Latest: '
const RUN_LABEL = '|run #'

/** This state's run is of the root's workflow and older: a lower number, or an earlier attempt. */
function isOlderRun(state: string, rootText: string): boolean {
  const run = runPosition(state)
  const shown = runPosition(rootText)
  if (!run || !shown || run.workflow !== shown.workflow) return false
  return run.number < shown.number || (run.number === shown.number && run.attempt < shown.attempt)
}

/** The first word of the last line: the status emoji of a root's state. */
export function statusMark(text: string): string {
  const lastLine = text.slice(text.lastIndexOf('\n') + 1)
  return lastLine.trim().split(/\s/, 1)[0] ?? ''
}
