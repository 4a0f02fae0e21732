/**
 * The words a message gains from the run itself (src/github/): which jobs failed, at which step
 * (linked to the step's log), the first errors, the run's duration; and the same as the
 * `run_details` template context. Names, steps and annotations are untrusted text: they are made
 * inert (no mention, no markup that acts) and bounded before they reach a message.
 */
import type { JobValue, RunDetailsValue } from './workflow-context.js'
import type { GithubContext } from '../run/github-context.js'
import {
  isFailing,
  jobDurationSeconds,
  runDurationSeconds,
  stepDurationSeconds,
  type RunDetails,
  type RunJob
} from '../run/job-results.js'
import type { Status } from '../rocketchat/index.js'
import type { DefaultMessage } from './defaults.js'
import { inertText } from './inert.js'

const SHOWN_FAILED_JOBS = 5
const SHOWN_ANNOTATIONS = 3
/** Past this many jobs, a job list names only those that did not succeed. */
const LISTED_JOBS = 8
const NAME_LENGTH = 100
const MESSAGE_LENGTH = 200

const RESULT_EMOJI: Record<string, string> = {
  success: '✅',
  failure: '❌',
  timed_out: '⏱️',
  cancelled: '⚪',
  skipped: '⏭️'
}

/** `status` is the run's own, decided by the caller (src/action/run-lookup.ts) once. */
export function runDetailsValue(
  details: RunDetails,
  github: GithubContext,
  summaryJob: boolean,
  status: Status
): RunDetailsValue {
  const jobs = details.jobs.map(job => jobValue(job, github, details.runId))
  const seconds = runDurationSeconds(details.jobs)
  const value: RunDetailsValue = {
    status,
    duration: seconds === undefined ? '' : formatDuration(seconds),
    duration_seconds: seconds ?? null,
    jobs,
    failed_jobs: jobs.filter((_, i) => {
      const job = details.jobs[i]
      return job !== undefined && isFailing(job)
    }),
    annotations: details.annotations.map(annotation => ({
      job: inertLine(annotation.jobName, NAME_LENGTH),
      level: annotation.level,
      title: inertLine(annotation.title, NAME_LENGTH),
      message: inertLine(annotation.message, MESSAGE_LENGTH),
      path: inertLine(annotation.path, NAME_LENGTH),
      line: annotation.line ?? null,
      location: location(annotation.path, annotation.line)
    })),
    summary: '',
    jobs_summary: '',
    summary_job: summaryJob
  }
  value.summary = failureLines(value).join('\n')
  value.jobs_summary = jobList(value)
  return value
}

/**
 * The default message with the run's details: on failure the failed jobs and first errors, and in
 * a summary job every finished job with its result.
 */
export function addRunDetails(
  message: DefaultMessage,
  value: RunDetailsValue,
  status: Status
): DefaultMessage {
  const lines: string[] = []
  if (value.summary_job) lines.push(value.jobs_summary)
  if (status === 'failure') lines.push(value.summary)
  const attachment = { ...message.attachment }
  const before = typeof attachment.text === 'string' && attachment.text ? [attachment.text] : []
  const text = [...before, ...lines.filter(Boolean)].join('\n')
  if (text) attachment.text = text
  if (value.duration) {
    const fields: unknown[] = Array.isArray(attachment.fields) ? attachment.fields : []
    attachment.fields = [...fields, { title: 'Duration', value: value.duration, short: true }]
  }
  const [first, ...others] = value.failed_jobs
  const failedLine =
    status === 'failure' && first
      ? ` · ${inertText(first.name)}${first.failed_step ? ` at step ${first.failed_step.number}` : ''}` +
        (others.length > 0 ? ` and ${others.length} more` : '')
      : ''
  return { text: `${message.text}${failedLine}`, attachment }
}

