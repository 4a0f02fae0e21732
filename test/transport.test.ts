import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createProxy } from 'proxy'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rateLimitWait, type HttpResponse } from '../src/rocketchat/transport.js'
import { startFakeServer, type FakeServer } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { send, words } from './support/send.js'

const server = useFakeServer({ rateLimited: false })

const hook = () => server.seed.webhook
const hookUrl = (query = '') => `rocket://${hook().id}/${hook().token}@${server.host}/${query}`
const html = (status: number) => ({
  status,
  body: `<html><body><h1>${status}</h1>nginx</body></html>`,
  contentType: 'text/html'
})

describe('retries', () => {
  it.each([
    ['502 with an HTML page', html(502)],
    ['503 (integration disabled, proxy busy)', html(503)],
    ['504 gateway timeout', html(504)]
  ])('retries a %s and delivers once', async (_, fault) => {
    server.injectFault({ path: hook().path, times: 2, fault })

    const { results } = await send(hookUrl(), {}, { retries: 2 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.requests).toHaveLength(3)
    expect(server.messages).toHaveLength(1)
  })

  it('gives up after the retries and reports the last answer', async () => {
    server.injectFault({ path: hook().path, times: 5, fault: html(503) })

    const { results } = await send(hookUrl(), {}, { retries: 1 })

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/^HTTP 503/)
    expect(server.requests).toHaveLength(2)
  })

  it('takes retry= from the URL over the retries setting', async () => {
    server.injectFault({ path: hook().path, times: 5, fault: html(503) })

    await send(hookUrl('?retry=0'), {}, { retries: 3 })

    expect(server.requests).toHaveLength(1)
  })

  it.each([
    ['400', { status: 400, body: '{"success":false,"error":"bad"}' }],
    [
      '401',
      { status: 401, body: '{"status":"error","message":"You must be logged in to do this."}' }
    ],
    ['500 to a webhook (a bad token answers 500)', { status: 500, body: 'Internal Server Error' }]
  ])('never retries a %s', async (_, fault) => {
    server.injectFault({ path: hook().path, times: 5, fault })

    const { results } = await send(hookUrl(), {}, { retries: 3 })

    expect(results[0]?.outcome).toBe('failed')
    expect(server.requests).toHaveLength(1)
  })

  it('retries a connection reset before the answer and delivers once', async () => {
    server.injectFault({ path: hook().path, times: 1, fault: 'reset' })

    const { results } = await send(hookUrl())

    expect(results[0]?.outcome).toBe('delivered')
    expect(server.messages).toHaveLength(1)
  })

  it('reports a refused connection after its retries', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise(resolve => closed.close(resolve))

    const { results } = await send(`rocket://a1/b2@127.0.0.1:${port}/`, {}, { retries: 1 })

    expect(words(results[0])).toBe('connection refused')
  })
})

describe('timeouts', () => {
  it('does not hang on a server that accepts and never answers', async () => {
    server.injectFault({ path: hook().path, fault: 'hang' })

    const started = Date.now()
    const { results } = await send(hookUrl('?rto=1'), {}, { retries: 1 })

    // undici checks its timers once a second, so a 1 s timeout fires within 2 s.
    expect(Date.now() - started).toBeLessThan(5000)
    expect(words(results[0])).toMatch(/^no answer within 1 s/)
  })

  it('does not post twice when the answer comes too late: the message may be stored', async () => {
    server.injectFault({ path: hook().path, fault: 'slow-headers', delayMs: 3000 })

    const { results } = await send(hookUrl(), {}, { timeout: 1, retries: 3 })
    await new Promise(resolve => setTimeout(resolve, 3000))

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/no answer within 1 s \(not sent again/)
    expect(server.requests).toHaveLength(1)
    expect(server.messages).toHaveLength(1)
  })
})

