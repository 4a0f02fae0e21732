/**
 * Opening connections: direct, or through an HTTP(S) proxy's CONNECT tunnel, then TLS for
 * https. An agent hands a request its socket only once all of that is done, so every failure up
 * to that point is a `ConnectFailure`: the request's bytes were never written, and sending it
 * again is safe whatever it is.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type AgentOptions,
  type ClientRequestArgs
} from 'node:http'
import { isIP, type Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { PeerCertificate } from 'node:tls'
import type { FailureClass } from './retry-policy.js'

export interface ConnectSettings {
  connectMs: number
  rejectUnauthorized: boolean
  /** Trusted roots, when the caller gave its own CA. */
  ca: string[] | undefined
  proxy: URL | undefined
}

/** A failure before the request was written: nothing reached the server. */
export class ConnectFailure extends Error {
  override name = 'ConnectFailure'
  constructor(
    message: string,
    readonly failure: FailureClass,
    cause?: unknown
  ) {
    super(message, cause === undefined ? undefined : { cause })
  }
}

/** Free sockets are dropped before a typical server's 5 s keep-alive closes them under a request. */
const FREE_SOCKET_MS = 4000

type SocketOptions = ClientRequestArgs & { servername?: string }
type Created = (error: Error | null, socket?: Duplex) => void

/** A keep-alive agent for one protocol and one set of connection settings. */
export function createAgent(protocol: string, settings: ConnectSettings): HttpAgent {
  const https = protocol === 'https:'
  // node:https (and with it node:tls) loads only for runs that talk to an https server.
  const Base = https ? process.getBuiltinModule('node:https').Agent : HttpAgent
  const options: AgentOptions & Record<string, unknown> = {
    keepAlive: true,
    timeout: FREE_SOCKET_MS,
    scheduling: 'lifo',
    ...(https
      ? {
          rejectUnauthorized: settings.rejectUnauthorized,
          ...(settings.ca ? { ca: settings.ca } : {})
        }
      : {})
  }
  const pending = new Set<() => void>()
  class ConnectingAgent extends Base {
    /** Node's agents accept a socket through this callback once it is ready. */
    override createConnection(
      options: SocketOptions,
      callback?: (error: Error | null, socket: Duplex) => void
    ): undefined {
      if (!callback)
        throw new Error('createConnection is only called by the agent, with a callback')
      // Node's agent calls back with the error alone when there is no socket.
      const created = callback as Created
      open(settings, https, options, created, pending, socketOptions => {
        const base = Base.prototype as unknown as {
          createConnection(this: unknown, o: SocketOptions): Socket
        }
        return base.createConnection.call(this, socketOptions)
      })
      return undefined
    }

    override destroy(): void {
      for (const cancel of [...pending]) cancel()
      super.destroy()
    }
  }
  return new ConnectingAgent(options)
}

function open(
  settings: ConnectSettings,
  https: boolean,
  options: SocketOptions,
  created: Created,
  pending: Set<() => void>,
  direct: (options: SocketOptions) => Socket
): void {
  const host = options.host ?? 'localhost'
  const port = Number(options.port ?? (https ? 443 : 80))
  const seconds = settings.connectMs / 1000
  const proxyName = settings.proxy ? `proxy ${settings.proxy.host}` : ''
  let stage: 'proxy' | 'server' | 'tls' = settings.proxy ? 'proxy' : 'server'
  let socket: Socket | undefined
  let tunnelRequest: { destroy(): void } | undefined
  let done = false

  const finish = (error: ConnectFailure | undefined, ready?: Socket): void => {
    if (done) return
    done = true
    clearTimeout(timer)
    pending.delete(cancel)
    socket?.removeListener('error', onError)
    if (error || !ready) {
      socket?.destroy()
      tunnelRequest?.destroy()
      created(error ?? new ConnectFailure('connection closed before it was ready', 'refused'))
    } else {
      created(null, ready)
    }
  }
  const cancel = (): void => {
    finish(new ConnectFailure('the transport was closed while connecting', 'aborted'))
  }
  const onError = (error: Error): void => {
    finish(classify(error, stage, proxyName))
  }
  const timer = setTimeout(() => {
    const what =
      stage === 'proxy'
        ? `the ${proxyName} did not open a tunnel`
        : stage === 'tls'
          ? 'no TLS handshake'
          : 'no connection'
    finish(new ConnectFailure(`${what} within ${seconds} s`, 'connect-timeout'))
  }, settings.connectMs)
  pending.add(cancel)

  const whenReady = (s: Socket): void => {
    socket = s
    s.once('error', onError)
    if (https) {
      s.once('connect', () => {
        stage = 'tls'
      })
      s.once('secureConnect', () => {
        finish(undefined, s)
      })
    } else if (s.connecting) {
      s.once('connect', () => {
        finish(undefined, s)
      })
    } else {
      finish(undefined, s)
    }
  }

  // One identity check for both ways in: the URL's host, a name or an IP address.
  const identity = https ? serverIdentity(host) : {}
  if (!settings.proxy) {
    whenReady(direct({ ...options, ...identity }))
    return
  }
  tunnelRequest = tunnel(settings.proxy, host, port, (error, tunnelled) => {
    tunnelRequest = undefined
    if (error || !tunnelled) {
      finish(error instanceof ConnectFailure ? error : classify(error, 'proxy', proxyName))
      return
    }
    stage = https ? 'tls' : 'server'
    if (!https) {
      whenReady(tunnelled)
      return
    }
    const tls = process.getBuiltinModule('node:tls')
    whenReady(
      tls.connect({
        socket: tunnelled,
        ...identity,
        rejectUnauthorized: settings.rejectUnauthorized,
        ...(settings.ca ? { ca: settings.ca } : {})
      })
    )
  })
}

