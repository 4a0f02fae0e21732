import { setTimeout as sleep } from 'node:timers/promises'
import { RocketChatError, type FailureKind } from './errors.js'
import type { Dispatcher } from 'undici'
import { createDispatcher } from './transport/dispatcher.js'
import { AttemptFailure, exchange, type RawAnswer, type StreamBody } from './transport/exchange.js'
import { checkProxySettings, proxyFor, type ProxySettings } from './transport/no-proxy.js'
import {
  decide,
  failureKind,
  MAX_WAIT_MS,
  notProcessed,
  resetTime,
  serverWaitMs,
  type AttemptOutcome
} from './transport/retry-policy.js'

export type { ProxySettings } from './transport/no-proxy.js'
export type { StreamBody } from './transport/exchange.js'

/** How the whole run talks HTTP; per-URL settings (`verify=`, `cto=`, `rto=`, `retry=`) come with each call. */
export interface TransportOptions {
  /**
   * Seconds to wait for a connection, and for the whole answer, per request. Default 10.
   * Fractions count to the millisecond (`0.2`): the action's input is whole seconds, a test's need not be.
   */
  timeout?: number
  /** Extra attempts for failures that are safe to repeat. Default 2. */
  retries?: number
  /** Extra trusted CA certificates (PEM), trusted beside the system roots. */
  caCert?: string
  /** Ends every request and wait when it fires (the action passes its step's deadline). */
  signal?: AbortSignal
  /** Default `rocketchat-notify`. */
  userAgent?: string
  /** Proxies to use; none unless given (the action passes the runner's `*_proxy` variables). */
  proxy?: ProxySettings
  /** Backoff base in ms; tests shorten it. */
  backoffMs?: number
  /**
   * Where the waits between attempts (backoff, `Retry-After`, a rate-limit window) are slept and
   * rate-limit resets read. Default the real clock; a test passes one that records the waits.
   */
  clock?: Clock
  /**
   * The slowest link an upload is waited for: a streamed body's answer may take `timeout` plus its
   * size at this rate (bytes per second) after its last byte has left, since the kernel may
   * still hold much of it. Default 16 KiB/s.
   */
  uploadBytesPerSecond?: number
}

/** Time as the retry waits see it. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number
  /** Resolves after `ms`; rejects when `signal` fires first. */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>
}

const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : {})
}

export interface ConnectionSettings {
  verify: boolean
  connectTimeout: number | undefined
  readTimeout: number | undefined
  retry: number | undefined
}

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  body?: unknown
  /** A body streamed instead of a JSON one (a file upload): opened anew for every attempt. */
  stream?: StreamBody
  /**
   * Whether sending twice is harmless. A message post whose answer was lost may already be
   * stored, so only replayable requests are sent again once their bytes may have reached the server.
   */
  replayable?: boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  text: string
  json: unknown
  /** True when an earlier attempt of this request may have reached the server (its answer lost). */
  earlierMayHaveArrived?: boolean
}

/** A request as a dry run records it, secrets masked: what would have been sent. */
export interface PlannedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: unknown
}

/** What the protocols need from HTTP; the dry run swaps in a recorder. */
export interface Sender {
  send(req: HttpRequest, settings: ConnectionSettings): Promise<HttpResponse>
  /**
   * Set by a sender that records requests instead of sending them (a dry run): each one in order.
   * Its answers are made up, so what it "delivered" is only planned.
   */
  readonly plan?: readonly PlannedRequest[]
  /** Lets go of what it holds (kept-alive connections); nothing is sent through it after. */
  close(): Promise<void>
}

/** The longest timeout a request gets, whatever it is given. */
const MAX_TIMEOUT_S = 600
export const DEFAULT_USER_AGENT = 'rocketchat-notify'
const DEFAULTS = {
  timeout: 10,
  retries: 2,
  userAgent: DEFAULT_USER_AGENT,
  backoffMs: 500,
  uploadBytesPerSecond: 16 * 1024,
  clock: REAL_CLOCK
}

/**
 * Sends requests with timeouts that cover the whole answer, TLS options, proxies, retries that
 * never repeat a post the server may have stored (test/retry-policy.test.ts has the rules), and
 * waits that respect Rocket.Chat's rate-limit headers. One instance serves a run so connections
 * to the same server are reused.
 *
 * One HTTP stack, undici's dispatchers, for every request of a run (the GitHub lookups use the
 * same `createDispatcher`): undici hands a request its connection only once it is ready, so a
 * connection that never opened is told from an answer that was lost. What no library knows stays
 * here: the retry table, the NO_PROXY rule, exactly-once settling, size caps and decoding.
 */
