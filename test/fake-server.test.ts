import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { Agent, request } from 'undici'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeServer, type FakeServer } from './fake-server/server.js'

/** The fake answers as docs/rocketchat-server.md says a real server does, over real sockets. */

interface HttpAnswer {
  status: number
  headers: Record<string, string>
  text: string
  json: unknown
}

interface CallOptions {
  json?: unknown
  form?: Record<string, string>
  /** A raw body, sent with `contentType`. */
  body?: string
  contentType?: string
  headers?: Record<string, string>
  dispatcher?: Agent
  signal?: AbortSignal
}

async function call(
  server: FakeServer,
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | undefined = options.body
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (options.contentType) {
    headers['content-type'] = options.contentType
  }
  const response = await request(server.url + path, {
    method: method as 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    ...(options.signal ? { signal: options.signal } : {})
  })
  const text = await response.body.text()
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.statusCode, headers: flat, text, json }
}

/** Status and body exactly, key order included (the body is compared as serialized text). */
function expectExactly(answer: HttpAnswer, status: number, body: unknown): void {
  expect({ status: answer.status, text: answer.text }).toEqual({
    status,
    text: JSON.stringify(body)
  })
}

const LOGGED_OUT = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.'
}
const BAD_CREDENTIALS = {
  success: false,
  error: 'Unauthorized',
  status: 'error',
  message: 'Unauthorized'
}
const INVALID_CHANNEL = { success: false, error: '[invalid-channel]', errorType: 'invalid-channel' }
const ALICE_TOKEN = 'alice-personal-access-token-0123456789abcdef'

let server: FakeServer
let asBot: Record<string, string>
let asAlice: Record<string, string>

beforeAll(async () => {
  server = await startFakeServer()
})

beforeEach(() => {
  server.addToken(server.seed.aliceId, ALICE_TOKEN)
  asBot = { 'x-user-id': server.seed.botId, 'x-auth-token': server.seed.botToken }
  asAlice = { 'x-user-id': server.seed.aliceId, 'x-auth-token': ALICE_TOKEN }
})

afterEach(() => {
  server.reset()
})

afterAll(async () => {
  await server.close()
})

function post(json: unknown, headers = asBot): Promise<HttpAnswer> {
  return call(server, 'POST', '/api/v1/chat.postMessage', { json, headers })
}

function hook(json: unknown, path = server.seed.webhook.path): Promise<HttpAnswer> {
  return call(server, 'POST', path, { json })
}

describe('start', () => {
  it('listens on 127.0.0.1 with a free port and seeds users, rooms, a PAT and a webhook', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.host).toBe(`127.0.0.1:${server.port}`)
    expect(server.seed).toMatchObject({
      botUsername: 'bot',
      botPassword: 'bot-password',
      aliceUsername: 'alice',
      alicePassword: 'alice-pass',
      generalId: 'GENERAL'
    })
    expect(server.seed.botId).toMatch(/^[23456789A-HJ-NP-Za-km-z]{17}$/)
    expect(server.seed.botToken).toMatch(/^[\w-]{43}$/)
    expect(server.seed.webhook.path).toBe(
      `/hooks/${server.seed.webhook.id}/${server.seed.webhook.token}`
    )
  })
})

describe('POST /api/v1/login', () => {
  const hashed = createHash('sha256').update('alice-pass').digest('hex')

  it.each([
    ['user', { user: 'alice', password: 'alice-pass' }],
    ['user with an @ (email)', { user: 'alice@example.com', password: 'alice-pass' }],
    ['username', { username: 'alice', password: 'alice-pass' }],
    ['email', { email: 'alice@example.com', password: 'alice-pass' }],
    ["Meteor's user object", { user: { username: 'alice' }, password: 'alice-pass' }],
    ['a pre-hashed password', { user: 'alice', password: { hashed } }]
  ])('logs in by %s', async (_form, body) => {
    const answer = await call(server, 'POST', '/api/v1/login', { json: body })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/json')
    expect(answer.json).toMatchObject({
      status: 'success',
      data: {
        userId: server.seed.aliceId,
        authToken: expect.stringMatching(/^[\w-]{43}$/) as unknown,
        me: { _id: server.seed.aliceId, username: 'alice', roles: ['user'] }
      },
      success: true
    })
    expect(Object.keys(answer.json as object)).toEqual(['status', 'data', 'success'])
  })

  it('accepts a form-encoded body, and the token it returns authenticates', async () => {
    const answer = await call(server, 'POST', '/api/v1/login', {
      form: { user: 'alice', password: 'alice-pass' }
    })
    const { data } = answer.json as { data: { userId: string; authToken: string } }
    const posted = await post(
      { channel: '#general', text: 'hi' },
      { 'x-user-id': data.userId, 'x-auth-token': data.authToken }
    )
    expect(posted.status).toBe(200)
  })

  it.each([
    ['a wrong password', { json: { user: 'alice', password: 'nope' } }],
    ['an unknown user', { json: { user: 'mallory', password: 'alice-pass' } }],
    ['no password', { json: { user: 'alice' } }],
    ['invalid JSON (parsed as {})', { body: '{"user":', contentType: 'application/json' }],
    ['an unknown resume token', { json: { resume: 'not-a-token' } }]
  ])('answers %s with the same 401 Unauthorized', async (_case, options) => {
    expectExactly(await call(server, 'POST', '/api/v1/login', options), 401, BAD_CREDENTIALS)
  })

  it('logs in again with `resume` and returns that same token', async () => {
    const answer = await call(server, 'POST', '/api/v1/login', {
      json: { resume: server.seed.botToken }
    })
    expect(answer.json).toMatchObject({
      data: { userId: server.seed.botId, authToken: server.seed.botToken }
    })
  })

  it('omits success:true in 6.x mode', async () => {
    server.settings.version = '6'
    const answer = await call(server, 'POST', '/api/v1/login', {
      json: { user: 'alice', password: 'alice-pass' }
    })
    expect(Object.keys(answer.json as object)).toEqual(['status', 'data'])
  })

  describe('two-factor authentication', () => {
    const login = (json: unknown, headers?: Record<string, string>) =>
      call(server, 'POST', '/api/v1/login', { json, ...(headers ? { headers } : {}) })

    beforeEach(() => {
      server.addUser({ username: 'carol', password: 'carol-pass', twoFactor: 'totp' })
      server.addUser({
        username: 'dave',
        password: 'dave-pass',
        email: 'dave@example.com',
        twoFactor: 'email',
        twoFactorCode: '654321'
      })
    })

    it('asks for a TOTP code, then accepts it in the body or the X-2FA-Code header', async () => {
      expectExactly(await login({ user: 'carol', password: 'carol-pass' }), 401, {
        success: false,
        error: 'totp-required',
        status: 'error',
        details: { method: 'totp', availableMethods: ['totp'] },
        message: 'TOTP Required'
      })
      const byBody = await login({ user: 'carol', password: 'carol-pass', code: '123456' })
      expect(byBody.status).toBe(200)
      const byHeader = await login(
        { user: 'carol', password: 'carol-pass' },
        { 'x-2fa-code': '123456' }
      )
      expect(byHeader.status).toBe(200)
    })

    it('answers a wrong code with totp-invalid', async () => {
      expectExactly(await login({ user: 'carol', password: 'carol-pass', code: '000000' }), 401, {
        success: false,
        error: 'totp-invalid',
        status: 'error',
        details: { method: 'totp' },
        message: 'TOTP Invalid'
      })
    })

    it('checks the password before the second factor', async () => {
      expectExactly(await login({ user: 'carol', password: 'wrong' }), 401, BAD_CREDENTIALS)
    })

    it('sends an email code once, then reports the pending one', async () => {
      const first = await login({ user: 'dave', password: 'dave-pass' })
      expectExactly(first, 401, {
        success: false,
        error: 'totp-required',
        status: 'error',
        details: {
          method: 'email',
          codeGenerated: true,
          emailOrUsername: 'dave',
          availableMethods: ['email']
        },
        message: 'TOTP Required'
      })
      const second = await login({ user: 'dave', password: 'dave-pass' })
      expect(second.json).toMatchObject({
        details: {
          method: 'email',
          codeGenerated: false,
          codeExpires: expect.any(String) as unknown
        }
      })
      const done = await login({ user: 'dave', password: 'dave-pass', code: '654321' })
      expect(done.status).toBe(200)
    })

    it('skips the second factor when 2FA is off server-wide, and on resume', async () => {
      server.settings.twoFactor = false
      const answer = await login({ user: 'carol', password: 'carol-pass' })
      expect(answer.status).toBe(200)
      server.settings.twoFactor = true
      const { data } = answer.json as { data: { authToken: string } }
      expect((await login({ resume: data.authToken })).status).toBe(200)
    })
  })
})

