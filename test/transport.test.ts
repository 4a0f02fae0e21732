import { spawn, type ChildProcess } from 'node:child_process'
import { createServer as createHttpServer, type Server } from 'node:http'
import { connect, createServer as createTcpServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { createProxy } from 'proxy'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { RocketChatError } from '../src/rocketchat/errors.js'
import {
  Transport,
  type ConnectionSettings,
  type HttpRequest,
  type HttpResponse,
  type ProxySettings,
  type TransportOptions
} from '../src/rocketchat/transport.js'
import { startFakeServer, type FakeServer, type FaultOptions } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { fakeClock, type FakeClock } from './support/fake-clock.js'
import { BUNDLE, DEFAULT_NODE, runAction, runnerEnvironment } from './support/run-action.js'

/**
 * The transport over real sockets, against the fake Rocket.Chat, directly and through a real
 * loopback proxy. Each row: what the server saw (attempts) and stored (never two copies of a post),
 * what the caller got (the answer, or the error's kind and whether the post may have arrived), and
 * which bound ended it: budgets are fractions of a second (`timeout: 0.3`), named in the error, and
 * the waits between attempts are recorded by a fake clock instead of slept.
 */
const server = useFakeServer({ rateLimited: false })

let proxy: Server
let tunnels: string[] = []
beforeAll(async () => {
  proxy = createProxy(createHttpServer())
  proxy.prependListener('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''))
  await listen(proxy)
})
afterAll(() => new Promise(resolve => proxy.close(resolve)))
beforeEach(() => {
  tunnels = []
})

const proxyUrl = () => `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`
type Path = 'direct' | 'proxied'
const PATHS: Path[] = ['direct', 'proxied']
const proxySettingsFor = (path: Path): ProxySettings | undefined =>
  path === 'proxied' ? { httpProxy: proxyUrl(), httpsProxy: proxyUrl() } : undefined

const defaults: ConnectionSettings = {
  verify: true,
  connectTimeout: undefined,
  readTimeout: undefined,
  retry: undefined
}

interface Attempted {
  response?: HttpResponse
  error?: RocketChatError
  /** The waits between attempts the transport chose (backoff, Retry-After, a rate-limit window). */
  waits: number[]
}

/** One request through a fresh Transport, closed after; failures are returned, not thrown. */
async function attempt(
  req: Partial<HttpRequest>,
  options: Omit<TransportOptions, 'clock'> & { path?: Path; clock?: FakeClock } = {},
  settings: Partial<ConnectionSettings> = {}
): Promise<Attempted> {
  const { path = 'direct', clock = fakeClock(), ...rest } = options
  const { waits } = clock
  const proxySettings = proxySettingsFor(path)
  const transport = new Transport({
    timeout: 2,
    retries: 2,
    backoffMs: 5,
    ...(proxySettings ? { proxy: proxySettings } : {}),
    ...rest,
    clock
  })
  try {
    const response = await transport.send(
      { method: 'POST', url: hookUrl(), body: { text: 'deploy done' }, ...req },
      { ...defaults, ...settings }
    )
    return { response, waits }
  } catch (error) {
    if (!(error instanceof RocketChatError)) throw error
    return { error, waits }
  } finally {
    await transport.close()
  }
}

const hookUrl = () => `${server.url}${server.seed.webhook.path}`
const hookFault = (options: Omit<FaultOptions, 'path'>) => {
  server.injectFault({ path: server.seed.webhook.path, ...options })
}
const attemptsOnHook = () => server.requests.filter(r => r.path === server.seed.webhook.path).length
const page = (status: number) => ({
  status,
  body: `<html><body><h1>${String(status)}</h1>nginx</body></html>`,
  contentType: 'text/html'
})

/**
 * 0.3 s where the timeout is what ends the request; elsewhere a budget the fault ends it well
 * within, so that a busy machine reading 1 MiB slowly is not taken for a timeout.
 */
const timeoutFor = (kind: 'network' | 'timeout'): number => (kind === 'timeout' ? 0.3 : 10)

describe.each(PATHS)('a message post whose answer is lost (%s)', path => {
  it.each<[string, Omit<FaultOptions, 'path'>, 'network' | 'timeout', number | undefined]>([
    [
      'reset after the server stored it',
      { fault: 'reset', processFirst: true },
      'network',
      undefined
    ],
    [
      'closed after the server stored it',
      { fault: 'close', processFirst: true },
      'network',
      undefined
    ],
    ['a proxy 502 page', { fault: page(502), processFirst: true }, 'network', 502],
    ['a proxy 504 page', { fault: page(504), processFirst: true }, 'network', 504],
    [
      "a gateway's own JSON 504",
      {
        fault: { status: 504, body: '{"status":504,"error":"upstream timed out"}' },
        processFirst: true
      },
      'network',
      504
    ],
    ['a 200 whose body is cut', { fault: 'cut-body' }, 'network', 200],
    ['a body that never ends (abandoned at 1 MiB)', { fault: 'endless' }, 'network', 200],
    // 16 bytes at a byte every 100 ms: whole after 1.6 s, far past the 0.3 s timeout.
    ['a body trickling a byte every 100 ms', { fault: 'trickle', delayMs: 100 }, 'timeout', 200],
    ['no answer at all', { fault: 'hang', processFirst: true }, 'timeout', undefined],
    ['headers after the timeout', { fault: 'slow-headers' }, 'timeout', undefined]
  ])(
    '%s: sent once, one copy, the error says it may have arrived',
    async (_, fault, kind, status) => {
      // Slow headers: the server stores the message once the client has given up.
      let clientGaveUp = (): void => {}
      const until = new Promise<void>(resolve => (clientGaveUp = resolve))
      hookFault(fault.fault === 'slow-headers' ? { ...fault, until } : fault)

      const { error, waits } = await attempt({}, { path, timeout: timeoutFor(kind), retries: 3 })
      clientGaveUp()
      await vi.waitFor(
        () => {
          expect(server.messages).toHaveLength(1)
        },
        { timeout: 5000 }
      )

      expect(error?.kind).toBe(kind)
      expect(error?.mayHaveArrived).toBe(true)
      expect(error?.status).toBe(status)
      expect(error?.message).toMatch(/not sent again: the server may have stored it/)
      // Ended by the budget it was given, not by undici's or the server's.
      if (kind === 'timeout') expect(error?.message).toMatch(/^no answer within 0\.3 s/)
      expect(attemptsOnHook()).toBe(1)
      expect(waits).toEqual([])
      if (path === 'proxied') expect(tunnels).toEqual([server.host])
    }
  )
})

describe.each(PATHS)('answers read whole (%s)', path => {
  // undici 6 drops the connection on a 100 it did not ask for (docs/architecture.md, "One HTTP
  // stack"): the answer is lost, so the post is not sent again; REST modes then settle it.
  it('does not send a post again after an unasked-for 100 Continue: one copy, may have arrived', async () => {
    hookFault({ fault: 'continue' })

    const { error } = await attempt({}, { path, retries: 2 })

    expect(error?.mayHaveArrived).toBe(true)
    expect(error?.message).toMatch(/not sent again: the server may have stored it/)
    expect(attemptsOnHook()).toBe(1)
    expect(server.messages).toHaveLength(1)
  })

  it('decodes a gzip answer', async () => {
    hookFault({ fault: 'gzip' })

    const { response } = await attempt({}, { path })

    expect(response?.headers['content-encoding']).toBe('gzip')
    expect(response?.json).toEqual({ success: true })
  })

  it("retries Rocket.Chat's own 503 (it stored nothing) and delivers once", async () => {
    hookFault({
      fault: { status: 503, body: '{"success":false,"error":"Service Unavailable"}' },
      times: 2
    })

    const { response } = await attempt({}, { path, retries: 2 })

    expect(response?.status).toBe(200)
    expect(attemptsOnHook()).toBe(3)
    expect(server.messages).toHaveLength(1)
  })

  it.each([
    ["a proxy's HTML 503 page", page(503)],
    [
      "a gateway's own JSON 503",
      { status: 503, body: '{"status":503,"error":"no healthy upstream"}' }
    ]
  ])('retries %s (HTTP: not processed) and delivers once', async (_, fault) => {
    hookFault({ fault, times: 2 })

    const { response } = await attempt({}, { path, retries: 2 })

    expect(response?.status).toBe(200)
    expect(attemptsOnHook()).toBe(3)
    expect(server.messages).toHaveLength(1)
  })

  it('waits as a 503 asks in Retry-After before sending again', async () => {
    hookFault({ fault: { ...page(503), headers: { 'Retry-After': '1' } } })

    const { response, waits } = await attempt({}, { path, retries: 1 })

    expect(response?.status).toBe(200)
    expect(server.messages).toHaveLength(1)
    expect(waits).toEqual([1000])
  })

  it('returns a 500 without sending it again: the post may be stored', async () => {
    hookFault({ fault: { status: 500, body: 'Internal Server Error' }, times: 3 })

    const { response } = await attempt({}, { path, retries: 3 })

    expect(response?.status).toBe(500)
    expect(attemptsOnHook()).toBe(1)
  })
})

describe('compressed answers', () => {
  const json = Buffer.from('{"success":true,"message":{"_id":"m1"}}')
  /** 20 MiB of spaces inside a JSON string: about 20 KiB on the wire. */
  const bomb = gzipSync(
    Buffer.concat([
      Buffer.from('{"success":true,"pad":"'),
      Buffer.alloc(20 * 1024 * 1024, 0x20),
      Buffer.from('"}')
    ])
  )
  let encoded: Server
  beforeAll(async () => {
    encoded = createHttpServer((req, res) => {
      req.resume()
      const [encoding, body] =
        req.url === '/br'
          ? ['br', brotliCompressSync(json)]
          : req.url === '/deflate'
            ? ['deflate', deflateSync(json)]
            : req.url === '/bomb'
              ? ['gzip', bomb]
              : ['gzip', Buffer.from('not gzip at all')]
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
      res.end(body)
    })
    await listen(encoded)
  })
  afterAll(() => new Promise(resolve => encoded.close(resolve)))
  const at = (path: string) =>
    `http://127.0.0.1:${String((encoded.address() as AddressInfo).port)}${path}`

  it.each(['br', 'deflate'])('decodes %s', async encoding => {
    const { response } = await attempt({ url: at(`/${encoding}`) })

    expect(response?.json).toEqual({ success: true, message: { _id: 'm1' } })
  })

  it('abandons a decompression bomb at 1 MiB of decoded answer', async () => {
    const { error } = await attempt({ url: at('/bomb') })

    expect(error?.message).toMatch(/^answer larger than 1 MiB: abandoned/)
    expect(error?.mayHaveArrived).toBe(true)
  })

  it('reports a body that is not the encoding it claims as a lost answer', async () => {
    const { error } = await attempt({ url: at('/garbage') })

    expect(error?.message).toMatch(/^the gzip answer could not be decoded/)
    expect(error?.kind).toBe('network')
    expect(error?.mayHaveArrived).toBe(true)
    expect(error?.status).toBe(200)
  })
})

describe.each(PATHS)('replayable requests (%s)', path => {
  const login = (): Partial<HttpRequest> => ({
    url: `${server.url}/api/v1/login`,
    body: { user: 'bot', password: 'bot-password' },
    replayable: true
  })
  it.each<[string, Omit<FaultOptions, 'path'>]>([
    ['a reset', { fault: 'reset' }],
    ['a proxy 502 page', { fault: page(502) }],
    ['a cut body', { fault: 'cut-body' }],
    ['no answer in time', { fault: 'hang' }]
  ])('are sent again after %s', async (_, fault) => {
    server.injectFault({ path: '/api/v1/login', ...fault })

    const { response, waits } = await attempt(login(), { path, timeout: 0.3, retries: 1 })

    expect(response?.status).toBe(200)
    expect(server.requests.filter(r => r.path === '/api/v1/login')).toHaveLength(2)
    // One backoff between the two attempts, at most its 5 ms base: the policy's, not a timeout.
    expect(waits).toHaveLength(1)
    expect(waits[0]).toBeLessThanOrEqual(5)
  })

  it('give up after their retries with the lost answer', async () => {
    server.injectFault({ path: '/api/v1/login', fault: 'reset', times: 5 })

    const { error } = await attempt(login(), { path, retries: 1 })

    expect(error?.kind).toBe('network')
    expect(error?.message).not.toMatch(/not sent again/)
    expect(server.requests.filter(r => r.path === '/api/v1/login')).toHaveLength(2)
  })
})

describe('a request sent again after a lost answer', () => {
  it('may still have arrived when the repeat finds the server gone', async () => {
    const seen: string[] = []
    const lossy = createTcpServer(socket => {
      socket.once('data', chunk => {
        seen.push(String(chunk))
        socket.resetAndDestroy()
        lossy.close()
      })
    })
    await listen(lossy)
    const { port } = lossy.address() as AddressInfo

    const { error } = await attempt(
      { url: `http://127.0.0.1:${String(port)}/api/v1/chat.sendMessage`, replayable: true },
      { retries: 1 }
    )

    expect(seen).toHaveLength(1)
    expect(error?.message).toBe('connection refused')
    expect(error?.mayHaveArrived).toBe(true)
  })
})

describe('requests that cannot be sent', () => {
  it('fail before anything goes out when a header value cannot be sent (a newline in a token)', async () => {
    const { error } = await attempt({ headers: { 'x-auth-token': 'abc\nX-Injected: 1' } })

    expect(error?.mayHaveArrived).toBe(false)
    expect(error?.message).toMatch(/^request not sent: /)
    expect(error?.message).not.toContain('abc')
    expect(server.requests).toHaveLength(0)
  })
})

describe('connections that never open are retried: nothing was sent', () => {
  it('a refused connection, directly', async () => {
    const port = await closedPort()

    const { error } = await attempt({ url: `http://127.0.0.1:${String(port)}/hooks/a/b` })

    expect(error?.message).toBe('connection refused')
    expect(error?.kind).toBe('network')
    expect(error?.mayHaveArrived).toBe(false)
  })

  it('a refused connection behind the proxy: one tunnel asked per attempt', async () => {
    const port = await closedPort()

    const { error } = await attempt(
      { url: `http://127.0.0.1:${String(port)}/hooks/a/b` },
      { path: 'proxied', retries: 2 }
    )

    expect(error?.mayHaveArrived).toBe(false)
    expect(error?.message).toMatch(/proxy 127\.0\.0\.1:\d+/)
    expect(tunnels).toHaveLength(3)
  })

  it('a connection that hangs (SYN never answered) fails as a connect timeout, retried', async () => {
    const stalled = await stalledPort()
    try {
      const { error, waits } = await attempt(
        { url: `http://127.0.0.1:${String(stalled.port)}/hooks/a/b` },
        { timeout: 0.2, retries: 1 }
      )

      expect(error?.message).toBe('no connection within 0.2 s')
      expect(error?.kind).toBe('timeout')
      expect(error?.mayHaveArrived).toBe(false)
      // Retried once: one wait between the two attempts.
      expect(waits).toHaveLength(1)
    } finally {
      stalled.close()
    }
  })

  it('a proxy that never answers CONNECT fails at the timeout, retried, and is named', async () => {
    const accepted: Socket[] = []
    const silent = createTcpServer(socket => accepted.push(socket))
    await listen(silent)
    const silentUrl = `http://127.0.0.1:${String((silent.address() as AddressInfo).port)}`
    try {
      const { error } = await attempt(
        {},
        { timeout: 0.2, retries: 1, proxy: { httpProxy: silentUrl } }
      )

      expect(error?.message).toBe(
        `the proxy ${silentUrl.slice(7)} did not open a tunnel within 0.2 s`
      )
      expect(error?.kind).toBe('timeout')
      expect(error?.mayHaveArrived).toBe(false)
      expect(accepted).toHaveLength(2)
      expect(server.requests).toHaveLength(0)
    } finally {
      for (const socket of accepted) socket.destroy()
      await new Promise(resolve => silent.close(resolve))
    }
  })

  it('cto= bounds the connection apart from the answer', async () => {
    const stalled = await stalledPort()
    try {
      const { error } = await attempt(
        { url: `http://127.0.0.1:${String(stalled.port)}/hooks/a/b` },
        { timeout: 30, retries: 0 },
        { connectTimeout: 0.2 }
      )

      expect(error?.message).toBe('no connection within 0.2 s')
    } finally {
      stalled.close()
    }
  })
})

describe('timeouts a library caller might pass', () => {
  it("bounds a timeout too large for Node's timers instead of firing at once", async () => {
    const { response } = await attempt({}, { timeout: 5_000_000 })

    expect(response?.status).toBe(200)
  })

  it('uses the default for a timeout that is not a positive number', async () => {
    const { response } = await attempt({}, {}, { readTimeout: 0, connectTimeout: -1 })

    expect(response?.status).toBe(200)
  })
})

describe('rate limits', () => {
  const tooMany = '{"success":false,"error":"Error, too many requests. [error-too-many-requests]"}'

  // The clock stands at NOW: each header names a moment relative to it.
  const NOW = 1_800_000_000_500
  it.each<[string, Record<string, string>, number]>([
    [
      'X-RateLimit-Reset in epoch milliseconds (Rocket.Chat)',
      { 'X-RateLimit-Reset': String(NOW + 600), 'X-RateLimit-Remaining': '0' },
      600
    ],
    [
      'X-RateLimit-Reset in epoch seconds',
      { 'X-RateLimit-Reset': String(Math.ceil(NOW / 1000) + 1) },
      1500
    ],
    ['Retry-After in seconds', { 'Retry-After': '1' }, 1000]
  ])('waits for %s on a 429, then delivers once', async (_, headers, asked) => {
    hookFault({ fault: { status: 429, body: tooMany, headers }, times: 1 })

    const { response, waits } = await attempt({}, { retries: 0, clock: fakeClock(NOW) })

    expect(response?.status).toBe(200)
    expect(waits).toEqual([asked])
    expect(attemptsOnHook()).toBe(2)
    expect(server.messages).toHaveLength(1)
  })

  it('paces a burst by X-RateLimit-Reset in epoch seconds: every post delivered, once', async () => {
    // Read as milliseconds, the reset is long past: 20 quick retries would give up within the window.
    const clock = fakeClock()
    Object.assign(server.settings.rateLimit, {
      enabled: true,
      calls: 10,
      windowMs: 2500,
      resetUnit: 's',
      now: () => clock.now()
    })
    const transport = new Transport({ retries: 0, backoffMs: 5, clock })
    try {
      const statuses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          transport
            .send({ method: 'POST', url: hookUrl(), body: { text: `post ${String(i)}` } }, defaults)
            .then(response => response.status)
        )
      )

      expect(statuses.filter(status => status === 200)).toHaveLength(25)
      expect(server.messages).toHaveLength(25)
      // Paced, not hammered: 25 sent, the 15 refused sent again when the window reset, the 5 of
      // them refused again once more. Reading the reset as milliseconds retries every 50 ms.
      expect(attemptsOnHook()).toBeLessThanOrEqual(25 + 15 + 5)
    } finally {
      await transport.close()
    }
  })

  it('ends a rate-limit wait when the caller signal fires, as a rate-limit failure', async () => {
    hookFault({
      fault: { status: 429, body: tooMany, headers: { 'Retry-After': '30' } },
      times: 1
    })
    // The step's deadline fires during the 30 s wait.
    const deadline = new AbortController()
    const waits: number[] = []
    const clock = {
      ...fakeClock(),
      waits,
      sleep: (ms: number, signal: AbortSignal | undefined) =>
        new Promise<void>((_, reject) => {
          waits.push(ms)
          signal?.addEventListener('abort', () => {
            reject(signal.reason as Error)
          })
          deadline.abort()
        })
    }

    const { error } = await attempt({}, { signal: deadline.signal, clock })

    expect(waits).toEqual([30_000])
    expect(error?.kind).toBe('rate-limit')
    expect(error?.mayHaveArrived).toBe(false)
    expect(error?.message).toMatch(/the time allowed for sending ran out/)
    expect(attemptsOnHook()).toBe(1)
    expect(server.messages).toHaveLength(0)
  })
})

