/**
 * Apprise `rocket://` and `rockets://` URLs -> destinations: the grammar of docs/apprise-url.md
 * section 1 as the newest Apprise reads it, with the deliberate differences D1, D3, D4, D5, D6 and
 * D8 of docs/architecture.md.
 *
 * A literal `#` is a channel marker here, never a fragment (`host#chan`, `/#a,#b`), so WHATWG
 * `new URL()` cannot do the split: a small tokenizer cuts scheme, userinfo, host, path and query.
 */
import { isIPv6 } from 'node:net'
import { RocketChatError } from './errors.js'
import { describeTarget } from './targets.js'
import type { Destination, Format, Mode, Overflow, ParsedUrl, Target } from './types.js'

const MODES: readonly Mode[] = ['basic', 'token', 'webhook']
const FORMATS: readonly Format[] = ['markdown', 'text', 'html']
const OVERFLOWS: readonly Overflow[] = ['upstream', 'truncate', 'split']
/** Apprise reads a password longer than 32 characters as a personal access token (token mode). */
const TOKEN_MIN_LENGTH = 33
/** The same bound as the action's `retries` input. */
const MAX_RETRY = 10
/**
 * Secret forms shorter than this are not listed: masking a one- or two-character string everywhere
 * would garble every log line while protecting nothing (such a secret is guessed at once). The
 * masked URL hides a short secret all the same, since it is rendered without it.
 */
const MIN_SECRET_LENGTH = 3
const MASK = '****'