describe('authentication', () => {
  it.each([
    ['no headers', {}],
    ['an unknown token', { 'x-user-id': 'whoever', 'x-auth-token': 'nope' }],
    ["another user's token", { 'x-user-id': 'GENERAL', 'x-auth-token': ALICE_TOKEN }]
  ])('answers %s with the 401 body', async (_case, headers) => {
    expectExactly(await post({ channel: '#general', text: 'x' }, headers), 401, LOGGED_OUT)
  })

  it('answers with the pre-7.x 401 body in 6.x mode', async () => {
    server.settings.version = '6'
    expectExactly(await post({ channel: '#general' }, {}), 401, {
      status: 'error',
      message: 'You must be logged in to do this.'
    })
  })
})

describe('POST /api/v1/logout', () => {
  async function loginAlice(): Promise<Record<string, string>> {
    const answer = await call(server, 'POST', '/api/v1/login', {
      json: { user: 'alice', password: 'alice-pass' }
    })
    const { data } = answer.json as { data: { userId: string; authToken: string } }
    return { 'x-user-id': data.userId, 'x-auth-token': data.authToken }
  }

  it('answers 200 with an empty JSON body by default and deletes only that token', async () => {
    const session = await loginAlice()
    const answer = await call(server, 'POST', '/api/v1/logout', { headers: session })
    expect(answer).toMatchObject({ status: 200, text: '' })
    expect(answer.headers['content-type']).toBe('application/json')
    expectExactly(await post({ channel: '#general' }, session), 401, LOGGED_OUT)
    expect((await post({ channel: '#general' }, asAlice)).status).toBe(200)
  })

  it('answers with the documented body when logoutBody is legacy', async () => {
    server.settings.logoutBody = 'legacy'
    const answer = await call(server, 'POST', '/api/v1/logout', { headers: await loginAlice() })
    expectExactly(answer, 200, {
      status: 'success',
      data: { message: "You've been logged out!" }
    })
  })

  it('needs authentication', async () => {
    expectExactly(await call(server, 'POST', '/api/v1/logout'), 401, LOGGED_OUT)
  })
})

