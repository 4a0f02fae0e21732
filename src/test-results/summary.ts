import type { ReportFormat, TestCase, TestReport } from './types.js'

/** The most failures a summary keeps, in report order: the counts still count them all. */
export const MAX_LISTED = 1000

/** What the reports of a run say together: the `test_results` template context. */
export interface TestSummary {
  total: number
  passed: number
  failed: number
  skipped: number
  todo: number
  flaky: number
  /** Summed over the reports; null when none gives a time. */
  duration_seconds: number | null
  /** Failed tests, in report order, at most MAX_LISTED. */
  failures: TestCase[]
  /** Tests that passed on a retry, at most MAX_LISTED. */
  flaky_tests: TestCase[]
  /** Each report read: its path as the input matched it, its format and its number of tests. */
  reports: { file: string; format: ReportFormat; tests: number }[]
}

export function summarize(reports: readonly { file: string; report: TestReport }[]): TestSummary {
  const summary: TestSummary = {
    total: 0,
    passed: 0,
    failed: 0,
    skipped: 0,
    todo: 0,
    flaky: 0,
    duration_seconds: null,
    failures: [],
    flaky_tests: [],
    reports: []
  }
  for (const { file, report } of reports) {
    summary.reports.push({ file, format: report.format, tests: report.cases.length })
    if (report.durationSeconds !== null) {
      summary.duration_seconds = (summary.duration_seconds ?? 0) + report.durationSeconds
    }
    for (const test of report.cases) {
      summary.total++
      summary[test.outcome]++
      if (test.outcome === 'failed' && summary.failures.length < MAX_LISTED) {
        summary.failures.push(test)
      }
      if (test.flaky) {
        summary.flaky++
        if (summary.flaky_tests.length < MAX_LISTED) summary.flaky_tests.push(test)
      }
    }
  }
  return summary
}
