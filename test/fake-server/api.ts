/** The `/api/v1/*` routes (docs/rocketchat-server.md §2 to §5). */
import { createHash } from 'node:crypto'
import { limit, type RequestContext } from './request-context.js'
import {
  errorReply,
  failure,
  isObject,
  json,
  MeteorError,
  PlainError,
  success,
  type JsonObject,
  type Reply
} from './http.js'
import { validatePostMessage, validateUpdate } from './schema.js'
import { checkAccess, processMessage, sendToRoom, serializeMessage } from './send.js'
import type { ServerVersion } from './types.js'
import { handleUploadRoute } from './uploads.js'
import { hasPermission, ID_ALPHABET, randomSecret, type Room, type User } from './world.js'

export function handleApi(ctx: RequestContext, route: string): Reply | Promise<Reply> {
  const { method } = ctx.request
  const upload = handleUploadRoute(ctx, route, authenticate, unauthorized)
  if (upload) return upload
  try {
    if (route === 'login' && method === 'POST') return login(ctx)
    if (route === 'logout' && (method === 'POST' || method === 'GET')) return logout(ctx)
    if (route === 'chat.postMessage' && method === 'POST') return postMessage(ctx)
    if (route === 'chat.getMessage' && method === 'GET') return getMessage(ctx)
    if (route === 'chat.update' && method === 'POST') return updateMessage(ctx)
    if (route === 'chat.getThreadMessages' && method === 'GET') return threadMessages(ctx)
    if (route === 'chat.sendMessage' && method === 'POST') return sendMessage(ctx)
    if (route === 'rooms.info' && method === 'GET') return roomInfo(ctx)
    if (route === 'im.create' && method === 'POST') return createDirect(ctx)
    if (route === 'subscriptions.get' && method === 'GET') return subscriptions(ctx)
    // A real server falls through to the web app here; a JSON 404 is the fake's choice (§13.19).
    return json(404, { success: false, error: 'Resource not found' })
  } catch (error) {
    return errorReply(error, ctx.settings.refusals)
  }
}

const LOGGED_OUT = 'You must be logged in to do this.'

/** `X-User-Id` + `X-Auth-Token` naming one of that user's tokens (login, resume or PAT). */
export function authenticate(ctx: RequestContext): User | undefined {
  if (ctx.authenticatedOnArrival) return ctx.authenticatedOnArrival
  const userId = ctx.request.headers['x-user-id']
  const token = ctx.request.headers['x-auth-token']
  if (userId === undefined || token === undefined) return undefined
  const user = ctx.world.users.get(userId)
  return user?.tokens.has(token) ? user : undefined
}

function unauthorized(ctx: RequestContext): Reply {
  if (ctx.settings.version === '6') return json(401, { status: 'error', message: LOGGED_OUT })
  return json(401, { success: false, error: LOGGED_OUT, status: 'error', message: LOGGED_OUT })
}

/** §1.4: the typed route's body, or the legacy `Meteor.Error('invalid-params', …)` one. */
function invalidParams(version: ServerVersion, errors: string[]): Reply {
  const error = errors.join('\n ')
  if (version === '8-typed')
    return json(400, { success: false, errorType: 'invalid-params', error })
  return json(400, {
    success: false,
    error: `${error} [invalid-params]`,
    errorType: 'invalid-params'
  })
}

const LOGIN_KEYS = new Set(['user', 'username', 'email', 'password', 'code'])

interface LoginError {
  error: string
  message: string
  details?: JsonObject
}

/** Every login-handler error looks the same, whether the user is unknown or the password wrong. */
const BAD_CREDENTIALS: LoginError = { error: 'Unauthorized', message: 'Unauthorized' }

function loginFailure(failed: LoginError): Reply {
  return json(401, {
    success: false,
    error: failed.error,
    status: 'error',
    ...(failed.details === undefined ? {} : { details: failed.details }),
    message: failed.message
  })
}

