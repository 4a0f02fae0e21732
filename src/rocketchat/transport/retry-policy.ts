/**
 * When to send a request again, as data: one pure function from what became of an attempt to
 * "return the answer", "wait N ms and retry" or "fail with this kind". The Transport only carries
 * the decision out, so every rule here is table-tested without sockets (test/retry-policy.test.ts).
 */
import type { FailureKind } from '../errors.js'

/**
 * Why an attempt got no whole answer. Failures in the first group happen before the request is
 * written (the connection, the proxy tunnel or the TLS handshake failed), so nothing reached the
 * server; the second group happens after, so the server may have acted on it.
 */
export type FailureClass =
  // before the send
  | 'refused' // nothing listens, or the network says unreachable
  | 'dns' // the resolver failed for now (EAI_AGAIN)
  | 'unknown-host' // the name does not exist (ENOTFOUND)
  | 'connect-timeout' // no connection, tunnel or handshake in time
  | 'proxy' // the proxy refused the tunnel or dropped it
  | 'tls-untrusted' // the server's certificate is not trusted
  | 'tls' // the handshake failed otherwise
  // after the send
  | 'reset' // reset or closed before the whole answer
  | 'read-timeout' // the whole answer did not come in time
  | 'cut' // the body ended short
  | 'too-large' // the answer passed the size cap
  | 'undecodable' // the gzip/deflate/br body is corrupt
  // either
  | 'aborted' // the caller's signal (the step's deadline) fired
  | 'other'

export type AttemptOutcome =
  /** An answer read whole. `rocketChat`: its body is Rocket.Chat's JSON, not a proxy's page. */
  | { type: 'answer'; status: number; rocketChat: boolean; serverWaitMs?: number }
  /** No whole answer; `sent` says whether the request's bytes may have reached the server. */
  | { type: 'failure'; failure: FailureClass; sent: boolean }

export interface Attempt {
  /** Whether sending the request twice is harmless (login, reads, an edit), unlike a post. */
  replayable: boolean
  outcome: AttemptOutcome
  /** Extra attempts allowed for faults (`retries` or the URL's `retry=`). */
  retries: number
  /** Fault retries already spent. */
  faultRetries: number
  /** 429 waits already spent: they have their own count, so pacing does not use up `retries`. */
  rateLimitRetries: number
  /** Backoff base in ms. */
  backoffMs: number
  /** 0..1, spreads parallel retries apart; tests pin it. */
  jitter: number
}

export type Decision =
  | { do: 'return' }
  | { do: 'retry'; waitMs: number; spends: 'fault' | 'rate-limit' }
  | { do: 'throw'; kind: FailureKind; mayHaveArrived: boolean }

/** Enough to ride out several rate-limit windows; the caller's signal bounds the time. */
export const MAX_RATE_LIMIT_RETRIES = 20
/** No single wait is longer, whatever a server asks: a notifier must not sleep for an hour. */
export const MAX_WAIT_MS = 60_000
const MAX_BACKOFF_MS = 10_000
/** A server whose clock runs behind is not asked again in a tight loop. */
const MIN_RATE_LIMIT_WAIT_MS = 50
/**
 * Answers that say the request was not processed (RFC 9110 §15.6.4, §15.5.29): a 503 from
 * Rocket.Chat (a server starting, a disabled integration) or from a proxy in front of it (nginx's
 * maintenance page, `limit_req`, no live upstream; a load balancer with no healthy target), and a
 * 429. Nothing was stored, so any request, a webhook post included, may be sent again.
 */
const NOT_PROCESSED = new Set([429, 503])
/** A gateway's 502 or 504: the server behind it may have stored the request; its answer is lost. */
const GATEWAY_LOST = new Set([502, 504])
const BEFORE_SEND_FINAL = new Set<FailureClass>(['unknown-host', 'tls-untrusted'])

/** Whether an answer with this status says the server did not act on the request. */
export function notProcessed(status: number): boolean {
  return NOT_PROCESSED.has(status)
}

