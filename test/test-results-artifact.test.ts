import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { runVia, type Via } from './support/run-in-process.js'
import { deflatedZeros, zip } from './support/zip.js'

/**
 * `test-results-artifact` in whole runs (src/action/test-results.ts, src/github/api.ts,
 * src/test-results/artifact-zip.ts): on workflow_run, the reports in the triggering run's
 * artifact, served by the fake GitHub API as a zip behind a signed URL.
 */
const TOKEN = 'ghs_4rt1f4cTs0k3nN0b0dyM4yS33xxxxxxxxxxx'
const ARTIFACT = 'test-reports'
const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()
const vitestJunit = readFileSync('test/fixtures/test-results/vitest-junit.xml', 'utf8')
const pytestJunit = readFileSync('test/fixtures/test-results/pytest-junit.xml', 'utf8')

const triggering = () => ({
  action: 'completed',
  workflow_run: {
    id: github.runId,
    run_attempt: github.attempt,
    run_number: 17,
    name: 'CI',
    workflow_id: github.workflowId,
    head_branch: 'main',
    head_sha: 'fedcba9876543210fedcba9876543210fedcba98',
    event: 'pull_request',
    conclusion: 'failure',
    pull_requests: [],
    html_url: `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}`
  }
})

/** A run of the notifier, `via` the test says (test/support/run-in-process.ts). */
function notify(
  inputs: Record<string, string> = {},
  eventName = 'workflow_run',
  via: Via = 'process'
) {
  return runVia(
    via,
    {
      url: `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`,
      status: 'failure',
      'github-token': TOKEN,
      'test-results-artifact': ARTIFACT,
      ...inputs
    },
    {
      eventName,
      event: eventName === 'workflow_run' ? triggering() : {},
      env: { GITHUB_API_URL: github.apiUrl, GITHUB_RUN_ID: '555000111', GITHUB_WORKFLOW: 'Notify' }
    }
  )
}

const headline = () => server.messages.find(m => m.tmid === undefined)?.msg.split('\n')[0] ?? ''
const errors = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('::error'))

