/**
 * A faithful fake Rocket.Chat server for tests (docs/rocketchat-server.md §13), on node:http(s)
 * only. It listens on 127.0.0.1 with a free port, records every request, stores every message, and
 * answers with the exact bodies and status codes of a real 6.x to 8.x server, as its knobs say.
 *
 *     const server = await startFakeServer({ rateLimit: { windowMs: 200 } })
 *     const { botId, botToken, webhook } = server.seed
 *     // rocket://botId:botToken@server.host/#general?mode=token, or server.url + webhook.path
 *     server.settings.version = '7.5-legacy' // applies from the next request
 *     server.injectFault({ path: '/api/v1/login', fault: 'reset' })
 *     expect(server.messages[0]).toMatchObject({ roomName: 'general', msg: 'hi' })
 *     server.reset() // between tests; await server.close() at the end
 */
import { readFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { authenticate, handleApi } from './api.js'
import type { RequestContext } from './request-context.js'
import { handleHook } from './hooks.js'
import { json, parseBody, type Reply } from './http.js'
import { RateLimiter } from './rate-limit.js'
import type {
  AddRoomOptions,
  AddUserOptions,
  AddWebhookOptions,
  FakeServerOptions,
  FakeServerSettings,
  FaultOptions,
  RecordedRequest,
  StoredMessage,
  StoredUpload,
  WebhookRef
} from './types.js'
import { World, type Seed } from './world.js'

export type * from './types.js'
export type { Seed } from './world.js'

/** The test certificates (test/fixtures/tls/README.md): clients trust `ca`. */
export const TLS_FILES = {
  ca: fileURLToPath(new URL('../fixtures/tls/ca.pem', import.meta.url)),
  cert: fileURLToPath(new URL('../fixtures/tls/server.pem', import.meta.url)),
  key: fileURLToPath(new URL('../fixtures/tls/server-key.pem', import.meta.url))
}

export interface FakeServer {
  /** `http://127.0.0.1:PORT` (or `https://`). */
  readonly url: string
  /** `127.0.0.1:PORT`. */
  readonly host: string
  readonly port: number
  /** PEM of the CA that signed the HTTPS certificate; undefined over HTTP. */
  readonly ca: string | undefined
  /** The knobs, live: `server.settings.version = '7.5-legacy'` applies to the next request. */
  readonly settings: FakeServerSettings
  readonly seed: Seed
  /** Every stored message, oldest first. */
  readonly messages: readonly StoredMessage[]
  /** Every file stored by rooms.media, confirmed or not, oldest first. */
  readonly uploads: readonly StoredUpload[]
  /** Every request received, faulted ones included, oldest first. */
  readonly requests: readonly RecordedRequest[]
  addUser(options: AddUserOptions): { userId: string }
  /** A personal access token: used with `X-User-Id` like a login token. */
  addToken(userId: string, token: string): void
  addRoom(options: AddRoomOptions): { roomId: string }
  addWebhook(options: AddWebhookOptions): WebhookRef
  /** The next `times` matching requests are recorded, then get `fault` instead of processing. */
  injectFault(options: FaultOptions): void
  /** Back to the state just after start: seed only, start settings, nothing recorded. */
  reset(): void
  /**
   * Resolves once no `slow-headers` request is held or being processed: what they store is
   * stored. Release their `until` first.
   */
  heldProcessed(): Promise<void>
  close(): Promise<void>
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeServer> {
  const fake = new FakeRocketChat(options)
  await fake.listen()
  return fake
}

function settingsFrom(options: FakeServerOptions): FakeServerSettings {
  return {
    maxMessageSize: options.maxMessageSize ?? 5000,
    rateLimit: {
      enabled: true,
      calls: 10,
      windowMs: 60_000,
      resetUnit: 'ms',
      now: () => Date.now(),
      ...options.rateLimit
    },
    version: options.version ?? '8-typed',
    logoutBody: options.logoutBody ?? 'empty',
    badWebhookToken: options.badWebhookToken ?? '500-text',
    latencyMs: options.latencyMs ?? 0,
    twoFactor: options.twoFactor ?? true,
    customFieldsEnabled: options.customFieldsEnabled ?? false,
    threadsEnabled: options.threadsEnabled ?? true,
    refusals: options.refusals ?? '8.x',
    editsAllowed: options.editsAllowed ?? true,
    maxFileSize: options.maxFileSize ?? 100 * 1024 * 1024,
    uploadsEnabled: options.uploadsEnabled ?? true,
    fileField: options.fileField ?? true
  }
}

interface PendingFault {
  options: FaultOptions
  remaining: number
}

class FakeRocketChat implements FakeServer {
  readonly settings: FakeServerSettings
  readonly ca: string | undefined
  private world = new World()
  private currentSeed: Seed
  private readonly limiter = new RateLimiter()
  private readonly log: RecordedRequest[] = []
  private faults: PendingFault[] = []
  /** `slow-headers` requests held or still being processed. */
  private holding = 0
  private readonly server: Server
  private origin = { url: '', host: '', port: 0 }

  constructor(private readonly options: FakeServerOptions) {
    this.settings = settingsFrom(options)
    this.currentSeed = this.world.seed()
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res)
    if (options.tls) {
      this.ca = readFileSync(TLS_FILES.ca, 'utf8')
      const tls = { cert: readFileSync(TLS_FILES.cert), key: readFileSync(TLS_FILES.key) }
      this.server = createHttpsServer(tls, handler)
    } else {
      this.ca = undefined
      this.server = createHttpServer(handler)
    }
  }

  get url(): string {
    return this.origin.url
  }

  get host(): string {
    return this.origin.host
  }

  get port(): number {
    return this.origin.port
  }

  get seed(): Seed {
    return this.currentSeed
  }

  get messages(): readonly StoredMessage[] {
    return this.world.messages
  }

  get uploads(): readonly StoredUpload[] {
    return this.world.uploads
  }

  get requests(): readonly RecordedRequest[] {
    return this.log
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => {
        resolve()
      })
    })
    const { port } = this.server.address() as AddressInfo
    const host = `127.0.0.1:${port}`
    this.origin = { url: `${this.options.tls ? 'https' : 'http'}://${host}`, host, port }
  }

  addUser(options: AddUserOptions): { userId: string } {
    return { userId: this.world.addUser(options)._id }
  }

  addToken(userId: string, token: string): void {
    this.world.addToken(userId, token)
  }

  addRoom(options: AddRoomOptions): { roomId: string } {
    return { roomId: this.world.addRoom(options)._id }
  }

  addWebhook(options: AddWebhookOptions): WebhookRef {
    return this.world.addWebhook(options)
  }

  injectFault(options: FaultOptions): void {
    this.faults.push({ options, remaining: options.times ?? 1 })
  }

  reset(): void {
    const fresh = settingsFrom(this.options)
    // In place, so references a test holds to `settings` and `settings.rateLimit` stay live.
    Object.assign(this.settings.rateLimit, fresh.rateLimit)
    Object.assign(this.settings, { ...fresh, rateLimit: this.settings.rateLimit })
    this.world = new World()
    this.currentSeed = this.world.seed()
    this.log.length = 0
    this.faults = []
    this.limiter.clear()
  }

  async heldProcessed(): Promise<void> {
    while (this.holding > 0) await sleep(5)
  }

  async close(): Promise<void> {
    await new Promise<void>(resolve => {
      this.server.close(() => {
        resolve()
      })
      // Kept-alive and hanging connections would hold close() open.
      this.server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now()
    let request: RecordedRequest
    try {
      request = record(req, await readBody(req), receivedAt)
    } catch {
      return // the client went away mid-body
    }
    this.log.push(request)
    if (this.settings.latencyMs > 0) await sleep(this.settings.latencyMs)
    const fault = this.takeFault(request)
    const ctx: RequestContext = {
      world: this.world,
      settings: this.settings,
      limiter: this.limiter,
      request,
      ip: req.socket.remoteAddress ?? '',
      baseUrl: this.url,
      headers: {}
    }
    const held = fault?.fault === 'slow-headers'
    if (held) {
      this.holding++
      ctx.authenticatedOnArrival = authenticate(ctx)
      await (fault.until ?? sleep(fault.delayMs ?? 1000))
    } else if (fault && replacesProcessing(fault)) {
      spoil(fault, req, res, undefined)
      return
    }
    let reply: Reply
    try {
      reply = await route(ctx)
    } catch (error) {
      // A bug of the fake itself: say so loudly rather than pass for a server answer.
      console.error('fake Rocket.Chat server failed on', request.method, request.url, error)
      reply = json(500, { success: false, error: 'Internal server error' })
    } finally {
      if (held) this.holding--
    }
    if (fault && fault.fault !== 'slow-headers') {
      spoil(fault, req, res, { ...reply, headers: { ...ctx.headers, ...reply.headers } })
      return
    }
    write(res, reply, ctx.headers)
  }

  private takeFault(request: RecordedRequest): FaultOptions | undefined {
    const index = this.faults.findIndex(({ options }) => faultMatches(options, request))
    const pending = this.faults[index]
    if (!pending) return undefined
    pending.remaining--
    if (pending.remaining <= 0) this.faults.splice(index, 1)
    return pending.options
  }
}

/** Faults that stand in for the processing: the request is not processed unless asked. */
function replacesProcessing(options: FaultOptions): boolean {
  const { fault } = options
  const lossy = fault === 'reset' || fault === 'close' || fault === 'hang'
  return (lossy || typeof fault === 'object') && options.processFirst !== true
}

/** Answers as the fault says; `reply` is the real answer when the request was processed. */
function spoil(
  options: FaultOptions,
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply | undefined
): void {
  const { fault } = options
  const real = reply ?? json(200, { success: true })
  switch (fault) {
    case 'reset':
      dropConnection(req.socket)
      return
    case 'close':
      req.socket.end()
      return
    case 'hang':
    case 'slow-headers':
      return
    case 'cut-body': {
      const body = Buffer.from(real.body)
      res.writeHead(real.status, {
        'Content-Type': real.contentType,
        'Content-Length': String(body.length),
        ...real.headers
      })
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => {
        dropConnection(req.socket)
      })
      return
    }
    case 'trickle':
      void trickle(res, real, options.delayMs ?? 1000)
      return
    case 'endless':
      endless(res)
      return
    case 'continue':
      res.writeContinue()
      write(res, real, {})
      return
    case 'gzip':
      res.writeHead(real.status, {
        'Content-Type': real.contentType,
        'Content-Encoding': 'gzip',
        ...real.headers
      })
      res.end(gzipSync(real.body))
      return
    default: {
      const { status, body, contentType, headers } = fault
      const spoilt: Reply = { status, body, contentType: contentType ?? 'application/json' }
      if (headers) spoilt.headers = headers
      write(res, spoilt, {})
    }
  }
}