describe('POST /api/v1/chat.postMessage', () => {
  it('posts and answers with the documented shape', async () => {
    const before = Date.now()
    const answer = await post({ channel: '#general', text: '  Sample message \n' })
    expect(answer.status).toBe(200)
    expect(answer.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      pragma: 'no-cache'
    })
    const body = answer.json as { ts: number; message: { _id: string; ts: string } }
    expect(body).toEqual({
      ts: expect.any(Number) as unknown,
      channel: '#general',
      message: {
        _id: expect.stringMatching(/^[23456789A-HJ-NP-Za-km-z]{17}$/) as unknown,
        rid: 'GENERAL',
        msg: 'Sample message',
        ts: expect.any(String) as unknown,
        u: { _id: server.seed.botId, username: 'bot', name: 'Bot' },
        alias: '',
        groupable: false,
        parseUrls: true,
        attachments: [],
        md: expect.any(Array) as unknown,
        mentions: [],
        channels: [],
        _updatedAt: expect.any(String) as unknown
      },
      success: true
    })
    expect(body.ts).toBeGreaterThanOrEqual(before)
    expect(new Date(body.message.ts).toISOString()).toBe(body.message.ts)
    expect(server.messages).toEqual([
      expect.objectContaining({
        _id: body.message._id,
        rid: 'GENERAL',
        roomName: 'general',
        msg: 'Sample message',
        u: { _id: server.seed.botId, username: 'bot', name: 'Bot' }
      })
    ])
  })

  it('keeps alias, emoji, avatar, attachments and tmid, and parseUrls false with attachments', async () => {
    const attachments = [{ title: 'Build', title_link: 'https://ci.example/1', text: 'ok' }]
    const answer = await call(server, 'POST', '/api/v1/chat.postMessage', {
      json: {
        roomId: 'GENERAL',
        text: 'x',
        alias: 'CI',
        emoji: ':robot:',
        attachments,
        tmid: 'T1'
      },
      headers: asBot
    })
    expect(answer.json).toMatchObject({
      channel: 'GENERAL',
      message: { alias: 'CI', emoji: ':robot:', attachments, tmid: 'T1', parseUrls: false }
    })
    expect(server.messages[0]).toMatchObject({ alias: 'CI', emoji: ':robot:', attachments })
  })

  it('keeps the avatar and drops the emoji when both are given', async () => {
    await post({ channel: '#general', avatar: 'https://img.example/a.png', emoji: ':x:' })
    expect(server.messages[0]?.avatar).toBe('https://img.example/a.png')
    expect(server.messages[0]?.emoji).toBeUndefined()
  })

  it('coerces scalar types as ajv does', async () => {
    const answer = await post({ channel: '#general', text: 5, parseUrls: 'false' })
    expect(answer.json).toMatchObject({ message: { msg: '5', parseUrls: false } })
  })

  describe('targets', () => {
    it.each([
      ['#name', { channel: '#general' }, 'general'],
      ['#id', { channel: '#GENERAL' }, 'general'],
      ['a bare name', { channel: 'random' }, 'random'],
      ['roomId', { roomId: 'GENERAL' }, 'general'],
      ['@username (a DM)', { channel: '@alice' }, '@alice']
    ])('finds %s', async (_form, target, roomName) => {
      expect((await post({ ...target, text: 'x' })).status).toBe(200)
      expect(server.messages[0]?.roomName).toBe(roomName)
    })

    it('creates a DM from @userId and from a bare user id, in the same room', async () => {
      await post({ channel: `@${server.seed.aliceId}`, text: 'a' })
      await post({ channel: server.seed.aliceId, text: 'b' })
      const [first, second] = server.messages
      expect(first?.roomName).toBe('@alice')
      expect(second?.rid).toBe(first?.rid)
    })

    it('posts to every target of an array and answers for the first', async () => {
      const answer = await post({ channel: ['#random', '#general', '#random'], text: 'x' })
      expect(answer.json).toMatchObject({ channel: '#random' })
      expect(server.messages.map(message => message.roomName)).toEqual(['random', 'general'])
    })

    it('joins a public channel the sender is not a member of', async () => {
      expect((await post({ channel: '#random', text: 'x' }, asAlice)).status).toBe(200)
    })

    it('posts nothing when one of several targets is unknown (8.x)', async () => {
      expectExactly(await post({ channel: ['#general', '#nope'], text: 'x' }), 400, INVALID_CHANNEL)
      expect(server.messages).toEqual([])
    })

    it('posts target by target in 7.5-legacy mode, stopping at the bad one', async () => {
      server.settings.version = '7.5-legacy'
      expectExactly(await post({ channel: ['#general', '#nope'], text: 'x' }), 400, INVALID_CHANNEL)
      expect(server.messages.map(message => message.roomName)).toEqual(['general'])
    })
  })

  describe('errors, in the order of §5.4', () => {
    const BAD_HREF = { success: false, error: 'Invalid href value provided' }
    const BAD_FIELD = {
      success: false,
      error: 'Invalid attachment field, title and value is required'
    }

    it.each([
      ['#nope', { channel: '#nope' }, INVALID_CHANNEL],
      ['@nobody', { channel: '@nobody' }, INVALID_CHANNEL],
      ['an unknown bare name', { channel: 'nope' }, INVALID_CHANNEL],
      ['an unknown roomId', { roomId: 'NOPE' }, INVALID_CHANNEL],
      ['an empty channel', { channel: '' }, INVALID_CHANNEL],
      ['a javascript: avatar', { channel: '#general', avatar: 'javascript:alert(1)' }, BAD_HREF],
      [
        'a relative title_link',
        { channel: '#general', attachments: [{ title_link: '/x' }] },
        BAD_HREF
      ],
      [
        'a javascript: image_url',
        { channel: '#general', attachments: [{ image_url: 'javascript:alert(1)' }] },
        BAD_HREF
      ],
      [
        'a field without value',
        { channel: '#general', attachments: [{ fields: [{ title: 'a' }] }] },
        BAD_FIELD
      ],
      [
        'a field with an empty title',
        { channel: '#general', attachments: [{ fields: [{ title: '', value: 'v' }] }] },
        BAD_FIELD
      ],
      [
        'customFields while disabled',
        { channel: '#general', customFields: { a: 1 } },
        { success: false, error: 'Custom fields not enabled' }
      ]
    ])('answers %s', async (_case, body, expected) => {
      expectExactly(await post({ text: 'x', ...body }), 400, expected)
      expect(server.messages).toEqual([])
    })

    it('answers wrong attachment types with a Match error', async () => {
      const answer = await post({ channel: '#general', attachments: [{ title: 12 }] })
      expect(answer.status).toBe(400)
      expect((answer.json as { error: string }).error).toMatch(/^Match error: /)
    })

    it('rejects text over maxMessageSize, counted in UTF-16 units, before resolving targets', async () => {
      expectExactly(await post({ channel: '#nope', text: 'x'.repeat(5001) }), 400, {
        success: false,
        error: 'error-message-size-exceeded'
      })
      expect((await post({ channel: '#general', text: '€'.repeat(5000) })).status).toBe(200)
      server.settings.maxMessageSize = 10
      expect((await post({ channel: '#general', text: '😀'.repeat(6) })).status).toBe(400)
    })

    it('rejects an attachment text over maxMessageSize', async () => {
      const attachments = [{ text: 'short' }, { text: 'x'.repeat(5001) }]
      expectExactly(await post({ channel: '#general', attachments }), 400, {
        success: false,
        error: 'error-message-size-exceeded'
      })
    })

    it('refuses a private group to a non-member', async () => {
      expectExactly(await post({ channel: '#secret', text: 'x' }, asAlice), 400, {
        success: false,
        error: 'error-not-allowed'
      })
      expect((await post({ channel: '#secret', text: 'x' })).status).toBe(200)
    })

    it('refuses a read-only room', async () => {
      server.addRoom({ name: 'announcements', type: 'c', readonly: true })
      expectExactly(await post({ channel: '#announcements', text: 'x' }, asAlice), 400, {
        success: false,
        error: "You can't send messages because the room is readonly."
      })
    })

    it.each([
      ['alias', { alias: 'Someone' }],
      ['avatar', { avatar: 'https://img.example/a.png' }]
    ])('needs message-impersonate for %s, but not for emoji', async (_field, fields) => {
      expectExactly(await post({ channel: '#general', ...fields }, asAlice), 400, {
        success: false,
        error: 'Not enough permission'
      })
      expect((await post({ channel: '#general', emoji: ':x:' }, asAlice)).status).toBe(200)
    })
  })

  describe('schema validation', () => {
    const required =
      "must have required property 'roomId'\n must have required property 'channel'\n" +
      ' must match exactly one schema in oneOf'

    it.each([
      ['no target', { text: 'x' }, required],
      [
        'both roomId and channel',
        { roomId: 'GENERAL', channel: '#general' },
        'must NOT have additional properties\n must NOT have additional properties\n' +
          ' must match exactly one schema in oneOf'
      ],
      [
        'tmid with channel',
        { channel: '#general', tmid: 'T1' },
        "must have required property 'roomId'\n must NOT have additional properties\n" +
          ' must match exactly one schema in oneOf'
      ],
      [
        'a webhook key',
        { channel: '#general', username: 'x' },
        "must have required property 'roomId'\n must NOT have additional properties\n" +
          ' must match exactly one schema in oneOf'
      ],
      [
        'attachments that are not an array',
        { channel: '#general', attachments: 'x' },
        "must have required property 'roomId'\n must be array\n must match exactly one schema in oneOf"
      ]
    ])('8-typed: answers %s with errorType first', async (_case, body, error) => {
      expectExactly(await post(body), 400, { success: false, errorType: 'invalid-params', error })
    })

    it('7.5-legacy: suffixes the error with [invalid-params]', async () => {
      server.settings.version = '7.5-legacy'
      expectExactly(await post({ text: 'x' }), 400, {
        success: false,
        error: `${required} [invalid-params]`,
        errorType: 'invalid-params'
      })
    })

    it('6: has no schema, takes webhook keys and answers a missing target with [invalid-channel]', async () => {
      server.settings.version = '6'
      expectExactly(await post({ text: 'x' }), 400, INVALID_CHANNEL)
      const answer = await post({
        channel: '#general',
        username: 'CI',
        icon_emoji: ':ci:',
        tmid: 'T'
      })
      expect(answer.json).toMatchObject({ message: { alias: 'CI', emoji: ':ci:', tmid: 'T' } })
      expect((await post({ channel: '#general', text: 'x'.repeat(6000) })).status).toBe(200)
    })
  })
})

