/** The REST rate limiter (docs/rocketchat-server.md §8): fixed windows, counted per key. */
import { json, type Reply } from './http.js'
import type { RateLimitSettings } from './types.js'

interface Window {
  start: number
  count: number
}

export interface Verdict {
  /** The `X-RateLimit-*` headers, sent on every answer to the request. */
  headers: Record<string, string>
  /** The 429 to send instead of the answer, when over the limit. */
  refusal: Reply | undefined
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>()

  /** Counts one call under `key` (route + method + client IP, or the webhook URL + IP). */
  count(key: string, settings: RateLimitSettings, now = Date.now()): Verdict {
    let window = this.windows.get(key)
    if (!window || now >= window.start + settings.windowMs) {
      window = { start: now, count: 0 }
      this.windows.set(key, window)
    }
    window.count++
    const reset = window.start + settings.windowMs
    const headers = {
      'X-RateLimit-Limit': String(settings.calls),
      'X-RateLimit-Remaining': String(Math.max(0, settings.calls - window.count)),
      'X-RateLimit-Reset': String(settings.resetUnit === 's' ? Math.ceil(reset / 1000) : reset)
    }
    if (window.count <= settings.calls) return { headers, refusal: undefined }
    const seconds = Math.ceil((reset - now) / 1000)
    const refusal = json(429, {
      success: false,
      error:
        `Error, too many requests. Please slow down. You must wait ${seconds} seconds before ` +
        'trying this endpoint again. [error-too-many-requests]'
    })
    return { headers, refusal }
  }

  clear(): void {
    this.windows.clear()
  }
}