describe("the caller's signal (the step's deadline)", () => {
  it('ends a request waiting for its answer: may have arrived, not sent again', async () => {
    hookFault({ fault: 'hang', processFirst: true })
    const deadline = new AbortController()

    const attempted = attempt({}, { timeout: 60, signal: deadline.signal })
    // The step's deadline fires once the server holds the post, long before the 60 s timeout.
    await vi.waitFor(
      () => {
        expect(server.messages).toHaveLength(1)
      },
      { timeout: 5000 }
    )
    deadline.abort()
    const { error } = await attempted

    expect(error?.kind).toBe('timeout')
    expect(error?.mayHaveArrived).toBe(true)
    expect(error?.message).toMatch(/^the time allowed for sending ran out/)
    expect(attemptsOnHook()).toBe(1)
  })

  it('stops at once when it has already fired', async () => {
    const { error } = await attempt({}, { signal: AbortSignal.abort() })

    expect(error?.kind).toBe('timeout')
    expect(error?.mayHaveArrived).toBe(false)
    expect(server.requests).toHaveLength(0)
  })
})

describe.each(PATHS)('TLS (%s)', path => {
  let tls: FakeServer
  beforeAll(async () => {
    tls = await startFakeServer({ tls: true, rateLimit: { enabled: false } })
  })
  afterAll(() => tls.close())
  beforeEach(() => {
    tls.reset()
    tls.settings.rateLimit.enabled = false
  })
  const tlsHook = () => `${tls.url}${tls.seed.webhook.path}`

  it('refuses a certificate it cannot verify, says what to do, and does not retry', async () => {
    const { error } = await attempt({ url: tlsHook() }, { path, retries: 2 })

    expect(error?.kind).toBe('tls')
    expect(error?.mayHaveArrived).toBe(false)
    expect(error?.message).toMatch(/TLS certificate not trusted.*ca-cert.*verify=no/)
    if (path === 'proxied') expect(tunnels).toHaveLength(1)
  })

  it('delivers with verify=no', async () => {
    const { response } = await attempt({ url: tlsHook() }, { path }, { verify: false })

    expect(response?.status).toBe(200)
    expect(tls.messages).toHaveLength(1)
  })

  it('delivers to a server with a private CA given as caCert', async () => {
    const { response } = await attempt({ url: tlsHook() }, { path, caCert: tls.ca ?? '' })

    expect(response?.status).toBe(200)
    if (path === 'proxied') expect(tunnels).toEqual([tls.host])
  })

  it.each<[string, Omit<FaultOptions, 'path'>, 'network' | 'timeout']>([
    ['cut', { fault: 'cut-body' }, 'network'],
    ['reset after it was stored', { fault: 'reset', processFirst: true }, 'network'],
    ['trickling a byte every 100 ms', { fault: 'trickle', delayMs: 100 }, 'timeout'],
    ['endless', { fault: 'endless' }, 'network']
  ])('does not send a post again when its answer is %s', async (_, fault, kind) => {
    tls.injectFault({ path: tls.seed.webhook.path, ...fault })

    const { error } = await attempt(
      { url: tlsHook() },
      { path, caCert: tls.ca ?? '', timeout: timeoutFor(kind) }
    )

    expect(error?.kind).toBe(kind)
    expect(error?.mayHaveArrived).toBe(true)
    if (kind === 'timeout') expect(error?.message).toMatch(/^no answer within 0\.3 s/)
    expect(tls.requests).toHaveLength(1)
    expect(tls.messages).toHaveLength(1)
  })

  it('decodes gzip', async () => {
    tls.injectFault({ path: tls.seed.webhook.path, fault: 'gzip' })

    const { response } = await attempt({ url: tlsHook() }, { path, caCert: tls.ca ?? '' })

    expect(response?.json).toEqual({ success: true })
  })
})