export class Transport implements Sender {
  readonly #options: TransportOptions & typeof DEFAULTS
  /** One dispatcher per TLS setting and connect timeout (`verify=`, `cto=`): undici's options are per dispatcher. */
  readonly #dispatchers = new Map<string, Dispatcher>()
  /** Per rate-limited route: when its window resets, once the server said none are left. */
  readonly #exhausted = new Map<string, number>()

  /** Throws a RocketChatError, once, when a proxy setting is not a URL. */
  constructor(options: TransportOptions = {}) {
    checkProxySettings(options.proxy)
    this.#options = { ...DEFAULTS, ...options }
  }

  async send(req: HttpRequest, settings: ConnectionSettings): Promise<HttpResponse> {
    const route = routeKey(req.url)
    const replayable = req.replayable === true
    // A streamed body that left whole and got no answer in time may still be being read (the
    // kernel holds what the server has not read yet): sending it again would only compete with it.
    let stillBeingRead = false
    let faultRetries = 0
    let rateLimitRetries = 0
    // Once one attempt may have reached the server, so may the request, whatever later ones say.
    let sentBefore = false
    for (;;) {
      await this.#waitForWindow(route)
      const tried = await this.#attempt(req, settings, route)
      stillBeingRead ||=
        req.stream !== undefined &&
        tried.failure?.wholeSent === true &&
        tried.failure.failure === 'read-timeout'
      const decision = decide({
        replayable: replayable && !stillBeingRead,
        outcome: tried.outcome,
        retries: settings.retry ?? this.#options.retries,
        faultRetries,
        rateLimitRetries,
        backoffMs: this.#options.backoffMs,
        jitter: Math.random()
      })
      // The policy returns only answers; a 'return' without one would be a bug, failed loudly below.
      if (decision.do === 'return' && tried.response) {
        return sentBefore ? { ...tried.response, earlierMayHaveArrived: true } : tried.response
      }
      if (decision.do !== 'retry') {
        const mayHaveArrived = sentBefore || (decision.do === 'throw' && decision.mayHaveArrived)
        const notAgain = mayHaveArrived && !(replayable && !stillBeingRead)
        throw failed(tried, {
          kind: decision.do === 'throw' ? decision.kind : 'network',
          mayHaveArrived,
          suffix: notAgain ? ' (not sent again: the server may have stored it)' : ''
        })
      }
      if (decision.spends === 'fault') faultRetries++
      else rateLimitRetries++
      sentBefore ||= maySendHaveArrived(tried.outcome)
      await this.#pause(decision.waitMs, () =>
        failed(tried, {
          kind: whileWaiting(tried.outcome),
          mayHaveArrived: sentBefore,
          suffix: ' (gave up: the time allowed for sending ran out)'
        })
      )
    }
  }

  /** One attempt, as the retry policy sees it, with the answer when there was one. */
  async #attempt(req: HttpRequest, settings: ConnectionSettings, route: string): Promise<Tried> {
    try {
      const response = withJson(await this.#once(req, settings))
      this.#remember(route, response)
      const wait = serverWaitMs(response.headers, response.text, this.#options.clock.now())
      return {
        response,
        outcome: {
          type: 'answer',
          status: response.status,
          rocketChat: isRocketChatBody(response.json),
          ...(wait === undefined ? {} : { serverWaitMs: wait })
        }
      }
    } catch (error) {
      if (!(error instanceof AttemptFailure)) throw error
      return {
        failure: error,
        outcome: { type: 'failure', failure: error.failure, sent: error.sent }
      }
    }
  }

  /** Closes kept-alive connections and any still opening. */
  async close(): Promise<void> {
    const dispatchers = [...this.#dispatchers.values()]
    this.#dispatchers.clear()
    await Promise.all(dispatchers.map(dispatcher => dispatcher.destroy()))
  }

  #once(req: HttpRequest, settings: ConnectionSettings): Promise<RawAnswer> {
    const url = new URL(req.url)
    const headers: Record<string, string> = {
      'user-agent': this.#options.userAgent,
      ...req.headers
    }
    let body: string | StreamBody | undefined
    if (req.stream !== undefined) {
      body = req.stream
      headers['content-type'] = req.stream.contentType
    } else if (req.body !== undefined) {
      body = JSON.stringify(req.body)
      headers['content-type'] = 'application/json'
    }
    const timeoutMs = this.#ms(settings.readTimeout)
    const connectMs = this.#ms(settings.connectTimeout)
    const slowLink = req.stream
      ? (req.stream.length / this.#options.uploadBytesPerSecond) * 1000
      : 0
    return exchange({
      method: req.method,
      url,
      headers,
      body,
      dispatcher: this.#dispatcher(settings.verify, connectMs, timeoutMs),
      proxy: proxyFor(url, this.#options.proxy),
      connectMs,
      answerMs: Math.min(MAX_TIMEOUT_S * 1000, timeoutMs + slowLink),
      stallMs: timeoutMs,
      signal: this.#options.signal
    })
  }

  /** The run's dispatcher for one TLS setting and connect timeout, built on first use. */
  #dispatcher(verify: boolean, connectMs: number, answerMs: number): Dispatcher {
    const key = `${String(verify)}|${String(connectMs)}`
    let dispatcher = this.#dispatchers.get(key)
    if (!dispatcher) {
      dispatcher = createDispatcher({
        proxy: this.#options.proxy,
        ca: this.#options.caCert,
        rejectUnauthorized: verify,
        connectMs,
        answerMs
      })
      this.#dispatchers.set(key, dispatcher)
    }
    return dispatcher
  }

  /** A timeout in ms, bounded as the action's inputs are: Node's timers misfire past 2^31 ms. */
  #ms(seconds: number | undefined): number {
    const chosen = seconds !== undefined && seconds > 0 ? seconds : this.#options.timeout
    return Math.min(MAX_TIMEOUT_S, chosen > 0 ? chosen : DEFAULTS.timeout) * 1000
  }

  #remember(route: string, response: HttpResponse): void {
    const remaining = response.headers['x-ratelimit-remaining']
    const reset = resetTime(response.headers['x-ratelimit-reset'], this.#options.clock.now())
    if (remaining === '0' && reset !== undefined) this.#exhausted.set(route, reset)
    else if (remaining !== undefined) this.#exhausted.delete(route)
  }

  /** Waits out an exhausted rate-limit window instead of spending a request on a sure 429. */
  async #waitForWindow(route: string): Promise<void> {
    const reset = this.#exhausted.get(route)
    if (reset === undefined) return
    const wait = Math.min(MAX_WAIT_MS, reset - this.#options.clock.now())
    if (wait > 0) {
      await this.#pause(
        wait,
        () =>
          new RocketChatError(
            'rate limited: the time allowed for sending ran out waiting for the window',
            {
              kind: 'rate-limit'
            }
          )
      )
    }
  }

  /** Sleeps, unless the caller's signal ends the wait: then throws what the wait was for. */
  async #pause(ms: number, giveUp: () => RocketChatError): Promise<void> {
    const { signal, clock } = this.#options
    if (signal?.aborted) throw giveUp()
    try {
      await clock.sleep(ms, signal)
    } catch {
      throw giveUp()
    }
  }
}

