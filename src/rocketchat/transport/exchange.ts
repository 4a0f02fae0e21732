/**
 * One attempt of one request over the run's undici dispatcher: its whole answer (headers and body)
 * read within the answer timeout and up to a size cap, decoded if the server compressed it. Every
 * way it can fail ends in an `AttemptFailure` that says whether the request's bytes may have
 * reached the server: undici hands a request its connection (`onConnect`) only once it is ready,
 * through any proxy, TLS done, and writes nothing before; a failure before that sent nothing.
 */
import type { Readable, Transform } from 'node:stream'
import type { Dispatcher } from 'undici'
import { errorMessage } from '../../shared/error-message.js'
import type { FailureClass } from './retry-policy.js'

/** A Rocket.Chat answer is a few KiB; past this the rest is abandoned, decoded size counted. */
const MAX_ANSWER_BYTES = 1024 * 1024

export interface Exchange {
  method: 'GET' | 'POST'
  url: URL
  headers: Record<string, string>
  body: string | StreamBody | undefined
  dispatcher: Dispatcher
  /** The proxy the dispatcher takes to this URL: named in the errors of its tunnel. */
  proxy: URL | undefined
  /** Named in the errors of a connection that did not open in time. */
  connectMs: number
  /**
   * From the moment the request's last byte has left until the last byte of its answer: never
   * restarted by a chunk of the body, whose sending is bounded by `stallMs` without progress.
   */
  answerMs: number
  /** The longest time without progress while a body is being sent. */
  stallMs: number
  signal: AbortSignal | undefined
}

/** A body too large to hold: its bytes are streamed, and opened anew for each attempt. */
export interface StreamBody {
  contentType: string
  /** Exact length in bytes, sent as Content-Length. */
  length: number
  open: () => Readable
  /** What a log or a dry run shows instead of the bytes. */
  summary?: Record<string, unknown>
}

export interface RawAnswer {
  status: number
  headers: Record<string, string>
  text: string
}

export class AttemptFailure extends Error {
  override name = 'AttemptFailure'
  constructor(
    message: string,
    readonly failure: FailureClass,
    /** Whether the request's bytes may have reached the server. */
    readonly sent: boolean,
    /** The answer's status, when its headers came before the failure. */
    readonly status: number | undefined,
    cause?: unknown,
    /** Whether the whole request, body included, had left when it failed. */
    readonly wholeSent = false
  ) {
    super(message, cause === undefined ? undefined : { cause })
  }
}

