import * as core from '@actions/core'
import { redact } from '../shared/redact.js'
import type { PlannedRequest, Destination, Message, TargetResult } from '../rocketchat/index.js'
import { escapeHtml, previewHtml } from '../template/preview.js'
import { secretKind } from './secrets.js'

/** What a run delivered, and what the report needs to say it safely. */
export interface DeliveryReport {
  results: TargetResult[]
  /** Every destination given, in order: results name theirs by index. */
  destinations: Destination[]
  message: Message
  /** Set in a dry run: what would have been sent. */
  plan: readonly PlannedRequest[] | undefined
  failOnError: boolean
  /** Every secret known by now, login tokens included: outputs and the summary are not masked by the runner. */
  secrets: string[]
  /** Mistakes in the step's inputs, each naming the input, the expression, where, and the fallback. */
  mistakes?: readonly string[]
  /** What the message went without, and why (withRunDetails): listed in the summary. */
  leftOut?: readonly string[]
}

/** GitHub refuses an output or a job summary past 1 MiB; a step that delivered must not fail on it. */
const OUTPUT_LIMIT = 1024 * 1024
/** Rows of the summary's table; the rest are counted, not shown. */
const SUMMARY_ROWS = 1000

/** Outputs, log lines, annotations, the job summary and the step's verdict. */
export async function report(delivery: DeliveryReport): Promise<void> {
  const { results, plan } = delivery
  const safe = (text: string): string => redact(text, delivery.secrets)
  // The action's own identifiers and masked URLs are masked only by secrets that cannot be words
  // in them (secrets.ts): a password `general` leaves `#general` and its room id intact.
  const masked = delivery.destinations.map(d => d.masked)
  const strong = delivery.secrets.filter(secret => secretKind(secret, masked) === 'whole')
  const safeId = (text: string): string => redact(text, strong)
  const urls = masked.map(safeId)
  // The counts are of targets; a file sent after the message has results of its own.
  const messages = results.filter(r => r.file === undefined)
  const sent = messages.filter(r => r.outcome === 'delivered' || r.outcome === 'updated')
  const failed = messages.filter(r => r.outcome === 'failed')
  const unconfirmed = messages.filter(r => r.outcome === 'unconfirmed')
  const first = sent.find(r => r.messageId !== undefined)

  setOutputs({
    sent: sent.length,
    failed: failed.length,
    unconfirmed: unconfirmed.length,
    'message-id': safeId(first?.messageId ?? ''),
    'room-id': safeId(first?.roomId ?? ''),
    'thread-id': safeId(threadIdOf(first) ?? ''),
    skipped: '',
    destinations: JSON.stringify(urls),
    results: resultsOutput(results, safe, safeId)
  })

  // Each destination's URL is written once; a line per target names it by its number.
  for (const [i, url] of urls.entries()) core.info(line(`Destination ${i + 1}: ${url}`))
  if (plan) {
    core.info(`Dry run: ${plan.length} request(s) planned, none sent.`)
    for (const request of plan) core.info(safe(JSON.stringify(request, null, 2)))
  }
  for (const r of sent) {
    const verb = r.outcome === 'updated' ? 'Updated the message in' : 'Sent to'
    core.info(line(safe(`${verb} ${r.target} (destination ${r.destination + 1})`)))
  }
  for (const r of unconfirmed) {
    core.warning(
      safe(`Unconfirmed for ${r.target} (destination ${r.destination + 1}): ${r.reason}`)
    )
  }
  const annotate = delivery.failOnError ? core.error : core.warning
  for (const r of failed) {
    annotate(
      safe(`Not delivered to ${r.target} (destination ${r.destination + 1}, ${r.kind}): ${r.error}`)
    )
  }

  const files = reportFiles(results, delivery.failOnError, safe)

  await writeSummary(delivery, urls, safe, safeId)

  if (delivery.failOnError && (failed.length > 0 || files.failed > 0)) {
    const why = [
      ...(failed.length > 0
        ? [`${failed.length} of ${messages.length} target(s) did not receive the message`]
        : []),
      ...(files.failed > 0 ? [`${files.failed} of ${files.count} file upload(s) failed`] : [])
    ]
    core.setFailed(why.join('; '))
  }
}

/** A line per file sent, a warning per unconfirmed one, an annotation per failed one. */
function reportFiles(
  results: TargetResult[],
  failOnError: boolean,
  safe: (text: string) => string
): { count: number; failed: number } {
  const files = results.filter(r => r.file !== undefined)
  const annotate = failOnError ? core.error : core.warning
  for (const r of files) {
    const where = `${r.file?.name ?? ''} to ${r.target} (destination ${r.destination + 1})`
    if (r.outcome === 'delivered') core.info(line(safe(`Uploaded ${where}`)))
    else if (r.outcome === 'unconfirmed')
      core.warning(safe(`Unconfirmed upload of ${where}: ${r.reason}`))
    else if (r.outcome === 'failed')
      annotate(safe(`File not uploaded: ${where}, ${r.kind}: ${r.error}`))
  }
  return { count: files.length, failed: files.filter(r => r.outcome === 'failed').length }
}

