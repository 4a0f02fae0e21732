import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { Status } from '../src/rocketchat/types.js'

const dir = mkdtempSync(join(tmpdir(), 'context-test-'))

function eventFile(name: string, content: string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** The variables a hosted runner sets for a push to main. */
const RUNNER_ENV: Record<string, string> = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_EVENT_PATH: eventFile(
    'push.json',
    JSON.stringify({ ref: 'refs/heads/main', after: 'abc' })
  ),
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_REPOSITORY_ID: '123456',
  GITHUB_REPOSITORY_OWNER_ID: '654321',
  GITHUB_RUN_ID: '1234567890',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_REF_PROTECTED: 'true',
  GITHUB_HEAD_REF: '',
  GITHUB_BASE_REF: '',
  GITHUB_ACTOR: 'octocat',
  GITHUB_ACTOR_ID: '583231',
  GITHUB_TRIGGERING_ACTOR: 'hubot',
  GITHUB_WORKFLOW: 'CI',
  GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
  GITHUB_WORKFLOW_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_JOB: 'build',
  GITHUB_ACTION: '__rocketchat-notify',
  GITHUB_WORKSPACE: '/home/runner/work/octo-repo/octo-repo',
  GITHUB_RETENTION_DAYS: '90',
  RUNNER_NAME: 'GitHub Actions 7',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64',
  RUNNER_TEMP: '/home/runner/work/_temp',
  RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
  RUNNER_DEBUG: '1',
  RUNNER_ENVIRONMENT: 'github-hosted',
  DEPLOY_TARGET: 'staging',
  INPUT_URL: 'rockets://bot:hunter2@chat.example.com/#ci',
  ACTIONS_RUNTIME_TOKEN: 'runtime-secret',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-secret'
}

describe('readWorkflowContext: the github context', () => {
  const { github } = readWorkflowContext(RUNNER_ENV, 'success')

  it.each<[string, unknown]>([
    ['event_name', 'push'],
    ['server_url', 'https://github.com'],
    ['api_url', 'https://api.github.com'],
    ['graphql_url', 'https://api.github.com/graphql'],
    ['repository', 'octo-org/octo-repo'],
    ['repository_owner', 'octo-org'],
    ['repository_id', '123456'],
    ['repository_owner_id', '654321'],
    ['run_id', '1234567890'],
    ['run_number', '42'],
    ['run_attempt', '2'],
    ['sha', '0123456789abcdef0123456789abcdef01234567'],
    ['ref', 'refs/heads/main'],
    ['ref_name', 'main'],
    ['ref_type', 'branch'],
    ['ref_protected', true],
    ['head_ref', ''],
    ['base_ref', ''],
    ['actor', 'octocat'],
    ['actor_id', '583231'],
    ['triggering_actor', 'hubot'],
    ['workflow', 'CI'],
    ['workflow_ref', 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main'],
    ['job', 'build'],
    ['action', '__rocketchat-notify'],
    ['workspace', '/home/runner/work/octo-repo/octo-repo'],
    ['retention_days', '90']
  ])('github.%s', (key, expected) => {
    expect(github[key]).toBe(expected)
  })

  it('reads the event payload from GITHUB_EVENT_PATH', () => {
    expect(github.event).toEqual({ ref: 'refs/heads/main', after: 'abc' })
  })
})

describe('readWorkflowContext: the event file', () => {
  it.each<[string, string | undefined]>([
    ['no GITHUB_EVENT_PATH', undefined],
    ['a path that does not exist', join(dir, 'missing.json')],
    ['a directory', dir],
    ['invalid JSON', eventFile('broken.json', '{"ref": ')],
    ['JSON that is not an object', eventFile('list.json', '[1, 2]')],
    ['an empty file', eventFile('empty.json', '')]
  ])('%s gives an empty event', (_, path) => {
    const env = path === undefined ? {} : { GITHUB_EVENT_PATH: path }
    expect(readWorkflowContext(env, 'success').github.event).toEqual({})
  })
})

describe('readWorkflowContext: values the runner always sets, derived when missing', () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    [
      'github.com by default',
      {},
      {
        server_url: 'https://github.com',
        api_url: 'https://api.github.com',
        graphql_url: 'https://api.github.com/graphql'
      }
    ],
    [
      'GitHub Enterprise Server URLs follow the server',
      { GITHUB_SERVER_URL: 'https://ghe.example.com/' },
      {
        server_url: 'https://ghe.example.com',
        api_url: 'https://ghe.example.com/api/v3',
        graphql_url: 'https://ghe.example.com/api/graphql'
      }
    ],
    [
      'explicit API URLs win',
      {
        GITHUB_SERVER_URL: 'https://ghe.example.com',
        GITHUB_API_URL: 'https://api.ghe.example.com'
      },
      { api_url: 'https://api.ghe.example.com' }
    ],
    [
      'branch name and type from the ref',
      { GITHUB_REF: 'refs/heads/feature/x' },
      { ref_name: 'feature/x', ref_type: 'branch' }
    ],
    [
      'tag name and type from the ref',
      { GITHUB_REF: 'refs/tags/v1.2.3' },
      { ref_name: 'v1.2.3', ref_type: 'tag' }
    ],
    [
      'pull request ref name as the runner gives it',
      { GITHUB_REF: 'refs/pull/7/merge' },
      { ref_name: '7/merge', ref_type: 'branch' }
    ],
    ['no ref at all', {}, { ref: '', ref_name: '', ref_type: '' }],
    [
      'owner from the repository',
      { GITHUB_REPOSITORY: 'octo-org/octo-repo' },
      { repository_owner: 'octo-org' }
    ],
    ['ref_protected is a boolean', { GITHUB_REF_PROTECTED: 'false' }, { ref_protected: false }],
    ['unset strings are empty', {}, { sha: '', head_ref: '', run_id: '', workflow: '' }]
  ])('%s', (_, env, expected) => {
    expect(readWorkflowContext(env, 'success').github).toMatchObject(expected)
  })
})

describe('readWorkflowContext: env, runner and job', () => {
  const context = readWorkflowContext(RUNNER_ENV, 'failure')

  it('env holds the environment, GITHUB_* and RUNNER_* included', () => {
    expect(context.env).toMatchObject({
      DEPLOY_TARGET: 'staging',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      RUNNER_OS: 'Linux'
    })
  })

  it.each(['INPUT_URL', 'ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'])(
    'env leaves out %s',
    name => {
      expect(context.env).not.toHaveProperty(name)
    }
  )

  it('no secret of the step reaches any context', () => {
    const everything = JSON.stringify(context)
    for (const secret of ['hunter2', 'runtime-secret', 'oidc-secret']) {
      expect(everything).not.toContain(secret)
    }
  })

  it('runner comes from RUNNER_*', () => {
    expect(context.runner).toEqual({
      name: 'GitHub Actions 7',
      os: 'Linux',
      arch: 'X64',
      temp: '/home/runner/work/_temp',
      tool_cache: '/opt/hostedtoolcache',
      debug: '1',
      environment: 'github-hosted'
    })
  })

  it.each<Status>(['success', 'failure', 'cancelled', 'warning', 'info'])(
    'job.status is the status given: %s',
    status => {
      expect(readWorkflowContext({}, status).job).toEqual({ status })
    }
  )
})
