import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { FaultOptions } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { runAction, type ActionRun } from './support/run-action.js'

/**
 * The worst day, one row per fault: what the action retries, what it reports, its exit code and
 * outputs, what the server stored (never twice), and that no secret shows anywhere.
 */
const server = useFakeServer({ rateLimited: false })

const PASSWORD = 'Fault-Table-Pass-1'
const html = (status: number) => ({
  status,
  body: `<html><head><title>${status}</title></head><body>upstream trouble</body></html>`,
  contentType: 'text/html'
})
const totp = {
  status: 401,
  body: JSON.stringify({
    status: 'error',
    error: 'totp-required',
    message: 'TOTP Required',
    details: { method: 'totp', codeGenerated: false }
  })
}

type Mode = 'webhook' | 'basic'
interface Row {
  name: string
  mode: Mode
  /** Sets up the fault and returns the URL to send to. */
  arrange: () => Promise<string> | string
  inputs?: Record<string, string>
  /** Requests to the faulted path, first attempt included. */
  attempts?: number
  stored: number
  code: 0 | 1
  error?: RegExp
  warning?: RegExp
}

const post = (mode: Mode) =>
  mode === 'webhook' ? server.seed.webhook.path : '/api/v1/chat.postMessage'
const defaultUrl = (mode: Mode): string =>
  mode === 'webhook'
    ? `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
    : `rocket://bot:bot-password@${server.host}/#general`
const fault = (mode: Mode, options: Omit<FaultOptions, 'path'>): string => {
  server.injectFault({ path: post(mode), ...options })
  return defaultUrl(mode)
}
const secretFree = (run: ActionRun) =>
  [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary]
    .join('\n')
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')

const rows: Row[] = [
  {
    name: 'connection refused',
    mode: 'basic',
    arrange: async () => {
      const closed = createServer()
      await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
      const { port } = closed.address() as AddressInfo
      await new Promise(resolve => closed.close(resolve))
      return `rocket://bot:${PASSWORD}@127.0.0.1:${port}/#general`
    },
    stored: 0,
    code: 1,
    error: /login as bot failed: connection refused|connection refused/
  },
  {
    name: 'connection reset after the send (not re-sent: it may be stored)',
    mode: 'webhook',
    arrange: () => fault('webhook', { fault: 'reset' }),
    attempts: 1,
    stored: 0,
    code: 1,
    error: /connection closed by the server before it answered \(not sent again/
  },
  {
    name: 'slow headers past the timeout (not re-sent: it may be stored)',
    mode: 'webhook',
    arrange: () => fault('webhook', { fault: 'slow-headers', delayMs: 3000 }),
    inputs: { timeout: '1' },
    attempts: 1,
    stored: 1,
    code: 1,
    error: /no answer within 1 s \(not sent again/
  },
  {
    name: '429 with X-RateLimit-Reset (waited, then sent)',
    mode: 'basic',
    arrange: () =>
      fault('basic', {
        fault: {
          status: 429,
          body: '{"success":false,"error":"Error, too many requests. [error-too-many-requests]"}',
          headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(Date.now() + 300) }
        }
      }),
    attempts: 2,
    stored: 1,
    code: 0
  },
  {
    name: '500 with an HTML body (not retried: it may be stored)',
    mode: 'basic',
    arrange: () => fault('basic', { fault: html(500), times: 3 }),
    attempts: 1,
    stored: 0,
    code: 1,
    error: /HTTP 500: 500 upstream trouble/
  },
  {
    name: "a proxy's 502 page (not re-sent: the server behind it may have stored it)",
    mode: 'webhook',
    arrange: () => fault('webhook', { fault: html(502) }),
    attempts: 1,
    stored: 0,
    code: 1,
    error: /HTTP 502 from a proxy, not Rocket.Chat/
  },
  {
    name: '503 disabled integration, every attempt',
    mode: 'webhook',
    arrange: () =>
      fault('webhook', {
        fault: { status: 503, body: '{"success":false,"error":"Service Unavailable"}' },
        times: 10
      }),
    inputs: { retries: '2' },
    attempts: 3,
    stored: 0,
    code: 1,
    error: /HTTP 503/
  },
  {
    name: 'a 200 that is not JSON (a portal, not Rocket.Chat)',
    mode: 'webhook',
    arrange: () =>
      fault('webhook', { fault: { status: 200, body: '<html>Sign in to Wi-Fi</html>' } }),
    attempts: 1,
    stored: 0,
    code: 1,
    error: /HTTP 200 but not a Rocket.Chat answer: Sign in to Wi-Fi/
  },
  {
    name: '401 on login (not retried into a lockout)',
    mode: 'basic',
    arrange: () => `rocket://bot:${PASSWORD}@${server.host}/#general`,
    stored: 0,
    code: 1,
    error: /login as bot failed: HTTP 401/
  },
  {
    name: 'totp-required on login',
    mode: 'basic',
    arrange: () => {
      server.injectFault({ path: '/api/v1/login', fault: totp })
      return defaultUrl('basic')
    },
    stored: 0,
    code: 1,
    error: /totp-required.*token mode/
  },
  {
    name: 'bad webhook token (500 text/plain, never retried)',
    mode: 'webhook',
    arrange: () => `rocket://${server.seed.webhook.id}/NotTheToken0000@${server.host}/`,
    stored: 0,
    code: 1,
    error: /HTTP 500: Internal Server Error/
  },
  {
    name: 'invalid channel',
    mode: 'basic',
    arrange: () => `rocket://bot:bot-password@${server.host}/#does-not-exist`,
    attempts: 1,
    stored: 0,
    code: 1,
    error: /HTTP 400: /
  },
  {
    name: 'message too large for the server',
    mode: 'basic',
    arrange: () => {
      server.settings.maxMessageSize = 100
      return defaultUrl('basic')
    },
    inputs: { body: 'x'.repeat(300) },
    attempts: 1,
    stored: 0,
    code: 1,
    error: /HTTP 400: .*(size|long|large)/i
  },
  {
    name: 'logout failure (delivered, warned)',
    mode: 'basic',
    arrange: () => {
      server.injectFault({ path: '/api/v1/logout', fault: html(500) })
      return defaultUrl('basic')
    },
    stored: 1,
    code: 0,
    warning: /logout from .* failed: HTTP 500/
  }
]

describe('fault table', () => {
  it.each(rows)('$name', async row => {
    const url = await row.arrange()
    const run = await runAction({ url, body: 'the build is red', ...row.inputs })
    // A slow answer may still store after the run gave up on it.
    await new Promise(resolve => setTimeout(resolve, row.name.startsWith('slow') ? 3000 : 0))

    expect(run.code).toBe(row.code)
    expect(run.outputs.sent).toBe(String(row.stored === 1 && row.code === 0 ? 1 : 0))
    expect(run.outputs.failed).toBe(String(row.code))
    const [result] = JSON.parse(run.outputs.results ?? '[]') as { ok: boolean; error?: string }[]
    expect(result?.ok).toBe(row.code === 0)
    if (row.error) {
      expect(result?.error).toMatch(row.error)
      expect(run.stdout).toMatch(/::error::Not delivered/)
    }
    if (row.warning) expect(run.stdout).toMatch(new RegExp(`::warning::${row.warning.source}`))
    if (row.attempts !== undefined) {
      expect(server.requests.filter(r => r.path === post(row.mode))).toHaveLength(row.attempts)
    }
    expect(server.messages).toHaveLength(row.stored)
    const seen = secretFree(run)
    for (const secret of [PASSWORD, 'bot-password', server.seed.webhook.token]) {
      expect(seen).not.toContain(secret)
    }
  })
})
