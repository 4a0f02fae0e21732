import { describe, expect, it, vi } from 'vitest'
import { useFakeServer } from './support/fake.js'
import { idsOf, send, words } from './support/send.js'

const server = useFakeServer()

const basicUrl = (path: string, query = '') =>
  `rocket://bot:bot-password@${server.host}/${path}${query}`
const tokenUrl = (path: string) =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/${path}?mode=token`
const paths = () => server.requests.map(r => r.path)

/** An answer the fake server holds until the test releases it: no real wait. */
function held(): { until: Promise<void>; release: () => void } {
  let release = (): void => undefined
  const until = new Promise<void>(resolve => {
    release = resolve
  })
  return { until, release }
}

describe('basic mode', () => {
  it('logs in once, posts to every channel, room id and user, and logs out', async () => {
    const { results } = await send(basicUrl(`#general/#random/@alice/${server.seed.secretId}`))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#general', 'delivered'],
      ['#random', 'delivered'],
      ['@alice', 'delivered'],
      [server.seed.secretId, 'delivered']
    ])
    expect(paths().filter(p => p === '/api/v1/login')).toHaveLength(1)
    expect(paths().at(-1)).toBe('/api/v1/logout')
    expect(server.messages.map(m => m.roomName).sort()).toEqual([
      '@alice',
      'general',
      'random',
      'secret'
    ])
    for (const result of results) {
      const stored = server.messages.find(m => m._id === idsOf(result).messageId)
      expect(stored?.rid).toBe(idsOf(result).roomId)
      expect(stored?.msg).toBe('# Build failed\nmain is red')
    }
  })

  it('logs in with a JSON body naming the user and password', async () => {
    await send(basicUrl('#general'))

    expect(server.requests[0]?.body).toEqual({ user: 'bot', password: 'bot-password' })
  })

  it('hands the login token to be masked before using it', async () => {
    const { secrets } = await send(basicUrl('#general'))

    const used = server.requests[1]?.headers['x-auth-token']
    expect(used).toBeDefined()
    expect(secrets).toContain(used)
  })

  it("reports a failed login on every target with the server's words, posts nothing, and does not retry it", async () => {
    const { results } = await send(
      `rocket://bot:wrong-password@${server.host}/#general/#random`,
      {},
      { retries: 3 }
    )

    expect(results).toHaveLength(2)
    for (const result of results) {
      expect(result.outcome).toBe('failed')
      expect(words(result)).toMatch(/^login as bot failed: HTTP 401/)
      expect(words(result)).not.toContain('wrong-password')
    }
    expect(paths()).toEqual(['/api/v1/login'])
    expect(server.messages).toHaveLength(0)
  })

  it('answers a two-factor login with advice to use token mode', async () => {
    server.addUser({ username: 'carol', password: 'carol-pass', twoFactor: 'totp', roles: ['bot'] })

    const { results } = await send(`rocket://carol:carol-pass@${server.host}/#general`)

    expect(words(results[0])).toMatch(/two-factor.*totp-required.*token mode/)
  })

  it('reports an unknown channel and still posts to the other targets', async () => {
    const { results } = await send(basicUrl('#nowhere/#general'))

    expect(results[0]).toMatchObject({ target: '#nowhere', outcome: 'failed' })
    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'not-found', status: 400 })
    expect(words(results[0])).toMatch(/^channel #nowhere not found or not allowed: HTTP 400/)
    expect(results[1]).toMatchObject({ target: '#general', outcome: 'delivered' })
    expect(paths().at(-1)).toBe('/api/v1/logout')
  })

  it('still succeeds when logout fails, with a warning', async () => {
    server.injectFault({ path: '/api/v1/logout', fault: { status: 500, body: 'oops' } })

    const { results, warnings } = await send(basicUrl('#general'))

    expect(results[0]?.outcome).toBe('delivered')
    expect(warnings.join('\n')).toMatch(/logout from rocket:\/\/bot:\*\*\*\*@.* failed: HTTP 500/)
  })

  it('accepts the legacy logout answer of older servers without a warning', async () => {
    server.settings.logoutBody = 'legacy'

    const { results, warnings } = await send(basicUrl('#general'))

    expect(results[0]?.outcome).toBe('delivered')
    expect(warnings).toEqual([])
  })

  it('sends the status avatar only when avatar=yes', async () => {
    await send(basicUrl('#general'))
    await send(basicUrl('#general', '?avatar=yes'))

    expect(server.messages[0]?.avatar).toBeUndefined()
    expect(server.messages[1]?.avatar).toMatch(/^https:\/\//)
  })
})

