import type { Status } from '../rocketchat/types.js'
import type { GithubContext } from '../run/github-context.js'

export type { GithubContext }

/*
 * The shape of what templates read. It lives here, beside its readers, so that src/template/ needs
 * nothing from src/action/; src/action/context.ts fills it in from the runner's environment.
 */

/** What templates can read: the contexts a workflow expression sees, as far as a step can know them. */
export interface WorkflowContext {
  github: GithubContext
  env: Record<string, string>
  job: { status: Status }
  runner: Record<string, string>
  /** The run's jobs and errors (src/action/run-details.ts), when the message needs them. */
  run_details?: RunDetailsValue
}

/** The template context's name: not one of GitHub's (github, env, vars, job, jobs, steps, ...). */
export const RUN_DETAILS_CONTEXT = 'run_details'

export interface JobValue {
  id: number
  name: string
  /** success, failure, cancelled, skipped, timed_out, ...; empty while the job runs. */
  result: string
  duration: string
  /** The job's log; empty for jobs read from `needs`. */
  url: string
  failed_step: { name: string; number: number; url: string } | null
}

export interface AnnotationValue {
  job: string
  level: string
  title: string
  message: string
  path: string
  line: number | null
  /** `path:line`, or empty for the run's own annotations (path `.github`). */
  location: string
}

/** `run_details` in templates. */
export interface RunDetailsValue {
  /** What `status: auto` derives from the finished jobs. */
  status: Status
  duration: string
  duration_seconds: number | null
  jobs: JobValue[]
  failed_jobs: JobValue[]
  /** Failure level first. */
  annotations: AnnotationValue[]
  /** The markdown lines a default message gains: failed jobs with their steps, first errors. */
  summary: string
  /** Each finished job with its result (only those that did not succeed, when many). */
  jobs_summary: string
  /** True when `status: auto` derived the status: the default message then lists the jobs. */
  summary_job: boolean
}