describe('proxy settings', () => {
  it.each([
    ['the host itself', '127.0.0.1'],
    ['host and port', `127.0.0.1:PORT`],
    ['everything', '*'],
    ['one of several', 'example.com, 127.0.0.1']
  ])('goes direct to hosts in noProxy: %s', async (_, noProxy) => {
    const { response } = await attempt(
      {},
      {
        proxy: {
          httpProxy: proxyUrl(),
          noProxy: noProxy.replace('PORT', server.host.split(':')[1] ?? '')
        }
      }
    )

    expect(response?.status).toBe(200)
    expect(tunnels).toEqual([])
  })

  it('uses the proxy when noProxy names another host or port', async () => {
    const { response } = await attempt(
      {},
      { proxy: { httpProxy: proxyUrl(), noProxy: 'example.com,127.0.0.1:1' } }
    )

    expect(response?.status).toBe(200)
    expect(tunnels).toEqual([server.host])
  })

  it('sends https through the http proxy when no https proxy is given', async () => {
    const tls = await startFakeServer({ tls: true })
    try {
      const { response } = await attempt(
        { url: `${tls.url}${tls.seed.webhook.path}` },
        { proxy: { httpProxy: proxyUrl() }, caCert: tls.ca ?? '' }
      )

      expect(response?.status).toBe(200)
      expect(tunnels).toEqual([tls.host])
    } finally {
      await tls.close()
    }
  })
})