/**
 * A step stopped by an error before its results were reported (a bad input, a proxy setting that
 * is not a URL): the outputs and the summary still say what happened, masked. The step's verdict
 * was set by the caller, which calls this only when nothing was reported yet: a later error must
 * not overwrite a run's outputs.
 */
export async function reportStopped(
  why: string,
  secrets: string[],
  leftOut: readonly string[] = []
): Promise<void> {
  const safe = (text: string): string => redact(text, secrets)
  const error = safe(why)
  setOutputs({
    sent: 0,
    failed: 1,
    unconfirmed: 0,
    'message-id': '',
    'room-id': '',
    'thread-id': '',
    skipped: '',
    destinations: '[]',
    results: JSON.stringify([{ outcome: 'failed', kind: 'rejected', error }])
  })
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary
      .addHeading('Rocket.Chat Notify', 3)
      .addRaw(`<p>❌ Stopped before the message was sent: ${escapeHtml(clip(error))}</p>\n`)
      .addRaw(leftOutHtml(leftOut, safe))
      .write()
  } catch (failure) {
    // The step already failed with the reason; a summary that cannot be written only adds a warning.
    core.warning(
      `job summary not written: ${safe(failure instanceof Error ? failure.message : String(failure))}`
    )
  }
}

/** The notes of what the message went without, as a list for the summary; empty when none. */
function leftOutHtml(leftOut: readonly string[], safe: (text: string) => string): string {
  if (leftOut.length === 0) return ''
  const items = leftOut.map(note => `<li>${escapeHtml(safe(note))}</li>`).join('\n')
  return `<p>Left out of the message:</p>\n<ul>\n${items}\n</ul>\n`
}

/** The mistakes that fail the step, listed so that a "Sent" never hides them; empty when none. */
function mistakesHtml(mistakes: readonly string[], safe: (text: string) => string): string {
  if (mistakes.length === 0) return ''
  const shown = mistakes.slice(0, SUMMARY_ROWS)
  const items = shown.map(mistake => `<li>${escapeHtml(clip(safe(mistake)))}</li>`).join('\n')
  const more =
    mistakes.length > shown.length ? `<p>${mistakes.length - shown.length} more.</p>\n` : ''
  return (
    '<p>Mistakes in the inputs (the message went anyway: a failing expression shown as written, ' +
    `an unreadable value replaced by its fallback):</p>\n<ul>\n${items}\n</ul>\n${more}`
  )
}

/**
 * `notify-when: changed` and nothing changed: the outputs say none was sent, `skipped` and the job
 * summary say why, and the step succeeds.
 */
export async function reportUnchanged(reason: string, destinations: Destination[]): Promise<void> {
  setOutputs({
    sent: 0,
    failed: 0,
    unconfirmed: 0,
    'message-id': '',
    'room-id': '',
    'thread-id': '',
    skipped: reason,
    destinations: JSON.stringify(destinations.map(d => d.masked)),
    results: '[]'
  })
  core.info(line(reason))
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary
    .addHeading('Rocket.Chat Notify', 3)
    .addRaw(`<p>${escapeHtml(reason)}</p>`)
    .write()
}

/** Every output action.yml declares: each way a run ends sets all of them, so none can be forgotten. */
interface Outputs {
  sent: number
  failed: number
  unconfirmed: number
  'message-id': string
  'room-id': string
  'thread-id': string
  skipped: string
  destinations: string
  results: string
}

function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
}

/**
 * A log line that stays one line: a server's words or an event's text could otherwise start a
 * line with `::` and become a runner command (annotations are escaped by @actions/core itself).
 */
function line(text: string): string {
  return text.replace(/\r/g, '\\r').replace(/\n/g, '\\n')
}

/** What workflows branch on: one small entry per target, the URL as an index, at most 1 MiB. */
function resultsOutput(
  results: TargetResult[],
  safe: (text: string) => string,
  safeId: (text: string) => string
): string {
  const entries: string[] = []
  let size = 2
  for (const [i, r] of results.entries()) {
    // Secrets are masked inside the strings, so none can break the JSON around them; outcome and
    // kind are the action's own words, never masked.
    const entry = JSON.stringify(outputEntry(r), (key, value: unknown) =>
      typeof value !== 'string' || key === 'outcome' || key === 'kind'
        ? value
        : key === 'error' || key === 'reason'
          ? safe(value)
          : safeId(value)
    )
    const bytes = Buffer.byteLength(entry)
    // Room for the note that replaces what does not fit (the limit is GitHub's, in bytes).
    if (size + bytes + 1 > OUTPUT_LIMIT - 200) {
      const note = `${results.length - i} more result(s) left out: the output would pass 1 MiB`
      core.warning(`results output truncated: ${note}`)
      entries.push(JSON.stringify({ truncated: note }))
      break
    }
    entries.push(entry)
    size += bytes + 1
  }
  return `[${entries.join(',')}]`
}

