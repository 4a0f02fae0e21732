import { readFileSync } from 'node:fs'
import {
  DEFAULT_DEADLINE_MS,
  DEFAULT_USER_AGENT,
  RocketChatError,
  type ProxySettings,
  checkProxySettings
} from '../rocketchat/index.js'

/** How the action reaches the network, decided once per run: every request of it goes this way. */
export interface NetworkSettings {
  /** The runner's proxy variables, for Rocket.Chat and GitHub alike. */
  proxy: ProxySettings
  userAgent: string
  /** Every request and wait of the step ends by then: a notifier must not hold a job hostage. */
  deadlineMs: number
}

/** The run's network settings, from the runner's environment (throws for a proxy that is not a URL). */
export function networkFromEnvironment(env: NodeJS.ProcessEnv): NetworkSettings {
  return {
    proxy: proxyFromEnvironment(env),
    userAgent: DEFAULT_USER_AGENT,
    deadlineMs: DEFAULT_DEADLINE_MS
  }
}

/**
 * The runner's proxy variables, read here so the library never looks at the environment itself.
 * Lower case wins, as curl and undici read them; https falls back to the http proxy in the transport.
 * A value that is not a URL is one clear error naming the variable, never its value.
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
  for (const [which, value] of [
    ['http', httpProxy],
    ['https', httpsProxy]
  ] as const) {
    try {
      checkProxySettings({ httpProxy: value ?? '' })
    } catch {
      throw new RocketChatError(
        `${which}_proxy (or ${which.toUpperCase()}_PROXY) is not an http:// or https:// URL with a host: ` +
          "fix it in the runner's environment, or unset it",
        { kind: 'rejected' }
      )
    }
  }
  return settings
}

/** The variables holding URLs the action uses that may carry a `user:password@`. */
const URL_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'all_proxy',
  'ALL_PROXY',
  'GITHUB_API_URL'
]

/**
 * The credentials written into the proxy URLs and GITHUB_API_URL, in every form a message could
 * show them (as written, decoded, `user:password`): to be masked before anything can print them.
 * A user name is a secret only when it stands alone (a token as the user, no password).
 */
export function credentialsInEnvironment(env: NodeJS.ProcessEnv): string[] {
  const found = new Set<string>()
  for (const name of URL_VARIABLES) {
    const value = env[name]?.trim()
    if (!value) continue
    const userinfo =
      /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(value)?.[1] ??
      /^([^/?#:]*:[^/?#]*)@/.exec(value)?.[1]
    if (userinfo === undefined) continue
    const colon = userinfo.indexOf(':')
    // A user name alone is masked only when it is the credential (a token, no password).
    const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1)
    const forms = colon < 0 ? [secret] : [secret, userinfo]
    for (const form of forms.flatMap(text => [text, decoded(text)])) {
      if (form !== '') found.add(form)
    }
  }
  return [...found]
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
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