/** §3: `loginCompatibility`, then Meteor's password or resume handler, then the second factor. */
function login(ctx: RequestContext): Reply {
  const refusal = limit(ctx, 'POST /api/v1/login')
  if (refusal) return refusal
  const body = isObject(ctx.request.body) ? ctx.request.body : {}
  if (typeof body.resume === 'string' && body.password === undefined) {
    const token = body.resume
    const user = [...ctx.world.users.values()].find(candidate => candidate.tokens.has(token))
    return user ? loggedIn(ctx, user, token) : loginFailure(BAD_CREDENTIALS)
  }
  if (body.password === undefined) return loginFailure(BAD_CREDENTIALS)
  const compatible = Object.keys(body).every(key => LOGIN_KEYS.has(key))
  const user = findLoginUser(ctx, body, compatible)
  if (!user || !passwordMatches(user, body.password)) return loginFailure(BAD_CREDENTIALS)
  if (ctx.settings.twoFactor && user.twoFactor) {
    // The code only reaches the 2FA check through the compatibility rewrite.
    const code = compatible ? body.code || ctx.request.headers['x-2fa-code'] : undefined
    const failed = secondFactor(user, typeof code === 'string' ? code : undefined)
    if (failed) return loginFailure(failed)
  }
  return loggedIn(ctx, user, randomSecret())
}

function findLoginUser(
  ctx: RequestContext,
  body: JsonObject,
  compatible: boolean
): User | undefined {
  const { world } = ctx
  if (compatible && typeof body.user === 'string') {
    return body.user.includes('@') ? world.userByEmail(body.user) : world.userByUsername(body.user)
  }
  // Meteor's own selector: {user: {username | email | id}, password}.
  if (isObject(body.user)) {
    const { username, email, id } = body.user
    if (typeof username === 'string') return world.userByUsername(username)
    if (typeof email === 'string') return world.userByEmail(email)
    if (typeof id === 'string') return world.users.get(id)
    return undefined
  }
  if (!compatible) return undefined
  if (typeof body.username === 'string' && body.username) return world.userByUsername(body.username)
  if (typeof body.email === 'string' && body.email) return world.userByEmail(body.email)
  return undefined
}

/** A plain password, or `{hashed: sha256hex(password)}` (Meteor's digest form). */
function passwordMatches(user: User, password: unknown): boolean {
  if (typeof password === 'string') return password === user.password
  if (isObject(password) && typeof password.hashed === 'string') {
    return password.hashed === createHash('sha256').update(user.password).digest('hex')
  }
  return false
}

const EMAIL_CODE_LIFETIME_MS = 3600_000

/** §3.4: `totp-required` without a code, `totp-invalid` with a wrong one. */
function secondFactor(user: User, code: string | undefined): LoginError | undefined {
  const method = user.twoFactor ?? 'totp'
  if (code === undefined) {
    if (method === 'totp') {
      return {
        error: 'totp-required',
        message: 'TOTP Required',
        details: { method, availableMethods: [method] }
      }
    }
    const now = Date.now()
    const pending = user.emailCodeExpires !== undefined && user.emailCodeExpires.getTime() > now
    if (!pending) user.emailCodeExpires = new Date(now + EMAIL_CODE_LIFETIME_MS)
    const sent = pending
      ? { codeGenerated: false, codeExpires: user.emailCodeExpires?.toISOString() }
      : { codeGenerated: true }
    return {
      error: 'totp-required',
      message: 'TOTP Required',
      details: { method, ...sent, emailOrUsername: user.username, availableMethods: [method] }
    }
  }
  if (code !== user.twoFactorCode) {
    return { error: 'totp-invalid', message: 'TOTP Invalid', details: { method } }
  }
  user.emailCodeExpires = undefined
  return undefined
}

function loggedIn(ctx: RequestContext, user: User, token: string): Reply {
  user.tokens.add(token)
  const me = {
    _id: user._id,
    services: { password: { exists: true } },
    username: user.username,
    name: user.name,
    ...(user.email === undefined
      ? {}
      : { emails: [{ address: user.email, verified: true }], email: user.email }),
    status: 'online',
    statusConnection: 'online',
    utcOffset: 0,
    active: true,
    roles: [...user.roles],
    settings: { profile: {}, preferences: {} },
    avatarUrl: `${ctx.baseUrl}/avatar/${encodeURIComponent(user.username)}`
  }
  const body = { status: 'success', data: { userId: user._id, authToken: token, me } }
  // Before 7.x the login answer was built by hand, without `success`.
  return ctx.settings.version === '6' ? json(200, body) : success(body)
}

/** §4: removes that one token; other tokens and PATs keep working. */
function logout(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, `${ctx.request.method} /api/v1/logout`, user)
  if (refusal) return refusal
  user.tokens.delete(ctx.request.headers['x-auth-token'] ?? '')
  if (ctx.settings.logoutBody === 'empty') {
    return { status: 200, body: '', contentType: 'application/json' }
  }
  return json(200, { status: 'success', data: { message: "You've been logged out!" } })
}

