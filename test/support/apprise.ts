/**
 * The reference client for differential tests: Debian's Apprise 1.2.0, driven as its CLI drives it
 * (test/support/apprise-driver.py) from one Python process for every URL of a test file, and a
 * reading of the requests a fake server received that both clients can be compared on.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { accessSync, constants, readFileSync } from 'node:fs'
import { delimiter, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
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

const DRIVER = resolve('test/support/apprise-driver.py')

export interface AppriseRun {
  /** The CLI's exit code: 0 when every request succeeded; 1 when anything failed or the URL was refused. */
  exitCode: number
  /** Apprise's log as `-vv` prints it (info and warnings), to say why a run failed. */
  log: string
  /** Each throttle sleep Apprise asked for, in seconds, in order (its clock is fake: none is sat out). */
  waits: number[]
}

/**
 * One Python process with Apprise loaded, the interpreter the installed CLI names on its `#!` line,
 * so the same Apprise the CLI runs. `notify` is `apprise -vv -t TITLE -b BODY URL`.
 */
export class Apprise {
  readonly #child: ChildProcessWithoutNullStreams
  readonly #answers: AsyncIterator<string>
  #stderr = ''

  constructor(bin: string) {
    const python = /^#!\s*(\S+)/.exec(readFileSync(bin, 'utf8'))?.[1] ?? 'python3'
    this.#child = spawn(python, [DRIVER])
    this.#child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()))
    this.#answers = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]()
  }

  /** One URL at a time: the answer read is the one to this request. */
  async notify(url: string, message: { title: string; body: string }): Promise<AppriseRun> {
    this.#child.stdin.write(`${JSON.stringify({ url, ...message })}\n`)
    const answer = await this.#answers.next()
    if (answer.done === true) throw new Error(`apprise-driver.py ended:\n${this.#stderr}`)
    return JSON.parse(answer.value) as AppriseRun
  }

  close(): void {
    this.#child.stdin.end()
  }
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
