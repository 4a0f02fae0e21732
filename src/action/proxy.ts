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