describe('on workflow_run, the reports in the triggering run’s artifact', () => {
  it('count in the headline and the outputs, read from its zip behind the signed URL', async () => {
    github.addArtifact('coverage', zip([{ name: 'junit.xml', data: pytestJunit }]))
    github.addArtifact(
      ARTIFACT,
      zip([
        { name: 'vitest/junit.xml', data: vitestJunit },
        { name: 'pytest/junit.xml', data: pytestJunit },
        { name: 'screenshots/home.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) }
      ])
    )

    const run = await notify({}, 'workflow_run', 'bundle')

    expect(run.code).toBe(0)
    expect(errors(run.stdout)).toEqual([])
    expect(headline()).toMatch(/^❌ 4 failed · 5 passed · 2 skipped · /)
    expect(run.outputs).toMatchObject({ 'tests-total': '11', 'tests-failed': '4' })
    const json = JSON.parse(run.outputs['test-results'] ?? '{}') as { reports: { file: string }[] }
    expect(json.reports.map(report => report.file).sort()).toEqual([
      `${ARTIFACT}/pytest/junit.xml`,
      `${ARTIFACT}/vitest/junit.xml`
    ])
    // The list asks for the artifact by name; the signed URL is read without the token.
    const listed = github.requests.find(request => request.route === 'artifacts')
    expect(listed?.url).toContain(`/actions/runs/${github.runId}/artifacts?`)
    expect(listed?.url).toContain(`name=${ARTIFACT}`)
    expect(listed?.authorization).toBe(`token ${TOKEN}`)
    const download = github.signedRequests.find(request =>
      request.url.includes('signedartifactscontent')
    )
    expect(download).toBeDefined()
    expect(download?.authorization).toBeUndefined()
  })

  it('refuses a zip bomb (1 GiB of zeros declared as 1 KiB) by the artifact’s name; the message goes', async () => {
    github.addArtifact(
      ARTIFACT,
      zip([
        { name: 'junit.xml', data: vitestJunit },
        { name: 'bomb.xml', deflated: deflatedZeros(1024), declaredSize: 1024 }
      ])
    )

    const run = await notify({ 'fail-on-error': 'true' })

    expect(server.messages).toHaveLength(1)
    expect(errors(run.stdout).join('\n')).toMatch(
      new RegExp(`test-results-artifact: artifact ${ARTIFACT} is refused: .*bomb\\.xml`)
    )
    expect(run.code).toBe(1)
  })

  it('refuses a zip whose entries declare more than four times max-file-size', async () => {
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', deflated: deflatedZeros(1024) }]))

    const run = await notify()

    expect(server.messages).toHaveLength(1)
    expect(errors(run.stdout).join('\n')).toContain(
      `artifact ${ARTIFACT} is refused: its entries declare 1073741824 bytes`
    )
  })

  it('refuses a zip whose entry escapes it (`../`), reading none of it', async () => {
    github.addArtifact(
      ARTIFACT,
      zip([
        { name: 'junit.xml', data: vitestJunit },
        { name: '../../.github/workflows/evil.xml', data: pytestJunit }
      ])
    )

    const run = await notify()

    expect(server.messages).toHaveLength(1)
    expect(run.outputs['tests-total']).toBeUndefined()
    expect(errors(run.stdout).join('\n')).toMatch(
      new RegExp(`artifact ${ARTIFACT} is refused: .*\\.\\./\\.\\./\\.github/workflows/evil\\.xml`)
    )
  })

  it('leaves out a report larger than max-file-size by its name, and counts the others', async () => {
    github.addArtifact(
      ARTIFACT,
      zip([
        { name: 'small.xml', data: vitestJunit },
        { name: 'large.xml', data: pytestJunit.padEnd(4096, ' ') }
      ])
    )

    const run = await notify({ 'max-file-size': '3K' })

    expect(headline()).toMatch(/^❌ 2 failed · 3 passed · 1 skipped · /)
    expect(errors(run.stdout).join('\n')).toContain(
      `${ARTIFACT}/large.xml is larger than max-file-size (3072 bytes)`
    )
  })

  it('refuses a zip larger than max-file-size by the size GitHub lists, downloading none of it', async () => {
    const reports = zip([
      { name: 'junit.xml', data: vitestJunit },
      { name: 'trace.bin', data: randomBytes(2048) }
    ])
    github.addArtifact(ARTIFACT, reports)

    const run = await notify({ 'max-file-size': '1K' })

    expect(server.messages).toHaveLength(1)
    expect(errors(run.stdout).join('\n')).toContain(
      `its zip is ${reports.byteLength} bytes, more than the limit of 1024`
    )
    expect(github.signedRequests).toEqual([])
  })

  it('names the permission when GitHub refuses the token', async () => {
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', data: vitestJunit }]))
    github.fail('artifacts', 'forbidden')

    const run = await notify()

    expect(server.messages).toHaveLength(1)
    expect(errors(run.stdout).join('\n')).toContain('`actions: read`')
    expect(errors(run.stdout).join('\n')).not.toContain(TOKEN)
  })

  it('says how to upload it when the run has no artifact of that name; the message goes', async () => {
    github.addArtifact('coverage', zip([{ name: 'junit.xml', data: vitestJunit }]))

    const run = await notify()

    expect(server.messages).toHaveLength(1)
    const said = errors(run.stdout).join('\n')
    expect(said).toContain(`artifact ${ARTIFACT} of run ${github.runId}`)
    expect(said).toContain('actions/upload-artifact')
  })
})

describe('elsewhere than on workflow_run', () => {
  it('is a mistake that says to use test-results in the job that ran the tests', async () => {
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', data: vitestJunit }]))

    const run = await notify({}, 'push')

    expect(server.messages).toHaveLength(1)
    expect(errors(run.stdout).join('\n')).toContain('give its reports to `test-results` instead')
    expect(github.requests.filter(request => request.route === 'artifacts')).toEqual([])
  })
})