describe('GET /api/v1/chat.getMessage and POST /api/v1/chat.update', () => {
  async function postedId(headers = asBot): Promise<string> {
    const answer = await post({ channel: '#general', text: 'first' }, headers)
    return (answer.json as { message: { _id: string } }).message._id
  }

  it('returns a stored message', async () => {
    const id = await postedId()
    const answer = await call(server, 'GET', `/api/v1/chat.getMessage?msgId=${id}`, {
      headers: asBot
    })
    expect(answer.status).toBe(200)
    expect(answer.json).toMatchObject({
      message: { _id: id, rid: 'GENERAL', msg: 'first' },
      success: true
    })
  })

  it('answers an unknown message with a bare failure', async () => {
    const answer = await call(server, 'GET', '/api/v1/chat.getMessage?msgId=nope', {
      headers: asBot
    })
    expectExactly(answer, 400, { success: false })
  })

  it('refuses a message of a private group to a non-member', async () => {
    const answer = await post({ channel: '#secret', text: 'hidden' })
    const { _id } = (answer.json as { message: { _id: string } }).message
    const read = await call(server, 'GET', `/api/v1/chat.getMessage?msgId=${_id}`, {
      headers: asAlice
    })
    expectExactly(read, 400, {
      success: false,
      error: 'Not allowed [error-not-allowed]',
      errorType: 'error-not-allowed',
      details: { method: 'getSingleMessage' }
    })
  })

  function update(json: unknown, headers = asBot): Promise<HttpAnswer> {
    return call(server, 'POST', '/api/v1/chat.update', { json, headers })
  }

  it('edits the text of a message', async () => {
    const msgId = await postedId()
    const answer = await update({ roomId: 'GENERAL', msgId, text: 'edited' })
    expect(answer.json).toMatchObject({ message: { _id: msgId, msg: 'edited' }, success: true })
    expect(server.messages[0]).toMatchObject({ msg: 'edited', editedBy: { username: 'bot' } })
    expect(server.messages[0]?.editedAt).toBeInstanceOf(Date)
  })

  it('refuses an unknown message and a room the message is not in', async () => {
    const msgId = await postedId()
    expectExactly(await update({ roomId: 'GENERAL', msgId: 'nope', text: 'x' }), 400, {
      success: false,
      error: 'No message found with the id of "nope".'
    })
    expectExactly(await update({ roomId: server.seed.randomId, msgId, text: 'x' }), 400, {
      success: false,
      error: 'The room id provided does not match where the message is from.'
    })
  })

  it("refuses to edit another user's message", async () => {
    const msgId = await postedId()
    expectExactly(await update({ roomId: 'GENERAL', msgId, text: 'x' }, asAlice), 400, {
      success: false,
      error: 'Message editing not allowed [error-action-not-allowed]',
      errorType: 'error-action-not-allowed',
      details: { method: 'updateMessage', action: 'Message_editing' }
    })
  })

  it('drops attachments silently on 8.x and rejects them on 7.5', async () => {
    const msgId = await postedId()
    const body = { roomId: 'GENERAL', msgId, text: 'edited', attachments: [{ text: 'new' }] }
    expect((await update(body)).status).toBe(200)
    expect(server.messages[0]).toMatchObject({ msg: 'edited', attachments: [] })
    server.settings.version = '7.5-legacy'
    expectExactly(await update(body), 400, {
      success: false,
      error: 'must NOT have additional properties [invalid-params]',
      errorType: 'invalid-params'
    })
  })
})

