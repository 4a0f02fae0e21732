/**
 * File uploads as Rocket.Chat 7.x and 8.x take them (apps/meteor/app/api/server/v1/rooms.ts):
 * `rooms.media/:rid` parses the multipart body with busboy, as the server's MultipartUploadHandler
 * does (one file, field `file`, `defParamCharset: 'utf8'`, a size limit of FileUpload_MaxFileSize
 * plus one byte), and keeps a temporary upload; `rooms.mediaConfirm/:rid/:fileId` posts a message
 * for it each time it is called (nothing stops a second confirm of the same upload) and makes the
 * upload permanent. `chat.syncMessages?roomId=&lastUpdate=` lists the room's messages changed
 * since then, as clients use it to catch up.
 *
 * @rocket.chat/rest-typings publishes only TypeScript types for these routes, no ajv validator
 * (they are registered without one), and its 8.6+ releases cannot be installed with npm
 * (docs/rocketchat-server.md §11 in the shared reference): the rules here follow the route source,
 * and the keys a confirm takes are those its `'/v1/rooms.mediaConfirm/:rid/:fileId'` type lists.
 */
import busboy from 'busboy'
import { limit, type RequestContext } from './request-context.js'
import { errorReply, isObject, json, MeteorError, PlainError, success, type Reply } from './http.js'
import { serializeMessage } from './send.js'
import type { StoredMessage, StoredUpload } from './types.js'
import { randomId, userRef, type Room, type User } from './world.js'

type Authenticate = (ctx: RequestContext) => User | undefined
type Unauthorized = (ctx: RequestContext) => Reply

/** `rooms.media/:rid`, `rooms.mediaConfirm/:rid/:fileId` and `chat.syncMessages`, or undefined. */
export function handleUploadRoute(
  ctx: RequestContext,
  route: string,
  authenticate: Authenticate,
  unauthorized: Unauthorized
): Promise<Reply> | undefined {
  const { method } = ctx.request
  const parts = route.split('/').map(decodeURIComponent)
  const run = async (action: (user: User) => Reply | Promise<Reply>): Promise<Reply> => {
    const user = authenticate(ctx)
    if (!user) return unauthorized(ctx)
    try {
      return await action(user)
    } catch (error) {
      return errorReply(error, ctx.settings.refusals)
    }
  }
  if (parts[0] === 'rooms.media' && parts.length === 2 && method === 'POST') {
    return run(user => storeUpload(ctx, user, parts[1] ?? ''))
  }
  if (parts[0] === 'rooms.mediaConfirm' && parts.length === 3 && method === 'POST') {
    return run(user => confirmUpload(ctx, user, parts[1] ?? '', parts[2] ?? ''))
  }
  if (route === 'chat.syncMessages' && method === 'GET') return run(user => syncMessages(ctx, user))
  return undefined
}

/** `canAccessRoomIdAsync`: a public channel, or a room the user is in. */
function canAccess(room: Room | undefined, user: User): room is Room {
  return room !== undefined && (room.t === 'c' || room.members.has(user._id))
}

/** `API.v1.forbidden()`: 403 with the compatibility words. */
const FORBIDDEN = json(403, { success: false, error: 'unauthorized' })

async function storeUpload(ctx: RequestContext, user: User, rid: string): Promise<Reply> {
  const refusal = limit(ctx, 'POST /api/v1/rooms.media/:rid', user)
  if (refusal) return refusal
  const room = ctx.world.rooms.get(rid)
  if (!canAccess(room, user)) return FORBIDDEN
  const file = await parseMultipart(ctx)
  // FileUpload.validateFileUpload, as the store inserts the parsed file.
  if (!ctx.settings.uploadsEnabled) {
    throw new MeteorError('error-file-upload-disabled', 'File uploads are disabled.')
  }
  const upload: StoredUpload = {
    _id: randomId(),
    rid,
    userId: user._id,
    name: file.filename,
    type: file.mimeType,
    size: file.bytes.length,
    bytes: file.bytes,
    expiresAt: new Date(Date.now() + 24 * 3600_000),
    fields: file.fields
  }
  ctx.world.uploads.push(upload)
  return success({ file: { _id: upload._id, url: fileUrl(upload) } })
}

function fileUrl(upload: StoredUpload): string {
  return `/file-upload/${upload._id}/${encodeURI(upload.name)}`
}

interface ParsedFile {
  filename: string
  mimeType: string
  bytes: Buffer
  fields: Record<string, string>
}

/** MultipartUploadHandler.parseRequest, over the body the fake already read. */
function parseMultipart(ctx: RequestContext): Promise<ParsedFile> {
  const max = ctx.settings.maxFileSize
  return new Promise((resolve, reject) => {
    // busboy throws at once on a body that is not multipart: a plain error on the server.
    const parser = busboy({
      headers: ctx.request.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, ...(max > 0 ? { fileSize: max + 1 } : {}) }
    })
    const fields: Record<string, string> = {}
    let parsed: ParsedFile | undefined
    let pending = 0
    let finished = false
    const done = (): void => {
      if (!finished || pending > 0) return
      if (parsed) resolve({ ...parsed, fields })
      else reject(new MeteorError('error-no-file', 'No file uploaded'))
    }
    parser.on('field', (name, value) => {
      fields[name] = value
    })
    parser.on('file', (field, stream, info) => {
      pending++
      if (field !== 'file') {
        stream.resume()
        reject(new MeteorError('invalid-field'))
        return
      }
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (stream.truncated) {
          reject(new MeteorError('error-file-too-large', 'File size exceeds the allowed limit'))
          return
        }
        parsed = {
          filename: info.filename ?? '',
          mimeType: info.mimeType,
          bytes: Buffer.concat(chunks),
          fields
        }
        pending--
        done()
      })
    })
    parser.on('filesLimit', () => {
      reject(new MeteorError('error-too-many-files', 'Too many files in upload'))
    })
    parser.on('error', (error: Error) => {
      reject(new MeteorError('error-upload-failed', error.message))
    })
    parser.on('finish', () => {
      finished = true
      done()
    })
    parser.end(ctx.request.bytes)
  })
}