export function decide(attempt: Attempt): Decision {
  const { outcome, replayable } = attempt
  const canRetry = attempt.faultRetries < attempt.retries
  const backoff = (): Decision => ({
    do: 'retry',
    waitMs: Math.round(
      attempt.jitter * Math.min(MAX_BACKOFF_MS, attempt.backoffMs * 2 ** attempt.faultRetries)
    ),
    spends: 'fault'
  })

  if (outcome.type === 'answer') {
    const { status, rocketChat } = outcome
    // A 429 is the server pacing us, not a fault: nothing was stored.
    if (status === 429) {
      if (attempt.rateLimitRetries >= MAX_RATE_LIMIT_RETRIES) return { do: 'return' }
      const asked = outcome.serverWaitMs ?? 1000
      return {
        do: 'retry',
        waitMs: Math.min(MAX_WAIT_MS, Math.max(MIN_RATE_LIMIT_WAIT_MS, asked)),
        spends: 'rate-limit'
      }
    }
    // A 503, whoever sent it, stored nothing: sent again within `retries`, after `Retry-After`.
    if (status === 503) {
      if (!canRetry) return { do: 'return' }
      return outcome.serverWaitMs === undefined
        ? backoff()
        : { do: 'retry', waitMs: Math.min(MAX_WAIT_MS, outcome.serverWaitMs), spends: 'fault' }
    }
    // A proxy's 502/504 page: the server behind it may have stored the post, the answer is lost.
    // Once the retries are spent it stays what it is, a lost answer, whatever the request.
    if (GATEWAY_LOST.has(status) && !rocketChat) {
      if (replayable && canRetry) return backoff()
      return { do: 'throw', kind: 'network', mayHaveArrived: true }
    }
    // Everything else was the server's word, read whole: a 500 to a post may have stored it.
    return { do: 'return' }
  }

  const { failure, sent } = outcome
  const kind = failureKind(failure)
  if (failure === 'aborted') return { do: 'throw', kind, mayHaveArrived: sent }
  if (!sent) {
    // Provably never reached the server: safe to repeat for any request, unless repeating
    // cannot help (a name that does not exist, a certificate that is not trusted).
    if (BEFORE_SEND_FINAL.has(failure) || failure === 'other' || !canRetry) {
      return { do: 'throw', kind, mayHaveArrived: false }
    }
    return backoff()
  }
  // The answer was lost after the send: only a request that is harmless twice is sent again.
  if (replayable && canRetry && failure !== 'other') return backoff()
  return { do: 'throw', kind, mayHaveArrived: true }
}

export function failureKind(failure: FailureClass): FailureKind {
  switch (failure) {
    case 'connect-timeout':
    case 'read-timeout':
    case 'aborted':
      return 'timeout'
    case 'tls':
    case 'tls-untrusted':
      return 'tls'
    default:
      return 'network'
  }
}

/**
 * Milliseconds the server asked us to wait, or undefined when it said nothing. Read from
 * `X-RateLimit-Reset` by magnitude (Rocket.Chat sends epoch milliseconds, others epoch seconds or
 * seconds from now), then `Retry-After` (seconds or an HTTP date), then Rocket.Chat's error text.
 */
export function serverWaitMs(
  headers: Record<string, string>,
  text: string,
  now = Date.now()
): number | undefined {
  const reset = resetTime(headers['x-ratelimit-reset'], now)
  if (reset !== undefined) return Math.max(0, reset - now)
  const retryAfter = headers['retry-after']?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Math.max(0, date - now)
  }
  const said = /wait (\d+) seconds/.exec(text)
  return said ? Number(said[1]) * 1000 : undefined
}

/** Epoch ms when a rate-limit window resets, from an `X-RateLimit-Reset` value of any common unit. */
export function resetTime(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined
  const n = Number(value)
  if (n >= 1e11) return n // epoch milliseconds (past 1973)
  if (n >= 1e8) return n * 1000 // epoch seconds (past 1973)
  return now + n * 1000 // seconds from now
}