describe('POST /api/v1/chat.sendMessage: threads', () => {
  function sendMessage(message: Record<string, unknown>, headers = asBot): Promise<HttpAnswer> {
    return call(server, 'POST', '/api/v1/chat.sendMessage', { json: { message }, headers })
  }

  it("stores a reply in its root's room, shown in the room with tshow, and counts it on the root", async () => {
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'root' })
    const reply = await sendMessage(
      { rid: server.seed.randomId, msg: 'reply', tmid: 'ROOT', tshow: true },
      asAlice
    )

    expect(reply.json).toMatchObject({ message: { rid: 'GENERAL', tmid: 'ROOT', tshow: true } })
    const root = server.messages.find(message => message._id === 'ROOT')
    expect(root).toMatchObject({ tcount: 1, replies: [server.seed.botId, server.seed.aliceId] })
    expect(root?.tlm).toEqual(server.messages[1]?.ts)
  })

  it('puts a reply to a reply in the first thread: no nested threads', async () => {
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'root' })
    await sendMessage({ _id: 'REPLY', rid: 'GENERAL', msg: 'reply', tmid: 'ROOT' })
    const nested = await sendMessage({ rid: 'GENERAL', msg: 'again', tmid: 'REPLY' })

    expect(nested.json).toMatchObject({ message: { tmid: 'ROOT' } })
    expect(server.messages.find(message => message._id === 'ROOT')?.tcount).toBe(2)
  })

  it('refuses tshow without tmid, and a second message under a stored id', async () => {
    expectExactly(await sendMessage({ rid: 'GENERAL', msg: 'x', tshow: true }), 400, {
      success: false,
      error: 'tshow provided but missing tmid [invalid-params]',
      errorType: 'invalid-params',
      details: { method: 'sendMessage' }
    })
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'first' })
    const again = await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'second' }, asAlice)
    expect(again.status).toBe(400)
    expect(server.messages.map(message => message.msg)).toEqual(['first'])
  })

  it('refuses a reply while threads are turned off', async () => {
    server.settings.threadsEnabled = false
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'root' })

    expectExactly(await sendMessage({ rid: 'GENERAL', msg: 'reply', tmid: 'ROOT' }), 400, {
      success: false,
      error: 'not-allowed [error-not-allowed]',
      errorType: 'error-not-allowed',
      details: { method: 'sendMessage' }
    })
    expect(server.messages).toHaveLength(1)
  })

  it('edits a root without losing its thread', async () => {
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'root' })
    await sendMessage({ rid: 'GENERAL', msg: 'reply', tmid: 'ROOT' })
    const edit = await call(server, 'POST', '/api/v1/chat.update', {
      json: { roomId: 'GENERAL', msgId: 'ROOT', text: 'root, now green' },
      headers: asBot
    })

    expect(edit.json).toMatchObject({ message: { msg: 'root, now green', tcount: 1 } })
  })
})

describe('GET /api/v1/chat.getThreadMessages', () => {
  function sendMessage(message: Record<string, unknown>, headers = asBot): Promise<HttpAnswer> {
    return call(server, 'POST', '/api/v1/chat.sendMessage', { json: { message }, headers })
  }
  const read = (query: string, headers = asBot) =>
    call(server, 'GET', `/api/v1/chat.getThreadMessages?${query}`, { headers })

  it('answers one page of the replies, never the root: oldest first, or newest first by sort', async () => {
    await sendMessage({ _id: 'ROOT', rid: 'GENERAL', msg: 'root' })
    for (const msg of ['one', 'two', 'three']) {
      await sendMessage({ rid: 'GENERAL', msg, tmid: 'ROOT' })
    }
    await sendMessage({ rid: 'GENERAL', msg: 'outside' })

    const oldest = await read('tmid=ROOT')
    expect(oldest.json).toMatchObject({ count: 3, offset: 0, total: 3, success: true })
    const texts = (answer: HttpAnswer) =>
      (answer.json as { messages: { msg: string }[] }).messages.map(message => message.msg)
    expect(texts(oldest)).toEqual(['one', 'two', 'three'])
    const newest = await read(`tmid=ROOT&count=2&sort=${encodeURIComponent('{"ts":-1}')}`)
    expect(texts(newest)).toEqual(['three', 'two'])
    expect(newest.json).toMatchObject({ count: 2, offset: 0, total: 3 })
    expect((newest.json as { messages: unknown[] }).messages[0]).toMatchObject({
      tmid: 'ROOT',
      u: { _id: server.seed.botId },
      rid: 'GENERAL'
    })
  })

  it('refuses as the real route does: no tmid, an unknown parameter, an unknown root, threads off, a room not readable', async () => {
    expect((await read('')).json).toMatchObject({ errorType: 'invalid-params' })
    expect((await read('tmid=ROOT&fields=%7B%7D')).json).toMatchObject({
      errorType: 'invalid-params'
    })
    expectExactly(await read('tmid=NOPE'), 400, {
      success: false,
      error: 'Invalid Message [error-invalid-message]',
      errorType: 'error-invalid-message'
    })
    await sendMessage({ _id: 'SECRET', rid: server.seed.secretId, msg: 'root' })
    expect((await read('tmid=SECRET', asAlice)).json).toMatchObject({
      errorType: 'error-not-allowed'
    })
    server.settings.threadsEnabled = false
    expectExactly(await read('tmid=SECRET'), 400, {
      success: false,
      error: 'Threads Disabled [error-not-allowed]',
      errorType: 'error-not-allowed'
    })
    server.settings.refusals = '9.0'
    expect((await read('tmid=SECRET')).status).toBe(403)
  })
})

