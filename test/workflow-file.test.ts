import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RunLookupError } from '../src/github/lookup-error.js'
import { readWorkflowFile, type WorkflowFileRef } from '../src/github/workflow-file.js'
import { startFakeGitHub, type FakeGitHub } from './fake-github/server.js'

const TOKEN = 'ghs_WorkflowFileToken000000000000000000'
const SHA = '89abcdef0123456789abcdef0123456789abcdef'
const PATH = '.github/workflows/ci.yml'
const TEXT =
  "on: push\njobs:\n  build:\n    steps:\n      - with:\n          body: 'Deployed {{ github.sha }} ✓'\n"

let github: FakeGitHub
let ghes: FakeGitHub
beforeAll(async () => {
  github = await startFakeGitHub()
  ghes = await startFakeGitHub({ ghes: true })
})
afterAll(async () => {
  await github.close()
  await ghes.close()
})
beforeEach(() => {
  github.reset()
  ghes.reset()
})

function ref(api: FakeGitHub = github, changes: Partial<WorkflowFileRef> = {}): WorkflowFileRef {
  return {
    apiUrl: api.apiUrl,
    token: TOKEN,
    workflowRef: `octo-org/octo-repo/${PATH}@refs/heads/main`,
    sha: SHA,
    ...changes
  }
}

const options = { timeoutMs: 2000, userAgent: 'rocketchat-notify', annotations: false }

async function failure(promise: Promise<unknown>): Promise<RunLookupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  if (!(error instanceof RunLookupError)) throw new Error(`not a RunLookupError: ${String(error)}`)
  return error
}

describe('readWorkflowFile: the workflow file at GITHUB_WORKFLOW_SHA, in one request', () => {
  it.each([
    ['api.github.com', () => github],
    ['GHES, under /api/v3', () => ghes]
  ])('%s: the text, from one GET of the contents at the commit with the token', async (_, api) => {
    api().addFile(PATH, SHA, TEXT)

    expect(await readWorkflowFile(ref(api()), options)).toBe(TEXT)

    const prefix = api() === ghes ? '/api/v3' : ''
    expect(api().requests.map(r => [r.method, r.url, r.authorization, r.userAgent])).toEqual([
      [
        'GET',
        `${prefix}/repos/octo-org/octo-repo/contents/${PATH}?ref=${SHA}`,
        `token ${TOKEN}`,
        'rocketchat-notify'
      ]
    ])
  })

  it('never sends the credentials of a GITHUB_API_URL with user:password@', async () => {
    github.addFile(PATH, SHA, TEXT)
    const api = new URL(github.apiUrl)
    api.username = 'user'
    api.password = 'secret'

    expect(await readWorkflowFile(ref(github, { apiUrl: api.href }), options)).toBe(TEXT)
    expect(github.requests.map(r => r.authorization)).toEqual([`token ${TOKEN}`])
  })

  it.each<[string, () => void, string, string]>([
    [
      'a 403',
      () => {
        github.fail('contents', 'forbidden')
      },
      'auth',
      '403 Resource not accessible by integration'
    ],
    ['a 404', () => undefined, 'not-found', '404 Not Found'],
    [
      'a rate limit',
      () => {
        github.fail('contents', 'rate-limited')
      },
      'rate-limit',
      '403 rate limit exceeded'
    ],
    [
      'a reset connection',
      () => {
        github.fail('contents', 'reset')
      },
      'network',
      'connection closed by the server before it answered'
    ]
  ])('%s: a RunLookupError that says why, after one request', async (_, fault, kind, message) => {
    fault()

    const error = await failure(readWorkflowFile(ref(), options))

    expect([error.kind, error.message]).toEqual([kind, message])
    expect(error.message).not.toContain(TOKEN)
    expect(github.requests).toHaveLength(1)
  })

  it('an API that does not answer: a timeout named by the budget given', async () => {
    github.addFile(PATH, SHA, TEXT)
    github.fail('contents', 'slow')

    const error = await failure(readWorkflowFile(ref(), { ...options, timeoutMs: 200 }))

    expect([error.kind, error.message]).toEqual(['timeout', 'no answer within 0.2 s'])
  })

  it('nothing listening: a network failure that names it', async () => {
    const closed = await startFakeGitHub()
    const apiUrl = closed.apiUrl
    await closed.close()

    const error = await failure(readWorkflowFile(ref(github, { apiUrl }), options))

    expect([error.kind, error.message]).toEqual(['network', 'connection refused'])
  })

  it.each([
    [
      'a workflow ref outside .github/workflows',
      { workflowRef: 'octo-org/octo-repo/ci.yml@refs/heads/main' }
    ],
    ['a branch name for the commit', { sha: 'main' }]
  ])('%s: refused without a request', async (_, changes) => {
    const error = await failure(readWorkflowFile(ref(github, changes), options))

    expect(error.kind).toBe('rejected')
    expect(github.requests).toEqual([])
  })
})
