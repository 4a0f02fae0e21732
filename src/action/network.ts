import { readFileSync } from 'node:fs'
import type { ProxySettings } from '../rocketchat/transport.js'

/**
 * The runner's proxy variables, read here so the library never looks at the environment itself.
 * Lower case wins, as curl and undici read them; https falls back to the http proxy in the transport.
 */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (name: string): string | undefined =>
    env[name.toLowerCase()] || env[name.toUpperCase()] || undefined
  const settings: ProxySettings = {}
  const httpProxy = pick('http_proxy')
  const httpsProxy = pick('https_proxy')
  const noProxy = pick('no_proxy')
  if (httpProxy) settings.httpProxy = httpProxy
  if (httpsProxy) settings.httpsProxy = httpsProxy
  if (noProxy) settings.noProxy = noProxy
  return settings
}

/**
 * The CA certificates to trust beside the system's when `ca-cert` is given. Giving Node a CA
 * replaces its trust store, so the runner's NODE_EXTRA_CA_CERTS (a corporate root, say) is added
 * here too; without `ca-cert` Node applies it by itself.
 */
export function withExtraCaCerts(caCert: string, env: NodeJS.ProcessEnv): string {
  const extra = env.NODE_EXTRA_CA_CERTS
  if (!extra) return caCert
  try {
    return `${caCert}\n${readFileSync(extra, 'utf8')}`
  } catch {
    // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS; so do we, by ignoring it.
    return caCert
  }
}