describe('GET /api/v1/subscriptions.get', () => {
  const subscriptions = (headers: Record<string, string>, query = '') =>
    call(server, 'GET', `/api/v1/subscriptions.get${query}`, { headers })

  it("lists the rooms the user is a member of, by name and room id, and no one else's", async () => {
    const bot = await subscriptions(asBot)
    const alice = await subscriptions(asAlice)

    expect(bot.status).toBe(200)
    expect(bot.json).toMatchObject({ remove: [], success: true })
    const listed = (answer: HttpAnswer) =>
      (answer.json as { update: { rid: string; name: string; t: string }[] }).update
        .map(({ rid, name, t }) => [name, rid, t])
        .sort()
    expect(listed(bot)).toEqual([
      ['general', 'GENERAL', 'c'],
      ['random', server.seed.randomId, 'c'],
      ['secret', server.seed.secretId, 'p']
    ])
    expect(listed(alice)).toEqual([['general', 'GENERAL', 'c']])
    expect((bot.json as { update: unknown[] }).update[0]).toMatchObject({
      _id: expect.stringMatching(/^[23456789A-HJ-NP-TW-Za-km-z]{17}$/) as unknown,
      fname: 'general',
      u: { _id: server.seed.botId, username: 'bot' },
      open: true,
      _updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown
    })
  })

  it('names a direct room after the other user', async () => {
    await call(server, 'POST', '/api/v1/im.create', { json: { username: 'alice' }, headers: asBot })

    const answer = await subscriptions(asBot)

    const direct = (answer.json as { update: { t: string }[] }).update.filter(s => s.t === 'd')
    expect(direct).toMatchObject([{ name: 'alice', fname: 'Alice' }])
  })

  it('lists only what changed after updatedSince, and refuses a date it cannot read', async () => {
    const later = await subscriptions(
      asBot,
      `?updatedSince=${new Date(Date.now() + 60_000).toISOString()}`
    )
    const junk = await subscriptions(asBot, '?updatedSince=yesterday')

    expectExactly(later, 200, { update: [], remove: [], success: true })
    expectExactly(junk, 400, {
      success: false,
      error: 'The "lastUpdate" query parameter must be a valid date. [error-roomId-param-invalid]',
      errorType: 'error-roomId-param-invalid'
    })
  })

  it('needs authentication', async () => {
    expectExactly(await subscriptions({}), 401, LOGGED_OUT)
  })
})

describe('incoming webhooks', () => {
  it('posts as the integration user to its channel and answers only success', async () => {
    expectExactly(await hook({ text: '  Deployed  ' }), 200, { success: true })
    expect(server.messages).toEqual([
      expect.objectContaining({
        roomName: 'general',
        msg: 'Deployed',
        alias: '',
        bot: { i: server.seed.webhook.id },
        u: { _id: server.seed.botId, username: 'bot', name: 'Bot' }
      })
    ])
  })

  it.each([
    ['Slack names', { text: 'a', username: 'CI', icon_url: 'https://i.example/a.png' }],
    ['Rocket.Chat names', { msg: 'a', alias: 'CI', avatar: 'https://i.example/a.png' }]
  ])('maps %s to alias and avatar', async (_names, payload) => {
    await hook(payload)
    expect(server.messages[0]).toMatchObject({
      msg: 'a',
      alias: 'CI',
      avatar: 'https://i.example/a.png'
    })
  })

  it('maps icon_emoji and keeps tmid and attachments (msg renamed to text)', async () => {
    await hook({ text: 'a', icon_emoji: ':rocket:', tmid: 'T1', attachments: [{ msg: ' m ' }] })
    expect(server.messages[0]).toMatchObject({
      emoji: ':rocket:',
      tmid: 'T1',
      attachments: [{ text: 'm' }]
    })
  })

  it('uses the integration defaults: several channels, alias and emoji', async () => {
    const ci = server.addWebhook({
      channel: ['#random', '@alice'],
      alias: 'CI',
      emoji: ':robot:',
      postAs: 'bot'
    })
    await hook({ text: 'x' }, ci.path)
    expect(server.messages.map(m => [m.roomName, m.alias, m.emoji])).toEqual([
      ['random', 'CI', ':robot:'],
      ['@alice', 'CI', ':robot:']
    ])
  })

  it('accepts the legacy /hooks/:id/:userId/:token path', async () => {
    const { id, token } = server.seed.webhook
    expect((await hook({ text: 'x' }, `/hooks/${id}/${server.seed.botId}/${token}`)).status).toBe(
      200
    )
    expect(server.messages).toHaveLength(1)
  })

  it('unwraps a form payload=<json>', async () => {
    const answer = await call(server, 'POST', server.seed.webhook.path, {
      form: { payload: JSON.stringify({ text: 'from form' }) }
    })
    expectExactly(answer, 200, { success: true })
    expect(server.messages[0]?.msg).toBe('from form')
  })

  it('refuses a form payload that is JSON but not an object', async () => {
    const answer = await call(server, 'POST', server.seed.webhook.path, {
      form: { payload: '[1]' }
    })
    expectExactly(answer, 400, {
      success: false,
      error: 'Integration payload must be a JSON object, not an array or primitive'
    })
  })

  it.each([
    ['an empty body', { body: '', contentType: 'application/json' }, 'POST'],
    ['a JSON array', { json: [{ text: 'x' }] }, 'POST'],
    ['invalid JSON', { body: '{"text":', contentType: 'application/json' }, 'POST'],
    ['a GET with query parameters', {}, 'GET']
  ])('answers %s with success and posts nothing', async (_case, options, method) => {
    const path = server.seed.webhook.path + (method === 'GET' ? '?text=hello' : '')
    expectExactly(await call(server, method, path, options), 200, { success: true })
    expect(server.messages).toEqual([])
  })

  it('answers a wrong token with a plain-text 500, or the legacy 404 per knob', async () => {
    const path = `/hooks/${server.seed.webhook.id}/wrong-token`
    const current = await hook({ text: 'x' }, path)
    expect(current).toMatchObject({ status: 500, text: 'Internal Server Error' })
    expect(current.headers['content-type']).toMatch(/^text\/plain/)
    server.settings.badWebhookToken = '404-json'
    expectExactly(await hook({ text: 'x' }, path), 404, {
      success: false,
      error: 'Invalid integration id or token provided.'
    })
  })

  it('answers a disabled integration with 503', async () => {
    const off = server.addWebhook({ channel: ['#general'], postAs: 'bot', enabled: false })
    expectExactly(await hook({ text: 'x' }, off.path), 503, {
      success: false,
      error: 'Service Unavailable'
    })
  })

  it('refuses channel overrides unless the integration allows them', async () => {
    expectExactly(await hook({ text: 'x', channel: '#random' }), 400, {
      success: false,
      error: 'overriding destination channel is disabled for this integration'
    })
    const open = server.addWebhook({
      channel: ['#general'],
      postAs: 'bot',
      overrideDestinationChannelEnabled: true
    })
    expectExactly(await hook({ text: 'x', channel: ['#random', '@alice'] }, open.path), 200, {
      success: true
    })
    expect(server.messages.map(m => m.roomName)).toEqual(['random', '@alice'])
    expectExactly(await hook({ text: 'x', channel: '#nope' }, open.path), 400, {
      success: false,
      error: 'invalid-channel'
    })
  })

  it('answers each target on its own with separateResponse', async () => {
    const open = server.addWebhook({
      channel: ['#general'],
      postAs: 'bot',
      overrideDestinationChannelEnabled: true
    })
    const mixed = await hook(
      { text: 'x', channel: ['#general', '#nope'], separateResponse: true },
      open.path
    )
    expect(mixed.status).toBe(200)
    expect(mixed.json).toMatchObject({
      responses: [
        { channel: '#general', message: { msg: 'x' } },
        { channel: '#nope', error: 'invalid-channel' }
      ],
      success: true
    })
    const failed = await hook({ text: 'x', channel: ['#nope'], separateResponse: true }, open.path)
    expectExactly(failed, 400, {
      responses: [{ channel: '#nope', error: 'invalid-channel' }],
      success: false
    })
  })

  it('rejects text over maxMessageSize', async () => {
    expectExactly(await hook({ text: 'x'.repeat(5001) }), 400, {
      success: false,
      error: 'error-message-size-exceeded'
    })
  })
})

