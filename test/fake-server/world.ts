import { createHash, randomBytes, randomInt } from 'node:crypto'
import type {
  AddRoomOptions,
  AddUserOptions,
  AddWebhookOptions,
  StoredMessage,
  StoredUpload,
  TwoFactorMethod,
  UserRef,
  WebhookRef
} from './types.js'

/** The alphabet of Meteor's `Random.id()`. */
export const ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz'

/** A fresh 17-character Meteor id (48 for webhook tokens). */
export function randomId(length = 17): string {
  let id = ''
  for (let i = 0; i < length; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)] ?? ''
  return id
}

/** Like `Random.secret()`: 43 URL-safe characters, the shape of login tokens and PATs. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** A Meteor-shaped id that is the same on every run, so seed ids are stable in tests and logs. */
function derivedId(label: string, length = 17): string {
  const bytes = createHash('sha512').update(label).digest()
  let id = ''
  for (let i = 0; i < length; i++) id += ID_ALPHABET[(bytes[i] ?? 0) % ID_ALPHABET.length] ?? ''
  return id
}

function derivedSecret(label: string): string {
  return createHash('sha256').update(label).digest('base64url')
}

/** Default role grants of the permissions the fake checks (room roles owner/moderator as global). */
const PERMISSION_ROLES = {
  'message-impersonate': ['bot', 'app'],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'post-readonly': ['admin', 'owner', 'moderator'],
  'edit-message': ['admin', 'owner', 'moderator']
} as const

export type Permission = keyof typeof PERMISSION_ROLES

export interface User extends UserRef {
  password: string
  roles: string[]
  email: string | undefined
  twoFactor: TwoFactorMethod | undefined
  twoFactorCode: string
  /** Login tokens and PATs alike, as the server keeps them in one list. */
  tokens: Set<string>
  /** When the emailed code sent last expires; a new login within that time sends none. */
  emailCodeExpires: Date | undefined
}

export interface Room {
  _id: string
  /** Undefined for direct messages. */
  name: string | undefined
  t: 'c' | 'p' | 'd'
  /** User ids. */
  members: Set<string>
  readonly: boolean
  /** When it was made: the `ts` and `_updatedAt` of its members' subscriptions. */
  createdAt: Date
}

export interface Webhook {
  _id: string
  token: string
  channel: string[]
  alias: string | undefined
  avatar: string | undefined
  emoji: string | undefined
  enabled: boolean
  overrideDestinationChannelEnabled: boolean
  userId: string
}

export function hasPermission(user: User, permission: Permission): boolean {
  const roles: readonly string[] = PERMISSION_ROLES[permission]
  return user.roles.some(role => roles.includes(role))
}

export function userRef(user: User): UserRef {
  return { _id: user._id, username: user.username, name: user.name }
}

/** Everything the default seed creates, for tests to use by name. */
export interface Seed {
  botId: string
  botUsername: 'bot'
  botPassword: 'bot-password'
  /** A personal access token of `bot`. */
  botToken: string
  aliceId: string
  aliceUsername: 'alice'
  alicePassword: 'alice-pass'
  aliceEmail: 'alice@example.com'
  /** Public, bot and alice are members. */
  generalId: 'GENERAL'
  /** Public, only bot is a member. */
  randomId: string
  /** Private, bot is a member, alice is not. */
  secretId: string
  /** Posts as bot to `#general`. */
  webhook: WebhookRef
}

/** The rooms, users, integrations and messages of one fake server. */
export class World {
  readonly users = new Map<string, User>()
  readonly rooms = new Map<string, Room>()
  readonly webhooks = new Map<string, Webhook>()
  readonly messages: StoredMessage[] = []
  readonly uploads: StoredUpload[] = []

  addUser(options: AddUserOptions): User {
    if (this.userByUsername(options.username)) {
      throw new Error(`fake server: user ${options.username} already exists`)
    }
    const user: User = {
      _id: options.id ?? randomId(),
      username: options.username,
      name: options.name ?? options.username,
      password: options.password,
      roles: [...(options.roles ?? ['user'])],
      email: options.email,
      twoFactor: options.twoFactor,
      twoFactorCode: options.twoFactorCode ?? '123456',
      tokens: new Set(),
      emailCodeExpires: undefined
    }
    this.users.set(user._id, user)
    return user
  }

  addToken(userId: string, token: string): void {
    this.requireUser(userId).tokens.add(token)
  }

