import { createServer, type AddressInfo } from 'node:net'
import { describe, expect, it, vi } from 'vitest'
import { fakeClock } from './support/fake-clock.js'
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
    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'auth' })
  })

  it('fails a login answered without a token as an authentication failure, saying so, and posts nothing', async () => {
    server.injectFault({
      path: '/api/v1/login',
      fault: { status: 200, body: JSON.stringify({ status: 'success', data: { userId: 'x' } }) }
    })

    const { results } = await send(basicUrl('#general'))

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'auth', status: 200 })
    expect(words(results[0])).toBe('login as bot failed: the server did not return a login token')
    expect(server.messages).toHaveLength(0)
  })

  it('fails a login answered with a token but no user id, saying so', async () => {
    server.injectFault({
      path: '/api/v1/login',
      fault: { status: 200, body: JSON.stringify({ status: 'success', data: { authToken: 'x' } }) }
    })

    const { results } = await send(basicUrl('#general'))

    expect(words(results[0])).toBe('login as bot failed: the server did not return a login token')
  })

  it('keeps the kind of a login refused for another reason than its credentials: a wrong path is not found', async () => {
    server.injectFault({
      path: '/api/v1/login',
      fault: { status: 404, body: 'Cannot POST /api/v1/login', contentType: 'text/plain' }
    })

    const { results } = await send(basicUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'not-found', status: 404 })
    expect(words(results[0])).toBe('login as bot failed: HTTP 404: Cannot POST /api/v1/login')
  })

  it('reports a login refused with 400, as some servers refuse a wrong password, as an authentication failure', async () => {
    server.injectFault({
      path: '/api/v1/login',
      fault: { status: 400, body: '{"status":"error","error":"Unauthorized"}' }
    })

    const { results } = await send(basicUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'auth', status: 400 })
    expect(words(results[0])).toBe('login as bot failed: HTTP 400: Unauthorized')
  })

  it('logs in again when the answer to the login was lost, and posts once', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'reset' })

    const { results } = await send(basicUrl('#general'), {}, { retries: 1 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(paths().filter(p => p === '/api/v1/login')).toHaveLength(2)
    expect(server.messages).toHaveLength(1)
  })

  it('reports an unknown channel and still posts to the other targets', async () => {
    const { results } = await send(basicUrl('#nowhere/#general'))

    expect(results[0]).toMatchObject({ target: '#nowhere', outcome: 'failed' })
    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'not-found', status: 400 })
    expect(words(results[0])).toMatch(/^channel #nowhere not found or not allowed: HTTP 400/)
    expect(results[1]).toMatchObject({ target: '#general', outcome: 'delivered' })
    expect(paths().filter(p => p === '/api/v1/chat.sendMessage')).toHaveLength(1)
    expect(paths().at(-1)).toBe('/api/v1/logout')
  })

  it('still succeeds when logout fails, with a warning', async () => {
    server.injectFault({ path: '/api/v1/logout', fault: { status: 500, body: 'oops' } })

    const { results, warnings } = await send(basicUrl('#general'))

    expect(results[0]?.outcome).toBe('delivered')
    expect(warnings.join('\n')).toMatch(/logout from rocket:\/\/bot:\*\*\*\*@.* failed: HTTP 500/)
  })

  it('still succeeds when logout cannot reach the server, with a warning that says why', async () => {
    server.injectFault({ path: '/api/v1/logout', fault: 'reset', times: 10 })

    const { results, warnings } = await send(basicUrl('#general'), {}, { retries: 0 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(warnings).toEqual([
      expect.stringMatching(/^logout from rocket:\/\/bot:\*\*\*\*@\S+ failed: \S/)
    ])
    expect(warnings[0]).not.toMatch(/HTTP/)
  })

  it('logs out again, without a warning, when the answer to the logout was lost', async () => {
    server.injectFault({ path: '/api/v1/logout', fault: 'reset' })

    const { warnings } = await send(basicUrl('#general'), {}, { retries: 1 })

    expect(warnings).toEqual([])
    expect(paths().filter(p => p === '/api/v1/logout')).toHaveLength(2)
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
    // Each attempt's own words, not "the answer was lost" for the second.
    const [first, again] =
      /^(.+); sent again under the same id: (.+); the server did not have it/
        .exec(words(results[0]) ?? '')
        ?.slice(1) ?? []
    expect(first).toBeDefined()
    expect(again).toBe(first)
    expect(again).not.toBe('the answer was lost')
    expect(words(results[0])).toMatch(/may have arrived, so it was not sent again$/)
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
      expect(words(results[0])).toMatch(/: not counted as delivered$/)
      expect(server.messages).toHaveLength(0)
    }
  )

  it("counts a lost post as delivered when chat.getMessage shows it in the target's room, by the user", async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(server.messages[0]?.u._id).toBe(server.seed.botId)
  })

  it('reports the ids the server answers with: the stored message is the one a thread or an edit names later', async () => {
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: {
        status: 200,
        body: JSON.stringify({ success: true, message: { _id: 'StoredAsThis', rid: 'ROOM2' } })
      }
    })

    const { results } = await send(tokenUrl('GENERAL'))

    expect(results[0]).toMatchObject({
      outcome: 'delivered',
      messageId: 'StoredAsThis',
      roomId: 'ROOM2'
    })
  })

  it('reports the id it sent and the room it named when the answer names no message', async () => {
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 200, body: JSON.stringify({ success: true }) }
    })

    const { results } = await send(tokenUrl('GENERAL'))

    const sent = server.requests.find(r => r.path === '/api/v1/chat.sendMessage')
    const { message } = sent?.body as { message: { _id: string } }
    expect(message._id).toMatch(/^[23456789A-HJ-NP-TW-Za-km-z]{17}$/)
    expect(results[0]).toMatchObject({
      outcome: 'delivered',
      messageId: message._id,
      roomId: 'GENERAL'
    })
  })

  it("reports a refusal in the server's words when asking about the post fails too", async () => {
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 400, body: '{"success":false,"error":"error-message-size-exceeded"}' }
    })
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: { status: 500, body: '{"success":false,"error":"Internal server error"}' },
      times: 10
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'too-large', status: 400 })
    expect(words(results[0])).toBe('HTTP 400: error-message-size-exceeded')
  })

  it('leaves a lost post unconfirmed, not sent again, when asking whether it arrived fails', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: { status: 500, body: '{"success":false,"error":"Internal server error"}' },
      times: 10
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    expect(words(results[0])).toMatch(
      /; asking whether it arrived failed too \(HTTP 500: Internal server error\): not sent again$/
    )
    expect(paths().filter(p => p === '/api/v1/chat.sendMessage')).toHaveLength(1)
  })

  it('counts a post as delivered when its second send is lost too but the server stored it', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(idsOf(results[0]).messageId).toBe(server.messages[0]?._id)
    expect(server.messages).toHaveLength(1)
  })

  it('takes a message chat.getMessage returns without a room for no message: sends again, one copy', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: { status: 200, body: JSON.stringify({ success: true, message: { _id: 'x' } }) }
    })

    const { results } = await send(tokenUrl('#general'), {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(server.messages).toHaveLength(1)
  })

  it('fails a post the server refused to connect for, without asking whether it arrived', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>(resolve =>
      closed.close(() => {
        resolve()
      })
    )
    const url = `rocket://${server.seed.botId}:${server.seed.botToken}@127.0.0.1:${port}/GENERAL?mode=token`

    const { results } = await send(url, {}, { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'failed' })
    expect(words(results[0])).not.toMatch(/asking whether it arrived/)
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
    const sent = server.requests.filter(r => r.path === '/api/v1/chat.sendMessage').at(-1)
    expect(sent?.body).toMatchObject({ message: { rid: root.roomId, tmid: root.messageId } })
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

  it('edits again when the answer to the edit was lost, and reports it updated', async () => {
    const root = await postRoot()
    server.injectFault({ path: '/api/v1/chat.update', fault: 'reset' })

    const { results } = await send(
      tokenUrl('#general'),
      { title: '', body: 'Deploy finished', updateId: root.messageId },
      { retries: 1 }
    )

    expect(results[0]).toMatchObject({ outcome: 'updated', messageId: root.messageId })
    expect(server.messages[0]?.msg).toBe('Deploy finished')
  })

  it('reports an update of a message that does not exist', async () => {
    const { results } = await send(tokenUrl('#general'), { updateId: 'NoSuchMessage' })

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/^message NoSuchMessage not found/)
  })

  it('reports an edit the server refuses by its kind, and leaves the message as it was', async () => {
    const root = await postRoot()
    server.injectFault({
      path: '/api/v1/chat.update',
      fault: {
        status: 403,
        body: '{"success":false,"error":"Not allowed [error-action-not-allowed]"}'
      }
    })

    const { results } = await send(tokenUrl('#general'), {
      body: 'Deploy finished',
      updateId: root.messageId
    })

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'auth', status: 403 })
    expect(words(results[0])).toBe('HTTP 403: Not allowed [error-action-not-allowed]')
    expect(server.messages[0]?.msg).toBe('Deploy started')
  })

  it('reports an edit whose message cannot be looked up by the lookup’s kind and status', async () => {
    const root = await postRoot()
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: { status: 500, body: '{"success":false,"error":"Internal server error"}' },
      times: 10
    })

    const { results } = await send(
      tokenUrl('#general'),
      { body: 'Deploy finished', updateId: root.messageId },
      { retries: 0 }
    )

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'rejected', status: 500 })
    expect(words(results[0])).toBe('HTTP 500: Internal server error')
  })

  it('edits a message in several posts into one text, its parts on their own lines', async () => {
    const root = await postRoot()
    const long = Array.from(
      { length: 60 },
      (_, i) => `line ${i} of the build log, long enough`
    ).join('\n')

    const { results } = await send(`${tokenUrl('#general')}&overflow=split`, {
      title: '',
      body: long,
      updateId: root.messageId
    })

    expect(results[0]?.outcome).toBe('updated')
    expect(server.messages[0]?.msg).toBe(long)
  })

  it('reports a reply to a parent that does not exist as not found, and posts nothing', async () => {
    const { results } = await send(tokenUrl('#general'), { threadId: 'NoSuchParent' })

    expect(results).toEqual([
      expect.objectContaining({ target: '#general', outcome: 'failed', kind: 'not-found' })
    ])
    expect(words(results[0])).toBe('message NoSuchParent not found')
    expect(server.messages).toHaveLength(0)
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
    // Each kind of junk is the only entry for its channel's name: a junk entry taken would post there.
    const [ops, deploys, alerts, builds, releases] = [
      'ops',
      'deploys',
      'alerts',
      'builds',
      'releases'
    ].map(roomIdOf)
    const junk = {
      update: [
        null,
        'general',
        { rid: 7, name: 'general', t: 'c' },
        // A direct room's subscription bears the other user's name, not a room's.
        { rid: 'DIRECT', name: 'alerts', t: 'd' },
        // rooms.info refuses an archived room.
        { rid: 'ARCHIVED', name: 'random', t: 'c', archived: true },
        { rid: '', name: 'builds', t: 'c' },
        { rid: 'NO-TYPE', name: 'releases' },
        // A name listed twice names no room for sure.
        { rid: 'ONE', name: 'ops', t: 'c' },
        { rid: 'TWO', name: 'ops', t: 'c' },
        // One sound entry among the junk is taken as it is.
        { rid: deploys, name: 'deploys', t: 'c' }
      ],
      remove: [],
      success: true
    }
    server.injectFault({
      path: '/api/v1/subscriptions.get',
      fault: { status: 200, body: JSON.stringify(junk) }
    })

    const names = ['general', 'random', 'ops', 'deploys', 'alerts', 'builds', 'releases']
    const { results } = await send(basicUrl(names.map(name => `#${name}`).join('/')))

    expect(results.map(r => r.outcome)).toEqual(Array(7).fill('delivered'))
    const lookedUp = server.requests.filter(r => r.path === '/api/v1/rooms.info').map(r => r.query)
    expect(lookedUp).toHaveLength(6)
    expect(lookedUp).not.toContainEqual({ roomName: 'deploys' })
    expect(server.messages.map(m => m.rid).sort()).toEqual(
      ['GENERAL', server.seed.randomId, ops, deploys, alerts, builds, releases].sort()
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

  it('falls back to one lookup per channel when the list of rooms cannot be read at all', async () => {
    server.injectFault({ path: '/api/v1/subscriptions.get', fault: 'reset', times: 10 })

    const { results } = await send(tokenUrl('#general/#random'), {}, { retries: 0 })

    expect(results.map(r => r.outcome)).toEqual(['delivered', 'delivered'])
    expect(lookups().filter(p => p === '/api/v1/rooms.info')).toHaveLength(2)
  })

  it.each([
    ['unauthorised', 401, 'auth', '{"success":false,"error":"You must be logged in to do this."}'],
    ['rate-limited', 429, 'rate-limit', '{"success":false,"error":"Too many requests"}']
  ])(
    'reports a channel lookup refused as %s by that kind, not as a missing channel',
    async (_, status, kind, body) => {
      // More refusals than the transport's rate-limit waits: the last one is the answer.
      server.injectFault({ path: '/api/v1/rooms.info', fault: { status, body }, times: 25 })

      // The rate-limit waits are slept on a fake clock: no real wait.
      const { results } = await send(tokenUrl('#general'), {}, { retries: 0, clock: fakeClock() })

      expect(results[0]).toMatchObject({ outcome: 'failed', kind, status })
      expect(words(results[0])).toMatch(new RegExp(`^HTTP ${status}: `))
      expect(words(results[0])).not.toMatch(/not found/)
    }
  )

  it('reports a lookup answered without a room as not found, with no status', async () => {
    server.injectFault({
      path: '/api/v1/rooms.info',
      fault: { status: 200, body: '{"success":true}' }
    })

    const { results } = await send(tokenUrl('#general'))

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'not-found' })
    expect(results[0]).not.toHaveProperty('status')
    expect(words(results[0])).toBe(
      'channel #general not found or not allowed: no room in the answer'
    )
  })

  it('names an unknown user as a user', async () => {
    const { results } = await send(tokenUrl('@nobody'))

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'not-found', status: 400 })
    expect(words(results[0])).toMatch(/^user @nobody not found or not allowed: HTTP 400: /)
  })

  it('reads at most 10 000 entries of the list of rooms: a channel past them is looked up on its own', async () => {
    const far = roomIdOf('far')
    const filler = Array.from({ length: 10_000 }, (_, i) => ({
      rid: `R${i}`,
      name: `filler${i}`,
      t: 'c'
    }))
    server.injectFault({
      path: '/api/v1/subscriptions.get',
      fault: {
        status: 200,
        body: JSON.stringify({
          update: [...filler, { rid: far, name: 'far', t: 'c' }],
          success: true
        })
      }
    })

    const { results } = await send(tokenUrl('#general/#far'))

    expect(results.map(r => r.outcome)).toEqual(['delivered', 'delivered'])
    expect(server.requests.filter(r => r.path === '/api/v1/rooms.info').map(r => r.query)).toEqual(
      expect.arrayContaining([{ roomName: 'far' }])
    )
  })

  it('posts to a user in the direct room, even beside a channel of the same name', async () => {
    roomIdOf('alice')

    const { results } = await send(tokenUrl('#alice/#general/@alice'))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#alice', 'delivered'],
      ['#general', 'delivered'],
      ['@alice', 'delivered']
    ])
    const direct = server.messages.find(m => m.rid === idsOf(results[2]).roomId)
    expect(direct?.roomName).toBe('@alice')
    expect(idsOf(results[2]).roomId).not.toBe(idsOf(results[0]).roomId)
  })

  it('posts once into a room two targets name, both reported with that one post', async () => {
    const { results } = await send(tokenUrl('#random/#general/GENERAL'))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#random', 'delivered'],
      ['#general', 'delivered'],
      ['GENERAL', 'delivered']
    ])
    expect(idsOf(results[2])).toEqual(idsOf(results[1]))
    expect(server.messages.filter(m => m.rid === 'GENERAL')).toHaveLength(1)
  })

  it.each([
    ['rooms.info', '#general', 'GET'],
    ['im.create', '@alice', 'POST']
  ])('looks a room up again when the answer to %s was lost', async (route, target) => {
    server.injectFault({ path: `/api/v1/${route}`, fault: 'reset' })

    const { results } = await send(tokenUrl(target), {}, { retries: 1 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(paths().filter(p => p === `/api/v1/${route}`)).toHaveLength(2)
  })
})

