import type { Reply } from './http.js'
import type { RateLimiter } from './rate-limit.js'
import type { FakeServerSettings, RecordedRequest } from './types.js'
import { hasPermission, type User, type World } from './world.js'

/** One request being answered, and the server state it may read and change. */
export interface RequestContext {
  world: World
  settings: FakeServerSettings
  limiter: RateLimiter
  request: RecordedRequest
  /** The client address: rate limits count per IP. */
  ip: string
  /** `http(s)://127.0.0.1:PORT`, for the absolute URLs some answers hold. */
  baseUrl: string
  /** Headers every answer to this request carries: the rate-limit ones once counted. */
  headers: Record<string, string>
  /**
   * The user the request's credentials named when it arrived, for a request whose answer is slow:
   * Rocket.Chat authenticates before the handler runs, so a logout while the handler is slow does
   * not undo the request.
   */
  authenticatedOnArrival?: User | undefined
}

/**
 * Counts the request against `route` (e.g. `POST /api/v1/login`, or a webhook URL) and returns
 * the 429 to send when over the limit. A `user` with `api-bypass-rate-limit` is never counted.
 */
export function limit(ctx: RequestContext, route: string, user?: User): Reply | undefined {
  if (!ctx.settings.rateLimit.enabled) return undefined
  if (user && hasPermission(user, 'api-bypass-rate-limit')) return undefined
  const verdict = ctx.limiter.count(
    `${ctx.ip} ${route}`,
    ctx.settings.rateLimit,
    ctx.settings.rateLimit.now?.()
  )
  Object.assign(ctx.headers, verdict.headers)
  return verdict.refusal
}
