/**
 * `processWebhookMessage` and `sendMessage`: what chat.postMessage and incoming webhooks share:
 * target resolution, access, message validation, storage (docs/rocketchat-server.md §5, §7, §9).
 */
import { isObject, MeteorError, PlainError, type JsonObject } from './http.js'
import type { StoredMessage } from './types.js'
import { hasPermission, randomId, userRef, type Room, type User, type World } from './world.js'

export interface Defaults {
  channel?: string[]
  alias?: string | undefined
  avatar?: string | undefined
  emoji?: string | undefined
}

export interface SendOptions {
  /** 7.9+: every target is resolved and checked before anything is posted. */
  validateFirst: boolean
  customFieldsEnabled: boolean
  /** Webhook posts carry `bot: {i: integrationId}`. */
  integrationId?: string
}

export interface Sent {
  /** The target string exactly as requested. */
  channel: string
  message: StoredMessage
}

/** Posts `payload` to each of its targets, or throws the error the server would answer with. */
export function processMessage(
  world: World,
  payload: JsonObject,
  user: User,
  defaults: Defaults,
  options: SendOptions
): Sent[] {
  const requested = payload.channel || payload.roomId || defaults.channel
  const channels = [...new Set(ensureArray(requested).map(String))]
  if (channels.length === 0) throw new MeteorError('invalid-channel')
  const draft = buildDraft(payload, defaults, options)
  if (options.validateFirst) {
    const rooms = channels.map(channel => resolveTarget(world, channel, user))
    for (const room of rooms) checkAccess(room, user)
    // The message checks do not depend on the room here (permissions are global roles).
    validateMessage(draft, user, options)
    return rooms.map((room, i) => ({
      channel: channels[i] ?? '',
      message: store(world, draft, room, user)
    }))
  }
  // Before 7.9 each target went through every step before the next: a failure leaves earlier posts.
  return channels.map(channel => {
    const room = resolveTarget(world, channel, user)
    checkAccess(room, user)
    validateMessage(draft, user, options)
    return { channel, message: store(world, draft, room, user) }
  })
}

/**
 * `sendMessage` (server/lib/messages/sendMessage.ts) into a room already checked: validates, then
 * stores under the client's `_id` if it gave one. A message whose `_id` is already stored is not
 * stored again and nothing is returned, as on the real server, whose REST route then fails.
 */
export function sendToRoom(
  world: World,
  payload: JsonObject,
  room: Room,
  user: User,
  options: SendOptions
): StoredMessage | undefined {
  const draft = buildDraft(payload, {}, options)
  validateMessage(draft, user, options)
  const id = typeof payload._id === 'string' && payload._id !== '' ? payload._id : undefined
  if (id !== undefined && world.messages.some(message => message._id === id)) return undefined
  return store(world, draft, room, user, id)
}

/** The message's JSON as the server returns it (dates in ISO, `md` parsed, no `roomName`). */
export function serializeMessage(message: StoredMessage): JsonObject {
  const body: JsonObject = {
    ...message,
    ts: message.ts.toISOString(),
    ...(message.editedAt === undefined ? {} : { editedAt: message.editedAt.toISOString() }),
    ...(message.tlm === undefined ? {} : { tlm: message.tlm.toISOString() }),
    md: parseMarkdown(message.msg),
    mentions: [],
    channels: [],
    _updatedAt: message._updatedAt.toISOString()
  }
  delete body.roomName
  return body
}

/** A much simplified `@rocket.chat/message-parser` tree: one plain paragraph per line. */
function parseMarkdown(text: string): JsonObject[] {
  if (text === '') return []
  return text.split('\n').map(line => ({
    type: 'PARAGRAPH',
    value: line === '' ? [] : [{ type: 'PLAIN_TEXT', value: line }]
  }))
}

function ensureArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return []
  return Array.isArray(value) ? value : [value]
}

/** The message fields before validation: values keep whatever type the client sent. */
interface Draft {
  alias: unknown
  msg: unknown
  attachments: unknown[]
  parseUrls: unknown
  groupable: unknown
  tmid: unknown
  tshow: unknown
  customFields: unknown
  avatar: unknown
  emoji: unknown
  bot: { i: string } | undefined
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}