describe('token mode', () => {
  it('posts with the personal access token headers and never logs in or out', async () => {
    const { results } = await send(tokenUrl('#general/@alice'))

    expect(results.every(r => r.outcome === 'delivered')).toBe(true)
    expect(paths().sort()).toEqual([
      '/api/v1/chat.sendMessage',
      '/api/v1/chat.sendMessage',
      '/api/v1/im.create',
      '/api/v1/rooms.info'
    ])
    expect(server.requests[0]?.headers).toMatchObject({
      'x-user-id': server.seed.botId,
      'x-auth-token': server.seed.botToken
    })
  })

  it('reports a revoked token on every target', async () => {
    const url = `rocket://${server.seed.botId}:${'r'.repeat(43)}@${server.host}/#general`

    const { results } = await send(url)

    expect(results[0]?.outcome).toBe('failed')
    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'auth', status: 401 })
    expect(words(results[0])).toMatch(/^HTTP 401/)
    expect(words(results[0])).not.toContain('r'.repeat(43))
  })
})

describe('exactly once', () => {
  it('posts under a message id of its own, which the server stores once: a repeat is refused and stores nothing', async () => {
    const { results } = await send(tokenUrl('GENERAL'))
    const { messageId } = idsOf(results[0])
    const sent = server.requests.find(r => r.path === '/api/v1/chat.sendMessage')
    expect((sent?.body as { message: { _id: string } }).message._id).toBe(messageId)

    // The same request again, as a retry after a lost answer would send it.
    const repeat = await fetch(`${server.url}/api/v1/chat.sendMessage`, {
      method: 'POST',
      headers: { ...sent?.headers, 'content-type': 'application/json' },
      body: sent?.rawBody ?? ''
    })

    expect(repeat.status).toBe(400)
    expect(await repeat.json()).toEqual({
      success: false,
      error: "Cannot read properties of undefined (reading 'starred')"
    })
    expect(server.messages).toHaveLength(1)
  })

  it('finds a post stored before its answer was lost, and reports it delivered without sending it again', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'close', processFirst: true })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(idsOf(results[0]).messageId).toBe(server.messages[0]?._id)
    expect(server.messages).toHaveLength(1)
    expect(paths().filter(p => p === '/api/v1/chat.sendMessage')).toHaveLength(1)
    expect(paths()).toContain('/api/v1/chat.getMessage')
  })

  it('sends again under the same id when the answer was lost, and stores one copy', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })

    const { results } = await send(basicUrl('#general'))

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.messages).toHaveLength(1)
    const ids = server.requests
      .filter(r => r.path === '/api/v1/chat.sendMessage')
      .map(r => (r.body as { message: { _id: string } }).message._id)
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(1)
  })

  it('finds a stored post when the repeat after a lost answer is refused as unauthorised', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 401, body: JSON.stringify({ status: 'error', message: 'Unauthorized' }) }
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 1 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(server.messages).toHaveLength(1)
  })

  it('sends a lost post the server does not have once more under the same id: one copy', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(server.messages).toHaveLength(1)
    const ids = server.requests
      .filter(r => r.path === '/api/v1/chat.sendMessage')
      .map(r => (r.body as { message: { _id: string } }).message._id)
    expect(ids).toHaveLength(2)
    expect(new Set(ids).size).toBe(1)
  })

  it('reports a post lost twice and not found as unconfirmed, never as failed', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', times: 2 })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    expect(words(results[0])).toMatch(/may have arrived, so it was not sent again/)
    expect(server.messages).toHaveLength(0)
  })

  it("a proxy's 502 page to every attempt leaves the post unconfirmed, not failed", async () => {
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
      times: 10
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 1 })

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    expect(words(results[0])).toMatch(/HTTP 502 from a proxy.*may have arrived/)
    expect(server.messages).toHaveLength(0)
  })

  it('a post the server stores after saying "not found" is unconfirmed, and stored once', async () => {
    // Each request is answered (and stored) only after the client gave up on it and asked for it.
    const { until, release } = held()
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'slow-headers', until, times: 2 })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0, timeout: 0.2 })
    expect(server.messages).toHaveLength(0)
    release()

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    await vi.waitFor(() => {
      expect(server.messages).toHaveLength(1)
    })
  })

  it('a post lost once, then refused by every later attempt, is unconfirmed: the first may still land', async () => {
    const { until, release } = held()
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'slow-headers', until })
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 503, body: '{"success":false,"error":"Service Unavailable"}' },
      times: 10
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 1, timeout: 0.2 })
    release()

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    expect(words(results[0])).toMatch(
      /^HTTP 503: .*; sent again under the same id: .*may have arrived/
    )
    await vi.waitFor(() => {
      expect(server.messages).toHaveLength(1)
    })
  })

  it.each([
    ['in another room', { rid: 'RANDOM', u: { _id: 'BOT' } }, /in another room/],
    ['of another user', { rid: 'GENERAL', u: { _id: 'someone-else' } }, /of another user/],
    ['with no author', { rid: 'GENERAL' }, /of another user/]
  ])(
    'never counts a message chat.getMessage returns %s as delivered',
    async (_, message, reason) => {
      server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })
      const u =
        'u' in message
          ? { u: { ...message.u, _id: message.u._id.replace('BOT', server.seed.botId) } }
          : {}
      server.injectFault({
        path: '/api/v1/chat.getMessage',
        fault: {
          status: 200,
          body: JSON.stringify({ success: true, message: { _id: 'x', ...message, ...u } })
        }
      })

      const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

      expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'rejected' })
      expect(words(results[0])).toMatch(reason)
      expect(server.messages).toHaveLength(0)
    }
  )

  it("counts a lost post as delivered when chat.getMessage shows it in the target's room, by the user", async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(server.messages[0]?.u._id).toBe(server.seed.botId)
  })

  it('reports a refusal by its kind, and stores nothing', async () => {
    server.settings.maxMessageSize = 10

    const { results } = await send(tokenUrl('#general'))

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'too-large', status: 400 })
    expect(server.messages).toHaveLength(0)
  })
})

