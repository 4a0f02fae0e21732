import { ReportError, type Outcome, type TestCase, type TestReport } from './types.js'
import { firstLine, lineIn, numberOr, workspacePath } from './text.js'

const OUTCOMES: Record<string, Outcome> = {
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  pending: 'todo',
  other: 'skipped'
}

/** A CTRF report (ctrf.io): `results.tests`, each with a status, and flaky when a retry passed. */
export function readCtrf(text: string, workspace?: string): TestReport {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    throw new ReportError(`not JSON (${(error as Error).message})`)
  }
  const results = isObject(document) ? document.results : undefined
  const tests = isObject(results) ? results.tests : undefined
  if (!isObject(results) || !Array.isArray(tests)) {
    throw new ReportError('not a CTRF report: no results.tests list')
  }
  const cases = tests.filter(isObject).map((test): TestCase => {
    const name = str(test.name)
    const outcome = OUTCOMES[str(test.status)] ?? 'skipped'
    // CTRF 0.0 writes suite as text (some reporters repeat the name there), 1.0 as a list.
    const suite = Array.isArray(test.suite)
      ? test.suite.map(str).filter(Boolean).join(' › ')
      : str(test.suite) === name
        ? ''
        : str(test.suite)
    const file = workspacePath(str(test.filePath), workspace)
    const trace = str(test.trace)
    return {
      suite,
      name,
      outcome,
      flaky: outcome === 'passed' && test.flaky === true,
      message: outcome === 'failed' ? firstLine(str(test.message) || trace) : '',
      file,
      line: numberOr(test.line, null) ?? (trace ? lineIn(trace, file) : null)
    }
  })
  const summary = isObject(results.summary) ? results.summary : {}
  const start = numberOr(summary.start, null)
  const stop = numberOr(summary.stop, null)
  return {
    format: 'ctrf',
    cases,
    durationSeconds: start !== null && stop !== null && stop >= start ? (stop - start) / 1000 : null
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : ''
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
