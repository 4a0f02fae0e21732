/**
 * Files sent with a message (token and basic modes), in Rocket.Chat's two steps (7.x, 8.x):
 * `rooms.media/:rid` stores the bytes as a temporary upload (multipart, field `file`), and
 * `rooms.mediaConfirm/:rid/:fileId` posts it as a message. `rooms.upload` did both in one step and
 * is gone in 8.0.
 *
 * Exactly once: storing is safe to repeat (a repeat stores one more temporary upload, which the
 * server drops after 24 hours and nobody sees), so the transport may resend it. Confirming is not:
 * the server posts a message for each confirm of the same upload. A confirm whose answer was lost is
 * settled by looking for the upload's message in the room (`chat.syncMessages` since just before
 * the confirm); found, it was delivered; not found, it is reported unconfirmed and never confirmed
 * again, since the server may still be working on the first one.
 */
import { randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { isObject } from '../shared/is-object.js'
import { readAnswer, type Answer } from './answer.js'
import { errorMessage } from '../shared/error-message.js'
import { RocketChatError } from './errors.js'
import type { ConcurrencyLimit } from './concurrency.js'
import { failedBy, mayHaveArrived } from './target-outcomes.js'
import type { HttpResponse, Sender, StreamBody } from './transport.js'
import type { Destination, TargetOutcome, TargetResult } from './types.js'

/** A file to send: its bytes come from `open`, called anew for every attempt, never held whole. */
export interface FileToSend {
  /** The name the room shows, also the file message's description. */
  name: string
  /** Exact size in bytes of what `open` yields. */
  size: number
  open: () => Readable
  /** Default: by the name's extension for common report and image types, else `application/octet-stream`. */
  contentType?: string
}

/** An in-memory file (a log excerpt, a generated report) to send. */
export function fileFromBuffer(name: string, bytes: Uint8Array, contentType?: string): FileToSend {
  return {
    name,
    size: bytes.byteLength,
    open: () => Readable.from([Buffer.from(bytes)]),
    ...(contentType === undefined ? {} : { contentType })
  }
}

/** The authenticated calls of one destination, as rest.ts holds them. */
export interface UploadSession {
  sender: Sender
  destination: Destination
  headers: Record<string, string>
}

/**
 * After a message's results: each file to each room the message reached, in order, right after
 * the message, in the message's thread: the result's own `threadId` (a keyed thread's root, per
 * room), else `tmid`. One more result per file per target; a target the message did not reach gets
 * its files as failed, never sent alone.
 */
export async function uploadAfter(
  session: UploadSession,
  results: TargetResult[],
  files: readonly FileToSend[],
  tmid: string | undefined,
  limit: ConcurrencyLimit
): Promise<TargetResult[]> {
  if (files.length === 0) return results
  const perTarget = await Promise.all(
    results.map(async result => {
      const { destination, url, mode, target } = result
      const room =
        result.outcome === 'delivered' || result.outcome === 'updated' ? result.roomId : undefined
      const entries: TargetResult[] = [result]
      for (const file of files) {
        const of = { destination, url, mode, target, file: { name: file.name, size: file.size } }
        const outcome: TargetOutcome =
          room === undefined
            ? {
                outcome: 'failed',
                kind: result.outcome === 'failed' ? result.kind : 'rejected',
                error: 'not uploaded: the message did not reach this target'
              }
            : await limit(() => uploadFile(session, room, file, threadOf(result) ?? tmid))
        entries.push({ ...of, ...outcome })
      }
      return entries
    })
  )
  return perTarget.flat()
}

function threadOf(result: TargetResult): string | undefined {
  return result.outcome === 'delivered' ? result.threadId : undefined
}

/** Stores one file in a room and posts it there, at most once. */
export async function uploadFile(
  session: UploadSession,
  roomId: string,
  file: FileToSend,
  tmid?: string
): Promise<TargetOutcome> {
  let fileId: string
  let since: Date
  // Set when the file's bytes differ from its size: the file's fault, not the network's.
  let changed: string | undefined
  try {
    const response = await call(session, `rooms.media/${encodeURIComponent(roomId)}`, {
      stream: multipart(file, why => {
        changed = why
      }),
      replayable: true
    })
    const answer = readAnswer(response)
    if (!answer.ok) return refused(answer, `storing ${file.name}`)
    const stored = isObject(answer.body.file) ? answer.body.file._id : undefined
    if (typeof stored !== 'string' || stored === '') {
      return {
        outcome: 'failed',
        kind: 'rejected',
        error: `storing ${file.name}: no file id in the answer`
      }
    }
    fileId = stored
    since = serverTime(response)
  } catch (error) {
    if (changed !== undefined) {
      return { outcome: 'failed', kind: 'rejected', error: `storing ${file.name}: ${changed}` }
    }
    return failedBy(error)
  }
  // The upload is stored under its own name by `fileName`, whatever the multipart part could
  // carry; the description is one line.
  const body = {
    msg: '',
    description: file.name.replace(/[\r\n]+/g, ' '),
    fileName: file.name,
    ...(tmid === undefined ? {} : { tmid })
  }
  try {
    const path = `rooms.mediaConfirm/${encodeURIComponent(roomId)}/${encodeURIComponent(fileId)}`
    const answer = readAnswer(await call(session, path, { body, replayable: false }))
    if (!answer.ok) {
      // A server error may come after the message was stored: it is looked for before it counts.
      if (answer.status < 500) return refused(answer, `posting ${file.name}`)
      const messageId = await findFileMessage(session, roomId, fileId, since).catch(() => undefined)
      return messageId === undefined
        ? refused(answer, `posting ${file.name}`)
        : { outcome: 'delivered', messageId, roomId, fileId }
    }
    const message = isObject(answer.body.message) ? answer.body.message : {}
    return {
      outcome: 'delivered',
      ...(typeof message._id === 'string' ? { messageId: message._id } : {}),
      roomId,
      fileId
    }
  } catch (error) {
    if (!mayHaveArrived(error)) return failedBy(error)
    return settle(session, roomId, fileId, since, errorMessage(error))
  }
}

/** After a lost confirm: the upload's message in the room means it was posted. */
async function settle(
  session: UploadSession,
  roomId: string,
  fileId: string,
  since: Date,
  lost: string
): Promise<TargetOutcome> {
  try {
    const messageId = await findFileMessage(session, roomId, fileId, since)
    if (messageId !== undefined) return { outcome: 'delivered', messageId, roomId, fileId }
    return {
      outcome: 'unconfirmed',
      reason: `${lost}; the file's message is not in the room (yet): not posted again`
    }
  } catch (error) {
    return {
      outcome: 'unconfirmed',
      reason: `${lost}; asking whether it arrived failed too (${errorMessage(error)}): not posted again`
    }
  }
}

/** The most messages read from one answer when looking for a file's message. */
const MAX_SYNCED = 10_000

/** The id of the room's message that carries the upload, among those changed since `since`. */
async function findFileMessage(
  session: UploadSession,
  roomId: string,
  fileId: string,
  since: Date
): Promise<string | undefined> {
  const query = `roomId=${encodeURIComponent(roomId)}&lastUpdate=${encodeURIComponent(since.toISOString())}`
  const answer = readAnswer(await call(session, `chat.syncMessages?${query}`, { method: 'GET' }))
  if (!answer.ok)
    throw new RocketChatError(answer.error, { kind: answer.kind, status: answer.status })
  const result = isObject(answer.body.result) ? answer.body.result : {}
  const updated: unknown[] = Array.isArray(result.updated) ? result.updated : []
  for (const message of updated.slice(0, MAX_SYNCED)) {
    if (!isObject(message) || typeof message._id !== 'string') continue
    const listed: unknown[] = Array.isArray(message.files) ? message.files : []
    const files = [message.file, ...listed]
    if (files.some(f => isObject(f) && f._id === fileId)) return message._id
  }
  return undefined
}

/** Rocket.Chat's refusal of a step; its `error-file-too-large` is a size refusal like a proxy's 413. */
function refused(answer: Extract<Answer, { ok: false }>, step: string): TargetOutcome {
  const { status, error } = answer
  const tooLarge = error.includes('error-file-too-large') || status === 413
  return {
    outcome: 'failed',
    kind: tooLarge ? 'too-large' : answer.kind,
    status,
    error: `${step}: ${error}`
  }
}

/**
 * The server's clock when it stored the file, a little earlier to be safe: the runner's clock may
 * be off, and `lastUpdate` is compared with the server's. Without a Date header, the last hour.
 */
function serverTime(response: HttpResponse): Date {
  const stated = Date.parse(response.headers.date ?? '')
  return new Date((Number.isNaN(stated) ? Date.now() - 3_600_000 : stated) - 5_000)
}

/**
 * The types Rocket.Chat shows by kind (an image inline, text with a preview). SVG is left out:
 * the server's default media blacklist refuses `image/svg+xml`.
 */
const CONTENT_TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp'
}