describe('threads and updates', () => {
  async function postRoot(): Promise<{ messageId: string; roomId: string }> {
    const { results } = await send(basicUrl('#random'), { title: '', body: 'Deploy started' })
    const { messageId, roomId } = idsOf(results[0])
    if (messageId === undefined || roomId === undefined) throw new Error('no root')
    return { messageId, roomId }
  }

  it('posts a reply under its parent, in the parent room', async () => {
    const root = await postRoot()

    const { results } = await send(basicUrl('#general'), {
      body: 'Deploy finished',
      threadId: root.messageId
    })

    expect(results).toHaveLength(1)
    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: root.roomId })
    const reply = server.messages.find(m => m._id === idsOf(results[0]).messageId)
    expect(reply).toMatchObject({ tmid: root.messageId, rid: root.roomId })
  })

  it('edits the stored message in place', async () => {
    const root = await postRoot()

    const { results } = await send(tokenUrl('#general'), {
      title: '',
      body: 'Deploy finished',
      updateId: root.messageId
    })

    expect(results[0]).toMatchObject({
      outcome: 'updated',
      messageId: root.messageId,
      roomId: root.roomId
    })
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toBe('Deploy finished')
    expect(server.messages[0]?.editedAt).toBeDefined()
  })

  it('reports an update of a message that does not exist', async () => {
    const { results } = await send(tokenUrl('#general'), { updateId: 'NoSuchMessage' })

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/^message NoSuchMessage not found/)
  })
})

