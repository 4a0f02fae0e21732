import { describe, expect, it } from 'vitest'
import { testCase } from './support/test-case.js'
import { linksIn, mentionsIn, serverMentionsIn, typesOf } from './support/parser.js'
import { compareFailures } from '../src/test-results/compare.js'
import { summarize } from '../src/test-results/summary.js'
import type { Outcome, TestCase } from '../src/test-results/types.js'
import type { DefaultMessage } from '../src/template/defaults.js'
import {
  addTestResults,
  blobUrl,
  failuresReply,
  testResultsValue
} from '../src/template/test-results-wording.js'
import type { GithubContext, WorkflowContext } from '../src/template/workflow-context.js'

const SHA = 'a'.repeat(40)
const github = {
  server_url: 'https://ghe.example.com',
  repository: 'octo-org/octo-repo',
  sha: SHA,
  event_name: 'push',
  event: {}
} as unknown as GithubContext
const context = { github } as WorkflowContext

const test = testCase

function valueOf(cases: TestCase[], durationSeconds: number | null = null) {
  return testResultsValue(
    summarize([{ file: 'junit.xml', report: { format: 'junit', cases, durationSeconds } }]),
    context
  )
}

const many = (n: number, outcome: Outcome) =>
  Array.from({ length: n }, (_, i) => test(`t${i}`, outcome))

describe('the headline reads in a phone notification', () => {
  it.each([
    [
      [...many(3, 'failed'), ...many(1204, 'passed'), ...many(12, 'skipped')],
      252,
      '❌ 3 failed · 1,204 passed · 12 skipped · 4m 12s'
    ],
    [
      [...many(1000, 'failed'), ...many(999, 'passed'), ...many(10_000, 'skipped')],
      null,
      '❌ 1,000 failed · 999 passed · 10,000 skipped'
    ],
    [many(2, 'passed'), 1.94, '✅ 2 passed · 1.9s'],
    [[...many(1, 'passed'), ...many(1, 'todo')], null, '✅ 1 passed · 1 todo'],
    [
      [test('a', 'passed', { flaky: true }), test('b', 'passed')],
      3725,
      '✅ 2 passed · 1 flaky · 1h 2m'
    ]
  ])('%#: %s', (cases, seconds, headline) => {
    expect(valueOf(cases, seconds).headline).toBe(headline)
  })
})

const message: DefaultMessage = {
  text: '❌ CI failed in octo-org/octo-repo on main · <https://x/run|run #1>',
  attachment: { color: '#d50200', text: 'before' }
}

describe('addTestResults: the default message', () => {
  it('puts the headline first and the first failures, then the flaky tests, in the attachment', () => {
    const value = valueOf([
      test('adds', 'failed', { message: 'expected 1', file: 'src/cart.test.ts', line: 9 }),
      test('sums', 'failed', { message: 'expected 2' }),
      test('pays', 'failed'),
      test('retries', 'passed', { flaky: true })
    ])
    const { text, attachment } = addTestResults(message, value, 2)
    expect(text).toBe(`❌ 3 failed · 1 passed · 1 flaky\n${message.text}`)
    expect(String(attachment.text).split('\n')).toEqual([
      `❌ **cart › adds**: expected 1 · <https://ghe.example.com/octo-org/octo-repo/blob/${SHA}/src/cart.test.ts#L9|src/cart.test.ts:9>`,
      '❌ **cart › sums**: expected 2',
      'and 1 more failure(s), listed in the thread',
      '🔁 Flaky (passed on retry): **cart › retries**',
      'before'
    ])
  })

  it('test names and messages mention no one, link nothing and format nothing', () => {
    const hostile = '@all @here @alice [x](https://evil.example) **b** <img src=x> #general'
    const value = valueOf([
      test(hostile, 'failed', { suite: hostile, message: hostile, file: '@all/x.ts', line: 1 })
    ])
    const { attachment } = addTestResults(message, value, 5)
    const reply = failuresReply(
      valueOf([...many(6, 'failed'), test(hostile, 'failed', { message: hostile })])
    )
    for (const text of [String(attachment.text), reply]) {
      expect(mentionsIn(text)).toEqual([])
      expect(serverMentionsIn(text)).toEqual([])
      expect(linksIn(text).map(link => link.src)).not.toContain('https://evil.example')
      expect(typesOf(text)).not.toContain('MENTION_CHANNEL')
    }
  })
})