  addRoom(options: AddRoomOptions): Room {
    const room: Room = {
      _id: options.id ?? randomId(),
      name: options.name,
      t: options.type,
      members: new Set((options.members ?? []).map(member => this.requireMember(member)._id)),
      readonly: options.readonly ?? false,
      createdAt: new Date()
    }
    this.rooms.set(room._id, room)
    return room
  }

  addWebhook(options: AddWebhookOptions): WebhookRef {
    const user = this.userByUsername(options.postAs)
    if (!user) throw new Error(`fake server: no user ${options.postAs} to post as`)
    // Creating an integration gives its user the bot role, as the real server does.
    if (!user.roles.includes('bot')) user.roles.push('bot')
    const hook: Webhook = {
      _id: options.id ?? randomId(),
      token: options.token ?? randomId(48),
      channel: [...options.channel],
      alias: options.alias,
      avatar: options.avatar,
      emoji: options.emoji,
      enabled: options.enabled ?? true,
      overrideDestinationChannelEnabled: options.overrideDestinationChannelEnabled ?? false,
      userId: user._id
    }
    this.webhooks.set(hook._id, hook)
    return { id: hook._id, token: hook.token, path: `/hooks/${hook._id}/${hook.token}` }
  }

  userByUsername(username: string): User | undefined {
    for (const user of this.users.values()) if (user.username === username) return user
    return undefined
  }

  userByEmail(email: string): User | undefined {
    const wanted = email.toLowerCase()
    for (const user of this.users.values()) if (user.email?.toLowerCase() === wanted) return user
    return undefined
  }

  roomByIdOrName(idOrName: string): Room | undefined {
    const byId = this.rooms.get(idOrName)
    if (byId) return byId
    for (const room of this.rooms.values()) if (room.name === idOrName) return room
    return undefined
  }

  /** The direct-message room of two users, created on first use (its id: both ids, sorted). */
  directRoom(a: User, b: User): Room {
    const id = [a._id, b._id].sort().join('')
    const existing = this.rooms.get(id)
    if (existing) return existing
    const room: Room = {
      _id: id,
      name: undefined,
      t: 'd',
      members: new Set([a._id, b._id]),
      readonly: false,
      createdAt: new Date()
    }
    this.rooms.set(id, room)
    return room
  }

  /** How `messages` names a room: its name, or `@other` for a direct message. */
  roomLabel(room: Room, sender: User): string {
    if (room.name !== undefined) return room.name
    const otherId = [...room.members].find(id => id !== sender._id) ?? sender._id
    return `@${this.users.get(otherId)?.username ?? otherId}`
  }

  seed(): Seed {
    const bot = this.addUser({
      id: derivedId('seed user bot'),
      username: 'bot',
      name: 'Bot',
      password: 'bot-password',
      roles: ['bot'],
      email: 'bot@example.com'
    })
    const alice = this.addUser({
      id: derivedId('seed user alice'),
      username: 'alice',
      name: 'Alice',
      password: 'alice-pass',
      roles: ['user'],
      email: 'alice@example.com'
    })
    const botToken = derivedSecret('seed token bot')
    this.addToken(bot._id, botToken)
    this.addRoom({ id: 'GENERAL', name: 'general', type: 'c', members: ['bot', 'alice'] })
    const random = this.addRoom({
      id: derivedId('seed room random'),
      name: 'random',
      type: 'c',
      members: ['bot']
    })
    const secret = this.addRoom({
      id: derivedId('seed room secret'),
      name: 'secret',
      type: 'p',
      members: ['bot']
    })
    const webhook = this.addWebhook({
      id: derivedId('seed webhook'),
      token: derivedId('seed webhook token', 48),
      channel: ['#general'],
      postAs: 'bot'
    })
    return {
      botId: bot._id,
      botUsername: 'bot',
      botPassword: 'bot-password',
      botToken,
      aliceId: alice._id,
      aliceUsername: 'alice',
      alicePassword: 'alice-pass',
      aliceEmail: 'alice@example.com',
      generalId: 'GENERAL',
      randomId: random._id,
      secretId: secret._id,
      webhook
    }
  }

  private requireUser(userId: string): User {
    const user = this.users.get(userId)
    if (!user) throw new Error(`fake server: no user with id ${userId}`)
    return user
  }

  private requireMember(usernameOrId: string): User {
    const user = this.userByUsername(usernameOrId) ?? this.users.get(usernameOrId)
    if (!user) throw new Error(`fake server: no user ${usernameOrId}`)
    return user
  }
}