describe('the bundle, as the runner runs it on Node 24', () => {
  const rocketHook = () =>
    `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`

  it('abandons an endless answer at the cap: memory stays bounded, one copy stored', async () => {
    hookFault({ fault: 'endless' })
    const { env } = runnerEnvironment({ url: rocketHook(), body: 'deploy done' })

    // GNU time reports the child's peak resident memory in KiB on stderr's last line.
    const run = await execute('/usr/bin/time', ['-f', 'maxrss=%M', DEFAULT_NODE, BUNDLE], env)
    const peakKiB = Number(/maxrss=(\d+)/.exec(run.stderr)?.[1])

    expect(peakKiB).toBeGreaterThan(0)
    expect(peakKiB / 1024).toBeLessThan(150)
    // A webhook cannot be asked whether it arrived: reported unconfirmed, a warning, not a failure.
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::Unconfirmed.*answer larger than 1 MiB/)
    expect(attemptsOnHook()).toBe(1)
    expect(server.messages).toHaveLength(1)
  })

  it('ends a trickling answer at the timeout, not when the body ends', async () => {
    // The action's timeout is whole seconds: the smallest, 1 s, against an answer whole after 4 s.
    hookFault({ fault: 'trickle', delayMs: 250 })

    const run = await runAction({ url: rocketHook(), body: 'deploy done', timeout: '1' })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::Unconfirmed.*no answer within 1 s/)
    expect(attemptsOnHook()).toBe(1)
    expect(server.messages).toHaveLength(1)
  })

  it("sends through the runner's proxy without an experimental-API warning", async () => {
    const run = await runAction(
      { url: rocketHook(), body: 'deploy done' },
      { env: { HTTP_PROXY: proxyUrl(), HTTPS_PROXY: proxyUrl() } }
    )

    expect(run.code).toBe(0)
    expect(tunnels).toEqual([server.host])
    expect(server.messages).toHaveLength(1)
    expect(run.stderr).not.toMatch(/ExperimentalWarning|EnvHttpProxyAgent|UNDICI-EHPA/)
    expect(run.stdout).not.toMatch(/ExperimentalWarning|EnvHttpProxyAgent|UNDICI-EHPA/)
  })

  it('names a proxy that never opens the tunnel, at the timeout', async () => {
    const accepted: Socket[] = []
    const silent = createTcpServer(socket => accepted.push(socket))
    await listen(silent)
    const silentUrl = `http://127.0.0.1:${String((silent.address() as AddressInfo).port)}`
    try {
      const run = await runAction(
        // The smallest inputs: that a tunnel is tried again is the source-level test's above.
        { url: rocketHook(), body: 'deploy done', timeout: '1', retries: '0' },
        { env: { HTTP_PROXY: silentUrl } }
      )

      expect(run.code).toBe(1)
      expect(run.stdout).toContain(
        `the proxy ${silentUrl.slice(7)} did not open a tunnel within 1 s`
      )
      expect(accepted).toHaveLength(1)
      expect(server.requests).toHaveLength(0)
    } finally {
      for (const socket of accepted) socket.destroy()
      await new Promise(resolve => silent.close(resolve))
    }
  })
})

