import { describe, expect, it } from 'vitest'
import {
  decide,
  MAX_RATE_LIMIT_RETRIES,
  MAX_WAIT_MS,
  resetTime,
  serverWaitMs,
  type Attempt,
  type Decision,
  type FailureClass,
  type AttemptOutcome
} from '../src/rocketchat/transport/retry-policy.js'

/**
 * The retry rules, one row per case, without a socket: what a post (not replayable) and a
 * replayable request (login, a read, an edit) do after each outcome, with retries left or not.
 */
const answer = (status: number, rocketChat: boolean, serverWaitMs?: number): AttemptOutcome => ({
  type: 'answer',
  status,
  rocketChat,
  ...(serverWaitMs === undefined ? {} : { serverWaitMs })
})
const before = (failure: FailureClass): AttemptOutcome => ({
  type: 'failure',
  failure,
  sent: false
})
const after = (failure: FailureClass): AttemptOutcome => ({ type: 'failure', failure, sent: true })

const attempt = (outcome: AttemptOutcome, overrides: Partial<Attempt> = {}): Attempt => ({
  replayable: false,
  outcome,
  retries: 2,
  faultRetries: 0,
  rateLimitRetries: 0,
  backoffMs: 500,
  jitter: 1,
  ...overrides
})

const RETURN: Decision = { do: 'return' }
const backoff = (waitMs: number): Decision => ({ do: 'retry', waitMs, spends: 'fault' })
const paced = (waitMs: number): Decision => ({ do: 'retry', waitMs, spends: 'rate-limit' })
const lost = (kind: 'network' | 'timeout'): Decision => ({
  do: 'throw',
  kind,
  mayHaveArrived: true
})
const neverArrived = (kind: 'network' | 'timeout' | 'tls'): Decision => ({
  do: 'throw',
  kind,
  mayHaveArrived: false
})

describe('a post (not replayable)', () => {
  it.each<[string, AttemptOutcome, Decision]>([
    ['a 200 read whole is returned', answer(200, true), RETURN],
    ['a 400 from Rocket.Chat is returned', answer(400, true), RETURN],
    ['a 500 is returned, never retried (it may be stored)', answer(500, false), RETURN],
    [
      'a 502 proxy page: the server behind it may have stored it, so the answer is lost',
      answer(502, false),
      lost('network')
    ],
    [
      'a 504 proxy page: the server behind it may still store it, so the answer is lost',
      answer(504, false),
      lost('network')
    ],
    [
      'a 503 proxy page (maintenance, limit_req, no live upstream) was not processed: retried',
      answer(503, false),
      backoff(500)
    ],
    [
      "a 503 proxy page's Retry-After is waited out before the retry",
      answer(503, false, 3000),
      { do: 'retry', waitMs: 3000, spends: 'fault' }
    ],
    [
      'a 503 asking for an hour waits at most the cap',
      answer(503, false, 3_600_000),
      { do: 'retry', waitMs: MAX_WAIT_MS, spends: 'fault' }
    ],
    ['a Rocket.Chat 503 stored nothing: retried after backoff', answer(503, true), backoff(500)],
    [
      'a Rocket.Chat 503 with Retry-After waits as asked',
      answer(503, true, 2000),
      {
        do: 'retry',
        waitMs: 2000,
        spends: 'fault'
      }
    ],
    ['a 429 stored nothing: waits for the window', answer(429, true, 1500), paced(1500)],
    ["a proxy's 429 waits as it asks too", answer(429, false, 2500), paced(2500)],
    ['a 429 that says nothing waits a second', answer(429, true), paced(1000)],
    ['a 429 whose reset is past still waits a little', answer(429, true, 0), paced(50)],
    [
      'a 429 asking for an hour waits at most the cap',
      answer(429, true, 3_600_000),
      paced(MAX_WAIT_MS)
    ],
    ['refused: retried (nothing was sent)', before('refused'), backoff(500)],
    ['DNS failing for now: retried', before('dns'), backoff(500)],
    ['connect timeout: retried', before('connect-timeout'), backoff(500)],
    ['the proxy refused the tunnel: retried', before('proxy'), backoff(500)],
    ['TLS handshake failed: retried', before('tls'), backoff(500)],
    ['unknown host: repeating cannot help', before('unknown-host'), neverArrived('network')],
    ['untrusted certificate: repeating cannot help', before('tls-untrusted'), neverArrived('tls')],
    ['reset after the send: lost', after('reset'), lost('network')],
    ['read timeout: lost', after('read-timeout'), lost('timeout')],
    ['a cut body: lost', after('cut'), lost('network')],
    ['an answer over the cap: lost', after('too-large'), lost('network')],
    ['an undecodable body: lost', after('undecodable'), lost('network')],
    ['the deadline mid-answer: lost, not retried', after('aborted'), lost('timeout')],
    ['the deadline before the send: stop', before('aborted'), neverArrived('timeout')]
  ])('%s', (_, outcome, expected) => {
    expect(decide(attempt(outcome))).toEqual(expected)
  })
})

