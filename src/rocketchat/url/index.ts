/**
 * Apprise `rocket://` and `rockets://` URLs -> destinations, as docs/url-format.md describes them:
 * Apprise's grammar, with the deliberate differences listed there. The steps, one file each:
 * tokenize (cut the text), params (the query), address (scheme, host, port), credentials (mode and
 * who posts), targets, mask (what may be shown).
 */
import { createHash } from 'node:crypto'
import { RocketChatError } from '../errors.js'
import type { Destination, ParsedUrl } from '../types.js'
import { readAddress, readScheme } from './address.js'
import { readCredentials } from './credentials.js'
import { collectSecrets, maskRaw, renderMasked } from './mask.js'
import { MODES, readParams } from './params.js'
import { readTargets } from './targets.js'
import { tokenize, type Fail } from './tokenize.js'

/** Parses one URL. Throws RocketChatError, with the URL masked, when it cannot be sent to. */
export function parseRocketUrl(raw: string): ParsedUrl {
  const url = tokenize(raw.trim())
  const fail: Fail = problem => {
    throw new RocketChatError(`${problem}. URL: ${maskRaw(url)}`)
  }

  const secure = readScheme(url, fail)
  const params = readParams(url.query, fail)
  const address = readAddress(url, secure, params.port, fail)
  const credentials = readCredentials(url, params, fail)
  const { mode } = credentials
  const { targets, rejectedTargets } = readTargets(url.path, params.to)
  // A target written but rejected still counts: it is reported failed, and the others are sent.
  if (mode !== 'webhook' && targets.length === 0 && rejectedTargets.length === 0) {
    fail(
      `No Rocket.Chat room and/or channels specified to notify: ${mode} mode needs /#channel, /roomId or /@user after the host`
    )
  }

  const { options } = params
  const destination: Omit<Destination, 'identity' | 'masked' | 'secrets'> = {
    mode,
    secure: address.secure,
    host: address.host,
    port: address.port,
    baseUrl: address.baseUrl,
    user: credentials.user,
    password: credentials.password,
    webhook: credentials.webhook,
    targets,
    rejectedTargets,
    // Token mode too is off, since a normal user's token is refused an avatar override.
    avatar: options.avatar ?? mode === 'webhook',
    format: options.format ?? 'markdown',
    overflow: options.overflow ?? 'upstream',
    verify: options.verify ?? true,
    connectTimeout: options.cto,
    readTimeout: options.rto,
    retry: options.retry
  }
  const masked = renderMasked(url.scheme, credentials, address.written, targets, options)
  const problems =
    params.unknownMode === undefined
      ? params.problems
      : [
          ...params.problems,
          `Unknown mode '${params.unknownMode}' ignored, using ${mode} (valid: ${MODES.join(', ')})`
        ]
  return {
    destination: {
      ...destination,
      identity: identityOf(destination),
      masked,
      secrets: collectSecrets(url, credentials.webhook)
    },
    warnings: problems.map(problem => `${problem}. URL: ${masked}`)
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

/**
 * A digest of everything but the targets, normalised (host case, default port, decoded
 * credentials, defaults applied), so it can be compared without holding a secret in clear.
 */
function identityOf(d: Omit<Destination, 'identity' | 'masked' | 'secrets'>): string {
  const decisive = [
    d.mode,
    d.baseUrl,
    d.user,
    d.password,
    d.webhook,
    d.avatar,
    d.format,
    d.overflow,
    d.verify,
    d.connectTimeout,
    d.readTimeout,
    d.retry
  ]
  return createHash('sha256').update(JSON.stringify(decisive)).digest('hex')
}
