/**
 * The part of a finished job's log a failure alert quotes: the failing step's `##[error]` lines and
 * its last lines, as plain text (src/template/run-details-wording.ts makes it an inert code block); and the
 * step's whole part, for `attach-log`. The log is untrusted text of any size: every pattern here
 * runs in linear time, every quoted line is bounded.
 */
import type { FailedStep } from './jobs.js'

/** `2026-12-01T10:00:01.1234567Z ` before every line of a job's log (a BOM before the first). */
const TIMESTAMP = /^\uFEFF?(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?/
/** What is left of a timestamp cut by the end of the log. */
const CUT_TIMESTAMP = /^\uFEFF?\d{4}-[\d:.TZ-]*$/
/**
 * Terminal escape sequences, each removed whole: an OSC (ESC ], up to BEL or ESC \\, or the line's
 * end), so an OSC 8 hyperlink leaves its label and nothing of its URL; a CSI (colours, cursor: ESC [
 * parameters intermediates final); or a two-byte escape.
 */
// eslint-disable-next-line no-control-regex -- removing escape sequences is the point
const ANSI = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-_]/g
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g
const MARKER = /^##\[([a-z]+)\]/
const LINE_LENGTH = 300
const ERRORS = 5
/** The runner's own lines after the last step: the failing step's part ends before them. */
const JOB_END = /^(Post job cleanup\.|Cleaning up orphan processes)/

interface LogLine {
  at: number | undefined
  text: string
}

/**
 * The failing step's errors and last `lines` lines. The step's part is found by its start and end
 * times from the jobs answer (the log's timestamps are finer than the API's whole seconds, so the
 * window runs to the end of its last second), else by its `##[group]<step name>` marker; without
 * either, the end of the log. Empty when there is nothing to quote.
 */
export function logExcerpt(log: string, step: FailedStep | undefined, lines: number): string {
  return failingStepLog(log, step, lines).excerpt
}

export interface FailingStepLog {
  /** What logExcerpt quotes. */
  excerpt: string
  /**
   * The step's whole part, every line as written less its timestamp and colours (GitHub's `***`
   * masks kept), for a file; undefined when the excerpt already shows all of it.
   */
  whole: string | undefined
}

/** The excerpt, and the step's whole part when the excerpt is shorter than it. */
export function failingStepLog(
  log: string,
  step: FailedStep | undefined,
  lines: number
): FailingStepLog {
  const part = stepPart(parse(log), step)
  const shown = part
    .map((line, index) => ({ index, text: display(line.text) }))
    .filter((entry): entry is { index: number; text: string } => entry.text !== undefined)
  while (shown.length > 0 && shown[shown.length - 1]?.text.trim() === '') shown.pop()
  // The quote shows every line the log page would, none of them cut: a file would add nothing.
  const quotesAll =
    lines > 0 && shown.length <= lines && shown.every(entry => bounded(entry.text) === entry.text)
  const whole = quotesAll || shown.length === 0 ? undefined : wholePart(part)
  return { excerpt: lines > 0 ? excerpt(part, shown, lines) : '', whole }
}

function excerpt(part: LogLine[], shown: { index: number; text: string }[], lines: number): string {
  const errors = part
    .map((line, index) => ({ index, marker: MARKER.exec(line.text)?.[1], line }))
    .filter(entry => entry.marker === 'error')
    .slice(0, ERRORS)
  const tail = shown.slice(-lines)
  const tailStart = tail[0]?.index ?? part.length
  const earlier = errors.filter(entry => entry.index < tailStart)
  const quoted = earlier.map(entry => bounded(display(entry.line.text) ?? ''))
  if (earlier.length > 0 && tail.length > 0) quoted.push('…')
  quoted.push(...tail.map(entry => bounded(entry.text)))
  return quoted.join('\n')
}

/** The part's lines as written, without the blank lines at its end, ending in a line break. */
function wholePart(part: LogLine[]): string {
  const texts = part.map(line => line.text)
  while (texts.length > 0 && texts[texts.length - 1]?.trim() === '') texts.pop()
  return `${texts.join('\n')}\n`
}

function parse(log: string): LogLine[] {
  const raw = log.split('\n')
  const lines: LogLine[] = []
  let at: number | undefined
  for (const [i, line] of raw.entries()) {
    // The last line may be cut inside its timestamp: nothing of it is log text.
    if (i === raw.length - 1 && CUT_TIMESTAMP.test(line)) continue
    const stamp = TIMESTAMP.exec(line)
    if (stamp?.[1] !== undefined) {
      const parsed = Date.parse(stamp[1])
      if (!Number.isNaN(parsed)) at = parsed
    }
    const text = lastRewrite(stamp ? line.slice(stamp[0].length) : line)
      .replace(ANSI, '')
      .replace(CONTROL, '')
      .trimEnd()
    lines.push({ at, text })
  }
  return lines
}

/** A line a progress bar rewrote with `\r` shows what came after the last one (a CRLF end aside). */
function lastRewrite(line: string): string {
  let end = line.length
  while (end > 0 && line[end - 1] === '\r') end--
  return line.slice(line.lastIndexOf('\r', end - 1) + 1, end)
}

function stepPart(lines: LogLine[], step: FailedStep | undefined): LogLine[] {
  if (step === undefined) return lines
  const start = seconds(step.startedAt)
  const end = seconds(step.completedAt)
  if (start !== undefined && end !== undefined) {
    const inside = lines.filter(
      line => line.at !== undefined && line.at >= start && line.at < end + 1000
    )
    if (inside.length > 0) return beforeJobEnd(fromMarker(inside, step.name) ?? inside)
  }
  const marked = fromMarker(lines, step.name)
  return marked === undefined ? lines : beforeJobEnd(marked)
}

/** The post steps can start within the failing step's last second: their lines are not its. */
function beforeJobEnd(lines: LogLine[]): LogLine[] {
  const end = lines.findIndex(line => JOB_END.test(line.text))
  return end > 0 ? lines.slice(0, end) : lines
}

/** From the step's last `##[group]<name>` line on, if there is one. */
function fromMarker(lines: LogLine[], name: string): LogLine[] | undefined {
  const marker = `##[group]${name}`
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]?.text === marker) return lines.slice(i)
  }
  return undefined
}

/** A line as the log page shows it; undefined for lines it hides (group ends, debug). */
function display(text: string): string | undefined {
  const marker = MARKER.exec(text)
  if (!marker) return text
  const rest = text.slice(marker[0].length)
  switch (marker[1]) {
    case 'error':
      return `Error: ${rest}`
    case 'warning':
      return `Warning: ${rest}`
    case 'notice':
      return `Notice: ${rest}`
    case 'endgroup':
    case 'debug':
      return undefined
    default:
      return rest
  }
}

function bounded(text: string): string {
  if (text.length <= LINE_LENGTH) return text
  const chars = Array.from(text)
  return chars.length > LINE_LENGTH ? `${chars.slice(0, LINE_LENGTH - 1).join('')}…` : text
}

/** The API's step times are whole seconds: the start of that second. */
function seconds(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : Math.floor(t / 1000) * 1000
}
