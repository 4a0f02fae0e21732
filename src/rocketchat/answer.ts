import { isObject } from '../shared/is-object.js'
import type { FailureKind } from './errors.js'
import type { HttpResponse } from './transport.js'

export type Answer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: string; kind: FailureKind; status: number }

/**
 * Judges a Rocket.Chat answer: delivered only if the status is 2xx and the body is JSON that does
 * not say `success: false` (Apprise trusts the status alone). Rocket.Chat always answers JSON, so a
 * 2xx page of something else is a proxy or portal speaking, and the message did not arrive.
 * Failures carry the server's own words.
 */
export function readAnswer(response: HttpResponse): Answer {
  const success = response.status >= 200 && response.status < 300
  const { status } = response
  if (success && !isObject(response.json)) {
    return {
      ok: false,
      error: `HTTP ${status} but not a Rocket.Chat answer: ${serverWords(response, {})}`,
      kind: 'rejected',
      status
    }
  }
  const body = isObject(response.json) ? response.json : {}
  if (success && body.success !== false) return { ok: true, body }
  let words = serverWords(response, body)
  // 9.0 answers 403 `error-forbidden` where 8.x answered 400 `error-not-allowed`; its words may
  // not name the type, so it is added, and the refusal reads as 8.x's does.
  const forbidden = status === 403 && body.errorType === FORBIDDEN
  if (forbidden && !words.includes(`[${FORBIDDEN}]`)) words = `${words} [${FORBIDDEN}]`
  const kind = forbidden ? 'rejected' : kindOf(status, words)
  return { ok: false, error: `HTTP ${status}: ${words}`, kind, status }
}

const FORBIDDEN = 'error-forbidden'
/** How a refusal for lack of permission ends: 8.x's two types (400) and 9.0's (403). */
const NOT_ALLOWED =
  /^HTTP (?:400: [^\n]*\[error-(?:action-)?not-allowed\]|403: [^\n]*\[error-forbidden\])$/

/**
 * A refusal of this action for lack of permission (threads off, an edit refused, a room this user
 * cannot read), as 8.x (400 `error-not-allowed`, `error-action-not-allowed`) and 9.0 (403
 * `error-forbidden`) say it. `error` is a refusal's text as readAnswer wrote it.
 */
export function isNotAllowed(error: string): boolean {
  return NOT_ALLOWED.test(error)
}

/** The failure kind a refusal says, from its status and the server's words. */
function kindOf(status: number, words: string): FailureKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 429) return 'rate-limit'
  if (status === 404 || words.includes('invalid-channel')) return 'not-found'
  if (status === 413 || words.includes('error-message-size-exceeded')) return 'too-large'
  return 'rejected'
}

function serverWords(response: HttpResponse, body: Record<string, unknown>): string {
  for (const key of ['error', 'message']) {
    const value = body[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  // Proxies and some Rocket.Chat routes answer in text or HTML: keep a short, tag-free excerpt.
  const text = response.text
    .replace(/<[^<>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '') return httpPhrase(response.status)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

function httpPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
  }
  return phrases[status] ?? 'unexpected answer'
}

/** A message as `chat.getMessage` answers it: where it is, who wrote it and its text, untrusted. */
export function storedMessage(body: Record<string, unknown>): {
  roomId: string | undefined
  authorId: string | undefined
  /** The thread it is a reply in, if any. */
  threadId: string | undefined
  text: string
} {
  const message = isObject(body.message) ? body.message : {}
  const author = isObject(message.u) ? message.u._id : undefined
  return {
    roomId: typeof message.rid === 'string' ? message.rid : undefined,
    authorId: typeof author === 'string' ? author : undefined,
    threadId: typeof message.tmid === 'string' && message.tmid !== '' ? message.tmid : undefined,
    text: typeof message.msg === 'string' ? message.msg : ''
  }
}