const SECRET_PARAMS = new Set(['password', 'pass', 'webhook'])
const CREDENTIAL_PARAMS = new Set(['user', ...SECRET_PARAMS])
const OPTION_PARAMS = new Set([
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
const APPRISE_ONLY_PARAMS = new Set(['emojis', 'wait', 'optional', 'redirect', 'tz', 'store'])

/** Path and `to=` separators (Apprise's, plus `;[]` from its `to=` splitter). */
const TARGET_SEPARATORS = /[/\\,;[\]\s]+/
/** Channel and user names as Rocket.Chat allows them, non-ASCII letters included (docs/architecture.md D3). */
const NAME = /^[\p{L}\p{M}\p{N}._-]+$/u
const ALNUM = /^[A-Za-z0-9]+$/
/** Unreserved URL characters: a webhook half is put into the `/hooks/` path as it is. */
const WEBHOOK_HALF = /^[A-Za-z0-9._~-]+$/
const HOST_LABEL = /^(?!-)[A-Za-z0-9_-]{1,63}$/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/** One `key=value` of the query: the key lower-cased, the value as written and decoded. */
interface QueryPair {
  key: string
  raw: string
  value: string
}

/** A URL cut into its parts as written, before anything is decoded or checked. */
interface RawUrl {
  scheme: string
  /** Basic and token: the login or user id. Webhook: the display name. */
  user: string | undefined
  /** The password, token or `id/token` webhook. */
  secret: string | undefined
  hostport: string
  /** Everything after the host: `/`-separated targets, or `#chan` right after the host. */
  path: string
  query: QueryPair[]
  /** Everything between `://` and the query, and where the host starts in it. */
  hier: string
  hostAt: number
}

type Fail = (problem: string) => never

/** Parses one URL. Throws RocketChatError, with the URL masked, when it cannot be sent to. */
export function parseRocketUrl(raw: string): ParsedUrl {
  const url = tokenize(raw.trim())
  const fail: Fail = problem => {
    throw new RocketChatError(`${problem}. URL: ${maskRaw(url)}`)
  }

  const secure = readScheme(url.scheme, fail)
  const params = readParams(url.query, fail)
  const { host, port: writtenPort } = readHostPort(url.hostport, fail)
  const port = params.port ?? writtenPort

  const infoUser = url.user === undefined ? undefined : decode(url.user)
  const infoSecret = url.secret === undefined ? undefined : decode(url.secret)
  const user = params.user ?? infoUser
  // A webhook-shaped secret is the password when mode=basic or mode=token says so (1.3).
  const userinfoWebhook =
    isWebhookShaped(url) || (params.mode === 'webhook' && infoSecret?.includes('/'))
      ? infoSecret
      : undefined
  const webhook = params.webhook ?? userinfoWebhook
  const password = params.password ?? infoSecret
  const mode =
    params.mode ??
    (webhook !== undefined
      ? 'webhook'
      : password !== undefined && Array.from(password).length >= TOKEN_MIN_LENGTH
        ? 'token'
        : 'basic')

  if (mode === 'webhook') {
    checkWebhook(webhook, fail)
  } else if (user === undefined || password === undefined) {
    fail(
      mode === 'basic'
        ? 'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host'
        : 'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host'
    )
  } else if (user.includes('/')) {
    // Rocket.Chat user names and ids never have one; this is rather a webhook with a stray ':'.
    fail("Invalid user: a Rocket.Chat user name or id has no '/'")
  }

  const targets = readTargets(url.path, params.to, fail)
  if (mode !== 'webhook' && targets.length === 0) {
    fail(
      `No Rocket.Chat room and/or channels specified to notify: ${mode} mode needs /#channel, /roomId or /@user after the host`
    )
  }

  const hostport = port === undefined ? host : `${host}:${port}`
  const destination: Omit<Destination, 'masked' | 'secrets'> = {
    mode,
    secure,
    host,
    port,
    baseUrl: `${secure ? 'https' : 'http'}://${hostport}`,
    user,
    password: mode === 'webhook' ? undefined : password,
    webhook: mode === 'webhook' ? webhook : undefined,
    targets,
    // docs/architecture.md D5: token mode too is off, since a normal user's token is refused an avatar override.
    avatar: params.avatar ?? mode === 'webhook',
    format: params.format,
    overflow: params.overflow,
    verify: params.verify,
    connectTimeout: params.connectTimeout,
    readTimeout: params.readTimeout,
    retry: params.retry
  }
  const masked = renderMasked(url.scheme, destination, hostport, params.rendered)
  return {
    destination: { ...destination, masked, secrets: collectSecrets(url) },
    warnings: params.problems.map(problem => `${problem}. URL: ${masked}`)
  }
}

/** Parses every URL of an input, separated by whitespace (newlines included). */
export function parseRocketUrls(text: string): ParsedUrl[] {
  const raws = text.split(/\s+/).filter(Boolean)
  if (raws.length === 0) {
    throw new RocketChatError(
      'No Rocket.Chat URL was given: expected one or more rocket:// or rockets:// URLs separated by whitespace'
    )
  }
  const parseAt = (index: number): ParsedUrl => {
    try {
      return parseRocketUrl(raws[index] ?? '')
    } catch (error) {
      if (raws.length === 1 || !(error instanceof RocketChatError)) throw error
      throw new RocketChatError(`URL ${index + 1} of ${raws.length}: ${error.message}`, {
        cause: error
      })
    }
  }
  // A piece with no scheme is usually half of a URL cut at a space: say so first, before the other
  // half fails with a stranger message.
  const schemeless = raws.findIndex(raw => !raw.includes('://'))
  if (schemeless >= 0) parseAt(schemeless)
  return raws.map((_, index) => parseAt(index))
}

function tokenize(raw: string): RawUrl {
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
  const credentialsInQuery = query.some(p => CREDENTIAL_PARAMS.has(p.key) && p.value !== '')
  const { user, secret, hostAt } = splitUserinfo(hier, credentialsInQuery)
  const { hostport, path } = splitHostPath(hier.slice(hostAt))
  return { scheme: scheme.toLowerCase(), user, secret, hostport, path, query, hier, hostAt }
}

/** The host ends at the first '/' or '#' (docs/architecture.md D4: `host#chan`). */
function splitHostPath(text: string): { hostport: string; path: string } {
  const hostEnd = text.search(/[/#]/)
  return hostEnd < 0
    ? { hostport: text, path: '' }
    : { hostport: text.slice(0, hostEnd), path: text.slice(hostEnd) }
}

/** `&` and `;` both separate pairs; a repeated key is resolved later (see readParams). */
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

function splitUserinfo(
  hier: string,
  credentialsInQuery: boolean
): { user: string | undefined; secret: string | undefined; hostAt: number } {
  const none = { user: undefined, secret: undefined, hostAt: 0 }
  const firstAt = hier.indexOf('@')
  if (firstAt < 0) return none
  const before = hier.slice(0, firstAt)
  const slashes = before.split('/').length - 1
  if (slashes === 1) {
    // A webhook written with its slash: [user:]id/token@host. With credentials in the query and a
    // half empty, it is rather host/@user (a user target).
    const webhook = /^(?:([^:/]*):)?([^:/]*)\/([^:/]*)$/.exec(before)
    if (webhook && !(credentialsInQuery && (webhook[2] === '' || webhook[3] === ''))) {
      return {
        user: webhook[1] || undefined,
        secret: `${webhook[2] ?? ''}/${webhook[3] ?? ''}`,
        hostAt: firstAt + 1
      }
    }
  }
  if (slashes > 0) return none
  // The userinfo ends at the last '@' before the host, so an unencoded '@' in a password works,
  // but not past a '#' after the first '@': `user:pass@host#a,@john` names a channel and a user.
  const slash = hier.indexOf('/')
  const hashAfterAt = hier.indexOf('#', firstAt)
  const limit = Math.min(
    slash < 0 ? hier.length : slash,
    hashAfterAt < 0 ? hier.length : hashAfterAt
  )
  const at = hier.lastIndexOf('@', limit - 1)
  const info = hier.slice(0, at)
  const colon = info.indexOf(':')
  const hash = info.indexOf('#')
  // Rocket.Chat user names have no '#', so a '#' before the ':' is a channel marker: `host#a,@john`.
  if (hash >= 0 && (colon < 0 || hash < colon)) return none
  const hostAt = at + 1
  if (colon >= 0) {
    return {
      user: info.slice(0, colon) || undefined,
      secret: info.slice(colon + 1) || undefined,
      hostAt
    }
  }
  // Without ':' the userinfo is a user name, or a webhook with its slash written %2F.
  return /%2F/i.test(info)
    ? { user: undefined, secret: info, hostAt }
    : { user: info || undefined, secret: undefined, hostAt }
}

function readScheme(scheme: string, fail: Fail): boolean {
  if (scheme === 'rocket') return false
  if (scheme === 'rockets') return true
  return fail(`Unsupported scheme '${scheme}': use rocket:// for http or rockets:// for https`)
}

function readHostPort(hostport: string, fail: Fail): { host: string; port: number | undefined } {
  const { host, portText } = splitPort(hostport)
  if (host === '')
    fail(
      'No host was specified: the server name comes after :// (or after the @ of user:password@)'
    )
  // The host is not echoed: when the userinfo is mangled, a piece of a password can land here.
  if (!isHost(host)) {
    fail('Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address')
  }
  if (portText === undefined) return { host, port: undefined }
  const port = readPort(portText)
  if (port === undefined) {
    fail(
      "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing)"
    )
  }
  return { host, port }
}

function splitPort(hostport: string): { host: string; portText: string | undefined } {
  const ipv6 = /^(\[[^\]]*\])(?::(.*))?$/s.exec(hostport)
  if (ipv6) return { host: ipv6[1] ?? '', portText: ipv6[2] }
  const colon = hostport.indexOf(':')
  return colon < 0
    ? { host: hostport, portText: undefined }
    : { host: hostport.slice(0, colon), portText: hostport.slice(colon + 1) }
}

function isHost(host: string): boolean {
  if (host.startsWith('[')) return host.endsWith(']') && isIPv6(host.slice(1, -1))
  if (IPV4.test(host)) return host.split('.').every(octet => Number(octet) <= 255)
  const name = host.endsWith('.') ? host.slice(0, -1) : host
  return name.length <= 253 && name.split('.').every(label => HOST_LABEL.test(label))
}

function readPort(text: string): number | undefined {
  const port = /^\d+$/.test(text) ? Number(text) : NaN
  return port >= 1 && port <= 65535 ? port : undefined
}

/** The query's say on the destination; `mode` and `avatar` stay unset when the URL leaves them. */
interface Params extends Pick<
  Destination,
  | 'format'
  | 'overflow'
  | 'verify'
  | 'connectTimeout'
  | 'readTimeout'
  | 'retry'
  | 'port'
  | 'user'
  | 'password'
  | 'webhook'
> {
  mode: Mode | undefined
  avatar: boolean | undefined
  /** Every `to=` value in order: a repeated `to=` adds targets instead of replacing them. */
  to: string[]
  /** The options given, canonical and valid, in the order the masked URL shows them. */
  rendered: [string, string][]
  /** Warnings, before the masked URL is appended. */
  problems: string[]
}

function readParams(pairs: QueryPair[], fail: Fail): Params {
  const last = new Map<string, string>()
  const to: string[] = []
  const problems = new Set<string>()
  for (const { key, value } of pairs) {
    if (OPTION_PARAMS.has(key) || SECRET_PARAMS.has(key)) {
      // Apprise ignores an empty value; for the rest, the last value wins.
      if (value === '') continue
      if (key === 'to') to.push(value)
      else last.set(key, value)
    } else if (APPRISE_ONLY_PARAMS.has(key)) {
      problems.add(`Parameter '${key}' is an Apprise option this action does not use; ignored`)
    } else if (key !== '') {
      problems.add(`Unknown parameter '${key}' ignored`)
    }
  }

  const rendered: [string, string][] = []
  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = last.get(key)
    if (value === undefined) return fallback
    const found = allowed.find(option => option === value.toLowerCase())
    if (found === undefined) {
      problems.add(
        `Unknown ${key} '${value}' ignored, using ${fallback} (valid: ${allowed.join(', ')})`
      )
      return fallback
    }
    rendered.push([key, found])
    return found
  }
  const flag = (key: string): boolean | undefined => {
    const value = last.get(key)
    if (value === undefined) return undefined
    const parsed = parseBoolean(value)
    if (parsed === undefined) {
      problems.add(`Unknown ${key} '${value}' ignored, using the default (valid: yes or no)`)
    } else {
      rendered.push([key, parsed ? 'yes' : 'no'])
    }
    return parsed
  }
  const number = (key: string, isValid: (text: string) => boolean, rule: string) => {
    const value = last.get(key)
    if (value === undefined) return undefined
    if (!isValid(value)) {
      problems.add(`Invalid ${key} '${value}' ignored, using the default: ${rule}`)
      return undefined
    }
    rendered.push([key, value])
    return Number(value)
  }

  const modeText = last.get('mode')
  const mode = modeText === undefined ? undefined : MODES.find(m => m === modeText.toLowerCase())
  if (modeText !== undefined && mode === undefined) {
    fail(
      `The authentication mode specified (${modeText}) is invalid: use ${MODES.join(', ')} or leave mode= out`
    )
  }
  if (mode !== undefined) rendered.push(['mode', mode])
  const portText = last.get('port')
  const port = portText === undefined ? undefined : readPort(portText)
  if (portText !== undefined && port === undefined) {
    fail(`Invalid port=${portText}: it must be a number from 1 to 65535`)
  }
  const isSeconds = (text: string) => /^(?:\d+\.?\d*|\.\d+)$/.test(text) && Number(text) > 0
  const isRetry = (text: string) => /^\d+$/.test(text) && Number(text) <= MAX_RETRY
  const secondsRule = 'a number of seconds above 0'
  return {
    mode,
    avatar: flag('avatar'),
    format: choice('format', FORMATS, 'markdown'),
    overflow: choice('overflow', OVERFLOWS, 'upstream'),
    verify: flag('verify') ?? true,
    connectTimeout: number('cto', isSeconds, secondsRule),
    readTimeout: number('rto', isSeconds, secondsRule),
    retry: number('retry', isRetry, `a whole number from 0 to ${MAX_RETRY}`),
    port,
    user: last.get('user'),
    password: last.get('password') ?? last.get('pass'),
    webhook: last.get('webhook'),
    to,
    rendered,
    problems: [...problems]
  }
}

/** Apprise's parse_bool: only the first two letters count. Undefined when it is neither. */
function parseBoolean(value: string): boolean | undefined {
  const head = value.toLowerCase().slice(0, 2)
  if (['no', 'n', 'of', 'f', 'fa', '0', 'ne', 'di', 'de'].includes(head)) return false
  if (['ye', 'y', 'on', 't', 'tr', '1', 'en', 'al'].includes(head)) return true
  return undefined
}

function checkWebhook(webhook: string | undefined, fail: Fail): void {
  if (webhook === undefined) {
    fail(
      'No Rocket.Chat Incoming Webhook was specified: webhook mode needs id/token@ before the host, or webhook=id/token'
    )
  }
  const halves = webhook.split('/')
  const [id = '', token = ''] = halves
  if (halves.length !== 2) fail("The webhook must be integrationId/token, with exactly one '/'")
  if (id === '' || token === '') {
    fail(
      `The webhook's ${id === '' ? "integration id (before the '/')" : "token (after the '/')"} is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one`
    )
  }
  if (!WEBHOOK_HALF.test(id) || !WEBHOOK_HALF.test(token)) {
    fail("The webhook id and token may only contain letters, digits, '-', '_', '.' and '~'")
  }
}

function readTargets(path: string, to: string[], fail: Fail): Target[] {
  const pieces = [...splitTargets(path).map(decode), ...to.flatMap(value => splitTargets(value))]
  const seen = new Set<string>()
  const targets: Target[] = []
  for (const piece of pieces) {
    const target = classify(piece) ?? fail(invalidTarget(piece))
    const key = describeTarget(target)
    if (seen.has(key)) continue
    seen.add(key)
    targets.push(target)
  }
  return targets
}

/** Apprise's separators, and a new target at every '#' (docs/architecture.md D4: `/#a#b`, `ROOM1#chan`). */
function splitTargets(text: string): string[] {
  return text
    .split(TARGET_SEPARATORS)
    .flatMap(piece => piece.split(/(?=#)/))
    .filter(Boolean)
}

function classify(piece: string): Target | undefined {
  const name = piece.slice(1)
  if (piece.startsWith('#')) return NAME.test(name) ? { kind: 'channel', name } : undefined
  if (piece.startsWith('@')) return NAME.test(name) ? { kind: 'user', name } : undefined
  return ALNUM.test(piece) ? { kind: 'room', id: piece } : undefined
}

function invalidTarget(piece: string): string {
  const hint = NAME.test(piece) ? `; for a channel write '#${piece}'` : ''
  return `Invalid target '${piece}': expected #channel, @user or a room id (letters and digits)${hint}`
}

/** The canonical URL with every secret replaced by `****`: what logs and outputs show. */
function renderMasked(
  scheme: string,
  destination: Omit<Destination, 'masked' | 'secrets'>,
  hostport: string,
  rendered: [string, string][]
): string {
  const user = destination.user === undefined ? '' : encodeURIComponent(destination.user)
  const auth =
    destination.mode === 'webhook'
      ? `${user === '' ? '' : `${user}:`}${MASK}/${MASK}@`
      : `${user}:${MASK}@`
  const path = destination.targets.map(describeTarget).join('/')
  const query = rendered.map(([key, value]) => `${key}=${value}`).join('&')
  return `${scheme}://${auth}${hostport}/${path}${query === '' ? '' : `?${query}`}`
}

/**
 * The URL as written, for an error, when no destination exists: only what is surely not a secret
 * is shown. A mangled URL can put a credential anywhere, so besides the password and webhook:
 * - everything before an '@' that ends a userinfo (one that follows no separator, unlike `/@user`)
 *   is hidden, even where the tokenizer did not see a userinfo;
 * - a lone name before the '@' is hidden (it may be a token pasted without its user), and so is
 *   a user name with a '/';
 * - a port that is not a valid port is hidden (it may be a password whose '@host' is missing);
 * - without any recognised secret the path is hidden: the credential may have ended up there.
 */
function maskRaw(url: RawUrl): string {
  const credentialEnd = lastUserinfoAt(url.hier) + 1
  const unparsed = credentialEnd > url.hostAt
  const secret =
    url.secret === undefined ? undefined : isWebhookShaped(url) ? maskWebhook(url.secret) : MASK
  // A user name has no '/': one that has is a webhook followed by a stray ':'.
  const user = url.user !== undefined && /\/|%2F/i.test(url.user) ? MASK : url.user
  const auth = unparsed
    ? `${MASK}@`
    : url.hostAt === 0
      ? ''
      : secret === undefined
        ? user === undefined
          ? '@'
          : `${MASK}@`
        : `${user === undefined ? '' : `${user}:`}${secret}@`
  const { hostport, path } = unparsed
    ? splitHostPath(url.hier.slice(credentialEnd))
    : { hostport: url.hostport, path: url.path }
  const { host, portText } = splitPort(hostport)
  const port =
    portText === undefined ? '' : `:${readPort(portText) === undefined ? MASK : portText}`
  const hasSecret =
    url.secret !== undefined || url.query.some(p => SECRET_PARAMS.has(p.key) && p.value !== '')
  const shownPath = hasSecret || path === '' ? path : `/${MASK}`
  const query = url.query
    .map(({ key, raw }) =>
      SECRET_PARAMS.has(key)
        ? `${key}=${MASK}`
        : OPTION_PARAMS.has(key) || APPRISE_ONLY_PARAMS.has(key)
          ? `${key}=${raw}`
          : // An unknown key may be a piece of a password cut at a '?': nothing of it is shown.
            MASK
    )
    .join('&')
  return `${url.scheme}://${auth}${host}${port}${shownPath}${query === '' ? '' : `?${query}`}`
}

/** The last '@' that ends a userinfo rather than starts a `@user` target, or -1. */
function lastUserinfoAt(hier: string): number {
  for (let at = hier.lastIndexOf('@'); at >= 0; at = hier.lastIndexOf('@', at - 1)) {
    if (at === 0 || !TARGET_SEPARATORS.test(hier.charAt(at - 1))) return at
  }
  return -1
}

/**
 * Whether the userinfo secret reads as a webhook by its shape (1.3). After a user, only Apprise's
 * alnum/alnum does, since a real password may have a '/' in it; alone, any text with a '/' does
 * (quirk 3 not copied: `abc-123/def_456@host`), since there is no password it could be.
 */
function isWebhookShaped(url: RawUrl): boolean {
  if (url.secret === undefined) return false
  const halves = decode(url.secret).split('/')
  if (halves.length < 2) return false
  return url.user === undefined || (halves.length === 2 && halves.every(h => ALNUM.test(h)))
}

// A webhook keeps its shape, each non-empty half masked (`id/` shows as `<mask>/`).
function maskWebhook(secret: string): string {
  return decode(secret)
    .split('/')
    .map(half => (half === '' ? '' : MASK))
    .join('/')
}

/** Every form in which a secret of this URL could be printed, whether or not its mode uses it. */
function collectSecrets(url: RawUrl): string[] {
  const written: [raw: string, secret: string][] = [
    ...(url.secret === undefined ? [] : [[url.secret, decode(url.secret)] as [string, string]]),
    ...url.query
      .filter(p => SECRET_PARAMS.has(p.key) && p.value !== '')
      .map((p): [string, string] => [p.raw, p.value])
  ]
  const forms = written.flatMap(([raw, secret]) => {
    const parts = secret.includes('/') ? [secret, ...secret.split('/')] : [secret]
    return [raw, ...parts.flatMap(encodings)]
  })
  return [...new Set(forms)].filter(form => form.length >= MIN_SECRET_LENGTH)
}

/** Plain, percent-encoded (JavaScript's and Python's sets), form-encoded and JSON-escaped. */
function encodings(secret: string): string[] {
  const uri = encodeURIComponent(secret)
  return [
    secret,
    uri,
    uri.replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1)
  ]
}

/**
 * Percent-decoding as Apprise's unquote does it: a `+` stays a plus, and a malformed escape is kept
 * as written instead of failing the whole URL.
 */
function decode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, run => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}
