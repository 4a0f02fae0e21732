import * as core from '@actions/core'
import type { PlannedRequest } from '../rocketchat/dry-run.js'
import { redact } from '../rocketchat/errors.js'
import type { Message, TargetResult } from '../rocketchat/types.js'
import { previewHtml } from '../template/preview.js'

export interface Outcome {
  results: TargetResult[]
  message: Message
  /** Set in a dry run: what would have been sent. */
  plan: PlannedRequest[] | undefined
  failOnError: boolean
  /** Every secret known by now, login tokens included: outputs and the summary are not masked by the runner. */
  secrets: string[]
}

/** Outputs, annotations, the job summary and the step's verdict. */
export async function report(outcome: Outcome): Promise<void> {
  const { results, plan } = outcome
  const safe = (text: string): string => redact(text, outcome.secrets)
  const delivered = plan ? [] : results.filter(r => r.ok)
  const failed = results.filter(r => !r.ok)
  const first = results.find(r => r.ok && r.messageId !== undefined)

  core.setOutput('sent', delivered.length)
  core.setOutput('failed', failed.length)
  core.setOutput('message-id', first?.messageId ?? '')
  core.setOutput('room-id', first?.roomId ?? '')
  core.setOutput('results', safe(JSON.stringify(results)))

  if (plan) {
    core.info(`Dry run: ${plan.length} request(s) planned, none sent.`)
    for (const request of plan) core.info(safe(JSON.stringify(request, null, 2)))
  } else {
    for (const r of delivered) core.info(`Sent to ${r.target} via ${r.url}`)
  }
  const annotate = outcome.failOnError ? core.error : core.warning
  for (const r of failed)
    annotate(safe(`Not delivered to ${r.target} via ${r.url}: ${r.error ?? ''}`))

  await writeSummary(outcome, safe)

  if (failed.length > 0 && outcome.failOnError) {
    core.setFailed(`${failed.length} of ${results.length} target(s) did not receive the message`)
  }
}

async function writeSummary(outcome: Outcome, safe: (text: string) => string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const { results, message, plan } = outcome
  const rows = results.map(r => [
    r.url,
    r.target,
    plan ? 'planned' : r.ok ? '✅ sent' : '❌ failed',
    r.ok ? (r.messageId ?? '') : (r.error ?? '')
  ])
  const preview = [message.title ? `# ${message.title}` : '', message.body]
    .filter(Boolean)
    .join('\n')
  let summary = core.summary
    .addHeading(plan ? 'Rocket.Chat Notify (dry run)' : 'Rocket.Chat Notify', 3)
    .addTable([
      [
        { data: 'URL', header: true },
        { data: 'Target', header: true },
        { data: 'Result', header: true },
        { data: 'Message id or error', header: true }
      ],
      ...rows.map(row => row.map(cell => escapeHtml(safe(cell))))
    ])
    // As it will read in Rocket.Chat: links, emphasis, code and headings rendered, the rest escaped.
    .addDetails('Message', previewHtml(safe(preview)))
  if (plan) {
    summary = summary.addDetails(
      'Planned requests',
      `<pre>${escapeHtml(safe(JSON.stringify(plan, null, 2)))}</pre>`
    )
  }
  await summary.write()
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