function buildDraft(payload: JsonObject, defaults: Defaults, options: SendOptions): Draft {
  // A non-array `attachments` is dropped with a server-side warning.
  const attachments = Array.isArray(payload.attachments) ? payload.attachments : undefined
  const text = payload.text || payload.msg || ''
  const draft: Draft = {
    alias: payload.username || payload.alias || defaults.alias || '',
    msg: typeof text === 'string' ? text.trim() : text,
    attachments: (attachments ?? []).map(renameMsgToText),
    parseUrls: payload.parseUrls !== undefined ? payload.parseUrls : attachments === undefined,
    groupable: payload.groupable !== undefined ? payload.groupable : false,
    tmid: payload.tmid,
    tshow: payload.tshow,
    customFields: payload.customFields,
    avatar: undefined,
    emoji: undefined,
    bot: options.integrationId === undefined ? undefined : { i: options.integrationId }
  }
  if (present(payload.icon_url) || present(payload.avatar)) {
    draft.avatar = payload.icon_url || payload.avatar
  } else if (present(payload.icon_emoji) || present(payload.emoji)) {
    draft.emoji = payload.icon_emoji || payload.emoji
  } else if (present(defaults.avatar)) {
    draft.avatar = defaults.avatar
  } else if (present(defaults.emoji)) {
    draft.emoji = defaults.emoji
  }
  return draft
}

/** Webhook-style attachments may say `msg` for `text`. */
function renameMsgToText(attachment: unknown): unknown {
  if (!isObject(attachment) || !attachment.msg) return attachment
  const { msg, ...rest } = attachment
  return { ...rest, text: typeof msg === 'string' ? msg.trim() : msg }
}

/** §5.2: `#name|#id`, `@username|@id` (a DM, created on demand), bare name or id, bare user id. */
function resolveTarget(world: World, target: string, user: User): Room {
  const prefix = target[0]
  const name = prefix === '#' || prefix === '@' ? target.slice(1) : target
  let room: Room | undefined
  if (prefix === '@') {
    const other = world.userByUsername(name) ?? world.users.get(name)
    room = other && world.directRoom(user, other)
  } else {
    room = world.roomByIdOrName(name)
    if (!room && prefix !== '#') {
      const other = world.users.get(name)
      room = other && world.directRoom(user, other)
    }
  }
  if (!room) throw new MeteorError('invalid-channel')
  if (room.t === 'c') room.members.add(user._id)
  return room
}

/** `validateRoomMessagePermissionsAsync`: plain errors, so no `errorType`. */
export function checkAccess(room: Room, user: User): void {
  if (room.t !== 'c' && !room.members.has(user._id)) throw new PlainError('error-not-allowed')
  if (room.readonly && !hasPermission(user, 'post-readonly')) {
    throw new PlainError("You can't send messages because the room is readonly.")
  }
}

