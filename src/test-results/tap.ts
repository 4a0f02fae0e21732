import { Parser, type Result } from 'tap-parser'
import { cutShort, ReportError, type Outcome, type TestCase, type TestReport } from './types.js'
import { firstLine, numberOr, workspacePath } from './text.js'

/**
 * A TAP 13 or 14 stream (node:test's tap reporter, tap, tape): each test point that closes no
 * subtest is a test; the subtests it sits in are its suite. A `# duration_ms` comment at the top
 * level is the run's time (node:test), else the top-level points' own `duration_ms` are summed.
 */
export async function readTap(text: string, workspace?: string): Promise<TestReport> {
  const cases: TestCase[] = []
  // Set from the parser's events: an object, so the compiler does not take them for constants.
  const seen: { version: boolean; duration: number | null; summed: number } = {
    version: false,
    duration: null,
    summed: 0
  }
  const parser = new Parser({ strict: false })
  const finished = new Promise<void>(resolve => {
    parser.on('complete', () => {
      resolve()
    })
  })
  const attach = (at: Parser, suite: string[], top: boolean): void => {
    let inner: string | undefined
    at.on('child', (child: Parser) => {
      inner = child.name
      attach(child, [...suite, child.name].filter(Boolean), false)
    })
    at.on('assert', (point: Result) => {
      // A point right after a subtest is that subtest's own verdict: its tests are counted already.
      const closes = inner !== undefined
      inner = undefined
      if (top) seen.summed += numberOr(diagOf(point).duration_ms, 0) ?? 0
      if (closes) return
      cases.push(testCase(point, suite, workspace))
    })
    if (top) {
      at.on('version', () => {
        seen.version = true
      })
      at.on('comment', (comment: string) => {
        const written = /^#\s*duration_ms\s+([\d.]+)\s*$/.exec(comment)
        if (written) seen.duration = Number(written[1]) / 1000
      })
    }
  }
  attach(parser, [], true)
  parser.end(text)
  await finished
  if (!seen.version && cases.length === 0) throw new ReportError('no TAP test points')
  // TAP says how many tests it holds (`1..N`, first or last): a stream without its plan, or with
  // fewer top-level tests than planned, was cut. A bail-out is the tool's own stop, read as is.
  if (!parser.bailedOut) {
    if (parser.syntheticPlan || parser.planStart === -1) {
      throw cutShort('it ends before its plan (`1..N`)')
    }
    const planned = parser.planEnd - parser.planStart + 1
    if (parser.count !== planned) {
      throw cutShort(
        `its plan is ${parser.planStart}..${parser.planEnd} and ${parser.count} tests are written`
      )
    }
  }
  return {
    format: 'tap',
    cases,
    durationSeconds: seen.duration ?? (seen.summed > 0 ? seen.summed / 1000 : null)
  }
}

function testCase(point: Result, suite: string[], workspace: string | undefined): TestCase {
  const diag = diagOf(point)
  let outcome: Outcome = point.ok ? 'passed' : 'failed'
  if (point.todo !== false) outcome = 'todo'
  else if (point.skip !== false) outcome = 'skipped'
  // node:test: `location: '/path/file.mjs:8:3'`; tap: `at: { fileName, lineNumber }`.
  const location = typeof diag.location === 'string' ? fileAndLine(diag.location) : undefined
  const at =
    typeof diag.at === 'object' && diag.at !== null ? (diag.at as Record<string, unknown>) : {}
  const file = location?.file ?? (typeof at.fileName === 'string' ? at.fileName : '')
  const message = [diag.error, diag.message].find(
    (value): value is string => typeof value === 'string'
  )
  return {
    suite: suite.join(' › '),
    name: point.name,
    outcome,
    flaky: false,
    message: outcome === 'failed' ? firstLine(message ?? '') : '',
    file: workspacePath(file, workspace),
    line: location ? location.line : numberOr(at.lineNumber, null)
  }
}

function diagOf(point: Result): Record<string, unknown> {
  const diag: unknown = point.diag
  return typeof diag === 'object' && diag !== null ? (diag as Record<string, unknown>) : {}
}

/** `path:line` or `path:line:column`, read from the end: no regex backtracks over the path. */
function fileAndLine(location: string): { file: string; line: number } | undefined {
  const parts = location.split(':')
  const numbers: number[] = []
  while (
    parts.length > 1 &&
    numbers.length < 2 &&
    /^\d{1,7}$/.test(parts[parts.length - 1] ?? '')
  ) {
    numbers.unshift(Number(parts.pop()))
  }
  const [line] = numbers
  return line === undefined ? undefined : { file: parts.join(':'), line }
}
