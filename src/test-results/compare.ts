/**
 * This run's failures against the previous run's reports: which are new, which were already
 * failing, and how many of the previous failures pass now. A test is known by its suite and name
 * (Unicode NFC, trimmed), never by its message, which changes from run to run (a time, an address).
 */
import type { TestCase } from './types.js'

export interface FailureComparison {
  /** The identities (`testIdentity`) of this run's failures that failed in the previous run too. */
  alreadyFailing: ReadonlySet<string>
  /** This run's failed tests that did not fail in the previous run, counted as `failed` counts. */
  newFailures: number
  /** Tests that failed in the previous run and pass in this one, each counted once. */
  fixed: number
}

/** Suite and name, NFC and trimmed, joined by a character no report can put in a name. */
export function testIdentity(test: Pick<TestCase, 'suite' | 'name'>): string {
  return `${test.suite.normalize('NFC').trim()}\u0000${test.name.normalize('NFC').trim()}`
}

/**
 * Every case of this run's reports against every case of the previous run's. A test written in
 * several reports (a matrix's jobs) failed if it failed in any; it is fixed only if it failed
 * before and none of its cases fails now, and one of them passed (a test no longer run is not fixed).
 */
export function compareFailures(
  current: Iterable<TestCase>,
  previous: Iterable<TestCase>
): FailureComparison {
  const failedBefore = new Set<string>()
  for (const test of previous) {
    if (test.outcome === 'failed') failedBefore.add(testIdentity(test))
  }
  const alreadyFailing = new Set<string>()
  const failingNow = new Set<string>()
  const passingNow = new Set<string>()
  let newFailures = 0
  for (const test of current) {
    const identity = testIdentity(test)
    if (test.outcome === 'failed') {
      failingNow.add(identity)
      if (failedBefore.has(identity)) alreadyFailing.add(identity)
      else newFailures++
    } else if (test.outcome === 'passed' && failedBefore.has(identity)) {
      passingNow.add(identity)
    }
  }
  let fixed = 0
  for (const identity of passingNow) if (!failingNow.has(identity)) fixed++
  return { alreadyFailing, newFailures, fixed }
}
