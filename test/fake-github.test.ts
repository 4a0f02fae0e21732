import { describe, expect, it } from 'vitest'
import { exampleJob } from './fake-github/examples.js'
import { useFakeGitHub } from './support/fake.js'

const github = useFakeGitHub()

const jobsPath = (query = '') =>
  `${github.apiUrl}/repos/octo-org/octo-repo/actions/runs/${github.runId}/attempts/1/jobs${query}`
const auth = { headers: { authorization: 'token t' } }

describe('the fake GitHub API', () => {
  it("answers with GitHub's example job, every field kept, ids and results the test's", async () => {
    const id = github.addJob({
      name: 'unit-tests (ubuntu-latest, 20)',
      result: 'failure',
      failedStep: 4
    })

    const answer = (await (await fetch(jobsPath(), auth)).json()) as {
      total_count: number
      jobs: Record<string, unknown>[]
    }

    expect(answer.total_count).toBe(1)
    const [job] = answer.jobs
    expect(Object.keys(job ?? {}).sort()).toEqual(Object.keys(exampleJob('api.github.com')).sort())
    expect(job).toMatchObject({ id, name: 'unit-tests (ubuntu-latest, 20)', conclusion: 'failure' })
    const steps = job?.steps as { number: number; conclusion: string }[]
    expect(steps.map(s => s.conclusion)).toEqual([
      'success',
      'success',
      'success',
      'failure',
      'skipped',
      'skipped'
    ])
  })

  it('paginates as GitHub does: per_page up to 100, page, and a Link header', async () => {
    for (let i = 0; i < 5; i++) github.addJob({ name: `job ${i}`, result: 'success' })

    const answer = await fetch(jobsPath('?per_page=2&page=2'), auth)
    const body = (await answer.json()) as { total_count: number; jobs: { name: string }[] }

    expect(body.total_count).toBe(5)
    expect(body.jobs.map(j => j.name)).toEqual(['job 2', 'job 3'])
    const link = answer.headers.get('link') ?? ''
    expect(link).toContain('page=3>; rel="next"')
    expect(link).toContain('page=3>; rel="last"')
    expect(link).toContain('page=1>; rel="prev"')
  })

  it('asks for a token, as GitHub does for a private repository', async () => {
    const answer = await fetch(jobsPath())
    expect(answer.status).toBe(401)
    expect(await answer.json()).toMatchObject({ message: 'Requires authentication' })
  })

  it('answers 404 for another run or an unknown path', async () => {
    const other = jobsPath().replace(String(github.runId), '1')
    expect((await fetch(other, auth)).status).toBe(404)
    expect(
      (await fetch(`${github.apiUrl}/repos/octo-org/octo-repo/actions/runs`, auth)).status
    ).toBe(404)
  })
})
