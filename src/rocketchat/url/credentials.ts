/** Who posts and how: the mode, and the user, password or webhook it needs. */
import type { Mode } from '../types.js'
import type { Params } from './params.js'
import { decode, type Fail, type RawUrl } from './tokenize.js'

/** Apprise reads a password longer than 32 characters as a personal access token (token mode). */
const TOKEN_MIN_LENGTH = 33
const ALNUM = /^[A-Za-z0-9]+$/
/** Unreserved URL characters: a webhook half is put into the `/hooks/` path as it is. */
const WEBHOOK_HALF = /^[A-Za-z0-9._~-]+$/

export interface Credentials {
  mode: Mode
  /** Basic: the login name. Token: the user id. Webhook: the optional display name. */
  user: string | undefined
  /** Basic: the password. Token: the personal access token. */
  password: string | undefined
  /** Webhook: `integrationId/token`, decoded. */
  webhook: string | undefined
}

/** The query's `user=`, `password=` and `webhook=` beat the userinfo; `mode=` beats detection. */
export function readCredentials(url: RawUrl, params: Params, fail: Fail): Credentials {
  if (url.unreadableUserinfo) {
    fail(
      "The credentials before the host's '@' cannot be read: expected user:password@, userId:token@ or [name:]id/token@ (a '/', '#' or '@' in a user name is written %2F, %23 or %40)"
    )
  }
  const infoUser = url.user === undefined ? undefined : decode(url.user)
  const infoSecret = url.secret === undefined ? undefined : decode(url.secret)
  const user = params.user ?? infoUser
  const forced = params.options.mode
  // A webhook-shaped secret is the password when mode=basic or mode=token says so.
  const userinfoWebhook =
    isWebhookShaped(url) || (forced === 'webhook' && infoSecret?.includes('/'))
      ? infoSecret
      : undefined
  const webhook = params.webhook ?? userinfoWebhook
  const password = params.password ?? infoSecret
  const mode =
    forced ??
    (webhook !== undefined
      ? 'webhook'
      : password !== undefined && Array.from(password).length >= TOKEN_MIN_LENGTH
        ? 'token'
        : 'basic')

  if (mode === 'webhook') {
    checkWebhook(webhook, fail)
    return { mode, user, password: undefined, webhook }
  }
  if (user === undefined || password === undefined) {
    fail(
      mode === 'basic'
        ? 'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host'
        : 'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host'
    )
  }
  if (user.includes('/')) {
    // Rocket.Chat user names and ids never have one; this is rather a webhook with a stray ':'.
    fail("Invalid user: a Rocket.Chat user name or id has no '/'")
  }
  return { mode, user, password, webhook: undefined }
}

/**
 * Whether the userinfo secret reads as a webhook by its shape. After a user, only Apprise's
 * alnum/alnum does, since a real password may have a '/' in it; alone, any text with a '/' does
 * (unlike Apprise, `abc-123/def_456@host` is a webhook), since there is no password it could be.
 */
export function isWebhookShaped(url: RawUrl): boolean {
  if (url.secret === undefined) return false
  const halves = decode(url.secret).split('/')
  if (halves.length < 2) return false
  return url.user === undefined || (halves.length === 2 && halves.every(h => ALNUM.test(h)))
}

function checkWebhook(webhook: string | undefined, fail: Fail): asserts webhook is string {
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