function failureLines(value: RunDetailsValue): string[] {
  const lines: string[] = []
  for (const job of value.failed_jobs.slice(0, SHOWN_FAILED_JOBS)) {
    // A name is plain text inside a link label; anywhere else it is made inert.
    const name = job.url ? `[${label(job.name)}](${job.url})` : `**${inertText(job.name)}**`
    const step = job.failed_step
      ? ` at step ${job.failed_step.number}: ${
          job.failed_step.url
            ? `[${label(job.failed_step.name)}](${job.failed_step.url})`
            : inertText(job.failed_step.name)
        }`
      : ''
    // Beside a step, each time says whose it is: the step's own, the whole job's.
    const times = [
      job.failed_step?.duration ? `step ${job.failed_step.duration}` : '',
      job.duration ? `${job.failed_step ? 'job ' : ''}${job.duration}` : ''
    ].filter(Boolean)
    lines.push(
      `${RESULT_EMOJI[job.result] ?? '❌'} ${name} ${job.result === 'timed_out' ? 'timed out' : 'failed'}${step}${times.length > 0 ? ` (${times.join(', ')})` : ''}`
    )
    if (job.log) lines.push(codeBlock(job.log))
  }
  const hidden = value.failed_jobs.length - SHOWN_FAILED_JOBS
  if (hidden > 0) lines.push(`and ${hidden} more failed job(s)`)
  const errors = value.annotations.filter(a => a.level === 'failure').slice(0, SHOWN_ANNOTATIONS)
  for (const error of errors) {
    lines.push(`> ${error.location ? `${code(error.location)} ` : ''}${code(error.message)}`)
  }
  return lines
}

function jobList(value: RunDetailsValue): string {
  const finished = value.jobs.filter(job => job.result !== '')
  const many = finished.length > LISTED_JOBS
  const shown = many
    ? finished.filter(job => !['success', 'skipped'].includes(job.result))
    : finished
  const items = shown.map(job => `${RESULT_EMOJI[job.result] ?? '▫️'} ${inertText(job.name)}`)
  if (many) {
    const passed = finished.length - shown.length
    items.push(`${passed} other job(s) succeeded or were skipped`)
  }
  return items.join(' · ')
}

/** A job's page, in the run the jobs were read from (on `workflow_run`, the triggering one). */
function jobValue(job: RunJob, github: GithubContext, runId: number | undefined): JobValue {
  const run = runId ?? github.run_id
  const url =
    job.id > 0 && github.repository && run
      ? `${github.server_url}/${github.repository}/actions/runs/${run}/job/${job.id}`
      : ''
  const seconds = jobDurationSeconds(job)
  return {
    id: job.id,
    name: inertLine(job.name, NAME_LENGTH),
    result: job.result,
    duration: durationOf(seconds),
    url,
    failed_step: job.failedStep
      ? {
          name: inertLine(job.failedStep.name, NAME_LENGTH),
          number: job.failedStep.number,
          url: url ? `${url}#step:${job.failedStep.number}:1` : '',
          duration: durationOf(stepDurationSeconds(job.failedStep))
        }
      : null,
    log: job.log ?? ''
  }
}

/** `path:line`; the run's own errors ("Process completed with exit code 1.") sit on `.github`. */
function location(path: string, line: number | undefined): string {
  if (!path || path === '.github') return ''
  return inertLine(line === undefined ? path : `${path}:${line}`, NAME_LENGTH)
}

function durationOf(seconds: number | undefined): string {
  return seconds === undefined ? '' : formatDuration(seconds)
}

export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  if (h > 0) return `${h}h ${m}m`
  if (m > 0) return `${m}m ${s}s`
  return `${s}s`
}

/**
 * Untrusted text as one bounded line of data, with no `@` that Rocket.Chat would read as a mention
 * (a zero-width space follows it). Unlike inertText (inert.ts), which makes text inert for a
 * message, it leaves markup alone: inertText defuses the rest where a name stands outside a label.
 */
export function inertLine(text: string, max: number): string {
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B')
  const chars = Array.from(line)
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : line
}

/** A link label that cannot end early or nest another link. */
function label(text: string): string {
  return text.replace(/[[\]]/g, '')
}

/**
 * A log excerpt as a code block: shown as it is, no mention, link or markup inside acts. No run of
 * backticks in the log can close the block early (a zero-width space breaks it), and an `@` is
 * defused as everywhere else, for servers that look for mentions in the raw text.
 */
function codeBlock(text: string): string {
  const safe = text.replace(/`(?=`)/g, '`\u200B').replace(/@(?=[\p{L}\p{N}_.-])/gu, '@\u200B')
  return `\`\`\`\n${safe}\n\`\`\``
}

/** Inline code shows its text as it is: no link, emphasis or emoji inside acts. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``
}
