import type { Outcome, TestCase } from '../../src/test-results/types.js'

/** A test case of suite `cart` as a report gives it, with only what a test sets written out. */
export function testCase(
  name: string,
  outcome: Outcome,
  overrides: Partial<TestCase> = {}
): TestCase {
  return {
    suite: 'cart',
    name,
    outcome,
    flaky: false,
    message: '',
    file: '',
    line: null,
    ...overrides
  }
}
