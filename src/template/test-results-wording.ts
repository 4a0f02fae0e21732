/**
 * What a message says about the tests (src/test-results/ reads the reports): a headline that reads
 * in a phone notification, the first failures with their place linked at the commit, the flaky
 * tests apart, and the full list for the message's thread. Every name, message and path is
 * untrusted text from a report: made inert (inert.ts) and bounded before it reaches a message.
 */
import { testIdentity, type FailureComparison } from '../test-results/compare.js'
import type { TestSummary } from '../test-results/summary.js'
import type { TestCase } from '../test-results/types.js'
import { link, type DefaultMessage } from './defaults.js'
import { inertText } from './inert.js'
import { formatDuration } from './run-details-wording.js'
import type {
  GithubContext,
  TestResultsValue,
  TestValue,
  WorkflowContext
} from './workflow-context.js'

const NAME_LENGTH = 150
const MESSAGE_LENGTH = 200
/** A thread reply stays under Rocket.Chat's default message limit (5000) with room to spare. */
const REPLY_LENGTH = 4000

/** This run's failures against the previous run's reports, and which run that was. */
export interface ComparedRun {
  comparison: FailureComparison
  run: { number: number; url: string }
}

export function testResultsValue(
  summary: TestSummary,
  context: WorkflowContext,
  compared?: ComparedRun
): TestResultsValue {
  const value = (test: TestCase): TestValue => ({
    suite: test.suite,
    name: test.name,
    message: test.message,
    file: test.file,
    line: test.line,
    flaky: test.flaky,
    url: blobUrl(context.github, test.file, test.line)
  })
  const failure = (test: TestCase): TestValue =>
    compared === undefined
      ? value(test)
      : { ...value(test), new: !compared.comparison.alreadyFailing.has(testIdentity(test)) }
  const duration = summary.duration_seconds === null ? '' : seconds(summary.duration_seconds)
  const comparedValues = compared && {
    new_failures: compared.comparison.newFailures,
    fixed: compared.comparison.fixed,
    compared_with: { number: compared.run.number, url: runUrl(context.github, compared.run.url) }
  }
  return {
    total: summary.total,
    passed: summary.passed,
    failed: summary.failed,
    skipped: summary.skipped,
    todo: summary.todo,
    flaky: summary.flaky,
    duration,
    duration_seconds: summary.duration_seconds,
    headline: headline(summary, duration, compared?.comparison),
    failures: summary.failures.map(failure),
    flaky_tests: summary.flaky_tests.map(value),
    reports: summary.reports,
    ...comparedValues
  }
}

/** With a comparison: `❌ 3 failed (2 new) · 1,204 passed (1 fixed) · …`. */
function headline(
  summary: TestSummary,
  duration: string,
  comparison: FailureComparison | undefined
): string {
  const newOnes = comparison ? ` (${grouped(comparison.newFailures)} new)` : ''
  const fixed = comparison && comparison.fixed > 0 ? ` (${grouped(comparison.fixed)} fixed)` : ''
  const parts = [
    summary.failed > 0 ? `${grouped(summary.failed)} failed${newOnes}` : '',
    `${grouped(summary.passed)} passed${fixed}`,
    summary.skipped > 0 ? `${grouped(summary.skipped)} skipped` : '',
    summary.todo > 0 ? `${grouped(summary.todo)} todo` : '',
    summary.flaky > 0 ? `${grouped(summary.flaky)} flaky` : '',
    duration
  ].filter(Boolean)
  return `${summary.failed > 0 ? '❌' : '✅'} ${parts.join(' · ')}`
}

/** A run's page from the API, only on this GitHub and with nothing that could end a link. */
function runUrl(github: GithubContext, url: string): string {
  return url.startsWith(`${github.server_url}/`) && !/[\s<>|]/.test(url) ? url : ''
}

/**
 * A count with thousands grouped (`1,204`), as `toLocaleString('en-US')` writes it, without
 * loading ICU's number formats for it: most of 100 ms of a cold start.
 */
function grouped(count: number): string {
  const digits = String(count)
  let text = digits.slice(0, digits.length % 3 || 3)
  for (let at = text.length; at < digits.length; at += 3) text += `,${digits.slice(at, at + 3)}`
  return text
}

/** Under ten seconds with a tenth (`1.9s`), then as the run's own durations (`4m 12s`). */
function seconds(value: number): string {
  if (value < 10) return `${Math.round(value * 10) / 10}s`
  return formatDuration(Math.round(value))
}