/** §5, in the order of §5.4. */
function postMessage(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const { version, maxMessageSize } = ctx.settings
  const route = 'POST /api/v1/chat.postMessage'
  let body: JsonObject
  if (version === '8-typed') {
    // The typed route validates before the action, so invalid bodies are not counted.
    const validation = validatePostMessage(ctx.request.body)
    if (!validation.ok) return invalidParams(version, validation.errors)
    const refusal = limit(ctx, route, user)
    if (refusal) return refusal
    body = validation.body
  } else {
    const refusal = limit(ctx, route, user)
    if (refusal) return refusal
    if (version === '7.5-legacy') {
      const validation = validatePostMessage(ctx.request.body)
      if (!validation.ok) return invalidParams(version, validation.errors)
      body = validation.body
    } else {
      body = isObject(ctx.request.body) ? ctx.request.body : {}
    }
  }
  if (version !== '6' && tooLarge(body, maxMessageSize)) {
    return failure('error-message-size-exceeded')
  }
  const sent = processMessage(
    ctx.world,
    body,
    user,
    {},
    { validateFirst: version === '8-typed', customFieldsEnabled: ctx.settings.customFieldsEnabled }
  )
  const [first] = sent
  if (!first) return failure('unknown-error')
  return success({
    ts: Date.now(),
    channel: first.channel,
    message: serializeMessage(first.message)
  })
}

/** `text`, then each attachment's `text` on its own, strictly over the limit. */
function tooLarge(body: JsonObject, max: number): boolean {
  if (typeof body.text === 'string' && body.text.length > max) return true
  const attachments = Array.isArray(body.attachments) ? (body.attachments as unknown[]) : []
  return attachments.some(
    attachment =>
      isObject(attachment) && typeof attachment.text === 'string' && attachment.text.length > max
  )
}

function getMessage(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'GET /api/v1/chat.getMessage', user)
  if (refusal) return refusal
  const msgId = ctx.request.query.msgId
  if (!msgId) return failure('The "msgId" query parameter must be provided.')
  const message = ctx.world.messages.find(candidate => candidate._id === msgId)
  // `API.v1.failure()` with nothing: the body is only `{"success":false}`.
  if (!message) return failure()
  const room = ctx.world.rooms.get(message.rid)
  if (room && room.t !== 'c' && !room.members.has(user._id)) {
    throw new MeteorError('error-not-allowed', 'Not allowed', { method: 'getSingleMessage' })
  }
  return success({ message: serializeMessage(message) })
}

/** `API_Default_Count` and `API_Upper_Count_Limit`: a page's size when unsaid, and its most. */
const DEFAULT_COUNT = 50
const UPPER_COUNT = 100
const THREAD_MESSAGES_PARAMS = new Set(['tmid', 'count', 'offset', 'sort'])

/**
 * `chat.getThreadMessages?tmid=&count=&offset=&sort=`: one page of a thread's replies (never its
 * root), oldest first unless `sort` (JSON, e.g. `{"ts":-1}`) says otherwise, with `count`,
 * `offset` and `total`. A legacy `validateParams` route: unknown parameters are invalid.
 */
function threadMessages(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'GET /api/v1/chat.getThreadMessages', user)
  if (refusal) return refusal
  const { query } = ctx.request
  const unknown = Object.keys(query).filter(key => !THREAD_MESSAGES_PARAMS.has(key))
  if (!query.tmid) return invalidParams('7.5-legacy', ["must have required property 'tmid'"])
  if (unknown.length > 0) {
    return invalidParams('7.5-legacy', ['must NOT have additional properties'])
  }
  let order = 1
  if (query.sort !== undefined) {
    let sort: unknown
    try {
      sort = JSON.parse(query.sort)
    } catch {
      throw new MeteorError('error-invalid-sort', 'Invalid sort parameter provided', {
        helperMethod: 'parseJsonQuery'
      })
    }
    if (isObject(sort) && sort.ts === -1) order = -1
  }
  if (!ctx.settings.threadsEnabled) throw new MeteorError('error-not-allowed', 'Threads Disabled')
  const root = ctx.world.messages.find(candidate => candidate._id === query.tmid)
  if (!root) throw new MeteorError('error-invalid-message', 'Invalid Message')
  const room = ctx.world.rooms.get(root.rid)
  if (!room || (room.t !== 'c' && !room.members.has(user._id))) {
    throw new MeteorError('error-not-allowed', 'Not Allowed')
  }
  const asked = Number.parseInt(query.count ?? '', 10)
  const count = Math.min(asked > 0 ? asked : DEFAULT_COUNT, UPPER_COUNT)
  const offset = Math.max(Number.parseInt(query.offset ?? '', 10) || 0, 0)
  // Stored order breaks ties between replies of the same millisecond.
  const replies = ctx.world.messages
    .map((message, index) => ({ message, index }))
    .filter(({ message }) => message.tmid === root._id)
    .sort((a, b) => order * (a.message.ts.getTime() - b.message.ts.getTime() || a.index - b.index))
    .map(({ message }) => message)
  const messages = replies.slice(offset, offset + count).map(serializeMessage)
  return success({ messages, count: messages.length, offset, total: replies.length })
}

