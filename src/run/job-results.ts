/*
 * The jobs of a workflow run and the facts derived from them (failing, status, durations), as
 * plain data and pure functions: src/github/ fills them in (from the API or from `needs`) and
 * src/template/ words them; neither may import the other (docs/architecture.md).
 */
import type { Status } from '../rocketchat/index.js'
import { CONCLUSION_STATUS, conclusionOf, isNoVerdict } from './conclusions.js'

/** A job's result: the API's conclusion, or `needs.<job>.result`; empty while it runs. */
export type JobResult =
  'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'neutral' | 'action_required' | ''

export interface RunJob {
  /** The job id (also its check run id); 0 when the job came from `needs`. */
  id: number
  name: string
  result: JobResult
  /** Completed, or still queued or in progress (the job running this step is). */
  completed: boolean
  startedAt: string | undefined
  completedAt: string | undefined
  /** The first step that failed or timed out, with its own times when the API gave them. */
  failedStep: FailedStep | undefined
  /** The failing step's last log lines and errors (src/github/logs.ts), once the job has finished. */
  log?: string
  /**
   * The failing step's whole log, plain text, for `attach-log`: read only when asked, and only
   * when `log` is shorter than it.
   */
  stepLog?: string
}

export interface FailedStep {
  name: string
  number: number
  startedAt?: string
  completedAt?: string
}

export interface RunAnnotation {
  jobId: number
  jobName: string
  level: 'failure' | 'warning' | 'notice'
  message: string
  title: string
  path: string
  line: number | undefined
}

/** What the run says about itself; every string in it is untrusted text from the API or event. */
export interface RunDetails {
  jobs: RunJob[]
  annotations: RunAnnotation[]
  /** Where the jobs came from: links to job logs exist only for jobs read from the API. */
  source: 'api' | 'needs'
  /** The run the jobs belong to, when read from the API (on `workflow_run`, not this one). */
  runId?: number
}

const FAILED: readonly JobResult[] = ['failure', 'timed_out']

export function isFailed(job: RunJob): boolean {
  return FAILED.includes(job.result)
}

/**
 * Failed, or still running past a failed step: the job that sends its own failure alert (a step
 * with `if: failure()`) is in progress, and only its steps say it failed.
 */
export function isFailing(job: RunJob): boolean {
  return job.completed ? isFailed(job) : job.failedStep !== undefined
}

/**
 * `status: auto`: a failed or timed-out job makes the run a failure; otherwise a cancelled job makes
 * it cancelled; otherwise, when every finished job has no verdict (all skipped: a summary job after
 * a path filter), the neutral info, since no verdict is never a success; otherwise it succeeded.
 * Jobs still running (this one) have no say.
 */
export function deriveStatus(jobs: readonly RunJob[]): Status {
  const done = jobs.filter(job => job.completed)
  if (done.some(isFailed)) return 'failure'
  if (done.some(job => job.result === 'cancelled')) return 'cancelled'
  if (done.length > 0 && done.every(job => isNoVerdict(conclusionOf(job.result)))) return 'info'
  return 'success'
}

/**
 * The status a finished run's conclusion gives (src/run/conclusions.ts): a verdict or cancelled;
 * undefined for a conclusion with no verdict (skipped, neutral, stale, waiting) or none at all.
 */
export function statusOfConclusion(value: unknown): Status | undefined {
  const conclusion = conclusionOf(value)
  return conclusion === undefined || isNoVerdict(conclusion)
    ? undefined
    : CONCLUSION_STATUS[conclusion]
}

/** Wall time from the first job's start to the last one's end (or now, for jobs still running). */
export function runDurationSeconds(jobs: readonly RunJob[], now = Date.now()): number | undefined {
  const starts = jobs.map(job => time(job.startedAt)).filter(t => t !== undefined)
  if (starts.length === 0) return undefined
  const ends = jobs.map(job => (job.completed ? time(job.completedAt) : now) ?? now)
  return Math.max(0, Math.round((Math.max(...ends) - Math.min(...starts)) / 1000))
}

export function jobDurationSeconds(job: RunJob, now = Date.now()): number | undefined {
  const start = time(job.startedAt)
  if (start === undefined) return undefined
  const end = job.completed ? (time(job.completedAt) ?? now) : now
  return Math.max(0, Math.round((end - start) / 1000))
}

/** A finished step's own time, when GitHub gave when it started and ended. */
export function stepDurationSeconds(step: {
  startedAt?: string
  completedAt?: string
}): number | undefined {
  const start = time(step.startedAt)
  const end = time(step.completedAt)
  return start === undefined || end === undefined
    ? undefined
    : Math.max(0, Math.round((end - start) / 1000))
}

function time(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined
  const t = Date.parse(iso)
  return Number.isNaN(t) ? undefined : t
}
