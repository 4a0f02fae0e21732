/** The shapes every report format is read into: one list of test cases, whatever wrote them. */

export type Outcome = 'passed' | 'failed' | 'skipped' | 'todo'

export type ReportFormat = 'junit' | 'ctrf' | 'tap'

/** One test, as its report tells it; every text in it is untrusted data from the report. */
export interface TestCase {
  /** The class, file or describe block it belongs to; empty when the report names none. */
  suite: string
  name: string
  outcome: Outcome
  /** Passed, after failing at least once (a retry): Surefire's flakyFailure, CTRF's flaky, a rerun. */
  flaky: boolean
  /** The first line of the failure's message (of the failed attempt, for a flaky test). */
  message: string
  /** As the report writes it, relative to the workspace where it could be made so. */
  file: string
  line: number | null
}

export interface TestReport {
  format: ReportFormat
  cases: TestCase[]
  /** The run's wall time as the report gives it, or the sum of its suites' times. */
  durationSeconds: number | null
}

/** A report that cannot be read: not a format we know, malformed, or refused (a DOCTYPE). */
export class ReportError extends Error {
  override name = 'ReportError'
}

/**
 * A report that ends before it says it does (the job writing it stopped, a copy was cut at a size)
 * would read as a smaller run: refused whole, never counted as if complete.
 */
export function cutShort(why: string): ReportError {
  return new ReportError(
    `cut short: ${why}, as a report does when the job writing it stopped or a copy was cut at a size; none of its tests are counted`
  )
}