/** The root of the keyed thread a result's message went into (thread-key), if any. */
function threadIdOf(r: TargetResult | undefined): string | undefined {
  return r?.outcome === 'delivered' ? r.threadId : undefined
}

function outputEntry(r: TargetResult): Record<string, unknown> {
  const { destination, target } = r
  // A file's entry names it: `file` {name, size}, and `fileId` once the server stored it.
  const of = r.file === undefined ? { destination, target } : { destination, target, file: r.file }
  switch (r.outcome) {
    case 'delivered':
      return {
        ...of,
        outcome: r.outcome,
        messageId: r.messageId,
        roomId: r.roomId,
        threadId: threadIdOf(r),
        ...(r.fileId === undefined ? {} : { fileId: r.fileId })
      }
    case 'updated':
      return { ...of, outcome: r.outcome, messageId: r.messageId, roomId: r.roomId }
    case 'planned':
      return { ...of, outcome: r.outcome }
    case 'unconfirmed':
      return { ...of, outcome: r.outcome, reason: r.reason }
    case 'failed':
      return {
        ...of,
        outcome: r.outcome,
        kind: r.kind,
        status: r.status,
        error: r.error
      }
  }
}

const OUTCOME_LABEL: Record<TargetResult['outcome'], string> = {
  delivered: '✅ Sent',
  updated: '✏️ Updated',
  planned: '📝 Planned',
  unconfirmed: '❔ Unconfirmed',
  failed: '❌ Failed'
}

function detail(
  r: TargetResult,
  safe: (text: string) => string,
  safeId: (text: string) => string
): string {
  switch (r.outcome) {
    case 'delivered':
    case 'updated': {
      // A keyed thread's root (thread-key), for finding the thread again from the run.
      const thread = threadIdOf(r)
      return safeId(r.messageId ?? '') + (thread ? ` in thread ${safeId(thread)}` : '')
    }
    case 'planned':
      return ''
    case 'unconfirmed':
      return safe(r.reason)
    case 'failed':
      return `${r.kind}: ${safe(r.error)}`
  }
}

/** A file's row names the file and its size after the target: `#general 📎 report.txt (20 B)`. */
function targetCell(r: TargetResult): string {
  if (r.file === undefined) return r.target
  const size = r.file.size === undefined ? '' : ` (${sizeText(r.file.size)})`
  return `${r.target} 📎 ${r.file.name}${size}`
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The table is written by hand: @actions/core leaves an empty cell unclosed (`<td></tr>`). */
async function writeSummary(
  delivery: DeliveryReport,
  urls: string[],
  safe: (text: string) => string,
  safeId: (text: string) => string
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { results, message, plan } = delivery
  const cell = (tag: 'td' | 'th', text: string) => `<${tag}>${escapeHtml(text)}</${tag}>`
  // Each URL once, above the table; a row names its destination by number, so the summary stays
  // linear in the targets however long a URL is.
  const list = urls.map(url => `<li><code>${escapeHtml(url)}</code></li>`).join('\n')
  // `#` numbers the rows; `Destination` points into the list of URLs above.
  const header = ['#', 'Destination', 'Target', 'Result', 'Message id or error']
  const rows = results
    .slice(0, SUMMARY_ROWS)
    .map((r, i) =>
      [
        String(i + 1),
        String(r.destination + 1),
        safeId(targetCell(r)),
        OUTCOME_LABEL[r.outcome],
        detail(r, safe, safeId)
      ]
        .map(text => cell('td', text))
        .join('')
    )
  const table = [
    `<ol>\n${list}\n</ol>`,
    '<table>',
    `<tr>${header.map(text => cell('th', text)).join('')}</tr>`,
    ...rows.map(row => `<tr>${row}</tr>`),
    '</table>'
  ].join('\n')
  const more =
    results.length > SUMMARY_ROWS
      ? `<p>${results.length - SUMMARY_ROWS} more target(s): see the results output.</p>\n`
      : ''
  const preview = [message.title ? `# ${message.title}` : '', message.body]
    .filter(Boolean)
    .join('\n')
  let summary = core.summary
    .addHeading(plan ? 'Rocket.Chat Notify (dry run)' : 'Rocket.Chat Notify', 3)
    .addRaw(
      `${table}\n${more}${leftOutHtml(delivery.leftOut ?? [], safe)}${mistakesHtml(delivery.mistakes ?? [], safe)}`
    )
    // As it will read in Rocket.Chat: links, emphasis, code and headings rendered, the rest escaped.
    .addDetails('Message', previewHtml(clip(safe(preview))))
  if (plan) {
    const planned = JSON.stringify(plan.slice(0, SUMMARY_ROWS), null, 2)
    summary = summary.addDetails(
      'Planned requests',
      `<pre>${escapeHtml(clip(safe(planned)))}</pre>`
    )
  }
  await summary.write()
}

/** Keeps a preview well under the summary's 1 MiB. */
function clip(text: string): string {
  const max = 64 * 1024
  return text.length > max
    ? `${text.slice(0, max)}\n… (${text.length - max} more characters)`
    : text
}
