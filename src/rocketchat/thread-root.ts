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
import type { Post } from './message.js'
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
  const previous = root.found === 'ours' ? root.text : undefined
  // A state older than the root's replies without taking the root back (types.ts, isNewerThan);
  // so does a run older than the one the root names (finished late, or an earlier attempt).
  const stale =
    previous !== undefined &&
    (thread.isNewerThan?.(previous) === false || isOlderRun(thread.state, previous))
  const tshow = !stale && broadcast(thread, previous)
  const replies = posts.map(post => ({ ...post, tmid: rootId, ...(tshow ? { tshow } : {}) }))
  const outcome = await session.postAll(roomId, replies)
  // A server with threads off refuses the first reply, and nothing was stored: post without one.
  if (outcome.outcome === 'failed' && threadsOff(outcome.error)) {
    return outside(`the server refused a reply in thread ${rootId} (${outcome.error})`)
  }
  if (outcome.outcome !== 'delivered') return outcome
  // A root just created already says where the thread stands.
  if (!created && !stale) await updateRoot(session, rootId, roomId, text)
  return { ...outcome, threadId: rootId }
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
async function createRoot(
  session: ThreadSession,
  rootId: string,
  roomId: string,
  text: string,
  first: Post | undefined
): Promise<true | string> {
  const look: Record<string, unknown> = {}
  for (const key of ['alias', 'emoji', 'avatar'] as const) {
    if (first?.[key] !== undefined) look[key] = first[key]
  }
  try {
    const answer = readAnswer(
      await session.call(
        'POST',
        'chat.sendMessage',
        { message: { _id: rootId, rid: roomId, msg: text, ...look } },
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

/** The root now says where the thread stands; a failed edit is only a warning: the reply is in. */
async function updateRoot(
  session: ThreadSession,
  rootId: string,
  roomId: string,
  text: string
): Promise<void> {
  try {
    const answer = readAnswer(
      await session.call('POST', 'chat.update', { roomId, msgId: rootId, text }, true)
    )
    if (!answer.ok) {
      session.warn(`thread-key: the root ${rootId} was not updated: ${answer.error}`)
    }
  } catch (error) {
    session.warn(`thread-key: the root ${rootId} was not updated: ${errorMessage(error)}`)
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