/**
 * How TLS checks who the server is: against the URL's host, whether the socket is direct or a
 * proxy's tunnel (whose own address must never stand in for it). A name is also sent as SNI; an IP
 * address is not (RFC 6066) and is matched against the certificate's IP addresses only.
 */
function serverIdentity(host: string): {
  servername?: string
  checkServerIdentity: (name: string, cert: PeerCertificate) => Error | undefined
} {
  const tls = process.getBuiltinModule('node:tls')
  const bare = host.replace(/^\[|\]$/g, '')
  return {
    ...(isIP(bare) === 0 ? { servername: bare } : { servername: '' }),
    checkServerIdentity: (_, cert) => tls.checkServerIdentity(bare, cert)
  }
}

/** Asks the proxy for a tunnel to host:port (undici and curl tunnel plain http the same way). */
function tunnel(
  proxy: URL,
  host: string,
  port: number,
  done: (error: Error | undefined, socket?: Socket) => void
): { destroy(): void } {
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`
  const headers: Record<string, string> = { host: target }
  if (proxy.username) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`
  }
  const secure = proxy.protocol === 'https:'
  const request = secure ? process.getBuiltinModule('node:https').request : httpRequest
  const req = request({
    host: proxy.hostname.replace(/^\[|\]$/g, ''),
    port: proxy.port || (secure ? 443 : 80),
    method: 'CONNECT',
    path: target,
    headers,
    agent: false,
    setHost: false
  })
  req.once('connect', (res, socket, head) => {
    if (res.statusCode !== 200) {
      socket.destroy()
      done(
        new ConnectFailure(
          `the proxy ${proxy.host} refused the tunnel: HTTP ${res.statusCode ?? 0}`,
          'proxy'
        )
      )
      return
    }
    if (head.length > 0) socket.unshift(head)
    done(undefined, socket)
  })
  req.once('error', error => {
    done(error)
  })
  req.end()
  return req
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

/** A connect-stage error in words a user can act on; never the URL (webhook paths are secret). */
function classify(
  error: unknown,
  stage: 'proxy' | 'server' | 'tls',
  proxyName: string
): ConnectFailure {
  const code = errorCode(error)
  if (code && UNTRUSTED.has(code)) {
    return new ConnectFailure(
      `TLS certificate not trusted (${code}): give the server's CA in ca-cert, or add ?verify=no to the URL`,
      'tls-untrusted',
      error
    )
  }
  if (stage === 'proxy') {
    const why = code === 'ECONNREFUSED' ? 'refused the connection' : `failed: ${code ?? 'closed'}`
    return new ConnectFailure(
      `the ${proxyName} ${why}`,
      code === 'ENOTFOUND' ? 'unknown-host' : 'proxy',
      error
    )
  }
  if (stage === 'tls') {
    return new ConnectFailure(`TLS handshake failed: ${code ?? 'connection closed'}`, 'tls', error)
  }
  switch (code) {
    case 'ENOTFOUND':
      return new ConnectFailure('host name not found', 'unknown-host', error)
    case 'EAI_AGAIN':
      return new ConnectFailure('host name lookup failed for now (EAI_AGAIN)', 'dns', error)
    case 'ETIMEDOUT':
      return new ConnectFailure('no connection: the network timed out', 'connect-timeout', error)
    case 'ECONNREFUSED':
      return new ConnectFailure('connection refused', 'refused', error)
    default:
      return new ConnectFailure(`no connection: ${code ?? 'closed'}`, 'refused', error)
  }
}

export function errorCode(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}
