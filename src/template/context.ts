import type { Status } from '../rocketchat/types.js'
import type { RunDetailsValue } from './run-details.js'

/*
 * The shape of what templates read. It lives here, beside its readers, so that src/template/ needs
 * nothing from src/action/; src/action/context.ts fills it in from the runner's environment.
 */

/** The `github` context as the runner builds it: strings, except `event` and `ref_protected`. */
export interface GithubContext {
  [key: string]: unknown
  event_name: string
  /** The webhook payload; `{}` when the event file is missing or unreadable. */
  event: Record<string, unknown>
  event_path: string
  server_url: string
  api_url: string
  graphql_url: string
  repository: string
  repository_owner: string
  repository_id: string
  repository_owner_id: string
  run_id: string
  run_number: string
  run_attempt: string
  sha: string
  ref: string
  ref_name: string
  ref_type: string
  ref_protected: boolean
  head_ref: string
  base_ref: string
  actor: string
  actor_id: string
  triggering_actor: string
  workflow: string
  workflow_ref: string
  workflow_sha: string
  job: string
  action: string
  action_path: string
  action_ref: string
  action_repository: string
  workspace: string
  retention_days: string
}

/** What templates can read: the contexts a workflow expression sees, as far as a step can know them. */
export interface WorkflowContext {
  github: GithubContext
  env: Record<string, string>
  job: { status: Status }
  runner: Record<string, string>
  /** The run's jobs and errors (src/action/run-details.ts), when the message needs them. */
  run_details?: RunDetailsValue
  /** `notify-when: changed`: the previous completed run of the workflow on the branch, if found. */
  previous_run?: PreviousRunValue
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