/** The keys `sendFileMessage` lets through its `check(msgData, Match.Maybe({...}))`. */
const MESSAGE_KEYS = new Set([
  'avatar',
  'emoji',
  'alias',
  'groupable',
  'msg',
  'tmid',
  'customFields',
  't',
  'content'
])

function confirmUpload(ctx: RequestContext, user: User, rid: string, fileId: string): Reply {
  const refusal = limit(ctx, 'POST /api/v1/rooms.mediaConfirm/:rid/:fileId', user)
  if (refusal) return refusal
  const room = ctx.world.rooms.get(rid)
  if (!canAccess(room, user)) return FORBIDDEN
  const upload = ctx.world.uploads.find(
    candidate => candidate._id === fileId && candidate.userId === user._id && candidate.rid === rid
  )
  if (!upload) throw new MeteorError('invalid-file')
  const body = isObject(ctx.request.body) ? { ...ctx.request.body } : {}
  const description = typeof body.description === 'string' ? body.description : undefined
  if ((description?.length ?? 0) > ctx.settings.maxMessageSize) {
    throw new MeteorError('error-message-size-exceeded')
  }
  delete body.description
  if (typeof body.fileName === 'string' && body.fileName !== '') upload.name = body.fileName
  delete body.fileName
  delete body.fileContent
  for (const [key, value] of Object.entries(body)) {
    if (!MESSAGE_KEYS.has(key)) throw new PlainError(`Match error: Unknown key in field ${key}`)
    if (key !== 'groupable' && key !== 'content' && typeof value !== 'string') {
      throw new PlainError(`Match error: Expected string, got ${typeof value} in field ${key}`)
    }
  }
  const tmid = typeof body.tmid === 'string' ? body.tmid : undefined
  // executeSendMessage, which sendFileMessage ends in: 9.0 answers it as 403 `error-forbidden`.
  if (tmid !== undefined && !ctx.settings.threadsEnabled) {
    throw new MeteorError('error-not-allowed', 'not-allowed', { method: 'sendMessage' })
  }
  if (tmid !== undefined) {
    const parent = ctx.world.messages.find(candidate => candidate._id === tmid)
    if (parent?.rid !== rid) throw new MeteorError('error-invalid-message', 'Invalid message')
  }
  const message = fileMessage(upload, room, user, {
    msg: typeof body.msg === 'string' ? body.msg : '',
    description,
    tmid
  })
  if (!ctx.settings.fileField) delete message.file
  ctx.world.messages.push(message)
  delete upload.expiresAt
  return success({ message: serializeMessage(message) })
}

/** The message `sendFileMessage` stores for a file that is not an image, audio or video. */
function fileMessage(
  upload: StoredUpload,
  room: Room,
  user: User,
  with_: { msg: string; description: string | undefined; tmid: string | undefined }
): StoredMessage {
  const now = new Date()
  const url = fileUrl(upload)
  const format = /\.([^./]+)$/.exec(upload.name)?.[1]?.toUpperCase() ?? ''
  const file = { _id: upload._id, name: upload.name, type: upload.type, size: upload.size, format }
  return {
    _id: randomId(),
    rid: room._id,
    roomName: room.name ?? '',
    msg: with_.msg,
    alias: '',
    attachments: [
      {
        title: upload.name,
        type: 'file',
        format,
        ...(with_.description === undefined ? {} : { description: with_.description }),
        title_link: url,
        title_link_download: true,
        size: upload.size,
        fileId: upload._id
      }
    ],
    file,
    files: [file],
    ...(with_.tmid === undefined ? {} : { tmid: with_.tmid }),
    u: userRef(user),
    parseUrls: true,
    groupable: false,
    ts: now,
    _updatedAt: now
  }
}

/** `chat.syncMessages` with `lastUpdate`: every message of the room changed after that time. */
function syncMessages(ctx: RequestContext, user: User): Reply {
  const refusal = limit(ctx, 'GET /api/v1/chat.syncMessages', user)
  if (refusal) return refusal
  const { roomId, lastUpdate } = ctx.request.query
  if (!roomId) {
    throw new MeteorError(
      'error-roomId-param-not-provided',
      'The required "roomId" query param is missing.'
    )
  }
  if (!lastUpdate) {
    throw new MeteorError(
      'error-lastUpdate-param-not-provided',
      'The required "lastUpdate" query param is missing.'
    )
  }
  if (Number.isNaN(Date.parse(lastUpdate))) {
    throw new MeteorError(
      'error-roomId-param-invalid',
      'The "lastUpdate" query parameter must be a valid date.'
    )
  }
  const room = ctx.world.rooms.get(roomId)
  if (!canAccess(room, user)) throw new MeteorError('error-not-allowed', 'Not allowed')
  const since = new Date(lastUpdate)
  const updated = ctx.world.messages
    .filter(message => message.rid === roomId && message._updatedAt > since)
    .map(serializeMessage)
  return success({ result: { updated, deleted: [] } })
}