export function exchange(x: Exchange): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const streamed = typeof x.body === 'object' ? x.body : undefined
    const headers = { ...x.headers }
    if (streamed) headers['content-length'] = String(streamed.length)
    let source: Readable | undefined
    let sourceError: unknown
    /** The request has its connection: from here on its bytes may reach the server. */
    let connected = false
    /** Its last byte has left: the wait for the answer runs from here. */
    let wholeSent = false
    let status: number | undefined
    let answerHeaders: Record<string, string> = {}
    let abortRequest: ((error?: Error) => void) | undefined
    let timer: NodeJS.Timeout | undefined
    let decoder: Transform | undefined
    let settled = false
    const chunks: Buffer[] = []
    let size = 0

    const settle = (): boolean => {
      if (settled) return false
      settled = true
      clearTimeout(timer)
      x.signal?.removeEventListener('abort', onAbort)
      return true
    }
    const fail = (failure: AttemptFailure): void => {
      if (!settle()) return
      // Aborting destroys the connection: an abandoned answer is never read on.
      abortRequest?.(failure)
      decoder?.destroy()
      source?.destroy()
      reject(failure)
    }
    const wait = (ms: number, why: () => AttemptFailure): void => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        fail(why())
      }, ms)
    }
    const noAnswer = (): AttemptFailure =>
      new AttemptFailure(
        `no answer within ${seconds(x.answerMs)} s`,
        'read-timeout',
        true,
        status,
        undefined,
        wholeSent
      )
    const onAbort = (): void => {
      fail(
        new AttemptFailure(
          'the time allowed for sending ran out',
          'aborted',
          connected,
          status,
          x.signal?.reason,
          wholeSent
        )
      )
    }
    const take = (chunk: Buffer): void => {
      size += chunk.length
      if (size > MAX_ANSWER_BYTES) {
        const cap = `${MAX_ANSWER_BYTES / 1024 / 1024} MiB`
        fail(new AttemptFailure(`answer larger than ${cap}: abandoned`, 'too-large', true, status))
      } else {
        chunks.push(chunk)
      }
    }
    const finish = (): void => {
      if (!settle()) return
      resolve({
        status: status ?? 0,
        headers: answerHeaders,
        text: Buffer.concat(chunks).toString('utf8')
      })
    }

    // undici calls onRequestSent (core/request.js) though its types leave it out.
    const handler: Dispatcher.DispatchHandlers & { onRequestSent(): void } = {
      onConnect: abort => {
        abortRequest = abort
        // Given up before the connection was ready (the caller's signal): nothing is written.
        if (settled) {
          abort()
          return
        }
        connected = true
        if (streamed) wait(x.stallMs, stalled)
      },
      onBodySent: () => {
        if (!wholeSent && !settled) wait(x.stallMs, stalled)
      },
      onRequestSent: () => {
        wholeSent = true
        if (!settled) wait(x.answerMs, noAnswer)
      },
      onHeaders: (statusCode, rawHeaders) => {
        // An interim answer (102, 103): the real one follows.
        if (statusCode < 200) return true
        status = statusCode
        answerHeaders = flattenHeaders(rawHeaders)
        const encoding = answerHeaders['content-encoding'] ?? ''
        decoder = decoderFor(encoding)
        if (decoder) {
          decoder.on('data', take)
          decoder.on('end', finish)
          decoder.on('error', () => {
            fail(
              new AttemptFailure(
                `the ${encoding} answer could not be decoded`,
                'undecodable',
                true,
                status
              )
            )
          })
        }
        return true
      },
      onData: chunk => {
        if (decoder) decoder.write(chunk)
        else take(chunk)
        return true
      },
      onComplete: () => {
        if (decoder) decoder.end()
        else finish()
      },
      onError: error => {
        fail(
          sourceError !== undefined
            ? new AttemptFailure(
                `the body could not be read: ${errorMessage(sourceError)}`,
                'other',
                connected,
                status,
                sourceError,
                wholeSent
              )
            : connected
              ? lost(error, status, x.answerMs, wholeSent)
              : notSent(error, x)
        )
      }
    }
    const stalled = (): AttemptFailure =>
      new AttemptFailure(
        `sending stalled: no progress within ${seconds(x.stallMs)} s`,
        'read-timeout',
        true,
        status
      )

    if (x.signal?.aborted) {
      onAbort()
      return
    }
    x.signal?.addEventListener('abort', onAbort, { once: true })
    if (streamed) {
      source = streamed.open()
      source.once('error', error => {
        sourceError = error
      })
    }
    x.dispatcher.dispatch(
      {
        origin: x.url.origin,
        path: `${x.url.pathname}${x.url.search}`,
        method: x.method,
        headers,
        body: source ?? (typeof x.body === 'string' ? x.body : null),
        // undici's own answer timers, behind ours: ours name the budget the user gave.
        headersTimeout: x.answerMs + x.stallMs,
        bodyTimeout: x.answerMs + x.stallMs
      },
      handler
    )
  })
}

function seconds(ms: number): number {
  return Math.round(ms) / 1000
}

/** An error after the request was handed its connection: the server may have it. */
function lost(
  error: Error,
  status: number | undefined,
  answerMs: number,
  wholeSent: boolean
): AttemptFailure {
  const code = errorCode(error)
  const failure = (message: string, why: FailureClass): AttemptFailure =>
    new AttemptFailure(message, why, true, status, error, wholeSent)
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return failure(`no answer within ${seconds(answerMs)} s`, 'read-timeout')
  }
  if (status !== undefined) return failure('the answer was cut short', 'cut')
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ECONNABORTED' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'UND_ERR_CLOSED'
  ) {
    return failure('connection closed by the server before it answered', 'reset')
  }
  return failure(`request failed: ${code ? `${code} ` : ''}${errorMessage(error)}`, 'other')
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

