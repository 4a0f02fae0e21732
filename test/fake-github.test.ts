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

describe('the fake GitHub API’s artifacts', () => {
  const artifactsPath = (query = '') =>
    `${github.apiUrl}/repos/octo-org/octo-repo/actions/runs/${github.runId}/artifacts${query}`

  it('lists the run’s artifacts, `?name=` by exact name, with their zip’s size', async () => {
    github.addArtifact('test-reports-old', Buffer.from('other'))
    const id = github.addArtifact('test-reports', Buffer.from('PK zip'))

    const answer = (await (await fetch(artifactsPath('?name=test-reports'), auth)).json()) as {
      total_count: number
      artifacts: Record<string, unknown>[]
    }

    expect(answer.total_count).toBe(1)
    expect(answer.artifacts[0]).toMatchObject({
      id,
      name: 'test-reports',
      size_in_bytes: 6,
      expired: false,
      archive_download_url: `${github.apiUrl}/repos/octo-org/octo-repo/actions/artifacts/${id}/zip`
    })
  })

  it('downloads one by a 302 to a signed URL on another origin, which serves the zip', async () => {
    const id = github.addArtifact('test-reports', Buffer.from('PK zip'))
    const download = `${github.apiUrl}/repos/octo-org/octo-repo/actions/artifacts/${id}/zip`

    const redirect = await fetch(download, { ...auth, redirect: 'manual' })
    const location = redirect.headers.get('location') ?? ''
    const zip = await fetch(location)

    expect(redirect.status).toBe(302)
    expect(new URL(location).origin).not.toBe(new URL(github.apiUrl).origin)
    expect(Buffer.from(await zip.arrayBuffer()).toString()).toBe('PK zip')
    expect(github.signedRequests.at(-1)?.authorization).toBeUndefined()
    expect((await fetch(download.replace(String(id), String(id + 9)), auth)).status).toBe(404)
  })
})