describe('looking up channels', () => {
  const lookups = () =>
    paths().filter(p => p === '/api/v1/subscriptions.get' || p === '/api/v1/rooms.info')
  const roomIdOf = (name: string) => server.addRoom({ name, type: 'c', members: ['bot'] }).roomId

  it('finds the rooms of several channels in one request, then posts once to each', async () => {
    const names = ['ops', 'deploys', 'alerts', 'builds', 'releases']
    const ids = names.map(roomIdOf)

    const { results } = await send(basicUrl(names.map(name => `#${name}`).join('/')))

    expect(results.map(r => r.outcome)).toEqual(Array(5).fill('delivered'))
    expect(lookups()).toEqual(['/api/v1/subscriptions.get'])
    expect(paths().filter(p => p === '/api/v1/chat.sendMessage')).toHaveLength(5)
    expect(server.messages.map(m => [m.roomName, m.rid])).toEqual(
      expect.arrayContaining(names.map((name, i) => [name, ids[i]]))
    )
    expect(server.messages).toHaveLength(5)
  })

  it('looks up a single channel with rooms.info alone', async () => {
    await send(tokenUrl('#general/@alice'))

    expect(lookups()).toEqual(['/api/v1/rooms.info'])
  })

  it('finds a public channel the bot is not in on its own, and posts there', async () => {
    const outside = server.addRoom({ name: 'outside', type: 'c', members: ['alice'] }).roomId

    const { results } = await send(tokenUrl('#general/#outside'))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#general', 'delivered'],
      ['#outside', 'delivered']
    ])
    expect(lookups()).toEqual(['/api/v1/subscriptions.get', '/api/v1/rooms.info'])
    expect(server.requests.find(r => r.path === '/api/v1/rooms.info')?.query).toEqual({
      roomName: 'outside'
    })
    expect(server.messages.map(m => m.rid).sort()).toEqual(['GENERAL', outside].sort())
  })

  it('reports an unknown channel among several as not found, and delivers to the others', async () => {
    const { results } = await send(basicUrl('#general/#nowhere/#random'))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#general', 'delivered'],
      ['#nowhere', 'failed'],
      ['#random', 'delivered']
    ])
    expect(results[1]).toMatchObject({ kind: 'not-found', status: 400 })
    expect(words(results[1])).toMatch(/^channel #nowhere not found or not allowed/)
    expect(server.messages.map(m => m.roomName).sort()).toEqual(['general', 'random'])
  })

  it('ignores junk in the list of rooms and looks each channel up on its own', async () => {
    const ops = roomIdOf('ops')
    const junk = {
      update: [
        null,
        'general',
        { rid: 7, name: 'general', t: 'c' },
        // A direct room's subscription bears the other user's name, not a room's.
        { rid: 'DIRECT', name: 'general', t: 'd' },
        // rooms.info refuses an archived room.
        { rid: 'ARCHIVED', name: 'random', t: 'c', archived: true },
        // A name listed twice names no room for sure.
        { rid: 'ONE', name: 'ops', t: 'c' },
        { rid: 'TWO', name: 'ops', t: 'c' }
      ],
      remove: [],
      success: true
    }
    server.injectFault({
      path: '/api/v1/subscriptions.get',
      fault: { status: 200, body: JSON.stringify(junk) }
    })

    const { results } = await send(basicUrl('#general/#random/#ops'))

    expect(results.map(r => r.outcome)).toEqual(['delivered', 'delivered', 'delivered'])
    expect(lookups().filter(p => p === '/api/v1/rooms.info')).toHaveLength(3)
    expect(server.messages.map(m => m.rid).sort()).toEqual(
      ['GENERAL', server.seed.randomId, ops].sort()
    )
  })

  it('falls back to one lookup per channel when the list of rooms fails', async () => {
    server.injectFault({
      path: '/api/v1/subscriptions.get',
      fault: { status: 200, body: '<html>portal</html>', contentType: 'text/html' }
    })

    const { results } = await send(tokenUrl('#general/#random'))

    expect(results.map(r => r.outcome)).toEqual(['delivered', 'delivered'])
    expect(lookups().filter(p => p === '/api/v1/rooms.info')).toHaveLength(2)
    expect(server.messages).toHaveLength(2)
  })
})