function execute(
  command: string,
  args: string[],
  env: Record<string, string>
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    const child = spawn(command, args, { env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', code => {
      resolve({ code: code ?? 1, stdout, stderr })
    })
  })
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<void> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
}

async function closedPort(): Promise<number> {
  const closed = createTcpServer()
  await listen(closed)
  const { port } = closed.address() as AddressInfo
  await new Promise(resolve => closed.close(resolve))
  return port
}

/**
 * A port whose SYNs go unanswered: a listening socket (backlog 0) that never accepts, its queue
 * filled first. Node always accepts, so a small Python process holds it.
 */
async function stalledPort(): Promise<{ port: number; close(): void }> {
  const python: ChildProcess = spawn('python3', [
    '-c',
    'import socket,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\n' +
      'print(s.getsockname()[1],flush=True)\ntime.sleep(120)'
  ])
  const port = await new Promise<number>((resolve, reject) => {
    python.once('error', reject)
    python.stdout?.once('data', (chunk: Buffer) => {
      resolve(Number(chunk.toString()))
    })
  })
  const fillers = Array.from({ length: 4 }, () => connect(port, '127.0.0.1').on('error', () => {}))
  await new Promise(resolve => setTimeout(resolve, 200))
  return {
    port,
    close: () => {
      for (const filler of fillers) filler.destroy()
      python.kill()
    }
  }
}

afterEach(() => {
  tunnels = []
})
