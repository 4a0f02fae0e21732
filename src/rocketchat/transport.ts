import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Dispatcher, EnvHttpProxyAgent } from 'undici'
import { errorMessage, RocketChatError } from './errors.js'

/** How the whole run talks HTTP; per-URL settings (`verify=`, `cto=`, `rto=`, `retry=`) come with each call. */
export interface TransportOptions {
  /** Default seconds to wait for a connection, and for an answer, per request. */
  timeout: number
  /** Default extra attempts for transient failures. */
  retries: number
  /** Extra trusted CA certificates (PEM), added to the system roots and NODE_EXTRA_CA_CERTS. */
  caCert?: string
  /** Epoch ms after which no retry or rate-limit wait starts: the whole step stays bounded. */
  deadline: number
  userAgent: string
  /** Backoff base in ms; tests shorten it. */
  backoffMs?: number
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
  /**
   * Whether sending twice is harmless. A message post that timed out waiting for its answer may
   * already be stored, so only replayable requests are retried after a read timeout.
   */
  replayable?: boolean
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  text: string
  json: unknown
}

/** What errorCode calls the AbortSignal timeout of Node's fetch, which has no code of its own. */
const FETCH_TIMEOUT = 'FETCH_TIMEOUT'
/** Statuses that say "try again later" without the request having done anything. */
const TRANSIENT_STATUS = new Set([502, 503, 504])
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  FETCH_TIMEOUT
])
const MAX_BACKOFF_MS = 10_000
/** Enough to ride out several rate-limit windows; the step's deadline bounds the time. */
const MAX_RATE_LIMIT_WAITS = 20

/** What the protocols need from HTTP; the dry run swaps in a recorder. */
export interface Sender {
  send(req: HttpRequest, settings: ConnectionSettings): Promise<HttpResponse>
}

/**
 * Sends requests with timeouts, TLS options, proxies from the environment, retries for transient
 * failures, and waits that respect Rocket.Chat's rate-limit headers. One instance serves a run so
 * connections to the same server are reused.
 */
export class Transport implements Sender {
  readonly #options: TransportOptions
  /** Agents for the runs that need more than Node's own fetch, by their settings. */
  readonly #dispatchers = new Map<string, Promise<Dispatcher>>()
  /** Per rate-limited route: when its window resets, once the server said none are left. */
  readonly #exhausted = new Map<string, number>()

  constructor(options: TransportOptions) {
    this.#options = options
  }