describe('rate limiting', () => {
  const tooMany = (seconds: number) => ({
    success: false,
    error:
      `Error, too many requests. Please slow down. You must wait ${seconds} seconds before ` +
      'trying this endpoint again. [error-too-many-requests]'
  })

  beforeEach(() => {
    server.settings.rateLimit = { enabled: true, calls: 2, windowMs: 300 }
  })

  it('counts per endpoint and method, sends the headers, then 429 until the window resets', async () => {
    const before = Date.now()
    const first = await post({ channel: '#general', text: '1' }, asAlice)
    const second = await post({ channel: '#general', text: '2' }, asAlice)
    const third = await post({ channel: '#general', text: '3' }, asAlice)
    expect([first, second].map(a => a.headers['x-ratelimit-remaining'])).toEqual(['1', '0'])
    expectExactly(third, 429, tooMany(1))
    expect(third.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0' })
    expect(third.headers['retry-after']).toBeUndefined()
    const reset = Number(third.headers['x-ratelimit-reset'])
    expect(reset).toBeGreaterThanOrEqual(before)
    expect(reset).toBeLessThanOrEqual(Date.now() + 300)
    expect(server.messages).toHaveLength(2)
    // Another endpoint has its own count.
    const read = await call(server, 'GET', '/api/v1/chat.getMessage?msgId=x', { headers: asAlice })
    expect(read.status).toBe(400)
    await sleep(Math.max(0, reset - Date.now()) + 10)
    expect((await post({ channel: '#general', text: '4' }, asAlice)).status).toBe(200)
  })

  it('lets a bot through, without headers', async () => {
    for (let i = 0; i < 4; i++) {
      const answer = await post({ channel: '#general', text: String(i) })
      expect(answer.status).toBe(200)
      expect(answer.headers['x-ratelimit-limit']).toBeUndefined()
    }
  })

  it('limits login even for a bot', async () => {
    const login = () =>
      call(server, 'POST', '/api/v1/login', { json: { user: 'bot', password: 'bot-password' } })
    expect((await login()).status).toBe(200)
    expect((await login()).status).toBe(200)
    expectExactly(await login(), 429, tooMany(1))
  })

  it('limits webhooks per URL, whoever posts as', async () => {
    const other = server.addWebhook({ channel: ['#general'], postAs: 'bot' })
    await hook({ text: '1' })
    await hook({ text: '2' })
    const third = await hook({ text: '3' })
    expectExactly(third, 429, tooMany(1))
    expect(third.headers['x-ratelimit-limit']).toBe('2')
    expect((await hook({ text: 'x' }, other.path)).status).toBe(200)
  })

  it('does not count invalid bodies on 8.x typed routes', async () => {
    const invalid = await post({ text: 'no target' }, asAlice)
    expect(invalid.headers['x-ratelimit-limit']).toBeUndefined()
    expect((await post({ channel: '#general' }, asAlice)).headers['x-ratelimit-remaining']).toBe(
      '1'
    )
  })

  it('can be switched off', async () => {
    server.settings.rateLimit.enabled = false
    for (let i = 0; i < 3; i++) {
      const answer = await post({ channel: '#general', text: String(i) }, asAlice)
      expect(answer.status).toBe(200)
      expect(answer.headers['x-ratelimit-limit']).toBeUndefined()
    }
  })
})

describe('other routes', () => {
  it('answers an unknown /api/v1 route with a JSON 404', async () => {
    expectExactly(await call(server, 'POST', '/api/v1/chat.nope', { headers: asBot }), 404, {
      success: false,
      error: 'Resource not found'
    })
  })
})

describe('recording', () => {
  it('records method, path, query, lower-cased headers, raw and parsed body', async () => {
    await call(server, 'POST', '/api/v1/chat.postMessage?x=1', {
      json: { channel: '#general', text: 'hi' },
      headers: { 'X-User-Id': server.seed.botId, 'X-Auth-Token': server.seed.botToken }
    })
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/chat.postMessage',
        url: '/api/v1/chat.postMessage?x=1',
        query: { x: '1' },
        headers: expect.objectContaining({
          'x-user-id': server.seed.botId,
          'content-type': 'application/json'
        }) as unknown,
        rawBody: '{"channel":"#general","text":"hi"}',
        body: { channel: '#general', text: 'hi' }
      })
    ])
  })

  it('parses form bodies into strings', async () => {
    await call(server, 'POST', '/api/v1/login', { form: { user: 'alice', password: 'x' } })
    expect(server.requests[0]?.body).toEqual({ user: 'alice', password: 'x' })
  })

  it('forgets everything and restores the start settings on reset()', async () => {
    server.settings.version = '6'
    server.addUser({ username: 'erin', password: 'p' })
    await post({ channel: '#general', text: 'x' })
    server.reset()
    expect(server.messages).toEqual([])
    expect(server.requests).toEqual([])
    expect(server.settings.version).toBe('8-typed')
    const login = await call(server, 'POST', '/api/v1/login', {
      json: { user: 'erin', password: 'p' }
    })
    expect(login.status).toBe(401)
  })
})