/** Rate limits are counted per endpoint (and per webhook URL), so waits are tracked the same way. */
function routeKey(url: string): string {
  const { origin, pathname } = new URL(url)
  return origin + pathname
}

type Tried =
  | { outcome: AttemptOutcome; response: HttpResponse; failure?: undefined }
  | { outcome: AttemptOutcome; response?: undefined; failure: AttemptFailure }

/** The error for an attempt the policy gave up on; its message never holds the URL. */
function failed(
  tried: Tried,
  how: { kind: FailureKind; mayHaveArrived: boolean; suffix: string }
): RocketChatError {
  const status = tried.response?.status ?? tried.failure?.status
  const what = tried.failure
    ? tried.failure.message
    : tried.outcome.type === 'answer' && tried.outcome.rocketChat
      ? `HTTP ${status ?? 0} from the server`
      : notProcessed(status ?? 0)
        ? `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the request was not taken`
        : `HTTP ${status ?? 0} from a proxy, not Rocket.Chat: the server's answer was lost`
  return new RocketChatError(what + how.suffix, {
    kind: how.kind,
    ...(status === undefined ? {} : { status }),
    mayHaveArrived: how.mayHaveArrived,
    cause: tried.failure
  })
}

/** What a wait cut short by the caller's signal was for. */
function whileWaiting(outcome: AttemptOutcome): FailureKind {
  if (outcome.type === 'failure') return failureKind(outcome.failure)
  return outcome.status === 429 ? 'rate-limit' : 'network'
}

/** Whether a retried attempt may have reached the server: a lost answer, or a proxy's 502/504 page. */
function maySendHaveArrived(outcome: AttemptOutcome): boolean {
  if (outcome.type === 'failure') return outcome.sent
  return !notProcessed(outcome.status) && !outcome.rocketChat
}

/**
 * Rocket.Chat answers JSON (`{success:false,...}`, `{status:'error',...}`, or a bare string on
 * 6.x). A gateway's own JSON (`{"status":503}`) is not one: the server behind it may have acted.
 */
function isRocketChatBody(json: unknown): boolean {
  if (typeof json === 'string') return true
  if (typeof json !== 'object' || json === null) return false
  return 'success' in json || (json as { status?: unknown }).status === 'error'
}

function withJson(answer: RawAnswer): HttpResponse {
  return { ...answer, json: parseJson(answer.text) }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
