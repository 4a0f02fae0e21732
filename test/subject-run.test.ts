import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRunnerContext } from '../src/action/runner-context.js'
import { describeGitHubError, subjectRunOf } from '../src/action/subject-run.js'
import { RunLookupError } from '../src/github/lookup-error.js'
import type { GithubContext } from '../src/template/workflow-context.js'

/**
 * src/action/subject-run.ts: the run a message is about, read from the runner's environment and
 * the event (this run, or on `workflow_run` the run that triggered it), every value untrusted.
 */

/** The `github` context as the runner gives it: GITHUB_* variables and the event file. */
function github(env: Record<string, string>, event: unknown = {}): GithubContext {
  const dir = mkdtempSync(join(tmpdir(), 'subject-run-'))
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event))
  return readRunnerContext({
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    ...env
  }).github
}

const PUSH = {
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '1000000042',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch'
}

describe('this run', () => {
  it('is read from the runner: id, attempt, number, workflow file, branch, event, repository', () => {
    expect(subjectRunOf(github(PUSH))).toEqual({
      id: 1000000042,
      attempt: 2,
      number: 42,
      workflow: 'ci.yml',
      branch: 'main',
      event: 'push',
      headRepository: 'octo-org/octo-repo',
      pullRequest: undefined,
      conclusion: undefined
    })
  })

  it("of a fork's pull request builds the fork's branch, and names the pull request", () => {
    const event = {
      pull_request: { number: 12, head: { repo: { full_name: 'mallory/octo-repo' } } }
    }
    const run = subjectRunOf(
      github(
        {
          ...PUSH,
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_HEAD_REF: 'master',
          GITHUB_REF: 'refs/pull/12/merge',
          GITHUB_REF_NAME: '12/merge'
        },
        event
      )
    )

    expect(run).toMatchObject({
      event: 'pull_request',
      branch: 'master',
      headRepository: 'mallory/octo-repo',
      pullRequest: 12
    })
  })

  it('of a pull request whose head repository is gone names no repository', () => {
    const event = { pull_request: { number: 12, head: { repo: null } } }
    const run = subjectRunOf(
      github({ ...PUSH, GITHUB_EVENT_NAME: 'pull_request', GITHUB_HEAD_REF: 'patch-1' }, event)
    )

    expect(run).toMatchObject({ headRepository: '', pullRequest: 12, branch: 'patch-1' })
  })

  it('on a tag has no branch', () => {
    const run = subjectRunOf(
      github({
        ...PUSH,
        GITHUB_REF: 'refs/tags/v1.0.0',
        GITHUB_REF_NAME: 'v1.0.0',
        GITHUB_REF_TYPE: 'tag'
      })
    )
    expect(run?.branch).toBe('')
  })

  it('without attempt, number or workflow reference takes attempt 1, number 0 and no workflow', () => {
    const run = subjectRunOf(github({ GITHUB_RUN_ID: '7', GITHUB_EVENT_NAME: 'push' }))
    expect(run).toMatchObject({ id: 7, attempt: 1, number: 0, workflow: '' })
  })

  it.each([
    [
      'a workflow of another repository',
      'other/repo/.github/workflows/deploy.yaml@v2',
      'deploy.yaml'
    ],
    ['no file', 'octo-org/octo-repo@refs/heads/main', ''],
    ['a file outside the workflows folder', 'octo-org/octo-repo/ci.yml@refs/heads/main', '']
  ])('names its workflow file from a reference to %s', (_, ref, file) => {
    expect(subjectRunOf(github({ ...PUSH, GITHUB_WORKFLOW_REF: ref }))?.workflow).toBe(file)
  })

  it.each(['', '0', '-3', '1.5', 'abc', '9007199254740993'])('is unknown with run id %j', id => {
    expect(subjectRunOf(github({ ...PUSH, GITHUB_RUN_ID: id }))).toBeUndefined()
  })

  it.each([{}, { workflow_run: null }, { workflow_run: 'run 555' }])(
    'is this run on workflow_run when the event holds no triggering run: %j',
    event => {
      const run = subjectRunOf(github({ ...PUSH, GITHUB_EVENT_NAME: 'workflow_run' }, event))
      expect(run?.id).toBe(1000000042)
    }
  )

  it('is this run on any other event, whatever its payload holds', () => {
    const event = { workflow_run: { id: 555, conclusion: 'failure' } }
    expect(subjectRunOf(github(PUSH, event))).toMatchObject({
      id: 1000000042,
      conclusion: undefined
    })
  })
})

