import { beforeEach, describe, expect, it } from 'vitest'
import type { WebhookRef } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { send, words } from './support/send.js'

const server = useFakeServer()
/** A hook whose posts may name their own channel; the seed hook may not. */
let open: WebhookRef

beforeEach(() => {
  open = server.addWebhook({
    channel: ['#general'],
    postAs: 'bot',
    overrideDestinationChannelEnabled: true
  })
})

const hookUrl = (hook: WebhookRef, path = '', user = '') =>
  `rocket://${user}${hook.id}/${hook.token}@${server.host}/${path}`

describe('webhook mode', () => {
  it("posts the composed text to the hook's own channel when no target is given", async () => {
    const { results } = await send(hookUrl(server.seed.webhook))

    expect(results).toMatchObject([
      { mode: 'webhook', target: '(webhook default)', outcome: 'delivered' }
    ])
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]).toMatchObject({
      roomName: 'general',
      msg: '# Build failed\nmain is red'
    })
  })

  it('posts once per target to channels, users and room ids, in the given order', async () => {
    const { results } = await send(hookUrl(open, `#random/@alice/${server.seed.secretId}`))

    expect(results.map(r => [r.target, r.outcome])).toEqual([
      ['#random', 'delivered'],
      ['@alice', 'delivered'],
      [server.seed.secretId, 'delivered']
    ])
    expect(server.messages.map(m => m.roomName).sort()).toEqual(['@alice', 'random', 'secret'])
  })

  it('sends every target in the channel key, room ids raw', async () => {
    await send(hookUrl(open, `#random/${server.seed.secretId}`))

    const bodies = server.requests.map(r => (r.body as { channel?: string }).channel)
    expect(bodies.sort()).toEqual(['#random', server.seed.secretId].sort())
  })

  it('accepts a webhook written with %2F', async () => {
    const { id, token } = server.seed.webhook
    const { results } = await send(`rocket://${id}%2F${token}@${server.host}/`)

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.requests[0]?.path).toBe(`/hooks/${id}/${token}`)
  })

  it('uses the user before the webhook as the display name', async () => {
    await send(hookUrl(server.seed.webhook, '', 'Deploy Bot:'))

    expect(server.messages[0]?.alias).toBe('Deploy Bot')
  })

  it('replies in a thread with tmid', async () => {
    await send(hookUrl(server.seed.webhook), { title: '', body: 'root' })
    const root = server.messages[0]?._id ?? ''

    const { results } = await send(hookUrl(server.seed.webhook), { threadId: root })

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.messages[1]?.tmid).toBe(root)
  })

  it('says clearly that it cannot edit a message, and sends nothing', async () => {
    const { results } = await send(hookUrl(server.seed.webhook), { updateId: 'abc' })

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/webhook mode cannot edit a message.*token or basic mode/)
    expect(server.requests).toHaveLength(0)
  })

  it("reports a target the hook may not post to, with the server's words, and posts the rest", async () => {
    const { results } = await send(hookUrl(open, '#nowhere/#random'))

    expect(results[0]).toMatchObject({ target: '#nowhere', outcome: 'failed' })
    expect(words(results[0])).toMatch(/^HTTP 400: /)
    expect(results[1]).toMatchObject({ target: '#random', outcome: 'delivered' })
    expect(server.messages.map(m => m.roomName)).toEqual(['random'])
  })

  it('reports a bad token without retrying it and without showing it', async () => {
    const token = 'WrongToken1234567890'
    const url = `rocket://${server.seed.webhook.id}/${token}@${server.host}/`

    const { results } = await send(url, {}, { retries: 3 })

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/^HTTP 500/)
    expect(JSON.stringify(results)).not.toContain(token)
    expect(server.requests).toHaveLength(1)
  })

  it('sends each part of a split message in order', async () => {
    const body = Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(60)}`).join('\n')

    const { results } = await send(`${hookUrl(server.seed.webhook)}?overflow=split`, { body })

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.messages.length).toBeGreaterThan(1)
    expect(server.messages.map(m => m.msg).join('\n')).toContain('line 29')
    expect(server.messages.every(m => m.msg.length <= 1000)).toBe(true)
  })

  it('does not send again after a lost answer, and reports the target unconfirmed', async () => {
    server.injectFault({ path: server.seed.webhook.path, fault: 'reset', processFirst: true })

    const { results } = await send(hookUrl(server.seed.webhook, ''))

    expect(results[0]).toMatchObject({ outcome: 'unconfirmed' })
    expect(words(results[0])).toMatch(/may have arrived, so it was not sent again/)
    expect(server.requests.filter(r => r.path === server.seed.webhook.path)).toHaveLength(1)
    expect(server.messages).toHaveLength(1)
  })

  it("never falls back to the hook's own channel when every target written is invalid", async () => {
    const { results } = await send(hookUrl(server.seed.webhook, '!x'))

    expect(results).toMatchObject([{ target: '!x', outcome: 'failed', kind: 'invalid-target' }])
    expect(server.requests).toHaveLength(0)
  })
})
