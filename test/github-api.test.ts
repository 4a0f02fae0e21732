import { createServer as createHttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { createProxy } from 'proxy'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RunLookupError, readPastRuns, readRun, type RunRef } from '../src/github/api.js'
import { startFakeGitHub, type FakeGitHub } from './fake-github/server.js'

const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a'
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

function ref(api: FakeGitHub = github): RunRef {
  return {
    apiUrl: api.apiUrl,
    owner: 'octo-org',
    repo: 'octo-repo',
    runId: api.runId,
    attempt: api.attempt,
    token: TOKEN
  }
}

const options = { timeoutMs: 2000, userAgent: 'rocketchat-notify', annotations: true }

async function lookupError(promise: Promise<unknown>): Promise<RunLookupError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown
  )
  expect(error).toBeInstanceOf(RunLookupError)
  return error as RunLookupError
}

describe('reading the run', () => {
  it("reads each job's result, duration and failing step, and the failed job's annotations", async () => {
    github.addJob({ name: 'lint', result: 'success' })
    const failed = github.addJob({
      name: 'unit-tests (ubuntu-latest, 20)',
      result: 'failure',
      failedStep: 4,
      startedAt: '2026-12-01T10:00:00Z',
      completedAt: '2026-12-01T10:02:05Z',
      annotations: [
        { message: 'Node.js 16 actions are deprecated.', level: 'warning' },
        { message: 'expected 2 to be 3', path: 'test/sum.test.ts', line: 7 },
        { message: 'Process completed with exit code 1.' }
      ]
    })
    github.addJob({ name: 'notify', result: 'in_progress' })

    const { details, annotationsError } = await readRun(ref(), options)

    expect(annotationsError).toBeUndefined()
    expect(details.source).toBe('api')
    expect(details.jobs.map(job => [job.name, job.result, job.completed])).toEqual([
      ['lint', 'success', true],
      ['unit-tests (ubuntu-latest, 20)', 'failure', true],
      ['notify', '', false]
    ])
    expect(details.jobs[1]).toMatchObject({
      id: failed,
      failedStep: { name: 'Run npm test', number: 4 },
      startedAt: '2026-12-01T10:00:00Z',
      completedAt: '2026-12-01T10:02:05Z'
    })
    // Failures first, in the API's order; warnings after them.
    expect(details.annotations.map(a => [a.level, a.message, a.path, a.line])).toEqual([
      ['failure', 'expected 2 to be 3', 'test/sum.test.ts', 7],
      ['failure', 'Process completed with exit code 1.', '.github', 1],
      ['warning', 'Node.js 16 actions are deprecated.', '.github', 1]
    ])
    expect(details.annotations[0]?.jobName).toBe('unit-tests (ubuntu-latest, 20)')
  })

  it('asks with the token, for this attempt, and reads annotations of failed jobs only', async () => {
    github.addJob({ name: 'build', result: 'success' })
    const failed = github.addJob({ name: 'test', result: 'failure' })

    await readRun(ref(), options)

    expect(github.requests.map(r => r.url)).toEqual([
      `/repos/octo-org/octo-repo/actions/runs/${github.runId}/attempts/1/jobs?per_page=100&page=1`,
      `/repos/octo-org/octo-repo/check-runs/${failed}/annotations?per_page=50`
    ])
    expect(github.requests.every(r => r.authorization === `token ${TOKEN}`)).toBe(true)
    expect(github.requests[0]?.userAgent).toMatch(/^rocketchat-notify/)
  })

  it("reads later pages together, beside the first failed jobs' annotations", async () => {
    for (let i = 0; i < 230; i++) {
      github.addJob({ name: `shard ${i}`, result: i % 50 === 0 ? 'failure' : 'success' })
    }
    github.latencyMs = 100

    const { details } = await readRun(ref(), options)

    expect(details.jobs).toHaveLength(230)
    expect(details.jobs.filter(job => job.result === 'failure')).toHaveLength(5)
    // Page 1; then pages 2 and 3 beside the annotations of page 1's two failed jobs; then the
    // annotations of the three failed jobs found on later pages.
    expect(github.requests).toHaveLength(1 + 2 + 5)
    expect(rounds(github)).toBe(3)
  })

  it('reads a run of up to 100 jobs in two rounds', async () => {
    for (let i = 0; i < 100; i++) {
      github.addJob({ name: `shard ${i}`, result: i < 8 ? 'failure' : 'success' })
    }
    github.latencyMs = 100

    const { details } = await readRun(ref(), options)

    expect(details.jobs).toHaveLength(100)
    // Five failed jobs are annotated: a message shows a few annotations anyway.
    expect(github.requests.filter(r => r.route === 'annotations')).toHaveLength(5)
    expect(rounds(github)).toBe(2)
  })

  it('reads the jobs alone, in one round, when the message shows no annotations', async () => {
    github.addJob({ name: 'test', result: 'failure', annotations: [{ message: 'x' }] })

    const { details } = await readRun(ref(), { ...options, annotations: false })

    expect(details.jobs[0]?.result).toBe('failure')
    expect(details.annotations).toEqual([])
    expect(github.requests.map(r => r.route)).toEqual(['jobs'])
  })

  it('works on GitHub Enterprise Server, under /api/v3, with its own example answers', async () => {
    ghes.addJob({ name: 'build', result: 'failure', annotations: [{ message: 'boom' }] })

    const { details } = await readRun(ref(ghes), options)

    expect(details.jobs[0]?.name).toBe('build')
    expect(details.annotations[0]?.message).toBe('boom')
    expect(ghes.requests[0]?.url).toMatch(/^\/api\/v3\/repos\/octo-org\/octo-repo\/actions\//)
  })
})

describe('the proxy', () => {
  it('goes through the proxy it is given, and straight to a host NO_PROXY names', async () => {
    github.addJob({ name: 'build', result: 'failure' })
    const tunnels: string[] = []
    const proxy = createProxy(createHttpServer())
    proxy.prependListener('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''))
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    const proxyUrl = `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`
    // A process warning is printed into the job's log (undici's experimental proxy agent made one).
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.message)
    process.on('warning', onWarning)
    try {
      const through = await readRun(ref(), { ...options, proxy: { httpProxy: proxyUrl } })
      const tunnelled = tunnels.length
      const direct = await readRun(ref(), {
        ...options,
        proxy: { httpProxy: proxyUrl, noProxy: '127.0.0.1' }
      })

      expect(through.details.jobs[0]?.name).toBe('build')
      expect(tunnelled).toBeGreaterThan(0)
      expect(direct.details.jobs[0]?.name).toBe('build')
      expect(tunnels).toHaveLength(tunnelled)
      expect(warnings).toEqual([])
    } finally {
      process.off('warning', onWarning)
      await new Promise(resolve => proxy.close(resolve))
    }
  })
})

describe('when GitHub does not give the run', () => {
  it('names a token without actions: read (403 Resource not accessible by integration)', async () => {
    github.fail('jobs', 'forbidden')

    const error = await lookupError(readRun(ref(), options))

    expect(error).toMatchObject({ kind: 'auth', status: 403 })
    expect(error.message).toContain('Resource not accessible by integration')
    expect(error.message).not.toContain(TOKEN)
  })

  it('tells a missing run (404) apart', async () => {
    github.fail('jobs', 'not-found')

    expect(await lookupError(readRun(ref(), options))).toMatchObject({
      kind: 'not-found',
      status: 404
    })
  })

  it('tells a rate limit (x-ratelimit-remaining: 0) apart from a refusal', async () => {
    github.fail('jobs', 'rate-limited')

    expect(await lookupError(readRun(ref(), options))).toMatchObject({
      kind: 'rate-limit',
      status: 403
    })
  })

  it('gives up on a slow API within its own budget', async () => {
    github.fail('jobs', 'slow')

    const error = await lookupError(readRun(ref(), { ...options, timeoutMs: 300 }))

    expect(error).toMatchObject({ kind: 'timeout', message: 'no answer within 0.3 s' })
  })

  it('reports an API that cannot be reached, or that cuts the connection', async () => {
    const closed = await freePort()
    const unreachable = readRun({ ...ref(), apiUrl: `http://127.0.0.1:${closed}` }, options)
    expect(await lookupError(unreachable)).toMatchObject({ kind: 'network', status: undefined })

    github.fail('jobs', 'reset')
    expect((await lookupError(readRun(ref(), options))).kind).toBe('network')
  })

  it('names a redirect loop as one, not as an API that cannot be reached', async () => {
    github.fail('jobs', 'redirect-loop')

    const error = await lookupError(readRun(ref(), options))

    expect(error).toMatchObject({
      kind: 'rejected',
      status: undefined,
      message: 'redirected too many times (more than 20 redirects)'
    })
    // undici's fetch gives up after 20 redirects: the first request and 20 more.
    expect(github.requests.filter(request => request.route === 'jobs')).toHaveLength(21)
  })

  it('keeps the jobs when only the annotations are refused (no checks: read)', async () => {
    github.addJob({
      name: 'test',
      result: 'failure',
      failedStep: 3,
      annotations: [{ message: 'x' }]
    })
    github.fail('annotations', 'forbidden')

    const { details, annotationsError } = await readRun(ref(), options)

    expect(details.jobs[0]?.failedStep?.number).toBe(3)
    expect(details.annotations).toEqual([])
    expect(annotationsError).toMatchObject({ kind: 'auth', status: 403 })
  })
})

/** Requests that arrive within one latency of the round's first belong to that round. */
function rounds(api: FakeGitHub): number {
  let count = 0
  let roundStart = -Infinity
  for (const { receivedAt } of api.requests) {
    if (receivedAt - roundStart >= api.latencyMs * 0.8) {
      count++
      roundStart = receivedAt
    }
  }
  return count
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise<void>(done =>
    server.close(() => {
      done()
    })
  )
  return port
}

describe('reading a failed job’s log', () => {
  const withLogs = { ...options, logLines: 3 }

  it('follows the redirect to the signed URL without the token, asking for the last 1 MiB', async () => {
    const id = github.addJob({
      name: 'test',
      result: 'failure',
      failedStep: 4,
      failedStepLog: ['##[error]expected 2 to be 3', 'at sum.test.ts:7']
    })

    const { details, logsError } = await readRun(ref(), withLogs)

    expect(logsError).toBeUndefined()
    expect(details.jobs[0]?.log).toBe(
      'Error: expected 2 to be 3\nat sum.test.ts:7\nError: Process completed with exit code 1.'
    )
    expect(github.requests.find(r => r.route === 'logs')?.url).toBe(
      `/repos/octo-org/octo-repo/actions/jobs/${id}/logs`
    )
    expect(github.signedRequests).toEqual([
      expect.objectContaining({ authorization: undefined, range: 'bytes=-1048576' })
    ])
  })

  it('reads the logs of finished failed jobs only, three at most, beside the annotations', async () => {
    github.addJob({ name: 'lint', result: 'success' })
    for (const name of ['a', 'b', 'c', 'd']) github.addJob({ name, result: 'failure' })
    github.addJob({ name: 'notify', result: 'in_progress', failedStep: 2 })

    const { details, unfinished } = await readRun(ref(), withLogs)

    expect(details.jobs.filter(job => job.log !== undefined).map(job => job.name)).toEqual([
      'a',
      'b',
      'c'
    ])
    expect(unfinished).toEqual(['notify'])
    expect(github.signedRequests).toHaveLength(3)
  })

  it('keeps the jobs when the log is refused, naming why', async () => {
    github.addJob({ name: 'test', result: 'failure' })
    github.fail('logs', 'forbidden')

    const { details, logsError } = await readRun(ref(), withLogs)

    expect(details.jobs).toHaveLength(1)
    expect(logsError).toMatchObject({ kind: 'auth', status: 403 })
    expect(logsError?.message).toContain('Resource not accessible by integration')
  })

  it('keeps the jobs when the log redirects in a loop, naming the loop', async () => {
    github.addJob({ name: 'test', result: 'failure' })
    github.fail('logs', 'redirect-loop')

    const { details, logsError } = await readRun(ref(), withLogs)

    expect(details.jobs).toHaveLength(1)
    expect(logsError).toMatchObject({
      kind: 'rejected',
      message: 'redirected too many times (more than 20 redirects)'
    })
  })

  it('gives up on a whole log past 16 MiB from a server that ignores Range, within the budget', async () => {
    github.ignoreRange = true
    github.addJob({
      name: 'test',
      result: 'failure',
      log: `${'x'.repeat(1023)}\n`.repeat(17 * 1024)
    })

    // A budget that reading 16 MiB on a busy machine stays within: the cap is what must stop it.
    const { details, logsError } = await readRun(ref(), { ...withLogs, timeoutMs: 20_000 })

    expect(details.jobs[0]?.log).toBeUndefined()
    expect(logsError?.message).toMatch(/log of more than 16777216 bytes/)
  })

  it('keeps the jobs and annotations when the log does not come within the budget', async () => {
    github.addJob({ name: 'test', result: 'failure', annotations: [{ message: 'boom' }] })
    github.fail('logs', 'slow')

    const { details, logsError } = await readRun(ref(), { ...withLogs, timeoutMs: 500 })

    expect(details.annotations.map(a => a.message)).toEqual(['boom'])
    expect(logsError).toMatchObject({ kind: 'timeout', message: 'no answer within 0.5 s' })
  })

  it('reads no log without logLines', async () => {
    github.addJob({ name: 'test', result: 'failure' })

    await readRun(ref(), options)

    expect(github.requests.map(r => r.route)).not.toContain('logs')
  })
})

describe('reading a workflow’s past runs', () => {
  const workflow = (branch: string) => ({ ...ref(), workflow: 'ci.yml', branch })

  it('lists the completed runs on the branch, newest first', async () => {
    github.addPastRun({ number: 7, conclusion: 'success' })
    github.addPastRun({ number: 8, conclusion: 'timed_out' })
    github.addPastRun({ number: 9, conclusion: 'failure', branch: 'dev' })

    const runs = await readPastRuns(workflow('main'), options)

    expect(runs.map(run => [run.number, run.conclusion])).toEqual([
      [8, 'timed_out'],
      [7, 'success']
    ])
    expect(runs[0]?.url).toMatch(/^https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+$/)
    expect(runs[0]?.sha).toMatch(/^[0-9a-f]{40}$/)
  })

  it('says why it could not', async () => {
    github.fail('runs', 'rate-limited')

    const error = await lookupError(readPastRuns(workflow('main'), options))

    expect(error.kind).toBe('rate-limit')
  })
})