describe('on workflow_run, the triggering run', () => {
  const TRIGGERING = {
    id: 555,
    run_attempt: 3,
    run_number: 77,
    workflow_id: 161335,
    head_branch: 'patch-1',
    event: 'pull_request',
    head_repository: { full_name: 'mallory/octo-repo' },
    pull_requests: [{ number: 12 }, { number: 13 }],
    conclusion: 'failure'
  }
  const onWorkflowRun = (run: unknown) =>
    subjectRunOf(github({ ...PUSH, GITHUB_EVENT_NAME: 'workflow_run' }, { workflow_run: run }))

  it('is read from the event, not from the notifying run', () => {
    expect(onWorkflowRun(TRIGGERING)).toEqual({
      id: 555,
      attempt: 3,
      number: 77,
      workflow: 161335,
      branch: 'patch-1',
      event: 'pull_request',
      headRepository: 'mallory/octo-repo',
      pullRequest: 12,
      conclusion: 'failure'
    })
  })

  it('with values of the wrong kind keeps its id and reads the rest as unknown', () => {
    const run = onWorkflowRun({
      id: 555,
      run_attempt: '3',
      run_number: -1,
      workflow_id: 'ci.yml',
      head_branch: 7,
      event: null,
      head_repository: 'mallory/octo-repo',
      pull_requests: { number: 12 },
      conclusion: 'constructor'
    })

    expect(run).toEqual({
      id: 555,
      attempt: 1,
      number: 0,
      workflow: '',
      branch: '',
      event: '',
      headRepository: '',
      pullRequest: undefined,
      conclusion: undefined
    })
  })

  it('still running has no conclusion; its pull request list may be empty', () => {
    const run = onWorkflowRun({ ...TRIGGERING, conclusion: null, pull_requests: [] })
    expect(run).toMatchObject({ conclusion: undefined, pullRequest: undefined })
  })

  it.each([
    ['no id', { ...TRIGGERING, id: undefined }],
    ['an id that is text', { ...TRIGGERING, id: '555' }],
    ['an id of 0', { ...TRIGGERING, id: 0 }]
  ])('is unknown with %s: never the notifying run instead', (_, run) => {
    expect(onWorkflowRun(run)).toBeUndefined()
  })
})

describe('describeGitHubError: what went wrong, in words', () => {
  it.each([
    [
      'no answer in time',
      new RunLookupError('the request timed out after 5 s', 'timeout', undefined),
      'gave no answer in time (the request timed out after 5 s)'
    ],
    [
      'a refusal with no status of its own',
      new RunLookupError('too many redirects', 'rejected', undefined),
      'could not be read: too many redirects'
    ],
    [
      'no connection',
      new RunLookupError('connect ECONNREFUSED 127.0.0.1:1', 'network', undefined),
      'could not be reached (connect ECONNREFUSED 127.0.0.1:1)'
    ],
    [
      'a spent rate limit',
      new RunLookupError('HTTP 403: API rate limit exceeded', 'rate-limit', 403),
      'refused the request: the API rate limit is spent (HTTP 403: API rate limit exceeded)'
    ],
    [
      'a refusal with a status',
      new RunLookupError('HTTP 403: Resource not accessible by integration', 'rejected', 403),
      'answered HTTP 403: Resource not accessible by integration'
    ],
    [
      'not found',
      new RunLookupError('HTTP 404: Not Found', 'not-found', 404),
      'answered HTTP 404: Not Found'
    ],
    ['anything else', new Error('boom'), 'answered boom']
  ])('%s', (_, error, words) => {
    expect(describeGitHubError(error)).toBe(words)
  })
})
