/** What of a URL may be shown: the masked URL, and every form in which its secrets could print. */
import { describeTarget } from './targets.js'
import type { Target } from '../types.js'
import type { Credentials } from './credentials.js'
import { isWebhookShaped } from './credentials.js'
import { renderOptions, type Options } from './params.js'
import {
  APPRISE_ONLY_KEYS,
  CREDENTIAL_KEYS,
  decode,
  HOOK_LINK_PATH,
  OPTION_KEYS,
  SECRET_KEYS,
  type RawUrl
} from './tokenize.js'

const MASK = '****'

/** A parsed URL rendered back with every secret replaced by `****`: what logs and outputs show. */
export function renderMasked(
  scheme: string,
  credentials: Credentials,
  hostport: string,
  targets: Target[],
  options: Options
): string {
  const user = credentials.user === undefined ? '' : encodeURIComponent(credentials.user)
  const auth =
    credentials.mode === 'webhook'
      ? `${user === '' ? '' : `${user}:`}${MASK}/${MASK}@`
      : `${user}:${MASK}@`
  const path = targets.map(describeTarget).join('/')
  const query = renderOptions(options)
  return `${scheme}://${auth}${hostport}/${path}${query === '' ? '' : `?${query}`}`
}

/**
 * The URL as written, for an error, when no destination exists: only what is surely not a secret
 * is shown. A mangled URL can put a credential anywhere, so besides the password and webhook:
 * - a userinfo that cannot be read, a lone name (it may be a token pasted without its user) and a
 *   user name with a '/' are hidden;
 * - a host with an '@', a '%' or a space is hidden: its '@' follows a separator, so it was not
 *   taken as the userinfo's end, and what is before it may be a credential (`id%2Ftoken @host`);
 * - a port is hidden unless `showablePort` allows it (it may be a password whose '@host' is missing);
 * - without any recognised secret the path is hidden: the credential may have ended up there.
 */
export function maskRaw(url: RawUrl): string {
  const secret =
    url.secret === undefined ? undefined : isWebhookShaped(url) ? maskWebhook(url.secret) : MASK
  // A user name has no '/': one that has is a webhook followed by a stray ':'.
  const user = url.user !== undefined && /\/|%2F/i.test(url.user) ? MASK : url.user
  const auth =
    url.hostAt === 0
      ? ''
      : url.unreadableUserinfo || (secret === undefined && user !== undefined)
        ? `${MASK}@`
        : `${user === undefined ? '' : `${user}:`}${secret ?? ''}@`
  const port = url.portText === undefined ? '' : `:${showablePort(url) ?? MASK}`
  const hasSecret =
    url.secret !== undefined || url.query.some(p => SECRET_KEYS.includes(p.key) && p.value !== '')
  const path = hasSecret || url.path === '' ? url.path : `/${MASK}`
  const query = url.query
    .map(({ key, raw }) =>
      SECRET_KEYS.includes(key)
        ? `${key}=${MASK}`
        : OPTION_KEYS.has(key) || APPRISE_ONLY_KEYS.has(key)
          ? `${key}=${raw}`
          : // An unknown key may be a piece of a password cut at a '?': nothing of it is shown.
            MASK
    )
    .join('&')
  const host = /[@%\s]/.test(url.host) ? MASK : url.host
  return `${url.scheme}://${auth}${host}${port}${path}${query === '' ? '' : `?${query}`}`
}

/**
 * The port as written when it may be shown: all digits, after a host that follows a userinfo, with
 * the credentials in the query, or before a `/hooks/` path. Otherwise `host:port` may be
 * `user:password` whose '@host' is missing, and undefined is returned.
 */
export function showablePort(url: RawUrl): string | undefined {
  const text = url.portText
  if (text === undefined || !/^\d+$/.test(text)) return undefined
  const isHost =
    url.hostAt > 0 ||
    url.query.some(p => CREDENTIAL_KEYS.has(p.key) && p.value !== '') ||
    HOOK_LINK_PATH.test(url.path)
  return isHost ? text : undefined
}

/** A webhook keeps its shape, each non-empty half masked (`id/` shows as `<mask>/`). */
function maskWebhook(secret: string): string {
  return decode(secret)
    .split('/')
    .map(half => (half === '' ? '' : MASK))
    .join('/')
}

/**
 * Every form in which a secret of this URL could be printed, whether or not its mode uses it. Only
 * a webhook (`id/token`) adds its halves, each a credential of its own; a password is masked whole,
 * since a piece of it (`pa` of `pa/ss`) is ordinary text that masking would hide everywhere.
 */
export function collectSecrets(url: RawUrl, webhook: string | undefined): string[] {
  const written: [raw: string, secret: string][] = [
    ...(url.secret === undefined ? [] : [[url.secret, decode(url.secret)] as [string, string]]),
    ...url.query
      .filter(p => SECRET_KEYS.includes(p.key) && p.value !== '')
      .map((p): [string, string] => [p.raw, p.value])
  ]
  const forms = written.flatMap(([raw, secret]) => {
    const parts = secret === webhook ? [secret, ...secret.split('/')] : [secret]
    return [raw, ...parts.flatMap(encodings)]
  })
  // Every length: a short password is a secret too, and masking it is the runner's job.
  return [...new Set(forms)].filter(form => form !== '')
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
