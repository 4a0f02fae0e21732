/**
 * The run's undici dispatcher: every request of a run, to Rocket.Chat or to GitHub, goes through
 * one of these, which hands it to a direct pool or a `ProxyAgent` by our NO_PROXY rule
 * (`proxyFor`), with the run's CA, the URL's `verify=` and the timeouts. undici opens the sockets,
 * the CONNECT tunnels and the TLS sessions; TLS checks the certificate against the URL's host,
 * direct or through the tunnel (`test/connect.test.ts`).
 */
import type { Agent as AgentType, Dispatcher, ProxyAgent as ProxyAgentType } from 'undici'
import Agent from 'undici/lib/dispatcher/agent.js'
import Pool from 'undici/lib/dispatcher/pool.js'
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js'
import connect from 'undici/lib/api/api-connect.js'
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js'
import { proxyFor, type ProxySettings } from './no-proxy.js'

export interface DispatcherSettings {
  proxy: ProxySettings | undefined
  /** Trusted roots (PEM) beside the system's, when the run gives its own CA (`ca-cert`). */
  ca: string | undefined
  /** `verify=no` turns the certificate check off. */
  rejectUnauthorized: boolean
  /** For a connection: the proxy's, its tunnel, the server's, the TLS handshake, each. */
  connectMs: number
  /** For an answer's headers, and between the chunks of its body. */
  answerMs: number
}

// undici's index.js gives every dispatcher its API methods; a ProxyAgent opens its tunnels with
// `connect`, the one this stack needs.
Object.assign(DispatcherClass.prototype, { connect })

/** Free sockets are dropped before a typical server's 5 s keep-alive closes them under a request. */
const FREE_SOCKET_MS = 4000

/**
 * An undici `Agent` whose pool for each origin is direct, or the `ProxyAgent` NO_PROXY leaves it
 * to (one per proxy): closing or destroying it closes them all.
 */
export function createDispatcher(settings: DispatcherSettings): Dispatcher {
  const proxies = new Map<string, ProxyAgentType>()
  const throughProxy = (proxy: URL): ProxyAgentType => {
    let agent = proxies.get(proxy.href)
    if (!agent) {
      agent = new ProxyAgent({
        ...agentOptions(settings),
        uri: proxy.href,
        requestTls: tls(settings),
        // The connection to the proxy, and its answer to CONNECT, each within the connect timeout.
        proxyTls: { timeout: settings.connectMs },
        clientFactory: (origin: URL, options: object) =>
          new Pool(origin, { ...options, headersTimeout: settings.connectMs })
      })
      proxies.set(proxy.href, agent)
    }
    return agent
  }
  return new Agent({
    ...agentOptions(settings),
    factory: (origin, options) => {
      const proxy = proxyFor(new URL(String(origin)), settings.proxy)
      return proxy ? throughProxy(proxy) : new Pool(origin, options)
    }
  })
}

function agentOptions(settings: DispatcherSettings): AgentType.Options {
  return {
    connect: tls(settings),
    headersTimeout: settings.answerMs,
    bodyTimeout: settings.answerMs,
    keepAliveTimeout: FREE_SOCKET_MS,
    keepAliveMaxTimeout: FREE_SOCKET_MS
  }
}

/** TLS options for the server (direct, or inside the tunnel); `timeout` bounds the handshake too. */
function tls(settings: DispatcherSettings) {
  const { ca, rejectUnauthorized, connectMs } = settings
  return {
    timeout: connectMs,
    rejectUnauthorized,
    ...(ca === undefined ? {} : { ca: trustedRoots(ca) })
  }
}

/** Passing `ca` replaces Node's trust store, so the system roots are kept beside the caller's. */
function trustedRoots(caCert: string): string[] {
  return [...process.getBuiltinModule('node:tls').rootCertificates, caCert]
}
