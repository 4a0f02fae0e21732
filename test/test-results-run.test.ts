import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { useFakeServer } from './support/fake.js'
import { linksIn, mentionsIn, serverMentionsIn, typesOf } from './support/parser.js'
import { NODE_20 } from './support/run-action.js'
import { runVia, type Via } from './support/run-in-process.js'

/**
 * `test-results` in whole runs (src/action/test-results.ts), against the fake Rocket.Chat, with the
 * reports the real tools wrote (test/fixtures/test-results/README.md).
 */
const server = useFakeServer({ rateLimited: false })
const SHA = '0123456789abcdef0123456789abcdef01234567'

const tokenUrl = () =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
const hookUrl = () =>
  `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`

/** A workspace holding the named fixtures under reports/, and any extra files given. */
function workspace(fixtures: string[], extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-results-'))
  mkdirSync(join(dir, 'reports'))
  for (const name of fixtures) {
    copyFileSync(join('test/fixtures/test-results', name), join(dir, 'reports', name))
  }
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text)
  return dir
}

/** A failure alert over the workspace's reports, run `via` the test says (a Node 20: the bundle). */
async function send(
  dir: string,
  inputs: Record<string, string>,
  url = tokenUrl(),
  node?: string,
  via: Via = node === undefined ? 'process' : 'bundle'
) {
  return runVia(
    via,
    { url, status: 'failure', ...inputs },
    { env: { GITHUB_WORKSPACE: dir }, node }
  )
}

const rootMessage = () => server.messages.find(m => m.tmid === undefined)
const attachmentText = (message = rootMessage()) =>
  (message?.attachments[0] as { text?: string } | undefined)?.text ?? ''

describe('the headline counts what each tool printed', () => {
  it.each([
    ['vitest-junit.xml', '❌ 2 failed · 3 passed · 1 skipped · '],
    ['ctrf-vitest.json', '❌ 2 failed · 3 passed · 1 skipped · 1 flaky · '],
    ['node-test-junit.xml', '❌ 2 failed · 2 passed · 1 skipped · 1 todo · '],
    ['node-test.tap', '❌ 2 failed · 2 passed · 1 skipped · 1 todo · 1.9s'],
    ['pytest-junit.xml', '❌ 2 failed · 2 passed · 1 skipped · 0.2s'],
    ['surefire-TEST-org.acme.FlakyTest.xml', '✅ 2 passed · 1 flaky · 1.3s']
  ])('%s', async (name, headline) => {
    const action = await send(workspace([name]), { 'test-results': `reports/${name}` })
    expect(action.code).toBe(0)
    const [first] = (rootMessage()?.msg ?? '').split('\n')
    expect(first?.slice(0, headline.length)).toBe(headline)
    expect(action.outputs['tests-failed']).toBe(headline.includes('2 failed') ? '2' : '0')
  })

  it.skipIf(NODE_20 === undefined)('reads them on Node 20 too', async () => {
    const dir = workspace(['node-test.tap', 'pytest-junit.xml'])
    const action = await send(dir, { 'test-results': 'reports/*' }, tokenUrl(), NODE_20)
    expect(action.code).toBe(0)
    expect(rootMessage()?.msg.split('\n')[0]).toMatch(
      /^❌ 4 failed · 4 passed · 2 skipped · 1 todo · /
    )
  })

  it('sums several reports, matched by a glob, into one headline and the outputs', async () => {
    const dir = workspace(['vitest-junit.xml', 'pytest-junit.xml'])
    const action = await send(
      dir,
      { 'test-results': 'reports/*.xml' },
      tokenUrl(),
      undefined,
      'bundle'
    )
    expect(rootMessage()?.msg.split('\n')[0]).toMatch(/^❌ 4 failed · 5 passed · 2 skipped · /)
    expect(action.outputs).toMatchObject({
      'tests-total': '11',
      'tests-failed': '4',
      'tests-flaky': '0'
    })
    const json = JSON.parse(action.outputs['test-results'] ?? '{}') as Record<string, unknown>
    expect(json).toMatchObject({ total: 11, passed: 5, failed: 4, skipped: 2 })
    expect((json.reports as { file: string }[]).map(r => r.file)).toEqual([
      'reports/pytest-junit.xml',
      'reports/vitest-junit.xml'
    ])
  })
})

