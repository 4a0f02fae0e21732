/** Builds, from the runner's environment, the workflow context that templates read. */
import { readFileSync } from 'node:fs'
import { isObject } from '../shared/is-object.js'
import type { Status } from '../rocketchat/index.js'
import type { GithubContext, WorkflowContext } from '../template/workflow-context.js'

const DEFAULT_SERVER_URL = 'https://github.com'

/** `github.<key>` comes from `GITHUB_<KEY>`; these are the plain string ones. */
const GITHUB_STRINGS = [
  'event_name',
  'event_path',
  'repository',
  'repository_owner',
  'repository_id',
  'repository_owner_id',
  'run_id',
  'run_number',
  'run_attempt',
  'sha',
  'head_ref',
  'base_ref',
  'actor',
  'actor_id',
  'triggering_actor',
  'workflow',
  'workflow_ref',
  'workflow_sha',
  'job',
  'action',
  'action_path',
  'action_ref',
  'action_repository',
  'workspace',
  'retention_days'
] as const

const RUNNER_KEYS = ['name', 'os', 'arch', 'temp', 'tool_cache', 'debug', 'environment'] as const

/** The workflow context before the status is decided (src/action/run-lookup.ts decides it). */
export type RunnerContext = Omit<WorkflowContext, 'job'>

export function readWorkflowContext(env: NodeJS.ProcessEnv, status: Status): WorkflowContext {
  return { ...readRunnerContext(env), job: { status } }
}

export function readRunnerContext(env: NodeJS.ProcessEnv): RunnerContext {
  const read = (name: string): string => env[name] ?? ''
  const strings = Object.fromEntries(
    GITHUB_STRINGS.map(key => [key, read(`GITHUB_${key.toUpperCase()}`)])
  ) as Record<(typeof GITHUB_STRINGS)[number], string>

  const serverUrl = (env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL).replace(/\/+$/, '')
  const ref = read('GITHUB_REF')
  const github: GithubContext = {
    ...strings,
    event: readEvent(strings.event_path),
    server_url: serverUrl,
    api_url: env.GITHUB_API_URL || apiUrl(serverUrl),
    graphql_url: env.GITHUB_GRAPHQL_URL || graphqlUrl(serverUrl),
    repository_owner: strings.repository_owner || strings.repository.split('/')[0] || '',
    ref,
    // The runner always sets these; a local or test run may give GITHUB_REF alone.
    ref_name: env.GITHUB_REF_NAME ?? ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    ref_type: env.GITHUB_REF_TYPE ?? (ref.startsWith('refs/tags/') ? 'tag' : ref ? 'branch' : ''),
    ref_protected: read('GITHUB_REF_PROTECTED') === 'true'
  }

  const runner = Object.fromEntries(
    RUNNER_KEYS.map(key => [key, read(`RUNNER_${key.toUpperCase()}`)])
  )
  return { github, env: templateEnv(env), runner }
}

/**
 * GitHub's `env` context holds only what the workflow defined, which a step cannot tell apart from
 * the rest of its environment, so templates see the whole environment except two families:
 * `INPUT_*` holds this step's inputs, among them the secret URL, and `ACTIONS_*` holds the runner's
 * own credentials (ACTIONS_RUNTIME_TOKEN, ACTIONS_ID_TOKEN_REQUEST_TOKEN), never part of `env`.
 * Other variables stay: a workflow that puts a secret in `env:` can read it in expressions there too.
 */
function templateEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || /^(INPUT|ACTIONS)_/i.test(name)) continue
    result[name] = value
  }
  return result
}

function readEvent(path: string): Record<string, unknown> {
  if (path === '') return {}
  try {
    const event: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return isObject(event) ? event : {}
  } catch {
    return {}
  }
}

/** github.com has its own API host; GitHub Enterprise Server serves the API under /api. */
function apiUrl(serverUrl: string): string {
  return isDotCom(serverUrl) ? 'https://api.github.com' : `${serverUrl}/api/v3`
}

function graphqlUrl(serverUrl: string): string {
  return isDotCom(serverUrl) ? 'https://api.github.com/graphql' : `${serverUrl}/api/graphql`
}

function isDotCom(serverUrl: string): boolean {
  return serverUrl === DEFAULT_SERVER_URL
}
