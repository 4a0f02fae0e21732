import type { Status } from '../rocketchat/index.js'
import type { GithubContext } from '../run/github-context.js'
import type { Conclusion } from '../run/conclusions.js'

export type { GithubContext }

/*
 * The shape of what templates read. It lives here, beside its readers, so that src/template/ needs
 * nothing from src/action/; src/action/runner-context.ts fills it in from the runner's environment.
 */

/** What templates can read: the contexts a workflow expression sees, as far as a step can know them. */
export interface WorkflowContext {
  github: GithubContext
  env: Record<string, string>
  /** `conclusion`: the GitHub conclusion the status came from, when one did (its own words). */
  job: { status: Status; conclusion?: Conclusion }
  runner: Record<string, string>
  /** The run's jobs and errors (src/action/run-lookup.ts), when the message needs them. */
  run_details?: RunDetailsValue
  /** `notify-when: changed`: the previous completed run of the workflow on the branch, if found. */
  previous_run?: PreviousRunValue
  /** The deployment a `deployment_status` event or a `deploy` step is about (deployment.ts). */
  deployment?: DeploymentValue
  /** `test-results`: the tests' counts and failures, read from the reports (src/test-results/). */
  test_results?: TestResultsValue
}

/** `previous_run` in templates, and what the default message says about a change. */
export interface PreviousRunValue {
  /** success or failure: what that run's conclusion gives. */
  status: Status
  number: number
  url: string
  /** broken (failure after success), fixed (success after failure), or unchanged. */
  change: 'broken' | 'fixed' | 'unchanged'
  /** The commit the previous run built: on broken, the last commit that passed. */
  sha: string
  /** On fixed: the failed runs before this one (at least this many when `failed_runs_more`). */
  failed_runs: number
  failed_runs_more: boolean
  /** On fixed: the first failing run of the streak, and how long ago it ran (`2h 5m`). */
  broken_since: { number: number; url: string; sha: string } | null
  broken_for: string
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
  /** `duration`: the step's own time, empty when GitHub gave none. */
  failed_step: { name: string; number: number; url: string; duration: string } | null
  /** The failing step's errors and last lines, once the job has finished; empty otherwise. */
  log: string
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
  /** What the run gives for `status: auto`: its finished jobs, or on `workflow_run` its conclusion. */
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

/** `deployment` in templates: the deployment and its current status, as the event gives them. */
export interface DeploymentValue {
  /** The deployment's id: its thread's key. */
  id: string
  environment: string
  /** queued, pending, in_progress, success, failure, error or inactive. */
  state: string
  /** The deployed environment's URL. */
  url: string
  /** The deploy's log (or its target URL). */
  log_url: string
  creator: string
  description: string
  ref: string
  sha: string
  /** The status's own id: later statuses have larger ones. */
  status_id: string
  /** When the status was set (ISO 8601). */
  updated_at: string
}

/** One test in `test_results.failures` and `test_results.flaky_tests`. */
export interface TestValue {
  suite: string
  name: string
  message: string
  file: string
  line: number | null
  flaky: boolean
  /** `file` at `line` in the tested commit, when the report names a workspace path; else empty. */
  url: string
  /**
   * Failures only, when compared with the previous run's reports: true if it did not fail there,
   * false if it was already failing. Absent when no comparison was made.
   */
  new?: boolean
}

/** `test_results` in templates. */
export interface TestResultsValue {
  total: number
  passed: number
  failed: number
  skipped: number
  todo: number
  flaky: number
  duration: string
  duration_seconds: number | null
  /** `❌ 3 failed · 1,204 passed · 12 skipped · 2 flaky · 4m 12s` */
  headline: string
  failures: TestValue[]
  flaky_tests: TestValue[]
  reports: { file: string; format: string; tests: number }[]
  /**
   * Failed tests that did not fail in the previous run. This and the two below are there only when
   * the failures were compared with the previous run's reports (docs/test-results.md).
   */
  new_failures?: number
  /** Tests that failed in the previous run and pass in this one. */
  fixed?: number
  /** The run compared with. */
  compared_with?: { number: number; url: string }
}