/**
 * Edits the text (and custom fields) of a message. `attachments` are never updated: 8.x drops the
 * key silently, 7.x rejects it as an additional property.
 */
function updateMessage(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'POST /api/v1/chat.update', user)
  if (refusal) return refusal
  const validation = validateUpdate(ctx.request.body, ctx.settings.version)
  if (!validation.ok) return invalidParams(ctx.settings.version, validation.errors)
  const { roomId, msgId, text, customFields } = validation.body
  const message = ctx.world.messages.find(candidate => candidate._id === msgId)
  if (!message) return failure(`No message found with the id of "${String(msgId)}".`)
  if (roomId !== message.rid) {
    return failure('The room id provided does not match where the message is from.')
  }
  // `Message_AllowEditing` off, or the edit window (`Message_AllowEditing_BlockEditInMinutes`) past.
  if (!ctx.settings.editsAllowed) {
    throw new MeteorError('error-action-not-allowed', 'Message editing not allowed', {
      method: 'updateMessage',
      action: 'Message_editing'
    })
  }
  if (message.u._id !== user._id && !hasPermission(user, 'edit-message')) {
    throw new MeteorError('error-action-not-allowed', 'Message editing not allowed', {
      method: 'updateMessage',
      action: 'Message_editing'
    })
  }
  const room = ctx.world.rooms.get(message.rid)
  if (room) checkAccess(room, user)
  if (customFields && !ctx.settings.customFieldsEnabled) {
    throw new PlainError('Custom fields not enabled')
  }
  const now = new Date()
  message.msg = String(text)
  if (isObject(customFields)) message.customFields = customFields
  message.editedAt = now
  message.editedBy = { _id: user._id, username: user.username }
  message._updatedAt = now
  return success({ message: serializeMessage(message) })
}

/**
 * §6: `chat.sendMessage` -> `executeSendMessage`, in its order: empty, size, room, access, message
 * checks, then storage under the client's `_id`. A repeated `_id` stores nothing and the route
 * fails on the missing result, with the words of the TypeError the real route throws.
 */
function sendMessage(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const body = isObject(ctx.request.body) ? ctx.request.body : {}
  const extra = Object.keys(body).filter(key => key !== 'message' && key !== 'previewUrls')
  if (!isObject(body.message)) {
    return invalidParams(ctx.settings.version, ["must have required property 'message'"])
  }
  if (extra.length > 0) {
    return invalidParams(ctx.settings.version, ['must NOT have additional properties'])
  }
  const refusal = limit(ctx, 'POST /api/v1/chat.sendMessage', user)
  if (refusal) return refusal
  const message = body.message
  if (message.tshow === true && !message.tmid) {
    throw new MeteorError('invalid-params', 'tshow provided but missing tmid', {
      method: 'sendMessage'
    })
  }
  if (message.tmid && !ctx.settings.threadsEnabled) {
    throw new MeteorError('error-not-allowed', 'not-allowed', { method: 'sendMessage' })
  }
  const text = typeof message.msg === 'string' ? message.msg.replace(/\0/g, '') : message.msg
  const attachments = Array.isArray(message.attachments) ? message.attachments : []
  if ((typeof text !== 'string' || text.trim() === '') && attachments.length === 0) {
    throw new MeteorError('error-invalid-message', 'Message cannot be empty', {
      method: 'sendMessage'
    })
  }
  if (typeof text === 'string' && text.length > ctx.settings.maxMessageSize) {
    throw new MeteorError(
      'error-message-size-exceeded',
      'Message size exceeds Message_MaxAllowedSize',
      { method: 'sendMessage' }
    )
  }
  let rid = message.rid
  let tmid = message.tmid
  if (typeof tmid === 'string') {
    // No nested threads: a reply to a reply joins the first one's thread, in its room.
    const parent = ctx.world.messages.find(candidate => candidate._id === tmid)
    if (parent?.tmid !== undefined) tmid = parent.tmid
    if (parent) rid = parent.rid
  }
  if (typeof rid !== 'string' || rid === '') {
    throw new PlainError("The 'rid' property on the message object is missing.")
  }
  const room = ctx.world.rooms.get(rid)
  if (!room)
    throw new MeteorError('error-invalid-room', 'Invalid room', { method: 'canSendMessage' })
  checkAccess(room, user)
  const stored = sendToRoom(ctx.world, { ...message, msg: text, tmid }, room, user, {
    validateFirst: true,
    customFieldsEnabled: ctx.settings.customFieldsEnabled
  })
  if (!stored) return failure("Cannot read properties of undefined (reading 'starred')")
  return success({ message: serializeMessage(stored) })
}