describe('rate limits', () => {
  it('waits for X-RateLimit-Reset (epoch milliseconds) on a 429, then delivers', async () => {
    const waitMs = 400
    server.injectFault({
      path: hook().path,
      fault: {
        status: 429,
        body: '{"success":false,"error":"Error, too many requests. [error-too-many-requests]"}',
        headers: { 'X-RateLimit-Reset': String(Date.now() + waitMs), 'X-RateLimit-Remaining': '0' }
      }
    })

    const started = Date.now()
    const { results } = await send(hookUrl(), {}, { retries: 0 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(Date.now() - started).toBeGreaterThanOrEqual(waitMs - 50)
    expect(server.messages).toHaveLength(1)
  })

  it.each<[string, Record<string, string>, string, number]>([
    ['X-RateLimit-Reset in epoch ms', { 'x-ratelimit-reset': '11500' }, '', 1500],
    ['Retry-After in seconds', { 'retry-after': '3' }, '', 3000],
    ['Retry-After as a date', { 'retry-after': new Date(14_000).toUTCString() }, '', 4000],
    ['the wait the error text names', {}, 'You must wait 7 seconds before', 7000],
    ['nothing said: one second', {}, '', 1000]
  ])('reads the wait from %s', (_, headers, text, expected) => {
    const response: HttpResponse = { status: 429, headers, text, json: undefined }
    expect(rateLimitWait(response, 10_000)).toBe(expected)
  })
})

describe('TLS', () => {
  let tlsServer: FakeServer
  beforeAll(async () => {
    tlsServer = await startFakeServer({ tls: true })
  })
  afterAll(() => tlsServer.close())
  const tlsUrl = (query = '') =>
    `rockets://${tlsServer.seed.webhook.id}/${tlsServer.seed.webhook.token}@${tlsServer.host}/${query}`

  it('refuses a certificate it cannot verify, and says what to do', async () => {
    const { results } = await send(tlsUrl())

    expect(results[0]?.outcome).toBe('failed')
    expect(words(results[0])).toMatch(/TLS certificate not trusted.*ca-cert.*verify=no/)
  })

  it('delivers with verify=no', async () => {
    const { results } = await send(tlsUrl('?verify=no'))

    expect(results[0]?.outcome).toBe('delivered')
  })

  it('delivers to a server with a private CA given as ca-cert', async () => {
    const { results } = await send(tlsUrl(), {}, { caCert: tlsServer.ca ?? '' })

    expect(results[0]?.outcome).toBe('delivered')
  })
})

describe('proxy', () => {
  let proxy: Server
  let proxied: string[] = []
  const saved = { ...process.env }

  beforeAll(async () => {
    proxy = createProxy(createServer())
    proxy.prependListener('request', req => proxied.push(`${req.method ?? ''} ${req.url ?? ''}`))
    proxy.prependListener('connect', req => proxied.push(`CONNECT ${req.url ?? ''}`))
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise(resolve => proxy.close(resolve)))
  beforeEach(() => {
    proxied = []
    const { port } = proxy.address() as AddressInfo
    process.env.HTTP_PROXY = `http://127.0.0.1:${port}`
    process.env.HTTPS_PROXY = `http://127.0.0.1:${port}`
  })
  afterEach(() => {
    process.env = { ...saved }
  })

  it('sends http through HTTP_PROXY (tunnelled with CONNECT, as undici does)', async () => {
    const { results } = await send(hookUrl())

    expect(results[0]?.outcome).toBe('delivered')
    expect(proxied).toEqual([`CONNECT ${server.host}`])
    expect(server.messages).toHaveLength(1)
  })

  it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
    const tlsServer = await startFakeServer({ tls: true })
    try {
      const { id, token } = tlsServer.seed.webhook
      const { results } = await send(
        `rockets://${id}/${token}@${tlsServer.host}/`,
        {},
        {
          caCert: tlsServer.ca ?? ''
        }
      )

      expect(results[0]?.outcome).toBe('delivered')
      expect(proxied).toEqual([`CONNECT ${tlsServer.host}`])
      expect(tlsServer.messages).toHaveLength(1)
    } finally {
      await tlsServer.close()
    }
  })

  it('goes direct to hosts in NO_PROXY', async () => {
    process.env.NO_PROXY = '127.0.0.1'

    const { results } = await send(hookUrl())

    expect(results[0]?.outcome).toBe('delivered')
    expect(proxied).toEqual([])
  })
})
