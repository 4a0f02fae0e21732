/**
 * The reference client for differential tests: Debian's Apprise CLI, run as a child process, and a
 * reading of the requests a fake server received that both clients can be compared on.
 */
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { RecordedRequest } from '../fake-server/server.js'

/** The Apprise CLI: Debian's `/usr/bin/apprise`, else the first `apprise` on PATH. */
export const APPRISE_BIN: string | undefined = findApprise()

function findApprise(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(dir => dir !== '')
    .map(dir => join(dir, 'apprise'))
  return ['/usr/bin/apprise', ...onPath].find(isExecutable)
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export interface AppriseRun {
  /** 0 when every request succeeded; 1 when anything failed or the URL was refused. */
  exitCode: number
  /** Apprise's log (`-vv`: info and warnings), to say why a run failed. */
  log: string
  elapsedMs: number
}

/** `apprise -vv -t TITLE -b BODY URL`, with the default notification type (info). */
export function runApprise(
  url: string,
  message: { title: string; body: string },
  timeoutMs = 60_000
): Promise<AppriseRun> {
  if (APPRISE_BIN === undefined) throw new Error('apprise is not installed')
  const started = Date.now()
  const args = ['-vv', '-t', message.title, '-b', message.body, url]
  return new Promise((resolve, reject) => {
    execFile(APPRISE_BIN, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      const log = stdout + stderr
      const elapsedMs = Date.now() - started
      if (error?.killed) {
        reject(new Error(`apprise did not finish within ${timeoutMs} ms:\n${log}`))
      } else if (error && typeof error.code !== 'number') {
        reject(new Error(`apprise could not run: ${error.message}`, { cause: error }))
      } else {
        resolve({ exitCode: typeof error?.code === 'number' ? error.code : 0, log, elapsedMs })
      }
    })
  })
}

/** One request as far as Rocket.Chat can tell clients apart by it. */
export interface Exchange {
  method: string
  path: string
  /** The Host header, which carries the URL's port. */
  host: string | undefined
  contentType: string | undefined
  /**
   * `X-User-Id` and `X-Auth-Token`. Login tokens are random, so each distinct token is named by
   * its order of first use (`token 1`); a token that was never used before a login is kept as is.
   */
  auth?: { userId: string; token: string }
  /** The body as the server parsed it: login fields, a message payload, `{}` when empty. */
  body: unknown
}

/** The requests in arrival order, reduced to what is compared (not User-Agent, not encodings). */
export function exchangesOf(requests: readonly RecordedRequest[]): Exchange[] {
  const tokenNames = new Map<string, string>()
  const loggedIn = requests.some(request => request.path === '/api/v1/login')
  return requests.map(request => {
    const { headers } = request
    const exchange: Exchange = {
      method: request.method,
      path: request.path,
      host: headers.host,
      contentType: headers['content-type'],
      body: request.body
    }
    const userId = headers['x-user-id']
    const token = headers['x-auth-token']
    if (userId !== undefined && token !== undefined) {
      let name = tokenNames.get(token)
      if (name === undefined) {
        name = loggedIn ? `token ${tokenNames.size + 1}` : token
        tokenNames.set(token, name)
      }
      exchange.auth = { userId, token: name }
    }
    return exchange
  })
}
