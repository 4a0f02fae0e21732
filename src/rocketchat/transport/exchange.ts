/**
 * One attempt of one request over node:http(s): written once a connection is ready, its whole
 * answer (headers and body) read within the answer timeout and up to a size cap, decoded if the
 * server compressed it. Every way it can fail ends in an `AttemptFailure` that says whether the
 * request's bytes may have reached the server.
 */
import {
  request as httpRequest,
  type Agent,
  type ClientRequest,
  type IncomingMessage
} from 'node:http'
import type { Readable, Transform } from 'node:stream'
import { errorMessage } from '../errors.js'
import { ConnectFailure, errorCode } from './connect.js'
import type { FailureClass } from './retry-policy.js'

/** A Rocket.Chat answer is a few KiB; past this the rest is abandoned, decoded size counted. */
const MAX_ANSWER_BYTES = 1024 * 1024

export interface Exchange {
  method: string
  url: URL
  headers: Record<string, string>
  body: string | StreamBody | undefined
  agent: Agent
  /**
   * From the moment the request is written until the last byte of the answer. A streamed body
   * gets it per stretch instead: while it is being sent, as the longest time without progress.
   */
  answerMs: number
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
    cause?: unknown
  ) {
    super(message, cause === undefined ? undefined : { cause })
  }
}

export function exchange(x: Exchange): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request =
      x.url.protocol === 'https:' ? process.getBuiltinModule('node:https').request : httpRequest
    const headers = { ...x.headers }
    const streamed = typeof x.body === 'object' ? x.body : undefined
    if (streamed) headers['content-length'] = String(streamed.length)
    else if (typeof x.body === 'string')
      headers['content-length'] = String(Buffer.byteLength(x.body))
    let source: Readable | undefined
    let sent = false
    let status: number | undefined
    let answerTimer: NodeJS.Timeout | undefined
    let decoder: Transform | undefined
    let settled = false

    const settle = (): boolean => {
      if (settled) return false
      settled = true
      clearTimeout(answerTimer)
      x.signal?.removeEventListener('abort', onAbort)
      return true
    }
    const fail = (failure: AttemptFailure): void => {
      if (!settle()) return
      // Destroying the request closes its socket: an abandoned answer is never read on.
      req.destroy()
      decoder?.destroy()
      source?.destroy()
      reject(failure)
    }
    const waitForAnswer = (): void => {
      clearTimeout(answerTimer)
      answerTimer = setTimeout(() => {
        fail(
          new AttemptFailure(
            `no answer within ${x.answerMs / 1000} s`,
            'read-timeout',
            true,
            status
          )
        )
      }, x.answerMs)
    }
    const onAbort = (): void => {
      fail(
        new AttemptFailure(
          'the time allowed for sending ran out',
          'aborted',
          sent,
          status,
          x.signal?.reason
        )
      )
    }

    let req: ClientRequest
    try {
      req = request(x.url, { method: x.method, headers, agent: x.agent })
    } catch (error) {
      // Node refuses a header value it cannot send (a newline in a token): nothing went out.
      reject(
        new AttemptFailure(
          `request not sent: ${errorMessage(error)}`,
          'other',
          false,
          undefined,
          error
        )
      )
      return
    }
    // The agent hands over a socket only once it is connected (through any proxy, TLS done).
    req.once('socket', () => {
      sent = true
      waitForAnswer()
    })
    req.on('error', error => {
      fail(
        error instanceof ConnectFailure
          ? new AttemptFailure(error.message, error.failure, false, undefined, error)
          : lost(error, status)
      )
    })
    req.once('response', (res: IncomingMessage) => {
      status = res.statusCode ?? 0
      const chunks: Buffer[] = []
      let size = 0
      const take = (chunk: Buffer): void => {
        size += chunk.length
        if (size > MAX_ANSWER_BYTES) {
          const cap = `${MAX_ANSWER_BYTES / 1024 / 1024} MiB`
          fail(
            new AttemptFailure(`answer larger than ${cap}: abandoned`, 'too-large', true, status)
          )
        } else {
          chunks.push(chunk)
        }
      }
      const finish = (): void => {
        if (!settle()) return
        // An answer before the whole body was sent (a refusal): the rest is not sent.
        if (source && !req.writableFinished) {
          source.destroy()
          req.destroy()
        }
        resolve({
          status: status ?? 0,
          headers: flattenHeaders(res.headers),
          text: Buffer.concat(chunks).toString('utf8')
        })
      }
      res.on('error', error => {
        fail(lost(error, status))
      })
      res.on('close', () => {
        if (!res.complete) {
          fail(new AttemptFailure('the answer was cut short', 'cut', true, status))
        }
      })
      const encoding = res.headers['content-encoding'] ?? ''
      decoder = decoderFor(encoding)
      if (!decoder) {
        res.on('data', take)
        res.on('end', finish)
        return
      }
      const unpack = decoder
      unpack.on('data', take)
      unpack.on('end', finish)
      unpack.on('error', () => {
        fail(
          new AttemptFailure(
            `the ${encoding} answer could not be decoded`,
            'undecodable',
            true,
            status
          )
        )
      })
      res.on('data', (chunk: Buffer) => unpack.write(chunk))
      res.on('end', () => unpack.end())
    })

    if (x.signal?.aborted) {
      onAbort()
      return
    }
    x.signal?.addEventListener('abort', onAbort, { once: true })
    // Bytes are only buffered until the connection is ready: the wait starts with the socket.
    const progress = (): void => {
      if (sent) waitForAnswer()
    }
    if (streamed) source = sendStream(req, streamed, progress, fail)
    else req.end(x.body)
  })
}

/**
 * Pipes a streamed body into the request with backpressure, so memory holds a chunk, not the
 * file. Every chunk that goes out restarts the wait; a source that ends short of or past its
 * declared length fails the attempt rather than leave the server waiting for bytes.
 */
function sendStream(
  req: ClientRequest,
  body: StreamBody,
  progress: () => void,
  fail: (failure: AttemptFailure) => void
): Readable {
  const source = body.open()
  let length = 0
  const broken = (why: string, cause?: unknown): void => {
    fail(new AttemptFailure(`the body could not be read: ${why}`, 'other', true, undefined, cause))
  }
  source.on('data', (chunk: Buffer) => {
    length += chunk.length
    progress()
  })
  source.on('error', error => {
    broken(errorMessage(error), error)
  })
  source.on('end', () => {
    if (length !== body.length) broken(`${length} bytes instead of ${body.length}`)
  })
  source.pipe(req)
  return source
}

/** An error after the request was handed its socket: the server may have it. */
function lost(error: unknown, status: number | undefined): AttemptFailure {
  const code = errorCode(error)
  if (status !== undefined) {
    return new AttemptFailure('the answer was cut short', 'cut', true, status, error)
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    return new AttemptFailure(
      'connection closed by the server before it answered',
      'reset',
      true,
      status,
      error
    )
  }
  return new AttemptFailure(
    `request failed: ${code ? `${code} ` : ''}${errorMessage(error)}`,
    'other',
    true,
    status,
    error
  )
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

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
