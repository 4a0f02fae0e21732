import type { HttpResponse } from './transport.js'

export type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; error: string }

/**
 * Judges a Rocket.Chat answer: delivered only if the status is 2xx and the body is JSON that does
 * not say `success: false` (Apprise trusts the status alone). Rocket.Chat always answers JSON, so a
 * 2xx page of something else is a proxy or portal speaking, and the message did not arrive.
 * Failures carry the server's own words.
 */
export function readAnswer(response: HttpResponse): Answer {
  const success = response.status >= 200 && response.status < 300
  if (success && !isObject(response.json)) {
    return {
      ok: false,
      error: `HTTP ${response.status} but not a Rocket.Chat answer: ${serverWords(response, {})}`
    }
  }
  const body = isObject(response.json) ? response.json : {}
  if (success && body.success !== false) return { ok: true, body }
  return { ok: false, error: `HTTP ${response.status}: ${serverWords(response, body)}` }
}

function serverWords(response: HttpResponse, body: Record<string, unknown>): string {
  for (const key of ['error', 'message']) {
    const value = body[key]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  // Proxies and some Rocket.Chat routes answer in text or HTML: keep a short, tag-free excerpt.
  const text = response.text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  if (text === '') return httpPhrase(response.status)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}

function httpPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout'
  }
  return phrases[status] ?? 'unexpected answer'
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