describe('fault injection', () => {
  it('answers the next matching requests with a canned reply, without processing them', async () => {
    server.injectFault({
      path: '/api/v1/chat.postMessage',
      times: 2,
      fault: {
        status: 502,
        body: '<h1>Bad Gateway</h1>',
        contentType: 'text/html',
        headers: { 'x-proxy': 'yes' }
      }
    })
    for (let i = 0; i < 2; i++) {
      const answer = await post({ channel: '#general', text: 'x' })
      expect(answer).toMatchObject({ status: 502, text: '<h1>Bad Gateway</h1>' })
      expect(answer.headers).toMatchObject({ 'content-type': 'text/html', 'x-proxy': 'yes' })
    }
    expect(server.messages).toEqual([])
    expect((await post({ channel: '#general', text: 'x' })).status).toBe(200)
    expect(server.requests).toHaveLength(3)
  })

  it('matches a pattern and a method only', async () => {
    server.injectFault({ path: /^\/hooks\//, method: 'get', fault: { status: 500, body: '{}' } })
    expect((await hook({ text: 'x' })).status).toBe(200)
    expect((await call(server, 'GET', server.seed.webhook.path)).status).toBe(500)
  })

  it('resets the connection', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'reset' })
    await expect(call(server, 'POST', '/api/v1/login', { json: {} })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) as unknown
    })
    expect(server.requests).toHaveLength(1)
  })

  it('hangs without an answer', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'hang' })
    const signal = AbortSignal.timeout(100)
    await expect(call(server, 'POST', '/api/v1/login', { json: {}, signal })).rejects.toMatchObject(
      {
        name: 'TimeoutError'
      }
    )
    expect(server.requests).toHaveLength(1)
  })

  it('answers normally after a delay with slow-headers', async () => {
    server.injectFault({ path: server.seed.webhook.path, fault: 'slow-headers', delayMs: 20 })
    expectExactly(await hook({ text: 'late' }), 200, { success: true })
    expect(server.messages[0]?.msg).toBe('late')
  })

  describe('lost answers: the message is stored, the answer never arrives whole', () => {
    it('stores, then resets, closes or answers a gateway error with processFirst', async () => {
      server.injectFault({ path: server.seed.webhook.path, fault: 'reset', processFirst: true })
      await expect(hook({ text: 'one' })).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) as unknown
      })
      server.injectFault({ path: server.seed.webhook.path, fault: 'close', processFirst: true })
      await expect(hook({ text: 'two' })).rejects.toMatchObject({
        code: expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/) as unknown
      })
      server.injectFault({
        path: server.seed.webhook.path,
        fault: { status: 504, body: 'Gateway Timeout', contentType: 'text/plain' },
        processFirst: true
      })
      expect((await hook({ text: 'three' })).status).toBe(504)
      expect(server.messages.map(m => m.msg)).toEqual(['one', 'two', 'three'])
    })

    it('cuts the real body in half, after storing', async () => {
      server.injectFault({ path: '/api/v1/chat.postMessage', fault: 'cut-body' })
      await expect(post({ channel: '#general', text: 'cut' })).rejects.toBeDefined()
      expect(server.messages.map(m => m.msg)).toEqual(['cut'])
    })

    it('trickles the real body one byte at a time', async () => {
      server.injectFault({ path: server.seed.webhook.path, fault: 'trickle', delayMs: 1 })
      expectExactly(await hook({ text: 'slow' }), 200, { success: true })
      expect(server.messages).toHaveLength(1)
    })

    it('sends a body that never ends until the client leaves', async () => {
      server.injectFault({ path: server.seed.webhook.path, fault: 'endless' })
      const response = await request(server.url + server.seed.webhook.path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'x' })
      })
      let read = 0
      for await (const chunk of response.body) {
        read += (chunk as Buffer).length
        if (read > 4 * 1024 * 1024) break
      }
      expect(read).toBeGreaterThan(4 * 1024 * 1024)
    })

    it('stores, then sends an unasked-for 100 Continue that Node fetch calls a bad response', async () => {
      server.injectFault({ path: server.seed.webhook.path, fault: 'continue' })
      await expect(fetch(server.url + server.seed.webhook.path, hookInit('c'))).rejects.toThrow()
      expect(server.messages.map(m => m.msg)).toEqual(['c'])
    })

    it('answers gzip-encoded', async () => {
      server.injectFault({ path: server.seed.webhook.path, fault: 'gzip' })
      const zipped = await fetch(server.url + server.seed.webhook.path, hookInit('g'))
      expect(zipped.headers.get('content-encoding')).toBe('gzip')
      expect(await zipped.json()).toEqual({ success: true })
    })
  })

  it('delays every answer by latencyMs', async () => {
    server.settings.latencyMs = 5
    expectExactly(await hook({ text: 'x' }), 200, { success: true })
  })
})

describe('HTTPS', () => {
  let secure: FakeServer

  beforeAll(async () => {
    secure = await startFakeServer({ tls: true })
  })

  afterAll(async () => {
    await secure.close()
  })

  it('serves a certificate for 127.0.0.1 signed by the test CA', async () => {
    expect(secure.url).toBe(`https://127.0.0.1:${secure.port}`)
    const trusting = new Agent({ connect: { ca: secure.ca } })
    try {
      const answer = await call(secure, 'POST', secure.seed.webhook.path, {
        json: { text: 'over TLS' },
        dispatcher: trusting
      })
      expectExactly(answer, 200, { success: true })
    } finally {
      await trusting.close()
    }
  })

  it('is refused by a client that does not trust the CA', async () => {
    await expect(
      call(secure, 'POST', secure.seed.webhook.path, { json: {} })
    ).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
    })
  })
})

function hookInit(text: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text })
  }
}