/**
 * The default message with the tests: the headline first, so a phone shows the counts, then the
 * default line; the first `shown` failures and the flaky tests in the attachment.
 */
export function addTestResults(
  message: DefaultMessage,
  value: TestResultsValue,
  shown: number
): DefaultMessage {
  const lines = value.failures.slice(0, shown).map(test => `❌ ${testLine(test)}`)
  const more = value.failed - Math.min(shown, value.failures.length)
  if (more > 0) {
    lines.push(`and ${grouped(more)} more failure(s), listed in the thread`)
  }
  const against = comparedLine(value)
  if (against) lines.push(against)
  if (value.flaky_tests.length > 0) {
    const named = value.flaky_tests.slice(0, Math.max(shown, 1)).map(test => testName(test))
    const rest = value.flaky - named.length
    lines.push(
      `🔁 Flaky (passed on retry): ${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`
    )
  }
  const attachment = { ...message.attachment }
  const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : []
  if (lines.length > 0) attachment.text = [...lines, ...before].join('\n')
  return { text: `${value.headline}\n${message.text}`, attachment }
}

/**
 * Every failure, one a line, for a reply in the message's thread: cut before Rocket.Chat's limit,
 * with how many are left out. Empty when there is no failure.
 */
export function failuresReply(value: TestResultsValue): string {
  if (value.failed === 0) return ''
  const head = `${value.headline}\nAll ${grouped(value.failed)} failure(s):`
  const lines: string[] = []
  let length = head.length
  for (const test of value.failures) {
    const line = `❌ ${testLine(test)}`
    if (length + line.length + 1 > REPLY_LENGTH - 80) break
    lines.push(line)
    length += line.length + 1
  }
  const rest = value.failed - lines.length
  if (rest > 0) lines.push(`and ${grouped(rest)} more`)
  return [head, ...lines].join('\n')
}

/** `Compared with run #41: 2 new, 1 already failing, 1 fixed`, the run linked; empty without one. */
function comparedLine(value: TestResultsValue): string {
  const run = value.compared_with
  if (!run || value.new_failures === undefined) return ''
  const label = `run #${run.number}`
  const already = value.failed - value.new_failures
  const parts = [
    ...(value.failed > 0
      ? [`${grouped(value.new_failures)} new`, `${grouped(already)} already failing`]
      : []),
    ...(value.fixed ? [`${grouped(value.fixed)} fixed`] : [])
  ]
  if (parts.length === 0) return ''
  return `Compared with ${run.url ? link(run.url, label) : label}: ${parts.join(', ')}`
}

/**
 * `suite › test (new): first message line · file:line`, the place linked where it can be; `(new)`
 * or `(already failing)` only where the failures were compared.
 */
function testLine(test: TestValue): string {
  const message = test.message ? `: ${inertText(bounded(test.message, MESSAGE_LENGTH))}` : ''
  const where = test.file ? `${test.file}${test.line === null ? '' : `:${test.line}`}` : ''
  const place = where
    ? ` · ${test.url ? link(test.url, bounded(where, NAME_LENGTH)) : inertText(bounded(where, NAME_LENGTH))}`
    : ''
  const mark = test.new === undefined ? '' : test.new ? ' (new)' : ' (already failing)'
  return `${testName(test)}${mark}${message}${place}`
}

function testName(test: TestValue): string {
  const name = bounded(test.name, NAME_LENGTH)
  return `**${inertText(test.suite ? `${bounded(test.suite, NAME_LENGTH)} › ${name}` : name)}**`
}

/**
 * `file` at `line` in the commit that was tested (on workflow_run, the triggering run's head), only
 * for a plain relative path with no `..`: an absolute or escaping one names nothing in the repository.
 */
export function blobUrl(github: GithubContext, file: string, line: number | null): string {
  const { server_url, repository } = github
  const event = github.event
  const run = github.event_name === 'workflow_run' ? event.workflow_run : undefined
  const head =
    typeof run === 'object' && run !== null ? (run as Record<string, unknown>).head_sha : undefined
  const sha = typeof head === 'string' && head ? head : github.sha
  if (!repository || !sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return ''
  const segments = file.split('/')
  if (file === '' || file.startsWith('/') || /^[A-Za-z]:/.test(file)) return ''
  if (segments.some(part => part === '' || part === '.' || part === '..')) return ''
  const path = segments.map(encodeURIComponent).join('/')
  return `${server_url}/${repository}/blob/${sha}/${path}${line === null ? '' : `#L${line}`}`
}

function bounded(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(line)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line
}