/** `rooms.info?roomId=|roomName=`: `{success:false}` alone for a room not found or not readable. */
function roomInfo(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'GET /api/v1/rooms.info', user)
  if (refusal) return refusal
  const { roomId, roomName } = ctx.request.query
  const room = roomId
    ? ctx.world.rooms.get(roomId)
    : [...ctx.world.rooms.values()].find(candidate => candidate.name === roomName)
  if (!room || (room.t !== 'c' && !room.members.has(user._id))) return failure()
  return success({
    room: {
      _id: room._id,
      name: room.name,
      t: room.t,
      ro: room.readonly,
      usersCount: room.members.size
    }
  })
}

/** `im.create {username}`: the direct room with that user, created on first use. */
function createDirect(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'POST /api/v1/im.create', user)
  if (refusal) return refusal
  const body = isObject(ctx.request.body) ? ctx.request.body : {}
  const other =
    typeof body.username === 'string' ? ctx.world.userByUsername(body.username) : undefined
  if (!other) {
    throw new MeteorError('error-invalid-user', 'Invalid user', { method: 'createDirectMessage' })
  }
  const room = ctx.world.directRoom(user, other)
  return success({
    room: { _id: room._id, rid: room._id, t: 'd', usernames: [user.username, other.username] }
  })
}

/**
 * `subscriptions.get[?updatedSince=]`: one subscription per room the user is a member of, unpaged.
 * A direct room's subscription is named after the other user; with `updatedSince`, only those
 * changed since then (`remove` stays empty: the fake never removes a member).
 */
function subscriptions(ctx: RequestContext): Reply {
  const user = authenticate(ctx)
  if (!user) return unauthorized(ctx)
  const refusal = limit(ctx, 'GET /api/v1/subscriptions.get', user)
  if (refusal) return refusal
  const { updatedSince } = ctx.request.query
  let since: Date | undefined
  if (updatedSince) {
    if (Number.isNaN(Date.parse(updatedSince))) {
      throw new MeteorError(
        'error-roomId-param-invalid',
        'The "lastUpdate" query parameter must be a valid date.'
      )
    }
    since = new Date(updatedSince)
  }
  const update = [...ctx.world.rooms.values()]
    .filter(room => room.members.has(user._id) && (since === undefined || room.createdAt > since))
    .map(room => subscriptionOf(ctx, room, user))
  return success({ update, remove: [] })
}

function subscriptionOf(ctx: RequestContext, room: Room, user: User): JsonObject {
  const otherId = [...room.members].find(id => id !== user._id) ?? user._id
  const other = room.t === 'd' ? ctx.world.users.get(otherId) : undefined
  const at = room.createdAt.toISOString()
  return {
    _id: subscriptionId(room._id, user._id),
    t: room.t,
    ts: at,
    ls: at,
    name: other?.username ?? room.name ?? '',
    fname: other?.name ?? room.name ?? '',
    rid: room._id,
    u: { _id: user._id, username: user.username, name: user.name },
    open: true,
    alert: false,
    unread: 0,
    userMentions: 0,
    groupMentions: 0,
    _updatedAt: at
  }
}

/** A stable id per room and member, shaped like the server's. */
function subscriptionId(roomId: string, userId: string): string {
  const bytes = createHash('sha256').update(`${roomId} ${userId}`).digest()
  return [...bytes.subarray(0, 17)].map(b => ID_ALPHABET[b % ID_ALPHABET.length]).join('')
}