/**
 * A failure before the request had its connection, in words a user can act on; never the URL
 * (webhook paths are secret). Nothing was written: sending again is safe whatever the request.
 */
function notSent(error: Error, x: Exchange): AttemptFailure {
  const failure = (message: string, why: FailureClass): AttemptFailure =>
    new AttemptFailure(message, why, false, undefined, error)
  const codes = errorCodes(error)
  const code = codes[0]
  const untrusted = codes.find(c => UNTRUSTED.has(c))
  if (untrusted) {
    return failure(
      `TLS certificate not trusted (${untrusted}): give the server's CA in ca-cert, or add ?verify=no to the URL`,
      'tls-untrusted'
    )
  }
  const within = `within ${seconds(x.connectMs)} s`
  if (code === 'UND_ERR_INVALID_ARG') return failure(`request not sent: ${error.message}`, 'other')
  if (code === 'UND_ERR_DESTROYED' || code === 'UND_ERR_CLOSED') {
    return failure('the transport was closed while connecting', 'aborted')
  }
  if (codes.some(c => /^(ERR_SSL_|ERR_TLS_|EPROTO$)/.test(c))) {
    return failure(`TLS handshake failed: ${code ?? 'connection closed'}`, 'tls')
  }
  const { proxy } = x
  if (proxy) {
    const name = `proxy ${proxy.host}`
    const refusedWith = /Proxy response \((\d+)\)/.exec(error.message)?.[1]
    if (refusedWith !== undefined) {
      return failure(`the ${name} refused the tunnel: HTTP ${refusedWith}`, 'proxy')
    }
    const atProxy = error.message.includes(
      `${proxy.hostname.replace(/^\[|\]$/g, '')}:${proxyPort(proxy)}`
    )
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || (code === 'UND_ERR_CONNECT_TIMEOUT' && atProxy)) {
      return failure(`the ${name} did not open a tunnel ${within}`, 'connect-timeout')
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
      return failure(`no TLS handshake ${within}`, 'connect-timeout')
    if (code === 'ECONNREFUSED') return failure(`the ${name} refused the connection`, 'proxy')
    return failure(
      `the ${name} failed: ${code ?? 'closed'}`,
      code === 'ENOTFOUND' ? 'unknown-host' : 'proxy'
    )
  }
  switch (code) {
    case 'ENOTFOUND':
      return failure('host name not found', 'unknown-host')
    case 'EAI_AGAIN':
      return failure('host name lookup failed for now (EAI_AGAIN)', 'dns')
    case 'UND_ERR_CONNECT_TIMEOUT':
      return failure(`no connection ${within}`, 'connect-timeout')
    case 'ETIMEDOUT':
      return failure('no connection: the network timed out', 'connect-timeout')
    case 'ECONNREFUSED':
      return failure('connection refused', 'refused')
    default:
      return failure(`no connection: ${code ?? 'closed'}`, 'refused')
  }
}

function proxyPort(proxy: URL): string {
  return proxy.port || (proxy.protocol === 'https:' ? '443' : '80')
}

/** gzip, deflate and br as HTTP names them; node:zlib loads only when an answer is compressed. */
function decoderFor(encoding: string): Transform | undefined {
  const name = encoding.trim().toLowerCase()
  if (name === '' || name === 'identity') return undefined
  const zlib = process.getBuiltinModule('node:zlib')
  switch (name) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip()
    case 'deflate':
      return zlib.createInflate()
    case 'br':
      return zlib.createBrotliDecompress()
    default:
      // An encoding we cannot read: the raw bytes are not a Rocket.Chat answer, and say so.
      return undefined
  }
}

/** undici's raw headers, name and value in turn, as one lower-case name each. */
function flattenHeaders(raw: Buffer[] | string[] | null): Record<string, string> {
  const out: Record<string, string> = {}
  if (!raw) return out
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase()
    const value = String(raw[i + 1])
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`
  }
  return out
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') codes.push(code)
  }
  return codes
}

function errorCode(error: unknown): string | undefined {
  return errorCodes(error)[0]
}
