/**
 * Test reports (JUnit XML, CTRF JSON, TAP) read into one list of cases and summed up. Loaded by
 * dynamic import only when `test-results` is given: no other run pays for the parsers. Each
 * format's parser is loaded only for a report of that format too: a JUnit run never loads
 * tap-parser and its YAML.
 */
import { readCtrf } from './ctrf.js'
import { ReportError, type TestReport } from './types.js'

export { ReportError } from './types.js'
export type * from './types.js'

/** Reads a report of any known format, detected by its content, never by its name. */
export async function readReport(text: string, workspace?: string): Promise<TestReport> {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('<')) return (await import('./junit.js')).readJunit(start, workspace)
  if (start.startsWith('{')) return readCtrf(start, workspace)
  if (TAP_START.test(start)) return (await import('./tap.js')).readTap(start, workspace)
  throw new ReportError('not a JUnit XML, CTRF JSON or TAP report')
}

const TAP_START = /^(?:TAP version \d+|(?:not )?ok\b|1\.\.\d|#)/

/** Whether readReport would take the text for a report: an artifact's other files are skipped. */
export function looksLikeReport(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart()
  return start.startsWith('<') || start.startsWith('{') || TAP_START.test(start)
}
export { summarize, MAX_LISTED, type TestSummary } from './summary.js'