function contentTypeOf(name: string): string {
  const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}

/**
 * `multipart/form-data` with the one part `file`, streamed: a head, the file's bytes, a tail. The
 * name is written as browsers write it (UTF-8, `"` and line breaks percent-encoded), which the
 * server's parser (busboy, `defParamCharset: 'utf8'`) reads back; a `\` becomes `_`, since busboy
 * keeps only what follows the last one however it is escaped (the confirm's `fileName` restores it).
 */
function multipart(file: FileToSend, onChanged: (why: string) => void): StreamBody {
  const boundary = `----rocketchat-notify-${randomBytes(12).toString('hex')}`
  const name = file.name
    .replace(/"/g, '%22')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/\\/g, '_')
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      `Content-Type: ${file.contentType ?? contentTypeOf(file.name)}\r\n\r\n`
  )
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  async function* parts(): AsyncGenerator<Buffer> {
    yield head
    let read = 0
    for await (const chunk of file.open()) {
      read += (chunk as Buffer).length
      if (read > file.size) break
      yield chunk as Buffer
    }
    // Content-Length promised the size: a file that changed while sent must not pass for whole.
    if (read !== file.size) {
      const why = `${file.name} gave ${read} bytes, not the ${file.size} it had when opened: it changed while it was sent`
      onChanged(why)
      throw new Error(why)
    }
    yield tail
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + file.size + tail.length,
    open: () => Readable.from(parts(), { objectMode: false }),
    summary: { file: file.name, size: file.size }
  }
}

function call(
  session: UploadSession,
  path: string,
  how: {
    method?: 'GET' | 'POST'
    body?: Record<string, unknown>
    stream?: StreamBody
    replayable?: boolean
  }
): Promise<HttpResponse> {
  const method = how.method ?? 'POST'
  return session.sender.send(
    {
      method,
      url: `${session.destination.baseUrl}/api/v1/${path}`,
      headers: session.headers,
      ...(how.body === undefined ? {} : { body: how.body }),
      ...(how.stream === undefined ? {} : { stream: how.stream }),
      replayable: how.replayable ?? method === 'GET'
    },
    session.destination
  )
}
