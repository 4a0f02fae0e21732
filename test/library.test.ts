/**
 * The library as an outside program uses it: only its front door, src/rocketchat/index.ts, with
 * the defaults it gives, against the fake Rocket.Chat over real sockets.
 */
import { describe, expect, it } from 'vitest'
import {
  compose,
  deliver,
  DryRun,
  MAX_POSTS,
  parse,
  RocketChatError,
  type Sender,
  type TargetResult
} from '../src/rocketchat/index.js'
import { useFakeServer } from './support/fake.js'
import { words } from './support/send.js'

const server = useFakeServer({ rateLimited: false })
const basic = (targets: string) => `rocket://bot:bot-password@${server.host}/${targets}`

describe('the library front door', () => {
  it('delivers from a URL string and a body alone, with its own transport', async () => {
    const results = await deliver(basic('#general/@alice'), { body: 'Deployed' })

    expect(results).toMatchObject([
      { destination: 0, target: '#general', outcome: 'delivered', roomId: 'GENERAL' },
      { destination: 0, target: '@alice', outcome: 'delivered' }
    ])
    expect(server.messages.map(m => m.msg)).toEqual(['Deployed', 'Deployed'])
    const ids = results.map(r => (r.outcome === 'delivered' ? r.messageId : undefined))
    expect(ids.sort()).toEqual(server.messages.map(m => m._id).sort())
  })

  it('takes parsed destinations, and returns failures as results with a kind, not throws', async () => {
    const destination = parse(`rocket://bot:wrong@${server.host}/#general`).destination

    const results = await deliver([destination], { title: 'Build', body: 'red' })

    expect(results).toMatchObject([{ outcome: 'failed', kind: 'auth', status: 401 }])
    expect(JSON.stringify(results)).not.toContain('wrong')
  })

  it('stops at the caller’s signal instead of its own deadline', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'hang' })

    const results = await deliver(
      basic('#general'),
      { body: 'x' },
      { signal: AbortSignal.timeout(300), transport: { timeout: 30 } }
    )

    // Which bound ended it, by its words: not the request's `no answer within 30 s`.
    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/time allowed for sending ran out/)
    expect(server.messages).toHaveLength(0)
  })

  it('has a deadline of its own when the caller gives no signal', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'hang' })

    const results = await deliver(
      basic('#general'),
      { body: 'x' },
      { deadlineMs: 300, transport: { timeout: 30 } }
    )

    expect(results[0]).toMatchObject({ outcome: 'failed', kind: 'timeout' })
    expect(words(results[0])).toMatch(/time allowed for sending ran out/)
    expect(server.messages).toHaveLength(0)
  })

  it('plans without sending through a DryRun sender', async () => {
    const dryRun = new DryRun([])

    const results = await deliver(basic('#general'), { body: 'x' }, { sender: dryRun })

    expect(results).toMatchObject([{ target: '#general', outcome: 'planned' }])
    expect(dryRun.plan.map(r => new URL(r.url).pathname)).toContain('/api/v1/login')
    expect(server.requests).toHaveLength(0)
  })

  it('plans through any sender that has a plan, not only a DryRun', async () => {
    const recorder = new DryRun([])
    const own: Sender = {
      send: req => recorder.send(req),
      plan: recorder.plan,
      close: () => Promise.resolve()
    }

    const results = await deliver(basic('#general'), { body: 'x' }, { sender: own })

    expect(results).toMatchObject([{ target: '#general', outcome: 'planned' }])
    expect(server.requests).toHaveLength(0)
  })

  it('composes the posts a destination would get, capped', () => {
    const { destination } = parse(basic('#general?overflow=split'))

    const posts = compose(destination, { title: '', body: 'word '.repeat(5000), status: 'info' })

    expect(posts).toHaveLength(MAX_POSTS)
  })

  it('throws a RocketChatError, secret-free, for a URL it cannot parse', async () => {
    const attempt = deliver(`rocket://bot:Pa55word@${server.host}:99999/#general`, { body: 'x' })

    await expect(attempt).rejects.toBeInstanceOf(RocketChatError)
    await expect(attempt).rejects.not.toThrow(/Pa55word/)
  })

  it('hands a login token to the onSecret hook before anything could print it', async () => {
    const secrets: string[] = []

    const results: TargetResult[] = await deliver(
      basic('#general'),
      { body: 'x' },
      { hooks: { onSecret: secret => secrets.push(secret) } }
    )

    expect(results[0]?.outcome).toBe('delivered')
    expect(secrets).toHaveLength(1)
    expect(server.requests.at(-1)?.headers['x-auth-token']).toBe(secrets[0])
  })
})
