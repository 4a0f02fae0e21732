/*
 * What GitHub says about this run, as plain data: src/github/ and src/template/ both read it and
 * neither may import the other (docs/architecture.md, "Folders and import rules").
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
