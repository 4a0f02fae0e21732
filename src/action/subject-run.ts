/*
 * The run a message is about, as the lookups of the run's details and of the previous run name it:
 * this one, or on `workflow_run` the run that triggered it (the notifying workflow is only the
 * messenger). Every value is read from the event or the runner, and untrusted.
 */
import { conclusionOf, type Conclusion } from '../run/conclusions.js'
import { errorMessage } from '../shared/error-message.js'
import type { GithubContext } from '../template/workflow-context.js'

export interface SubjectRun {
  id: number
  attempt: number
  number: number
  /** The workflow's id, or its file name from GITHUB_WORKFLOW_REF; empty if unknown. */
  workflow: string | number
  /** The head branch: a pull request's own branch (in its head repository), else the branch. */
  branch: string
  /** What triggered it: push, pull_request, schedule, ... */
  event: string
  /** `owner/repo` of the commit it builds: a fork's, for a fork's pull request. */
  headRepository: string
  /** The pull request it builds, when the event names one. */
  pullRequest: number | undefined
  /** What the run concluded, when it has finished (on `workflow_run`). */
  conclusion: Conclusion | undefined
}

/** The lookups' own budget: a slow API delays the alert by this much at most, never loses it. */
export const LOOKUP_TIMEOUT_MS = 5000

export function subjectRunOf(github: GithubContext): SubjectRun | undefined {
  const triggering = github.event_name === 'workflow_run' ? github.event.workflow_run : undefined
  if (typeof triggering === 'object' && triggering !== null) {
    const run = triggering as Record<string, unknown>
    if (!isId(run.id)) return undefined
    const pullRequests: unknown[] = Array.isArray(run.pull_requests) ? run.pull_requests : []
    const [pullRequest] = pullRequests
    return {
      id: run.id,
      attempt: isId(run.run_attempt) ? run.run_attempt : 1,
      number: isId(run.run_number) ? run.run_number : 0,
      workflow: isId(run.workflow_id) ? run.workflow_id : '',
      branch: text(run.head_branch),
      event: text(run.event),
      headRepository: text(field(run.head_repository, 'full_name')),
      pullRequest: idOrUndefined(field(pullRequest, 'number')),
      conclusion: conclusionOf(run.conclusion)
    }
  }
  const id = Number(github.run_id)
  if (!isId(id)) return undefined
  const file = /\/\.github\/workflows\/([^@/]+)@/.exec(github.workflow_ref)?.[1] ?? ''
  const pullRequest = github.event.pull_request
  return {
    id,
    attempt: Number(github.run_attempt) || 1,
    number: Number(github.run_number) || 0,
    workflow: file,
    branch: github.head_ref || (github.ref_type === 'branch' ? github.ref_name : ''),
    event: github.event_name,
    headRepository:
      pullRequest === undefined
        ? github.repository
        : text(field(field(field(pullRequest, 'head'), 'repo'), 'full_name')),
    pullRequest: idOrUndefined(field(pullRequest, 'number')),
    conclusion: undefined
  }
}

/** A GitHub API failure in words: no answer, unreachable, rate limit, or what it answered. */
export function describeGitHubError(error: unknown): string {
  const { kind, status } = error as { kind?: string; status?: number }
  const said = errorMessage(error)
  if (kind === 'timeout') return `gave no answer in time (${said})`
  // Refused with no status of its own: a redirect loop, a bad GITHUB_API_URL.
  if (kind === 'rejected' && status === undefined) return `could not be read: ${said}`
  if (kind === 'network') return `could not be reached (${said})`
  if (kind === 'rate-limit') return `refused the request: the API rate limit is spent (${said})`
  return `answered ${said}`
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

function idOrUndefined(value: unknown): number | undefined {
  return isId(value) ? value : undefined
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