describe('a message in several posts', () => {
  const long = Array.from({ length: 60 }, (_, i) => `line ${i} of the build log, long enough`).join(
    '\n'
  )

  it('posts every part in order into the room', async () => {
    const { results } = await send(`${tokenUrl('GENERAL')}&overflow=split`, {
      title: '',
      body: long
    })

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.messages.length).toBeGreaterThan(1)
    expect(server.messages.map(m => m.msg).join('\n')).toBe(long)
    expect(idsOf(results[0]).messageId).toBe(server.messages[0]?._id)
  })

  it('stops at a refused part and names it by its number', async () => {
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: { status: 400, body: '{"success":false,"error":"error-action-not-allowed"}' }
    })

    const { results } = await send(`${tokenUrl('GENERAL')}&overflow=split`, {
      title: '',
      body: long
    })

    expect(results[0]).toMatchObject({ outcome: 'failed', status: 400 })
    expect(words(results[0])).toMatch(/^part 1 of \d+: HTTP 400: error-action-not-allowed$/)
    expect(server.messages).toHaveLength(0)
  })
})

describe('a URL whose every target was rejected', () => {
  it('sends nothing, not even a login', async () => {
    const { results } = await send(basicUrl('#bad*name'))

    expect(results.every(r => r.outcome === 'failed')).toBe(true)
    expect(server.requests).toHaveLength(0)
  })
})