describe('the first failures: suite › test, first message line, file:line at the commit', () => {
  it('links the place the report names, at the tested commit', async () => {
    await send(
      workspace(['pytest-junit.xml']),
      { 'test-results': 'reports/pytest-junit.xml' },
      tokenUrl(),
      undefined,
      'bundle'
    )
    const text = attachmentText()
    expect(text.split('\n')[0]).toBe(
      `❌ **test_cart.TestCart › test_sums_the_prices**: assert (2 + 2) == 5 · <https://github.com/octo-org/octo-repo/blob/${SHA}/test_cart.py#L9|test_cart.py:9>`
    )
    expect(linksIn(text).map(link => link.src)).toEqual([
      `https://github.com/octo-org/octo-repo/blob/${SHA}/test_cart.py#L9`,
      `https://github.com/octo-org/octo-repo/blob/${SHA}/test_cart.py#L21`
    ])
  })

  it('shows test-failures-shown failures, the flaky tests apart, and the rest in the thread', async () => {
    const action = await send(workspace(['ctrf-vitest.json']), {
      'test-results': 'reports/ctrf-vitest.json',
      'test-failures-shown': '1'
    })
    expect(action.code).toBe(0)
    const lines = attachmentText().split('\n')
    expect(lines[0]).toMatch(/^❌ \*\*cart > sums the prices\*\*: expected 4 to be 5/)
    expect(lines[1]).toBe('and 1 more failure(s), listed in the thread')
    expect(lines[2]).toBe('🔁 Flaky (passed on retry): **cart > retries the payment**')
    const root = rootMessage()
    const replies = server.messages.filter(m => m.tmid === root?._id)
    expect(replies).toHaveLength(1)
    expect(replies[0]?.msg.split('\n').slice(1)).toEqual([
      'All 2 failure(s):',
      expect.stringMatching(/^❌ \*\*cart > sums the prices\*\*/),
      expect.stringMatching(/^❌ \*\*checkout > @\u200Ball/)
    ])
  })

  it('no reply when the message shows every failure', async () => {
    await send(workspace(['vitest-junit.xml']), { 'test-results': 'reports/vitest-junit.xml' })
    expect(server.messages).toHaveLength(1)
  })

  it('a webhook gets the first failures only, and a notice says the rest is not in a thread', async () => {
    const action = await send(
      workspace(['vitest-junit.xml']),
      { 'test-results': 'reports/vitest-junit.xml', 'test-failures-shown': '1' },
      hookUrl()
    )
    expect(action.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(action.stdout).toContain(
      '::notice::test-results: a webhook cannot reply in a thread; its message lists the first 1 of 2 failures'
    )
  })
})

describe('a report is data', () => {
  it('a test named @all {{ env.X }} <img src=x> pings no one and evaluates nothing', async () => {
    const action = await send(
      workspace(['vitest-junit.xml']),
      { 'test-results': 'reports/vitest-junit.xml' },
      tokenUrl(),
      undefined,
      'bundle'
    )
    expect(action.code).toBe(0)
    const message = rootMessage()
    const everything = `${message?.msg ?? ''}\n${attachmentText(message)}`
    expect(attachmentText(message)).toContain('{{ env.X }}')
    expect(mentionsIn(everything)).toEqual([])
    expect(serverMentionsIn(everything)).toEqual([])
    expect(typesOf(attachmentText(message))).not.toContain('MENTION_CHANNEL')
    expect(action.stdout).not.toMatch(/^::error::x/m)
  })

  it.each([
    [
      'an XML bomb',
      'bomb.xml',
      '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><testsuite><testcase name="&c;"/></testsuite>',
      /test-results: bomb\.xml is refused: a DOCTYPE is refused/
    ],
    [
      // pytest's report, cut after its first failure: as a killed job or a size cap leaves it.
      'a report cut short',
      'cut.xml',
      readFileSync('test/fixtures/test-results/pytest-junit.xml', 'utf8').split(
        '</testcase>',
        2
      )[0],
      /test-results: cut\.xml is refused: cut short: it ends inside its <testsuites> element, .*; the message goes without it/
    ],
    [
      // node:test's TAP, cut before its closing plan.
      'a TAP stream cut short',
      'cut.tap',
      readFileSync('test/fixtures/test-results/node-test.tap', 'utf8').split('\n1..2\n')[0],
      /test-results: cut\.tap is refused: cut short: it ends before its plan \(`1\.\.N`\), .*; the message goes without it/
    ],
    [
      'not a report',
      'notes.txt',
      'hello\n',
      /test-results: notes\.txt is refused: not a JUnit XML/
    ],
    [
      'a missing file',
      'gone.xml',
      undefined,
      /test-results: cannot read gone\.xml \(no such file\)/
    ]
  ])(
    '%s is refused with an error naming the file; the message goes, the other reports count',
    async (_, name, text, error) => {
      const dir = workspace(['vitest-junit.xml'], text === undefined ? {} : { [name]: text })
      const action = await send(dir, { 'test-results': `${name}\nreports/vitest-junit.xml` })
      expect(action.stdout).toMatch(new RegExp(`::error::${error.source}`))
      expect(rootMessage()?.msg).toMatch(/^❌ 2 failed · 3 passed/)
      // fail-on-error: the step fails after sending.
      expect(action.code).toBe(1)
    }
  )

  it('a report over max-file-size is refused before it is read', async () => {
    const dir = workspace([], { 'huge.xml': `<testsuite>${' '.repeat(4096)}</testsuite>` })
    const action = await send(dir, { 'test-results': 'huge.xml', 'max-file-size': '1k' })
    expect(action.stdout).toMatch(
      /::error::test-results: huge\.xml is 4\d+ bytes, over the limit of 1024/
    )
    expect(server.messages).toHaveLength(1)
    expect(action.outputs['tests-total']).toBeUndefined()
  })

  it('a path outside the workspace is refused', async () => {
    const action = await send(workspace([]), { 'test-results': '../../etc/passwd' })
    expect(action.stdout).toMatch(
      /::error::test-results: \.\.\/\.\.\/etc\/passwd is outside the workspace/
    )
    expect(server.messages).toHaveLength(1)
  })
})
