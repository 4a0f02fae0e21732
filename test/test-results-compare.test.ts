/**
 * This run's failures against the previous run's (src/test-results/compare.ts): a test is known by
 * its suite and name, never by its message.
 */
import { describe, expect, it } from 'vitest'
import { testCase } from './support/test-case.js'
import { compareFailures, testIdentity } from '../src/test-results/compare.js'
import type { TestCase } from '../src/test-results/types.js'

const test = testCase

const already = (current: TestCase[], previous: TestCase[]) =>
  [...compareFailures(current, previous).alreadyFailing].sort()

describe('which failures are new', () => {
  it('previous A and B failed, now B and C: C new, B already failing, A fixed', () => {
    const result = compareFailures(
      [test('A', 'passed'), test('B', 'failed'), test('C', 'failed')],
      [test('A', 'failed'), test('B', 'failed'), test('C', 'passed')]
    )
    expect([...result.alreadyFailing]).toEqual([testIdentity(test('B', 'failed'))])
    expect(result.newFailures).toBe(1)
    expect(result.fixed).toBe(1)
  })

  it('a test is the same whatever its failure says now, and wherever it is written', () => {
    expect(
      already(
        [test('B', 'failed', { message: 'expected 5, got 6', file: 'b.test.ts', line: 9 })],
        [test('B', 'failed', { message: 'expected 5, got 4', file: 'old/b.test.ts', line: 3 })]
      )
    ).toEqual([testIdentity(test('B', 'failed'))])
  })

  it.each([
    [
      'a composed and a decomposed é: the same test',
      ['cart', 'caf\u00e9'],
      ['cart', 'cafe\u0301'],
      true
    ],
    [
      'spaces around the name: the same test',
      ['cart', ' sums the prices\n'],
      ['cart', 'sums the prices'],
      true
    ],
    ['spaces around the suite: the same test', ['cart ', 'B'], ['cart', 'B'], true],
    ['another letter case: another test', ['cart', 'Sums'], ['cart', 'sums'], false],
    ['another suite: another test', ['cart', 'B'], ['checkout', 'B'], false]
  ])('%s', (_, [suiteNow, now], [suiteBefore, before], same) => {
    const result = compareFailures(
      [test(now ?? '', 'failed', { suite: suiteNow ?? '' })],
      [test(before ?? '', 'failed', { suite: suiteBefore ?? '' })]
    )
    expect(result.newFailures).toBe(same ? 0 : 1)
  })

  it('the suite and name cannot run into each other', () => {
    const result = compareFailures(
      [test('b c', 'failed', { suite: 'a' })],
      [test('c', 'failed', { suite: 'a b' })]
    )
    expect(result.newFailures).toBe(1)
  })

  it('a previous skip, todo or flaky pass is no failure: failing now is new', () => {
    const result = compareFailures(
      [test('A', 'failed'), test('B', 'failed'), test('C', 'failed')],
      [test('A', 'skipped'), test('B', 'todo'), test('C', 'passed', { flaky: true })]
    )
    expect(result.newFailures).toBe(3)
    expect(result.fixed).toBe(0)
  })

  it('counts new failures as `failed` counts them: a test failing in two reports twice', () => {
    const result = compareFailures([test('C', 'failed'), test('C', 'failed')], [])
    expect(result.newFailures).toBe(2)
  })
})

describe('which are fixed', () => {
  it('a test no longer run, or skipped now, is not fixed', () => {
    const result = compareFailures(
      [test('B', 'skipped')],
      [test('A', 'failed'), test('B', 'failed')]
    )
    expect(result.fixed).toBe(0)
  })

  it('a test passing in one report and failing in another (a matrix) is not fixed', () => {
    const result = compareFailures(
      [test('A', 'passed'), test('A', 'failed')],
      [test('A', 'failed')]
    )
    expect(result.fixed).toBe(0)
    expect(result.newFailures).toBe(0)
  })

  it('a test passing in two reports is fixed once', () => {
    const result = compareFailures(
      [test('A', 'passed'), test('A', 'passed')],
      [test('A', 'failed'), test('A', 'failed')]
    )
    expect(result.fixed).toBe(1)
  })
})
