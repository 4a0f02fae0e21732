import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { useFakeServer } from './support/fake.js'
import { mentionsIn } from './support/parser.js'

/**
 * `npm start` (scripts/demo.mjs), run as the README's command runs it: with no credentials it
 * shows the action end to end against its own fake server; with ROCKET_URL it sends one message
 * to that server, which must not alarm the real room it reaches.
 */

const start = (env: Record<string, string> = {}) =>
  promisify(execFile)(
    process.execPath,
    ['--import', './scripts/register-ts.mjs', 'scripts/demo.mjs'],
    {
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 120_000
    }
  )

// `npm start` compiles the demo and runs it (six sends without ROCKET_URL): on a busy 2-core
// machine that takes more than the default 30 s; the bound is start()'s own.
describe('npm start with ROCKET_URL', { timeout: 120_000 }, () => {
  const server = useFakeServer({ rateLimited: false })

  it('sends one neutral message that says it is a test, mentioning no one', async () => {
    const url = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`

    const { stdout } = await start({ ROCKET_URL: url })

    expect(stdout).toContain('== test message: ok  sent=1 failed=0')
    expect(server.messages).toHaveLength(1)
    const [message] = server.messages
    expect(message?.msg).toMatch(/test message/i)
    expect(message?.msg).toContain('No build failed')
    expect(message?.msg).not.toMatch(/❌|\bfailed in\b|octo-org/)
    expect(mentionsIn(message?.msg ?? '')).toEqual([])
    expect(message?.attachments).toEqual([])
  })
})

describe('npm start without ROCKET_URL', { timeout: 120_000 }, () => {
  it('runs the failure alert and the release announcement in each mode against its fake server', async () => {
    const { stdout } = await start()

    for (const mode of ['webhook', 'token', 'basic']) {
      expect(stdout).toContain(`== ${mode}: failure alert for a push: ok  sent=`)
      expect(stdout).toContain(`== ${mode}: release announcement: ok  sent=`)
    }
    expect(stdout).toMatch(/The server now holds \d+ messages/)
    expect(stdout).toContain('CI failed in octo-org/octo-repo')
  })
})
