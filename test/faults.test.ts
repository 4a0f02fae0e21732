import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { Mode } from '../src/rocketchat/types.js'
import type { FakeServer, FaultOptions } from './fake-server/server.js'
import { withFakeServer } from './support/fake.js'
import { resultsOf, runAction, type ActionRun } from './support/run-action.js'
import { runInProcess } from './support/run-in-process.js'

/**
 * The worst day, one row per fault and mode: what the server stored (never two copies), the exit
 * code, each target's outcome and kind in `results`, and that no secret shows anywhere. Each test
 * has a fake Rocket.Chat of its own, so that the bundle runs, which mostly wait for their child
 * process, go side by side.
 */
const withServer = (test: (server: FakeServer) => Promise<void>) =>
  withFakeServer({ rateLimited: false }, async server => {
    server.addWebhook({
      ...OPEN_HOOK,
      channel: ['#general'],
      postAs: 'bot',
      overrideDestinationChannelEnabled: true
    })
    await test(server)
  })

const PASSWORD = 'Fault-Table-Pass-1'
const html = (status: number) => ({
  status,
  body: `<html><head><title>${status}</title></head><body>upstream trouble</body></html>`,
  contentType: 'text/html'
})

const MODES: Mode[] = ['token', 'basic', 'webhook']

interface Expected {
  stored: number
  code: 0 | 1
  outcome: 'delivered' | 'unconfirmed' | 'failed'
  kind?: string
  /** Words the result must hold (its error or reason). */
  words?: RegExp
  /** A `::warning::` line that must be printed. */
  warning?: RegExp
}

interface Row {
  name: string
  /** Where the message is posted in each mode. */
  fault?: Omit<FaultOptions, 'path'>
  /** A second fault, on the requests after the first fault's. */
  then?: Omit<FaultOptions, 'path'>
  inputs?: Record<string, string>
  /** Per mode; REST modes settle a lost answer, webhooks cannot ask. */
  expect: (mode: Mode) => Expected
}

/** Where each mode posts: the path a fault is put on. */
const postPath = (server: FakeServer, mode: Mode) =>
  mode === 'webhook' ? server.seed.webhook.path : '/api/v1/chat.sendMessage'
const OPEN_HOOK = { id: 'OpenHook', token: 'OpenHookToken7c1f0e9d2b4a' }
/**
 * A URL of the mode. A webhook with targets goes through a hook that may change its channel (added
 * to every server); without, through the seed's own hook.
 */
