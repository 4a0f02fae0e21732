/** Incoming webhooks: `/hooks/:id/:token` and `/hooks/:id/:userId/:token` (§7). */
import { limit, type RequestContext } from './request-context.js'
import {
  failure,
  isObject,
  json,
  MeteorError,
  PlainError,
  success,
  type JsonObject,
  type Reply
} from './http.js'
import { processMessage, serializeMessage, type SendOptions } from './send.js'
import type { User, Webhook } from './world.js'

/** `segments`: the path after `/hooks/`, split on `/`. */
export function handleHook(ctx: RequestContext, segments: string[]): Reply {
  const { method } = ctx.request
  const [id, ...rest] = segments
  const token = rest.length === 1 || rest.length === 2 ? rest[rest.length - 1] : undefined
  if ((method !== 'POST' && method !== 'GET') || id === undefined || token === undefined) {
    return { status: 404, body: 'Not Found', contentType: 'text/plain; charset=UTF-8' }
  }
  const hook = ctx.world.webhooks.get(id)
  if (!hook || hook.token !== decodeTwice(token)) return badToken(ctx)
  // Webhooks ignore the bypass permission: counted per URL (query string included) and IP.
  const refusal = limit(ctx, `${method} ${ctx.request.url}`)
  if (refusal) return refusal
  if (!hook.enabled) return json(503, { success: false, error: 'Service Unavailable' })
  const user = ctx.world.users.get(hook.userId)
  // addWebhook checked the user, and users are never removed.
  if (!user) throw new Error(`fake server: webhook ${hook._id} has no user`)
  // GET runs the integration with an empty body: query parameters are not a payload.
  const read = method === 'GET' ? { payload: {} } : readPayload(ctx)
  if ('refusal' in read) return read.refusal
  const { payload } = read
  if (Object.keys(payload).length === 0) return success()
  if ((payload.channel || payload.roomId) && !hook.overrideDestinationChannelEnabled) {
    return failure('overriding destination channel is disabled for this integration')
  }
  // 8.x also requires message-impersonate of the user, which addWebhook grants with the bot role.
  const typed = ctx.settings.version === '8-typed'
  const text = payload.text || payload.msg
  if (typed && typeof text === 'string' && text.length > ctx.settings.maxMessageSize) {
    return failure('error-message-size-exceeded')
  }
  const options: SendOptions = {
    validateFirst: typed,
    customFieldsEnabled: ctx.settings.customFieldsEnabled,
    integrationId: hook._id
  }
  if (payload.separateResponse === true) return separately(ctx, hook, user, payload, options)
  try {
    processMessage(ctx.world, payload, user, defaultsOf(hook), options)
  } catch (error) {
    return failure(reasonOf(error))
  }
  return success()
}

/** The token is URL-decoded twice on its way to the lookup (`%2520` becomes a space). */
function decodeTwice(token: string): string {
  try {
    return decodeURIComponent(decodeURIComponent(token))
  } catch {
    return token
  }
}

function badToken(ctx: RequestContext): Reply {
  if (ctx.settings.badWebhookToken === '404-json') {
    return json(404, { success: false, error: 'Invalid integration id or token provided.' })
  }
  return { status: 500, body: 'Internal Server Error', contentType: 'text/plain; charset=UTF-8' }
}

/** §7.3: a JSON object as is; `payload=<json>` forms unwrapped; anything else is an empty payload. */
function readPayload(ctx: RequestContext): { payload: JsonObject } | { refusal: Reply } {
  const { body, headers } = ctx.request
  if (!isObject(body)) return { payload: {} }
  const form = (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
  const keys = Object.keys(body)
  if (!form || keys.length !== 1 || keys[0] !== 'payload') return { payload: body }
  let unwrapped: unknown
  try {
    unwrapped = JSON.parse(String(body.payload))
  } catch {
    // Invalid JSON keeps the form as it is: the message is posted with empty text.
    return { payload: body }
  }
  if (isObject(unwrapped)) return { payload: unwrapped }
  return {
    refusal: failure('Integration payload must be a JSON object, not an array or primitive')
  }
}

function defaultsOf(hook: Webhook) {
  return { channel: hook.channel, alias: hook.alias, avatar: hook.avatar, emoji: hook.emoji }
}

/** Webhook errors are `err.error || err.message`: `invalid-channel`, without brackets. */
function reasonOf(error: unknown): string {
  if (error instanceof MeteorError) return error.error
  if (error instanceof PlainError) return error.message
  throw error
}

/** `separateResponse: true` (7.9+): one result per target; 400 only when every target failed. */
function separately(
  ctx: RequestContext,
  hook: Webhook,
  user: User,
  payload: JsonObject,
  options: SendOptions
): Reply {
  const requested = payload.channel || payload.roomId || hook.channel
  const channels = [...new Set((Array.isArray(requested) ? requested : [requested]).map(String))]
  const responses = channels.map(channel => {
    const single = { ...payload, channel, roomId: undefined }
    try {
      const [sent] = processMessage(ctx.world, single, user, defaultsOf(hook), options)
      return sent
        ? { channel, message: serializeMessage(sent.message) }
        : { channel, error: 'unknown-error' }
    } catch (error) {
      return { channel, error: reasonOf(error) }
    }
  })
  const anyPosted = responses.some(response => 'message' in response)
  return json(anyPosted ? 200 : 400, { responses, success: anyPosted })
}