describe('a replayable request (login, logout, reads, an edit)', () => {
  it.each<[string, AttemptOutcome, Decision]>([
    ['a 502 proxy page: retried', answer(502, false), backoff(500)],
    ['a 504 proxy page: retried', answer(504, false), backoff(500)],
    ['a 503 proxy page: retried', answer(503, false), backoff(500)],
    ['reset after the send: retried', after('reset'), backoff(500)],
    ['read timeout: retried', after('read-timeout'), backoff(500)],
    ['a cut body: retried', after('cut'), backoff(500)],
    ['refused: retried', before('refused'), backoff(500)],
    ['a 401 is returned', answer(401, true), RETURN],
    ['the deadline: stop', after('aborted'), lost('timeout')]
  ])('%s', (_, outcome, expected) => {
    expect(decide(attempt(outcome, { replayable: true }))).toEqual(expected)
  })
})

describe('when the retries are spent', () => {
  const spent = { faultRetries: 2, retries: 2 }
  it.each<[string, Partial<Attempt>, AttemptOutcome, Decision]>([
    ['refused: fails, never arrived', spent, before('refused'), neverArrived('network')],
    [
      'connect timeout: fails, never arrived',
      spent,
      before('connect-timeout'),
      neverArrived('timeout')
    ],
    ['a Rocket.Chat 503: the answer is returned', spent, answer(503, true), RETURN],
    ["a proxy's 503: the answer is returned (nothing stored)", spent, answer(503, false), RETURN],
    [
      'a replayable 502: still a lost answer (the post may be stored), for the caller to settle',
      { ...spent, replayable: true },
      answer(502, false),
      lost('network')
    ],
    [
      'a replayable read timeout: fails',
      { ...spent, replayable: true },
      after('read-timeout'),
      lost('timeout')
    ],
    ['retry=0 refused: fails at once', { retries: 0 }, before('refused'), neverArrived('network')],
    ['a 429 still waits: it has its own count', spent, answer(429, true, 100), paced(100)],
    [
      'a 429 after its own count is spent: returned',
      { rateLimitRetries: MAX_RATE_LIMIT_RETRIES },
      answer(429, true, 100),
      RETURN
    ]
  ])('%s', (_, overrides, outcome, expected) => {
    expect(decide(attempt(outcome, overrides))).toEqual(expected)
  })
})

describe('backoff', () => {
  it.each([
    [0, 1, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [2, 0.5, 1000],
    [10, 1, 10_000],
    [3, 0, 0]
  ])('after %i fault retries with jitter %f waits %i ms', (faultRetries, jitter, waitMs) => {
    expect(decide(attempt(before('refused'), { faultRetries, retries: 20, jitter }))).toEqual(
      backoff(waitMs)
    )
  })
})

describe('the wait a server asks for', () => {
  const now = 1_800_000_000_000 // 2027-01-15, epoch ms
  it.each<[string, Record<string, string>, string, number | undefined]>([
    [
      'X-RateLimit-Reset in epoch ms (Rocket.Chat)',
      { 'x-ratelimit-reset': String(now + 1500) },
      '',
      1500
    ],
    [
      'X-RateLimit-Reset in epoch seconds',
      { 'x-ratelimit-reset': String(now / 1000 + 3) },
      '',
      3000
    ],
    ['X-RateLimit-Reset in seconds from now', { 'x-ratelimit-reset': '7' }, '', 7000],
    ['X-RateLimit-Reset already past', { 'x-ratelimit-reset': String(now - 5000) }, '', 0],
    [
      'X-RateLimit-Reset over Retry-After',
      { 'x-ratelimit-reset': '2', 'retry-after': '9' },
      '',
      2000
    ],
    ['Retry-After in seconds', { 'retry-after': '3' }, '', 3000],
    [
      'Retry-After as an HTTP date',
      { 'retry-after': new Date(now + 4000).toUTCString() },
      '',
      4000
    ],
    ['Retry-After as a past date', { 'retry-after': new Date(now - 4000).toUTCString() }, '', 0],
    ['Retry-After that is neither', { 'retry-after': 'soon' }, '', undefined],
    ['the wait the error text names', {}, 'You must wait 7 seconds before', 7000],
    ['a garbled reset header is ignored', { 'x-ratelimit-reset': '12abc' }, '', undefined],
    ['nothing said', {}, '', undefined]
  ])('%s', (_, headers, text, expected) => {
    expect(serverWaitMs(headers, text, now)).toBe(expected)
  })

  it('reads the reset time by magnitude', () => {
    expect(resetTime('1800000000000', now)).toBe(1_800_000_000_000)
    expect(resetTime('1800000000', now)).toBe(1_800_000_000_000)
    expect(resetTime('60', now)).toBe(now + 60_000)
    expect(resetTime(undefined, now)).toBeUndefined()
    expect(resetTime('', now)).toBeUndefined()
  })
})