const urlFor = (server: FakeServer, mode: Mode, path?: string): string => {
  switch (mode) {
    case 'webhook':
      if (path === undefined) {
        return `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
      }
      return `rocket://${OPEN_HOOK.id}/${OPEN_HOOK.token}@${server.host}/${path}`
    case 'token':
      return `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/${path ?? '#general'}?mode=token`
    case 'basic':
      return `rocket://bot:bot-password@${server.host}/${path ?? '#general'}`
  }
}

/** The same destination written differently: an option given explicitly at its default. */
const rewritten = (url: string) => `${url}${url.includes('?') ? '&' : '?'}format=markdown`

/** A lost answer: REST finds or re-sends it by its id, a webhook says it may have arrived. */
const lost =
  (stored: number) =>
  (mode: Mode): Expected =>
    mode === 'webhook'
      ? { stored, code: 0, outcome: 'unconfirmed', warning: /Unconfirmed for .*may have arrived/ }
      : { stored: 1, code: 0, outcome: 'delivered' }

const rows: Row[] = [
  {
    name: 'stored, then the connection reset',
    fault: { fault: 'reset', processFirst: true },
    expect: lost(1)
  },
  {
    name: 'stored, then the connection closed without an answer',
    fault: { fault: 'close', processFirst: true },
    expect: lost(1)
  },
  {
    name: "stored, then a proxy's 502 page",
    fault: { fault: html(502), processFirst: true },
    expect: lost(1)
  },
  {
    name: "stored, then a proxy's 504 page",
    fault: { fault: html(504), processFirst: true },
    expect: lost(1)
  },
  {
    name: 'stored, the answer cut half-way',
    fault: { fault: 'cut-body' },
    expect: lost(1)
  },
  // The action's timeout is whole seconds: 1 s, the smallest, is sat out (docs/testing.md); the
  // answer is held until the run has ended, then released, so the rest costs no real time.
  {
    name: 'stored, the answer slower than the timeout',
    fault: { fault: 'slow-headers' },
    inputs: { timeout: '1' },
    expect: lost(1)
  },
  {
    name: "a proxy's HTML 503 page twice (not processed), then the server",
    fault: { fault: html(503), times: 2 },
    expect: () => ({ stored: 1, code: 0, outcome: 'delivered' })
  },
  {
    name: "a gateway's JSON 503 twice with Retry-After, then the server",
    fault: {
      fault: {
        status: 503,
        body: '{"status":503,"message":"Service Temporarily Unavailable"}',
        headers: { 'Retry-After': '0' }
      },
      times: 2
    },
    expect: () => ({ stored: 1, code: 0, outcome: 'delivered' })
  },
  {
    name: 'stored late, after the answer timed out and the id was not found',
    fault: { fault: 'slow-headers', times: 2 },
    inputs: { timeout: '1', retries: '0' },
    // In basic mode too: the request was authenticated when it arrived, before the run logged out.
    expect: () => ({
      stored: 1,
      code: 0,
      outcome: 'unconfirmed',
      warning: /Unconfirmed for .*may have arrived/
    })
  },
  {
    name: 'reset, never stored, then 503 until the retries run out',
    fault: { fault: 'reset' },
    then: {
      fault: { status: 503, body: '{"status":503}', headers: { 'Retry-After': '0' } },
      times: 5
    },
    inputs: { retries: '1' },
    // Never stored, but the first post might still be on its way: not failed, not sent again.
    expect: () => ({
      stored: 0,
      code: 0,
      outcome: 'unconfirmed',
      warning: /Unconfirmed for .*may have arrived/
    })
  },
  {
    name: 'reset before anything was stored',
    fault: { fault: 'reset' },
    expect: lost(0)
  },
  {
    // undici 6 drops the connection on a 100 it did not ask for: the answer is lost, never a
    // second copy (docs/architecture.md, "One HTTP stack").
    name: 'an unasked-for 100 Continue before the answer',
    fault: { fault: 'continue' },
    expect: lost(1)
  },
  {
    name: 'a gzip answer',
    fault: { fault: 'gzip' },
    expect: () => ({ stored: 1, code: 0, outcome: 'delivered' })
  },
  {
    name: 'a 200 that is not Rocket.Chat (a portal)',
    fault: { fault: { status: 200, body: '<html>Sign in to Wi-Fi</html>' } },
    expect: () => ({
      stored: 0,
      code: 1,
      outcome: 'failed',
      kind: 'rejected',
      words: /HTTP 200 but not a Rocket.Chat answer: Sign in to Wi-Fi/
    })
  },
  {
    name: 'a message too large for the server',
    inputs: { body: 'x'.repeat(300) },
    expect: () => ({ stored: 0, code: 1, outcome: 'failed', kind: 'too-large' })
  }
]

/** Everything a reader or a later step sees, but the runner's own mask commands. */
const seen = (run: ActionRun) =>
  [run.stdout, run.stderr, JSON.stringify(run.outputs), run.summary]
    .join('\n')
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')

function expectNoLeak(server: FakeServer, run: ActionRun): void {
  const text = seen(run)
  for (const secret of [
    PASSWORD,
    'bot-password',
    server.seed.botToken,
    server.seed.webhook.token,
    OPEN_HOOK.token
  ]) {
    expect(text).not.toContain(secret)
  }
}

type Case = Row & { mode: Mode; label: string }
type Start = (inputs: Record<string, string>) => Promise<ActionRun>

/** One row in one mode, run by `start`: what the server stored and what the run reported. */
async function expectRow(server: FakeServer, row: Case, start: Start): Promise<void> {
  const want = row.expect(row.mode)
  if (row.name.startsWith('a message too large')) server.settings.maxMessageSize = 100
  // A slow answer is held until the run has given up on it, then still processed.
  let runEnded = (): void => {}
  const until = new Promise<void>(resolve => (runEnded = resolve))
  if (row.fault) server.injectFault({ path: postPath(server, row.mode), until, ...row.fault })
  if (row.then) server.injectFault({ path: postPath(server, row.mode), ...row.then })

  const run = await start({
    url: urlFor(server, row.mode),
    body: 'the build is red',
    ...row.inputs
  })
  runEnded()
  await server.heldProcessed()

  expect(run.code, run.stdout).toBe(want.code)
  expect(server.messages).toHaveLength(want.stored)
  const [result, ...others] = resultsOf(run)
  expect(others).toEqual([])
  expect(result).toMatchObject({ destination: 0, outcome: want.outcome })
  if (want.kind !== undefined) expect(result?.kind).toBe(want.kind)
  if (want.words) expect(result?.error ?? result?.reason).toMatch(want.words)
  if (want.warning) expect(run.stdout).toMatch(new RegExp(`::warning::${want.warning.source}`))
  expect(run.outputs).toMatchObject({
    sent: String(want.outcome === 'delivered' ? 1 : 0),
    failed: String(want.outcome === 'failed' ? 1 : 0),
    unconfirmed: String(want.outcome === 'unconfirmed' ? 1 : 0)
  })
  // Written by this run: each run in process gets the summary file it was given.
  expect(run.summary).not.toBe('')
  expectNoLeak(server, run)
}

const casesOf = (table: Row[]): Case[] =>
  table.flatMap(row => MODES.map(mode => ({ ...row, mode, label: `${mode}: ${row.name}` })))

// Every row, through src/main.ts's run() in this process, one at a time: what the action decides
// on each fault is src/'s, and a Node started per row made this table a tenth of the suite's time.
describe('fault table', () => {
  it.each(casesOf(rows))('$label', row =>
    withServer(server => expectRow(server, row, runInProcess))
  )
})

// The same rows through dist/ as the runner runs it, one of each kind of ending: a lost answer
// (settled by REST, reported by a webhook), a retried refusal, a failure.
describe('fault table, through the bundle', () => {
  const endings = rows.filter(row =>
    [
      'stored, then the connection reset',
      "a proxy's HTML 503 page twice (not processed), then the server",
      'a 200 that is not Rocket.Chat (a portal)'
    ].includes(row.name)
  )

  it('has each of its rows in the table', () => {
    expect(endings).toHaveLength(3)
  })

  it.concurrent.each(casesOf(endings))('$label', row =>
    withServer(server => expectRow(server, row, runAction))
  )
})

describe('faults before anything is posted', () => {
  it.concurrent.each(MODES)(
    '%s: a connection refused is retried, then reported as a network failure',
    mode =>
      withServer(async server => {
        const closed = createServer()
        await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
        const { port } = closed.address() as AddressInfo
        await new Promise(resolve => closed.close(resolve))
        const url = urlFor(server, mode).replace(server.host, `127.0.0.1:${port}`)

        const run = await runAction({ url, body: 'x', retries: '1' })

        expect(run.code).toBe(1)
        expect(resultsOf(run)).toMatchObject([{ outcome: 'failed', kind: 'network' }])
        expectNoLeak(server, run)
      })
  )

  it.concurrent.each<Mode>(['token', 'basic'])(
    '%s: a foreign message chat.getMessage returns for our id is never counted as delivered',
    mode =>
      withServer(async server => {
        server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset' })
        server.injectFault({
          path: '/api/v1/chat.getMessage',
          fault: {
            status: 200,
            body: JSON.stringify({
              success: true,
              message: { _id: 'x', rid: 'ELSEWHERE', u: { _id: 'someone-else' }, msg: 'hi' }
            })
          }
        })

        const run = await runAction({ url: urlFor(server, mode), body: 'x', retries: '0' })

        expect(run.code).toBe(1)
        expect(resultsOf(run)).toMatchObject([{ outcome: 'failed', kind: 'rejected' }])
        expect(resultsOf(run)[0]?.error).toMatch(/another room: not counted as delivered/)
        expect(server.messages).toHaveLength(0)
        expectNoLeak(server, run)
      })
  )

  it.concurrent('basic: a wrong password is an auth failure, not retried into a lockout', () =>
    withServer(async server => {
      const run = await runAction({
        url: `rocket://bot:${PASSWORD}@${server.host}/#general/#random`,
        body: 'x'
      })

      expect(run.code).toBe(1)
      expect(resultsOf(run)).toMatchObject([
        { target: '#general', outcome: 'failed', kind: 'auth' },
        { target: '#random', outcome: 'failed', kind: 'auth' }
      ])
      expect(server.requests.filter(r => r.path === '/api/v1/login')).toHaveLength(1)
      expectNoLeak(server, run)
    })
  )

  it.concurrent.each<Mode>(['token', 'basic'])(
    '%s: a channel that does not exist is not-found, the others still delivered',
    mode =>
      withServer(async server => {
        const run = await runAction({ url: urlFor(server, mode, '#nowhere/#general'), body: 'x' })

        expect(run.code).toBe(1)
        expect(resultsOf(run)).toMatchObject([
          { target: '#nowhere', outcome: 'failed', kind: 'not-found' },
          { target: '#general', outcome: 'delivered' }
        ])
        expect(server.messages).toHaveLength(1)
      })
  )

  it.concurrent.each(MODES)(
    '%s: an invalid target among valid ones is reported, the valid ones are sent',
    mode =>
      withServer(async server => {
        const run = await runAction({ url: urlFor(server, mode, '#general/!x'), body: 'x' })

        expect(run.code).toBe(1)
        expect(resultsOf(run)).toMatchObject([
          { target: '#general', outcome: 'delivered' },
          { target: '!x', outcome: 'failed', kind: 'invalid-target' }
        ])
        expect(server.messages).toHaveLength(1)
        expectNoLeak(server, run)
      })
  )

  it.concurrent.each(MODES)(
    '%s: one destination written twice, targets reordered and overlapping, posts once per target',
    mode =>
      withServer(async server => {
        const urls = `${urlFor(server, mode, '#general/#random')} ${rewritten(urlFor(server, mode, '#random/#general'))}`

        const run = await runAction({ url: urls, body: 'x' })

        expect(run.code).toBe(0)
        expect(resultsOf(run).map(r => [r.destination, r.target])).toEqual([
          [0, '#general'],
          [0, '#random']
        ])
        expect(server.messages.map(m => m.roomName).sort()).toEqual(['general', 'random'])
        expect(JSON.parse(run.outputs.destinations ?? '[]')).toHaveLength(2)
        expectNoLeak(server, run)
      })
  )
})