  async send(req: HttpRequest, settings: ConnectionSettings): Promise<HttpResponse> {
    const retries = settings.retry ?? this.#options.retries
    const route = routeKey(req.url)
    let failures = 0
    let rateLimited = 0
    for (;;) {
      await this.#waitForWindow(route)
      let response: HttpResponse | undefined
      let failure: unknown
      try {
        response = await this.#once(req, settings)
      } catch (error) {
        failure = error
      }
      if (response) this.#remember(route, response)
      // A 429 is the server pacing us, not a fault: its waits are bounded by the deadline and a
      // count of their own, so a busy server does not use up the retries meant for faults.
      const paced = response?.status === 429 && rateLimited < MAX_RATE_LIMIT_WAITS
      // Never a 500: a webhook's bad token answers 500, and a post that failed late may be stored.
      const retryable =
        paced ||
        (response
          ? TRANSIENT_STATUS.has(response.status) && failures < retries
          : isTransient(failure, req.replayable === true) && failures < retries)
      if (!retryable) {
        if (response) return response
        let reason = describeFailure(failure, settings, this.#options)
        if (req.replayable !== true && READ_TIMEOUT_CODES.has(errorCode(failure) ?? '')) {
          reason += ' (not sent again: the server may have stored it)'
        }
        throw new RocketChatError(reason, { cause: failure })
      }
      // A small floor keeps a server whose clock runs behind from being asked in a tight loop.
      const wait =
        paced && response ? Math.max(50, rateLimitWait(response)) : this.#backoff(failures)
      if (paced) rateLimited++
      else failures++
      if (Date.now() + wait > this.#options.deadline) {
        if (response) return response
        throw new RocketChatError(
          `${describeFailure(failure, settings, this.#options)} (gave up: retrying would pass the step's deadline)`,
          { cause: failure }
        )
      }
      await sleep(wait)
    }
  }

  async close(): Promise<void> {
    const dispatchers = await Promise.all(this.#dispatchers.values())
    await Promise.all(dispatchers.map(d => d.close()))
    this.#dispatchers.clear()
  }

  async #once(req: HttpRequest, settings: ConnectionSettings): Promise<HttpResponse> {
    const headers: Record<string, string> = {
      'user-agent': this.#options.userAgent,
      ...req.headers
    }
    let body: string | null = null
    if (req.body !== undefined) {
      body = JSON.stringify(req.body)
      headers['content-type'] = 'application/json'
    }
    if (!needsAgent(settings, this.#options)) {
      // Node's own fetch is already compiled into the runtime: the common case loads no HTTP code.
      const answer = await fetch(req.url, {
        method: req.method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(readSeconds(settings, this.#options) * 1000)
      })
      const text = await answer.text()
      return {
        status: answer.status,
        headers: Object.fromEntries(answer.headers),
        text,
        json: parseJson(text)
      }
    }
    const { request } = await import('undici')
    const answer = await request(req.url, {
      method: req.method,
      headers,
      body,
      dispatcher: await this.#dispatcher(settings),
      maxRedirections: 0
    })
    const text = await answer.body.text()
    return {
      status: answer.statusCode,
      headers: flattenHeaders(answer.headers),
      text,
      json: parseJson(text)
    }
  }

  /** One agent per distinct setting, built on first use and reused: connections stay open. */
  #dispatcher(settings: ConnectionSettings): Promise<Dispatcher> {
    const connectMs = (settings.connectTimeout ?? this.#options.timeout) * 1000
    const readMs = readSeconds(settings, this.#options) * 1000
    const key = `${String(settings.verify)}|${connectMs}|${readMs}`
    let dispatcher = this.#dispatchers.get(key)
    if (!dispatcher) {
      dispatcher = buildAgent(settings.verify, connectMs, readMs, this.#options.caCert)
      this.#dispatchers.set(key, dispatcher)
    }
    return dispatcher
  }

  #backoff(attempt: number): number {
    const base = this.#options.backoffMs ?? 500
    // Full jitter: spreads retries of parallel targets apart.
    return Math.round(Math.random() * Math.min(MAX_BACKOFF_MS, base * 2 ** attempt))
  }

  #remember(route: string, response: HttpResponse): void {
    const remaining = response.headers['x-ratelimit-remaining']
    const reset = Number(response.headers['x-ratelimit-reset'])
    if (remaining === '0' && Number.isFinite(reset)) this.#exhausted.set(route, reset)
    else if (remaining !== undefined) this.#exhausted.delete(route)
  }

  /** Waits out an exhausted rate-limit window instead of spending a request on a sure 429. */
  async #waitForWindow(route: string): Promise<void> {
    const reset = this.#exhausted.get(route)
    if (reset === undefined) return
    const wait = reset - Date.now()
    if (wait > 0 && Date.now() + wait <= this.#options.deadline) await sleep(wait)
  }
}

/**
 * undici's agents are for what Node's fetch cannot be told: TLS options, a proxy from the
 * environment, a connect timeout apart from the answer's. Only those runs load undici.
 */
function needsAgent(settings: ConnectionSettings, options: TransportOptions): boolean {
  return (
    !settings.verify ||
    options.caCert !== undefined ||
    settings.connectTimeout !== undefined ||
    proxyConfigured()
  )
}

function readSeconds(settings: ConnectionSettings, options: TransportOptions): number {
  return settings.readTimeout ?? options.timeout
}

async function buildAgent(
  verify: boolean,
  connectMs: number,
  readMs: number,
  caCert: string | undefined
): Promise<Dispatcher> {
  const { Agent, EnvHttpProxyAgent } = await import('undici')
  const tls = { rejectUnauthorized: verify, ...(caCert ? { ca: trustedRoots(caCert) } : {}) }
  const agentOptions = {
    connect: { ...tls, timeout: connectMs },
    headersTimeout: readMs,
    bodyTimeout: readMs
  }
  // The proxy agent is only built when a proxy is configured: it warns that it is experimental.
  if (!proxyConfigured()) return new Agent(agentOptions)
  // Through a proxy, `connect` is not used for the server: its TLS options go in `requestTls`
  // (passed on to undici's ProxyAgent, though EnvHttpProxyAgent's types omit it).
  const proxyOptions: EnvHttpProxyAgent.Options & Record<'requestTls' | 'proxyTls', object> = {
    ...agentOptions,
    requestTls: { ...tls, timeout: connectMs },
    proxyTls: { timeout: connectMs }
  }
  return new EnvHttpProxyAgent(proxyOptions)
}

/** Rate limits are counted per endpoint (and per webhook URL), so waits are tracked the same way. */
function routeKey(url: string): string {
  const { origin, pathname } = new URL(url)
  return origin + pathname
}

function proxyConfigured(): boolean {
  const env = process.env
  return Boolean(env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
}

/** Passing `ca` replaces Node's trust store, so the system roots and NODE_EXTRA_CA_CERTS are kept. */
function trustedRoots(caCert: string): string[] {
  // node:tls is loaded here, not at start-up: plain-http runs never need it.
  const roots = [...process.getBuiltinModule('node:tls').rootCertificates, caCert]
  const extra = process.env.NODE_EXTRA_CA_CERTS
  if (extra) {
    try {
      roots.push(readFileSync(extra, 'utf8'))
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we, by ignoring it.
    }
  }
  return roots
}

/** Milliseconds until the server's window resets: `X-RateLimit-Reset` (epoch ms), `Retry-After`, or the text. */
export function rateLimitWait(response: HttpResponse, now = Date.now()): number {
  const reset = Number(response.headers['x-ratelimit-reset'])
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset - now)
  const retryAfter = response.headers['retry-after']
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const date = Date.parse(retryAfter)
    if (Number.isFinite(date)) return Math.max(0, date - now)
  }
  const said = /wait (\d+) seconds/.exec(response.text)
  return said ? Number(said[1]) * 1000 : 1000
}

/** Read timeouts mean the request arrived: only a replayable one may be sent again. */
const READ_TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  FETCH_TIMEOUT
])

function isTransient(error: unknown, replayable: boolean): boolean {
  const code = errorCode(error)
  if (code === undefined || !TRANSIENT_CODES.has(code)) return false
  return replayable || !READ_TIMEOUT_CODES.has(code)
}

function errorCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'TimeoutError') return FETCH_TIMEOUT
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

/** A connection failure in words a user can act on; never includes the URL (webhook paths are secret). */
function describeFailure(
  error: unknown,
  settings: ConnectionSettings,
  options: TransportOptions
): string {
  const code = errorCode(error)
  const connectS = settings.connectTimeout ?? options.timeout
  const readS = settings.readTimeout ?? options.timeout
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused'
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return 'connection closed by the server before it answered'
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return `no connection within ${connectS} s`
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case FETCH_TIMEOUT:
      return `no answer within ${readS} s`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found'
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `TLS certificate not trusted (${code}): give the server's CA in ca-cert, or add ?verify=no to the URL`
    default: {
      const message = errorMessage(error)
      return `request failed: ${code ? `${code} ` : ''}${message}`
    }
  }
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
