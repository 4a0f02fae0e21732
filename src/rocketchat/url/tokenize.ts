/**
 * The first step of reading a URL: cut it into its parts as written (scheme, userinfo, host and
 * port, path, query) before anything is checked. A literal `#` is a channel marker here, never a
 * fragment (`host#chan`, `/#a,#b`), so WHATWG `new URL()` cannot do this split.
 */
import { RocketChatError } from '../errors.js'

/** Throws the parse error for a problem, with the URL masked. */
export type Fail = (problem: string) => never

/** Keys whose value is a secret: a masked URL shows `key=****`. */
export const SECRET_KEYS: readonly string[] = ['password', 'pass', 'webhook']
/** Keys that carry a credential: with one given, `host/@user` is a host and a user target. */
export const CREDENTIAL_KEYS = new Set(['user', ...SECRET_KEYS])
/** Keys that are not secrets: a masked URL may show them as written. */
export const OPTION_KEYS = new Set([
  'mode',
  'avatar',
  'to',
  'format',
  'overflow',
  'verify',
  'cto',
  'rto',
  'retry',
  'port',
  'user'
])
/** Valid in Apprise, but about behaviour this action does not have or does its own way. */
export const APPRISE_ONLY_KEYS = new Set(['emojis', 'wait', 'optional', 'redirect', 'tz', 'store'])

/** The path of a Rocket.Chat incoming webhook link, `/hooks/id/token`. */
export const HOOK_LINK_PATH = /^\/hooks\/[^/]+\/[^/]+\/?$/

/** Path and `to=` separators (Apprise's, plus `;[]` from its `to=` splitter). */
export const TARGET_SEPARATORS = /[/\\,;[\]\s]+/

/** One `key=value` of the query: the key lower-cased, the value as written and decoded. */
export interface QueryPair {
  key: string
  raw: string
  value: string
}

/** A URL cut into its parts as written, before anything is decoded or checked. */
export interface RawUrl {
  /** Lower-cased. */
  scheme: string
  /** Basic and token: the login or user id. Webhook: the display name. */
  user: string | undefined
  /** The password, token or `id/token` webhook. */
  secret: string | undefined
  /** Text before the userinfo's '@' that is not `[user:]secret`: a mangled credential, never shown. */
  unreadableUserinfo: boolean
  /** Where the host starts after `://`: just after the userinfo's '@', or 0 without one. */
  hostAt: number
  host: string
  /** The text after the host's ':', undefined without one. */
  portText: string | undefined
  /** Everything after the host and port: `/`-separated targets, or `#chan` right after the host. */
  path: string
  query: QueryPair[]
}

/** Cuts a URL into its parts. Throws when it has no `scheme://`, showing none of the text. */
export function tokenize(raw: string): RawUrl {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(raw)
  if (!match) {
    // Nothing is known to be a secret in such text, so none of it is shown.
    throw new RocketChatError(
      'Not a Rocket.Chat URL: it must start with rocket:// or rockets:// (the text is not shown, in case it holds a secret; URLs are separated by whitespace, so a space inside one is written %20)'
    )
  }
  const [, scheme = '', rest = ''] = match
  const queryAt = rest.indexOf('?')
  const hier = queryAt < 0 ? rest : rest.slice(0, queryAt)
  const query = queryAt < 0 ? [] : readQuery(rest.slice(queryAt + 1))
  const credentialsInQuery = query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '')
  const end = userinfoEnd(hier, credentialsInQuery)
  const userinfo =
    end < 0 ? { user: undefined, secret: undefined } : readUserinfo(hier.slice(0, end))
  const hostAt = end + 1
  const { hostport, path } = splitHostPath(hier.slice(hostAt))
  return {
    scheme: scheme.toLowerCase(),
    user: userinfo?.user,
    secret: userinfo?.secret,
    unreadableUserinfo: userinfo === undefined,
    hostAt,
    ...splitPort(hostport),
    path,
    query
  }
}

/** A webhook written `[user:]id/` with its token missing, right before an '@'. */
const TOKENLESS_WEBHOOK = /^(?:[^:/@#]*:)?[^:/@#\\,;[\]\s]*\/$/

/**
 * Where the userinfo ends: the index in `hier` of the '@' that closes it, or -1 without one. It is
 * the last '@' that does not start a `@user` target (an '@' right after a target separator does),
 * so an unencoded '@' in a password works and `host#a,@john` keeps its user. The one exception,
 * `id/@host` with no credentials in the query, is a webhook whose token is missing.
 *
 * Invariant: a credential written before its '@host' lies wholly before this point. The parser
 * reads credentials from there only, and a masked URL shows nothing of it that is not a user name.
 */
function userinfoEnd(hier: string, credentialsInQuery: boolean): number {
  for (let at = hier.lastIndexOf('@'); at >= 0; at = hier.lastIndexOf('@', at - 1)) {
    if (at === 0 || !TARGET_SEPARATORS.test(hier.charAt(at - 1))) return at
    if (!credentialsInQuery && TOKENLESS_WEBHOOK.test(hier.slice(0, at))) return at
  }
  return -1
}

/**
 * `user:secret`, a lone user name, or a webhook (`id/token`, `id%2Ftoken`); undefined when the text
 * cannot be one: a user name holds no literal '/', '#' or '@', so one that does is a typo that
 * moved a credential (the secret after the ':' may hold anything).
 */
function readUserinfo(
  info: string
): { user: string | undefined; secret: string | undefined } | undefined {
  const colon = info.indexOf(':')
  if (colon < 0) {
    if (/[#@]/.test(info)) return undefined
    return /\/|%2F/i.test(info)
      ? { user: undefined, secret: info }
      : { user: info || undefined, secret: undefined }
  }
  const user = info.slice(0, colon)
  if (/[/#@]/.test(user)) return undefined
  return { user: user || undefined, secret: info.slice(colon + 1) || undefined }
}

/** The host ends at the first '/' or '#' (`host#chan` names a channel). */
function splitHostPath(text: string): { hostport: string; path: string } {
  const hostEnd = text.search(/[/#]/)
  return hostEnd < 0
    ? { hostport: text, path: '' }
    : { hostport: text.slice(0, hostEnd), path: text.slice(hostEnd) }
}

function splitPort(hostport: string): { host: string; portText: string | undefined } {
  const ipv6 = /^(\[[^\]]*\])(?::(.*))?$/s.exec(hostport)
  if (ipv6) return { host: ipv6[1] ?? '', portText: ipv6[2] }
  const colon = hostport.indexOf(':')
  return colon < 0
    ? { host: hostport, portText: undefined }
    : { host: hostport.slice(0, colon), portText: hostport.slice(colon + 1) }
}

/** `&` and `;` both separate pairs; a repeated key is resolved by the parameters. */
function readQuery(text: string): QueryPair[] {
  return text
    .split(/[&;]/)
    .filter(Boolean)
    .map(pair => {
      const eq = pair.indexOf('=')
      const key = decode(eq < 0 ? pair : pair.slice(0, eq))
        .trim()
        .toLowerCase()
      const raw = eq < 0 ? '' : pair.slice(eq + 1)
      return { key, raw, value: decode(raw).trim() }
    })
}

/** A port number from 1 to 65535, or undefined. */
export function readPort(text: string): number | undefined {
  const port = /^\d+$/.test(text) ? Number(text) : NaN
  return port >= 1 && port <= 65535 ? port : undefined
}

/**
 * Percent-decoding as Apprise's unquote does it: a `+` stays a plus, and a malformed escape is kept
 * as written instead of failing the whole URL.
 */
export function decode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}