async function trickle(res: ServerResponse, reply: Reply, delayMs: number): Promise<void> {
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers })
  for (const byte of Buffer.from(reply.body)) {
    if (res.destroyed) return
    res.write(Buffer.of(byte))
    await sleep(delayMs)
  }
  res.end()
}

/** Writes until the client gives up, with backpressure, and never more than 2 GiB. */
function endless(res: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  let left = 32 * 1024
  res.writeHead(200, { 'Content-Type': 'application/json' })
  res.write('{"success":true,"pad":"')
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left--
      if (!res.write(chunk)) {
        res.once('drain', pump)
        return
      }
    }
    if (!res.destroyed) res.end('"}')
  }
  pump()
}

function route(ctx: RequestContext): Reply | Promise<Reply> {
  const { path } = ctx.request
  if (path.startsWith('/api/v1/')) return handleApi(ctx, path.slice('/api/v1/'.length))
  if (path.startsWith('/hooks/')) return handleHook(ctx, path.slice('/hooks/'.length).split('/'))
  return { status: 404, body: 'Not Found', contentType: 'text/plain; charset=UTF-8' }
}

function faultMatches(options: FaultOptions, request: RecordedRequest): boolean {
  if (options.method !== undefined && options.method.toUpperCase() !== request.method) return false
  return typeof options.path === 'string'
    ? options.path === request.path
    : new RegExp(options.path.source, options.path.flags.replace('g', '')).test(request.path)
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function record(req: IncomingMessage, bytes: Buffer, receivedAt: number): RecordedRequest {
  const url = req.url ?? '/'
  const parsed = new URL(url, 'http://fake.invalid')
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  const multipart = /multipart\/form-data/i.test(headers['content-type'] ?? '')
  const rawBody = multipart ? '' : bytes.toString('utf8')
  return {
    method: req.method ?? 'GET',
    path: parsed.pathname,
    url,
    query: Object.fromEntries(parsed.searchParams),
    headers,
    rawBody,
    bytes,
    body: parseBody(headers['content-type'], rawBody),
    receivedAt
  }
}

/** A TCP reset where the socket allows it (plain TCP); TLS sockets can only be destroyed. */
function dropConnection(socket: Socket): void {
  try {
    socket.resetAndDestroy()
  } catch {
    socket.destroy()
  }
}

function write(res: ServerResponse, reply: Reply, headers: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
    ...headers,
    ...reply.headers
  })
  res.end(reply.body)
}