describe('compared with the previous run’s reports', () => {
  const RUN = { number: 41, url: 'https://ghe.example.com/octo-org/octo-repo/actions/runs/41' }
  /** This run's cases, compared with the previous run's. */
  function comparedValue(cases: TestCase[], previous: TestCase[], run = RUN) {
    const summary = summarize([
      { file: 'junit.xml', report: { format: 'junit', cases, durationSeconds: null } }
    ])
    return testResultsValue(summary, context, {
      comparison: compareFailures(cases, previous),
      run
    })
  }

  it('marks each failure new or already failing, in the message and its thread', () => {
    const value = comparedValue(
      [test('A', 'passed'), test('B', 'failed', { message: 'expected 2' }), test('C', 'failed')],
      [test('A', 'failed'), test('B', 'failed')]
    )
    expect(value.headline).toBe('❌ 2 failed (1 new) · 1 passed (1 fixed)')
    expect(value.failures.map(f => [f.name, f.new])).toEqual([
      ['B', false],
      ['C', true]
    ])
    expect(value).toMatchObject({ new_failures: 1, fixed: 1, compared_with: RUN })
    expect(String(addTestResults(message, value, 5).attachment.text).split('\n')).toEqual([
      '❌ **cart › B** (already failing): expected 2',
      '❌ **cart › C** (new)',
      `Compared with <${RUN.url}|run #41>: 1 new, 1 already failing, 1 fixed`,
      'before'
    ])
    expect(failuresReply(value).split('\n').slice(2)).toEqual([
      '❌ **cart › B** (already failing): expected 2',
      '❌ **cart › C** (new)'
    ])
  })

  it('a run with no failure left says only what it fixed', () => {
    const value = comparedValue([test('A', 'passed')], [test('A', 'failed')])
    expect(value.headline).toBe('✅ 1 passed (1 fixed)')
    expect(addTestResults(message, value, 5).attachment.text).toBe(
      `Compared with <${RUN.url}|run #41>: 1 fixed\nbefore`
    )
  })

  it.each([
    ['elsewhere than this GitHub', 'https://evil.example/octo-org/octo-repo/actions/runs/41'],
    ['ending the link early', 'https://ghe.example.com/x|@all>'],
    ['absent', '']
  ])('names the run without a link when its URL is %s', (_, url) => {
    const value = comparedValue([test('A', 'failed')], [], { number: 41, url })
    expect(value.compared_with).toEqual({ number: 41, url: '' })
    const text = String(addTestResults(message, value, 5).attachment.text)
    expect(text).toContain('Compared with run #41: 1 new, 0 already failing')
    expect(linksIn(text)).toEqual([])
  })

  it('says nothing of new or fixed without a comparison', () => {
    const value = valueOf([test('A', 'failed')])
    expect(value.headline).toBe('❌ 1 failed · 0 passed')
    expect(value.failures[0]?.new).toBeUndefined()
    expect(value).not.toHaveProperty('new_failures')
    expect(value).not.toHaveProperty('compared_with')
  })
})

describe('failuresReply: the full list for the thread', () => {
  it('lists every failure when they fit', () => {
    const reply = failuresReply(valueOf(many(3, 'failed')))
    expect(reply.split('\n')).toEqual([
      '❌ 3 failed · 0 passed',
      'All 3 failure(s):',
      '❌ **cart › t0**',
      '❌ **cart › t1**',
      '❌ **cart › t2**'
    ])
  })

  it('is cut before the message limit, with how many are left out', () => {
    const value = valueOf(many(5000, 'failed').map(t => ({ ...t, message: 'x'.repeat(150) })))
    const reply = failuresReply(value)
    expect(reply.length).toBeLessThanOrEqual(4000)
    const lines = reply.split('\n')
    const listed = lines.filter(line => line.startsWith('❌ **')).length
    expect(lines.at(-1)).toBe(`and ${(5000 - listed).toLocaleString('en-US')} more`)
  })

  it('is empty without failures', () => {
    expect(failuresReply(valueOf(many(3, 'passed')))).toBe('')
  })
})

describe('blobUrl: a place in the repository, or nothing', () => {
  it.each([
    ['src/a b.ts', 3, `https://ghe.example.com/octo-org/octo-repo/blob/${SHA}/src/a%20b.ts#L3`],
    ['src/a.ts', null, `https://ghe.example.com/octo-org/octo-repo/blob/${SHA}/src/a.ts`],
    ['../outside.ts', 3, ''],
    ['src/../../x.ts', 3, ''],
    ['/home/runner/x.ts', 3, ''],
    ['C:/x.ts', 3, ''],
    ['', 3, '']
  ])('%s:%s', (file, line, url) => {
    expect(blobUrl(github, file, line)).toBe(url)
  })

  it('on workflow_run, at the triggering run head', () => {
    const head = 'b'.repeat(40)
    const run = {
      ...github,
      event_name: 'workflow_run',
      event: { workflow_run: { head_sha: head } }
    } as unknown as GithubContext
    expect(blobUrl(run, 'a.ts', 1)).toContain(`/blob/${head}/a.ts#L1`)
  })
})
