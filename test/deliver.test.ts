import { describe, expect, it } from 'vitest'
import { useFakeServer } from './support/fake.js'
import { fakeClock } from './support/fake-clock.js'
import { send, words } from './support/send.js'
import { Transport, type Sender } from '../src/rocketchat/transport.js'

const server = useFakeServer()

describe('deliver', () => {
  it('delivers to several destinations of different modes in one call, one result per target', async () => {
    const hook = server.seed.webhook
    const { results } = await send([
      `rocket://${hook.id}/${hook.token}@${server.host}/`,
      `rocket://bot:bot-password@${server.host}/#random/@alice`
    ])

    expect(results.map(r => [r.mode, r.target, r.outcome])).toEqual([
      ['webhook', '(webhook default)', 'delivered'],
      ['basic', '#random', 'delivered'],
      ['basic', '@alice', 'delivered']
    ])
    expect(server.messages).toHaveLength(3)
  })

  it('posts once when the same URL is given twice', async () => {
    const url = `rocket://bot:bot-password@${server.host}/#general`

    const { results } = await send([url, url])

    expect(results).toHaveLength(1)
    expect(server.messages).toHaveLength(1)
  })

  it('posts once when a target is named twice in one URL', async () => {
    const { results } = await send(`rocket://bot:bot-password@${server.host}/#general/#general`)

    expect(results).toHaveLength(1)
    expect(server.messages).toHaveLength(1)
  })

  it('posts once per target for one destination written two ways, targets reordered and overlapping', async () => {
    const { results } = await send([
      `rocket://bot:bot-password@${server.host}/#general/#random`,
      `rocket://bot:bot-password@${server.host}/#random/@alice?format=markdown&avatar=no`
    ])

    expect(results.map(r => [r.destination, r.target, r.outcome])).toEqual([
      [0, '#general', 'delivered'],
      [0, '#random', 'delivered'],
      [0, '@alice', 'delivered']
    ])
    expect(server.messages.map(m => m.roomName).sort()).toEqual(['@alice', 'general', 'random'])
    expect(server.requests.filter(r => r.path === '/api/v1/login')).toHaveLength(1)
  })

  it('keeps destinations apart when they post differently', async () => {
    const { results } = await send([
      `rocket://bot:bot-password@${server.host}/#general`,
      `rocket://bot:bot-password@${server.host}/#general?format=text`
    ])

    expect(results.map(r => r.destination)).toEqual([0, 1])
    expect(server.messages).toHaveLength(2)
  })

  it('reports a target the URL cannot name as invalid-target, and sends to the others', async () => {
    const { results } = await send(`rocket://bot:bot-password@${server.host}/#general/!x/ROOM-1`)

    expect(results).toMatchObject([
      { target: '#general', outcome: 'delivered' },
      { target: '!x', outcome: 'failed', kind: 'invalid-target' },
      { target: 'ROOM-1', outcome: 'failed', kind: 'invalid-target' }
    ])
    expect(server.messages).toHaveLength(1)
  })

  it('sends nothing, not even a login, when every target of a URL is invalid', async () => {
    const { results } = await send(`rocket://bot:bot-password@${server.host}/!x`)

    expect(results).toMatchObject([{ target: '!x', outcome: 'failed', kind: 'invalid-target' }])
    expect(server.requests).toHaveLength(0)
  })

  it('keeps at most `concurrency` requests in flight', async () => {
    server.settings.latencyMs = 40
    server.settings.rateLimit.enabled = false
    const channels = Array.from({ length: 8 }, (_, i) => {
      server.addRoom({ name: `c${i}`, type: 'c', members: ['bot'] })
      return `#c${i}`
    })

    // The real transport, its requests in flight counted as they go.
    const transport = new Transport({ retries: 0 })
    let inFlight = 0
    let most = 0
    const counting: Sender = {
      send: async (req, settings) => {
        most = Math.max(most, ++inFlight)
        try {
          return await transport.send(req, settings)
        } finally {
          inFlight--
        }
      },
      close: () => transport.close()
    }

    const { results } = await send(
      `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/${channels.join('/')}?mode=token`,
      {},
      { concurrency: 2, sender: counting }
    )
    await transport.close()

    expect(results.every(r => r.outcome === 'delivered')).toBe(true)
    expect(server.messages).toHaveLength(8)
    expect(most).toBe(2)
  })

  it('delivers 30 targets under a 10-per-window rate limit, each exactly once, within the bound the limit allows', async () => {
    // The server's windows and the client's waits run on one fake clock: no window is sat out.
    const clock = fakeClock()
    const started = clock.now()
    const windowMs = 600
    server.settings.rateLimit = { enabled: true, calls: 10, windowMs, now: () => clock.now() }
    const alice = server.seed.aliceId
    const token = 'alice-personal-access-token-0123456789abcdef'
    server.addToken(alice, token)
    const rooms = Array.from({ length: 30 }, (_, i) => {
      server.addRoom({ name: `r${i}`, type: 'c', members: ['alice'] })
      return `#r${i}`
    })

    const { results } = await send(
      `rocket://${alice}:${token}@${server.host}/${rooms.join('/')}?mode=token`,
      {},
      { retries: 0, clock }
    )

    expect(results.filter(r => r.outcome === 'delivered')).toHaveLength(30)
    expect(server.messages.map(m => m.roomName).sort()).toEqual(rooms.map(r => r.slice(1)).sort())
    // Three windows of ten: the third opens two window lengths after the first; waiting out a
    // third would be slower than the limit asks.
    expect(clock.now() - started).toBeGreaterThanOrEqual(2 * windowMs)
    expect(clock.now() - started).toBeLessThan(3 * windowMs)
  })

  it('never shows a secret in an error, even when the server echoes it', async () => {
    const password = 'Echoed-Secret-42'
    server.injectFault({
      path: '/api/v1/login',
      fault: { status: 401, body: JSON.stringify({ status: 'error', message: `bad ${password}` }) }
    })

    const { results } = await send(`rocket://bot:${password}@${server.host}/#general`)

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toContain('****')
    expect(words(results[0])).not.toContain(password)
  })
})
