import { XMLParser } from 'fast-xml-parser'
import { ReportError, type Outcome, type TestCase, type TestReport } from './types.js'
import { firstLine, lineIn, numberOr, workspacePath } from './text.js'

/** Elements kept as lists whatever their count, so one and many read alike. */
const LISTS = new Set([
  'testsuite',
  'testcase',
  'failure',
  'error',
  'skipped',
  'flakyFailure',
  'flakyError',
  'rerunFailure',
  'rerunError'
])
/** Elements never shown: the tests' output can be most of a report. */
const UNREAD = new Set(['system-out', 'system-err', 'properties'])
/** XML's own five entities; anything a DOCTYPE could declare is refused before it is read. */
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/**
 * fast-xml-parser's entity hook: a DOCTYPE (the only way to declare an entity, hence the billion
 * laughs and external entities) stops the parse; XML's own entities and character references are
 * decoded. One pass of a linear regex.
 */
const entityDecoder = {
  setExternalEntities: () => undefined,
  addInputEntities: () => {
    throw new ReportError('a DOCTYPE is refused (entity declarations are never read)')
  },
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text: string): string =>
    text.includes('&')
      ? text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, ref: string) => {
          if (ref.startsWith('#')) {
            const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
            return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
          }
          return XML_ENTITIES[ref] ?? whole
        })
      : text
}

const parser = new XMLParser({
  ignoreAttributes: false,
  // Prefixed: node:test writes a `failure` attribute beside the `<failure>` element.
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: name => LISTS.has(name),
  // Callbacks get a matcher instead of a path string built for every element: about half the time.
  jPath: false,
  entityDecoder,
  // Output and properties are never shown: skipped unparsed, and left out of the tree.
  stopNodes: ['*.system-out', '*.system-err', '*.properties'],
  updateTag: tagName => !UNREAD.has(tagName)
})

type Node = Record<string, unknown>

/**
 * A JUnit XML report, as vitest, jest-junit, pytest, Maven Surefire, go-junit-report, gotestsum,
 * node:test and PHPUnit write it: `<testsuites>` or one `<testsuite>`, suites nested or not.
 */
export function readJunit(text: string, workspace?: string): TestReport {
  let document: Node
  try {
    document = parser.parse(text) as Node
  } catch (error) {
    if (error instanceof ReportError) throw error
    throw new ReportError(`not well-formed XML (${(error as Error).message})`)
  }
  const hasTop = 'testsuites' in document
  if (!hasTop && !('testsuite' in document)) {
    throw new ReportError('no <testsuites> or <testsuite> element')
  }
  // `<testsuites>` (whose time is the run's), or one or more `<testsuite>` at the top.
  const container = hasTop
    ? (asList(document.testsuites)[0] ?? {})
    : { testsuite: document.testsuite }
  const cases = new Cases()
  walk(container, '', cases, workspace)
  const suites = asList(container.testsuite)
  const summed = suites.reduce<number>((sum, s) => sum + (numberOr(attr(s, 'time'), 0) ?? 0), 0)
  return {
    format: 'junit',
    cases: cases.list,
    durationSeconds:
      (hasTop ? numberOr(attr(container, 'time'), null) : null) ??
      (suites.length > 0 ? summed : null)
  }
}

/** Test cases in report order; a test written again after a rerun is one test (gotestsum, pytest-rerunfailures). */
class Cases {
  readonly list: TestCase[] = []
  private readonly failedAt = new Map<string, number>()

  add(test: TestCase, key: string): void {
    const earlier = this.failedAt.get(key)
    if (earlier !== undefined && test.outcome === 'passed') {
      const failed = this.list[earlier]
      if (failed) this.list[earlier] = { ...failed, outcome: 'passed', flaky: true }
      this.failedAt.delete(key)
      return
    }
    if (test.outcome === 'failed') this.failedAt.set(key, this.list.length)
    this.list.push(test)
  }
}

function walk(suite: Node, outer: string, cases: Cases, workspace: string | undefined): void {
  const name = attr(suite, 'name')
  for (const test of asList(suite.testcase)) {
    const read = readCase(test, name || outer, workspace)
    cases.add(read, `${attr(test, 'classname')}\u0000${read.suite}\u0000${read.name}`)
  }
  for (const inner of asList(suite.testsuite)) walk(inner, name || outer, cases, workspace)
}

function readCase(test: Node, suiteName: string, workspace: string | undefined): TestCase {
  const failures = [...asList(test.failure), ...asList(test.error)]
  const skipped = asList(test.skipped)
  const retried = [
    ...asList(test.flakyFailure),
    ...asList(test.flakyError),
    ...asList(test.rerunFailure),
    ...asList(test.rerunError)
  ]
  let outcome: Outcome = 'passed'
  if (failures.length > 0) outcome = 'failed'
  else if (skipped.length > 0) outcome = attr(skipped[0], 'type') === 'todo' ? 'todo' : 'skipped'
  const failure = failures[0] ?? (outcome === 'passed' ? retried[0] : undefined)
  const body = failure === undefined ? '' : textOf(failure)
  const message = failure === undefined ? '' : firstLine(attr(failure, 'message') || body)
  const classname = attr(test, 'classname')
  // node:test writes classname="test" on every case: its suite is the enclosing <testsuite>.
  const suite = classname && classname !== 'test' ? classname : suiteName
  const written = attr(test, 'file')
  // vitest names a case's file only as its classname; a path is one when the failure cites it.
  const file = workspacePath(written || (looksLikePath(classname) ? classname : ''), workspace)
  const cited = body ? lineIn(body, file) : null
  const line = cited ?? (written ? numberOr(attr(test, 'line'), null) : null)
  return {
    suite,
    name: attr(test, 'name'),
    outcome,
    flaky: outcome === 'passed' && retried.length > 0,
    message,
    file: written || cited !== null ? file : '',
    line
  }
}

function looksLikePath(name: string): boolean {
  return /\/|\.[cm]?[jt]sx?$|\.py$/.test(name)
}

function asList(value: unknown): Node[] {
  if (value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  // `<skipped/>` reads as an empty string: still an element.
  return list.map(item => (typeof item === 'object' && item !== null ? (item as Node) : {}))
}

function attr(node: Node | undefined, name: string): string {
  const value = node?.[`@_${name}`]
  return typeof value === 'string' ? value : ''
}

/** An element's text: its own, or a Surefire `<stackTrace>` child's. */
function textOf(node: Node): string {
  const own = node['#text']
  if (typeof own === 'string' && own.trim() !== '') return own
  const trace = node.stackTrace
  if (typeof trace === 'string') return trace
  if (typeof trace === 'object' && trace !== null) {
    const text = (trace as Node)['#text']
    return typeof text === 'string' ? text : ''
  }
  return ''
}