class MatchError extends PlainError {
  constructor(expected: string, value: unknown, field: string) {
    super(`Match error: Expected ${expected}, got ${typeName(value)} in field ${field}`)
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

type Pattern = (value: unknown, field: string) => void

const isString: Pattern = (value, field) => {
  if (typeof value !== 'string') throw new MatchError('string', value, field)
}
const isBoolean: Pattern = (value, field) => {
  if (typeof value !== 'boolean') throw new MatchError('boolean', value, field)
}
const isNumber: Pattern = (value, field) => {
  if (typeof value !== 'number') throw new MatchError('number', value, field)
}
const isArray: Pattern = (value, field) => {
  if (!Array.isArray(value)) throw new MatchError('array', value, field)
}
const isPlainObject: Pattern = (value, field) => {
  if (!isObject(value)) throw new MatchError('object', value, field)
}
const isStringOrNumber: Pattern = (value, field) => {
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new MatchError('string or number', value, field)
  }
}
const isFieldValue: Pattern = (value, field) => {
  const integer = typeof value === 'number' && Number.isInteger(value)
  if (typeof value !== 'string' && typeof value !== 'boolean' && !integer) {
    throw new MatchError('string, integer or boolean', value, field)
  }
}

const FILE_UPLOAD_PATH = '/file-upload/'
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i
const RELATIVE_URL = /^[^/]+\/[^/].*$|^\/[^/].*$/i

function checkHref(value: string): void {
  if (/^javascript:/i.test(value)) throw new PlainError('Invalid href value provided')
}

/** An absolute URL (or an upload path): `title_link`, `image_url` and the other link fields. */
const isFullUrl: Pattern = (value, field) => {
  isString(value, field)
  const url = value as string
  if (!ABSOLUTE_URL.test(url) && !url.startsWith(FILE_UPLOAD_PATH)) {
    throw new PlainError('Invalid href value provided')
  }
  checkHref(url)
}

/** Relative URLs also pass: the message `avatar`. */
const isPartialUrl: Pattern = (value, field) => {
  isString(value, field)
  const url = value as string
  if (!RELATIVE_URL.test(url) && !ABSOLUTE_URL.test(url) && !url.startsWith(FILE_UPLOAD_PATH)) {
    throw new PlainError('Invalid href value provided')
  }
  checkHref(url)
}

/** Meteor's `objectMaybeIncluding`: each known key, when not null, must match its pattern. */
function checkKeys(value: unknown, patterns: [string, Pattern][]): void {
  if (!isObject(value)) return
  for (const [key, pattern] of patterns) {
    const field = value[key]
    if (field !== undefined && field !== null) pattern(field, key)
  }
}

const MESSAGE_PATTERNS: [string, Pattern][] = [
  ['msg', isString],
  ['alias', isString],
  ['emoji', isString],
  ['tmid', isString],
  ['tshow', isBoolean],
  ['avatar', isPartialUrl],
  ['attachments', isArray]
]

const ATTACHMENT_PATTERNS: [string, Pattern][] = [
  ['color', isString],
  ['text', isString],
  ['ts', isStringOrNumber],
  ['thumb_url', isFullUrl],
  ['button_alignment', isString],
  ['actions', isArray],
  ['message_link', isFullUrl],
  ['collapsed', isBoolean],
  ['author_name', isString],
  ['author_link', isFullUrl],
  ['author_icon', isFullUrl],
  ['title', isString],
  ['title_link', isFullUrl],
  ['title_link_download', isBoolean],
  ['image_dimensions', isPlainObject],
  ['image_url', isFullUrl],
  ['image_preview', isString],
  ['image_type', isString],
  ['image_size', isNumber],
  ['audio_url', isFullUrl],
  ['audio_type', isString],
  ['audio_size', isNumber],
  ['video_url', isFullUrl],
  ['video_type', isString],
  ['video_size', isNumber],
  ['fields', isArray]
]

const FIELD_PATTERNS: [string, Pattern][] = [
  ['short', isBoolean],
  ['title', isString],
  ['value', isFieldValue]
]

const ACTION_PATTERNS: [string, Pattern][] = [
  ['type', isString],
  ['text', isString],
  ['url', isFullUrl],
  ['image_url', isFullUrl],
  ['is_webview', isBoolean],
  ['webview_height_ratio', isString],
  ['msg', isString],
  ['msg_in_chat_window', isBoolean]
]

/** `validateMessage` of sendMessage.ts, then the custom-fields check. */
function validateMessage(draft: Draft, user: User, options: SendOptions): void {
  checkKeys(draft, MESSAGE_PATTERNS)
  if ((draft.alias || draft.avatar) && !hasPermission(user, 'message-impersonate')) {
    throw new PlainError('Not enough permission')
  }
  for (const attachment of draft.attachments) validateAttachment(attachment)
  if (draft.customFields && !options.customFieldsEnabled) {
    throw new PlainError('Custom fields not enabled')
  }
}

function validateAttachment(attachment: unknown): void {
  checkKeys(attachment, ATTACHMENT_PATTERNS)
  if (!isObject(attachment)) return
  const fields = Array.isArray(attachment.fields) ? (attachment.fields as unknown[]) : []
  for (const field of fields) {
    checkKeys(field, FIELD_PATTERNS)
    if (!isObject(field) || !field.value || !field.title) {
      throw new PlainError('Invalid attachment field, title and value is required')
    }
  }
  const actions = Array.isArray(attachment.actions) ? (attachment.actions as unknown[]) : []
  for (const action of actions) checkKeys(action, ACTION_PATTERNS)
}

function store(world: World, draft: Draft, room: Room, user: User, id = randomId()): StoredMessage {
  const now = new Date()
  const message: StoredMessage = {
    _id: id,
    rid: room._id,
    roomName: world.roomLabel(room, user),
    msg: draft.msg as string,
    alias: draft.alias as string,
    attachments: structuredClone(draft.attachments),
    u: userRef(user),
    parseUrls: draft.parseUrls,
    groupable: draft.groupable,
    ts: now,
    _updatedAt: now
  }
  if (draft.emoji !== undefined) message.emoji = draft.emoji as string
  if (draft.avatar !== undefined) message.avatar = draft.avatar as string
  if (draft.tmid !== undefined && draft.tmid !== null) message.tmid = draft.tmid as string
  if (draft.tshow === true) message.tshow = true
  if (draft.bot) message.bot = draft.bot
  if (isObject(draft.customFields)) message.customFields = draft.customFields
  world.messages.push(message)
  if (message.tmid !== undefined) countReply(world, message)
  return message
}

/** `processThreads` after a reply is saved: the root counts it, if the root exists. */
function countReply(world: World, reply: StoredMessage): void {
  const root = world.messages.find(candidate => candidate._id === reply.tmid)
  if (!root) return
  root.tcount = (root.tcount ?? 0) + 1
  root.tlm = reply.ts
  root.replies = [...new Set([...(root.replies ?? [root.u._id]), reply.u._id])]
}
