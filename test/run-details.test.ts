/**
 * The run's details in alerts, proved through the bundle as the runner runs it, against the fake
 * Rocket.Chat and a fake GitHub API on loopback.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFakeGitHub } from './fake-github/server.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { NODE_20, runAction, type ActionRun, type RunOptions } from './support/run-action.js'

const TOKEN = 'ghs_d3tA1lsT0k3nN0b0dyM4yS33xxxxxxxxxxx'
const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()

function alert(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  return runAction(
    {
      url: `rocket://bot:bot-password@${server.host}/#general`,
      'github-token': TOKEN,
      ...inputs
    },
    {
      ...options,
      env: {
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: String(github.runId),
        GITHUB_RUN_ATTEMPT: String(github.attempt),
        ...options.env
      }
    }
  )
}

/** Everything the message shows: its text and its attachments. */
function shown(): string {
  const message = server.messages[0]
  return message ? `${message.msg}\n${JSON.stringify(message.attachments)}` : ''
}

/** The text of the message's attachment, where the details go. */
function attachmentText(): string {
  const [attachment] = (server.messages[0]?.attachments ?? []) as { text?: string }[]
  return attachment?.text ?? ''
}

/** What a reader sees: logs (the runner hides `::add-mask::` commands), outputs and summary. */
function logs(run: ActionRun): string {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n')
  const shownLines = lines.filter(line => !line.startsWith('::add-mask::'))
  return [...shownLines, JSON.stringify(run.outputs), run.summary].join('\n')
}

/** A run that started 3m 25s ago: lint passed, unit tests failed at step 4, notify is running. */
function failedUnitTests(): number {
  const at = (seconds: number) => new Date(Date.now() + (seconds - 205) * 1000).toISOString()
  github.addJob({ name: 'lint', result: 'success', startedAt: at(0), completedAt: at(60) })
  const id = github.addJob({
    name: 'unit-tests (ubuntu-latest, 20)',
    result: 'failure',
    failedStep: 4,
    startedAt: at(0),
    completedAt: at(125),
    annotations: [
      { message: 'Node.js 20 actions are deprecated.', level: 'warning' },
      { message: 'AssertionError: expected 2 to be 3', path: 'test/sum.test.ts', line: 12 },
      { message: 'Process completed with exit code 1.' }
    ]
  })
  github.addJob({ name: 'notify', result: 'in_progress', startedAt: at(130) })
  return id
}

describe('a failure alert', () => {
  it('names the failed job and step, links to the step log and shows the first error', async () => {
    const id = failedUnitTests()

    const run = await alert({ status: 'failure' })

    expect(run.code).toBe(0)
    const stepLog = `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}/job/${id}#step:4:1`
    const message = server.messages[0]
    expect(message?.msg).toContain('unit-tests (ubuntu-latest, 20) at step 4')
    const text = attachmentText()
    expect(text).toContain(`failed at step 4: [Run npm test](${stepLog}) (2m 5s)`)
    expect(text).toContain('> `test/sum.test.ts:12` `AssertionError: expected 2 to be 3`')
    expect(text).not.toContain('deprecated')
    // The run so far: from the first job's start to now, the notifying job still running.
    expect(shown()).toMatch(/"title":"Duration","value":"3m 2\ds"/)
    expect(github.requests.map(r => r.route)).toEqual(['jobs', 'annotations'])
    // Masked before anything could print it; shown nowhere.
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`)
    expect(logs(run)).not.toContain(TOKEN)
  })

  it.runIf(NODE_20 !== undefined)('works on Node 20 too', async () => {
    const id = failedUnitTests()

    const run = await alert({ status: 'failure' }, { node: NODE_20 ?? '' })

    expect(run.code).toBe(0)
    expect(attachmentText()).toContain(`/job/${id}#step:4:1)`)
  })

  it('reads the run from GitHub Enterprise Server, whose API is under /api/v3', async () => {
    const ghes = await startFakeGitHub({ ghes: true })
    try {
      const id = ghes.addJob({ name: 'build', result: 'failure', failedStep: 2 })

      const run = await alert(
        { status: 'failure' },
        { env: { GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_API_URL: ghes.apiUrl } }
      )

      expect(run.code).toBe(0)
      expect(ghes.requests[0]?.url).toMatch(/^\/api\/v3\/repos\/octo-org\/octo-repo\/actions\//)
      expect(attachmentText()).toContain(
        `(https://ghe.example.com/octo-org/octo-repo/actions/runs/${ghes.runId}/job/${id}#step:2:1)`
      )
    } finally {
      await ghes.close()
    }
  })

  it('from the failing job itself (if: failure()) names its own failed step', async () => {
    github.addJob({ name: 'lint', result: 'success' })
    const id = github.addJob({
      name: 'build',
      result: 'in_progress',
      failedStep: 3,
      annotations: [{ message: 'tsc: error TS2322', path: 'src/a.ts', line: 9 }]
    })

    await alert({ status: 'failure' })

    expect(server.messages[0]?.msg).toContain(' · build at step 3')
    expect(attachmentText()).toContain(`/job/${id}#step:3:1)`)
    expect(attachmentText()).toContain('`src/a.ts:9` `tsc: error TS2322`')
  })

  it('offers the details to a custom template as run_details', async () => {
    failedUnitTests()

    await alert({
      status: 'failure',
      body: "${{ join(run_details.failed_jobs.*.name, ', ') }} failed: ${{ run_details.annotations[0].message }}"
    })

    expect(server.messages[0]?.msg).toBe(
      'unit-tests (ubuntu-latest, 20) failed: AssertionError: expected 2 to be 3'
    )
  })

  it('lets a {{ }} template link the failed step, as the README shows', async () => {
    const id = failedUnitTests()

    await alert({
      status: 'failure',
      body:
        "{{ join(run_details.failed_jobs.*.name, ', ') }} failed at " +
        '[step {{ run_details.failed_jobs[0].failed_step.number }}]' +
        '({{ run_details.failed_jobs[0].failed_step.url }}): {{ run_details.annotations[0].message }}'
    })

    expect(server.messages[0]?.msg).toBe(
      `unit-tests (ubuntu-latest, 20) failed at [step 4](https://github.com/octo-org/octo-repo/actions/runs/${github.runId}/job/${id}#step:4:1): AssertionError: expected 2 to be 3`
    )
  })

  it('reads only the jobs, in one round, for a template that shows no annotations', async () => {
    failedUnitTests()

    await alert({
      status: 'failure',
      body: '${{ run_details.failed_jobs[0].name }} failed after ${{ run_details.duration }}'
    })

    expect(server.messages[0]?.msg).toMatch(
      /^unit-tests \(ubuntu-latest, 20\) failed after 3m 2\ds$/
    )
    expect(github.requests.map(r => r.route)).toEqual(['jobs'])
  })

  it('never lets a job name from the API mention anyone', async () => {
    github.addJob({ name: 'deploy @all @octocat', result: 'failure', failedStep: 2 })

    await alert({ status: 'failure' })

    expect(shown()).toContain('deploy')
    expect(shown()).not.toMatch(/@(all|octocat)/)
  })

  it.each([
    [
      'a 403 (no actions: read)',
      () => {
        github.fail('jobs', 'forbidden')
      },
      /403 Resource not accessible by integration/
    ],
    [
      'a rate limit',
      () => {
        github.fail('jobs', 'rate-limited')
      },
      /rate limit/
    ],
    [
      'a 404',
      () => {
        github.fail('jobs', 'not-found')
      },
      /404 Not Found/
    ]
  ])(
    'is sent without the details after %s, with a notice naming actions: read',
    async (_, fault, said) => {
      failedUnitTests()
      fault()

      const run = await alert({ status: 'failure' })

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(server.messages[0]?.msg).toContain('CI failed in octo-org/octo-repo')
      const notices = run.stdout.split('\n').filter(line => line.startsWith('::notice::'))
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatch(said)
      expect(notices[0]).toContain('`actions: read`')
      expect(notices[0]).toContain('`checks: read`')
      expect(logs(run)).not.toContain(TOKEN)
    }
  )

  it('is sent promptly when the API cannot be reached or does not answer', async () => {
    const closed = await freePort()
    let started = Date.now()
    const unreachable = await alert(
      { status: 'failure' },
      { env: { GITHUB_API_URL: `http://127.0.0.1:${closed}` } }
    )
    expect(unreachable.code).toBe(0)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(unreachable.stdout).toMatch(
      /::notice::Run details left out: GitHub could not be reached.*actions: read/
    )

    github.fail('jobs', 'slow')
    started = Date.now()
    const slow = await alert({ status: 'failure' })
    expect(slow.code).toBe(0)
    // The lookup's own budget is 5 s; the alert goes right after it.
    expect(Date.now() - started).toBeLessThan(9000)
    expect(slow.stdout).toMatch(/::notice::Run details left out: GitHub gave no answer in time/)
    expect(server.messages).toHaveLength(2)
  })

  it('keeps the jobs when only the annotations are refused, and names checks: read', async () => {
    failedUnitTests()
    github.fail('annotations', 'forbidden')

    const run = await alert({ status: 'failure' })

    expect(shown()).toContain('failed at step 4')
    expect(run.stdout).toMatch(/::notice::Error annotations left out: .*`checks: read`/)
  })
})

describe('a success alert', () => {
  it('makes no API call', async () => {
    failedUnitTests()

    const run = await alert({ status: 'success' })

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toContain('CI succeeded')
    // The fake GitHub's request log: a lookup that was made and failed would be here too.
    expect(github.requests).toEqual([])
    expect(run.stdout).not.toContain('Run details left out')
  })

  it('loads no Octokit code', async () => {
    // The bundle without its Octokit chunk: a run that tried to load it would say so in a notice.
    const dir = mkdtempSync(join(tmpdir(), 'rocket-dist-'))
    cpSync('dist', dir, { recursive: true })
    const octokit = readdirSync(dir).filter(name =>
      readFileSync(join(dir, name), 'utf8').includes('@octokit/core')
    )
    expect(octokit).not.toHaveLength(0)
    for (const name of octokit) rmSync(join(dir, name))
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    try {
      failedUnitTests()
      const run = await runWith(join(dir, 'index.js'), { status: 'success' })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toContain('CI succeeded')
      expect(run.stdout).not.toContain('::notice::')
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})

describe('status: auto in a summary job', () => {
  it('reports failure when a job failed, listing each job with its result', async () => {
    failedUnitTests()

    const run = await alert({ status: 'auto' })

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
    const text = attachmentText()
    expect(text).toContain('✅ lint · ❌ unit-tests (ubuntu-latest, 20)')
    expect(text).not.toContain('notify')
  })

  it('reports success when every other job passed, the running one left out', async () => {
    github.addJob({ name: 'lint', result: 'success' })
    github.addJob({ name: 'docs', result: 'skipped' })
    github.addJob({ name: 'notify', result: 'in_progress' })

    await alert({ status: 'auto' })

    expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded/)
    expect(github.requests.map(r => r.route)).toEqual(['jobs'])
  })

  it('reports cancelled when a job was cancelled and none failed', async () => {
    github.addJob({ name: 'lint', result: 'success' })
    github.addJob({ name: 'e2e', result: 'cancelled' })

    await alert({ status: 'auto' })

    expect(server.messages[0]?.msg).toMatch(/^⚪ CI was cancelled/)
  })

  it('takes the results from needs without the API, for workflows without actions: read', async () => {
    const needs = {
      build: { result: 'success', outputs: {} },
      test: { result: 'failure', outputs: {} }
    }

    const run = await alert({ status: 'auto', needs: JSON.stringify(needs) })

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
    expect(attachmentText()).toContain('✅ build · ❌ test')
    expect(github.requests).toHaveLength(0)
  })

  it('warns about needs that are not toJSON(needs), and reads the API instead', async () => {
    failedUnitTests()

    const run = await alert({ status: 'auto', needs: '{"build": "success"}' })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::warning::needs\.build\.result must be one of .*from the API instead/
    )
    expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
  })
})

describe('mention: author', () => {
  const push = {
    eventName: 'push',
    event: { head_commit: { id: 'abc', message: 'Break it', author: { username: 'hubot' } } }
  }

  it('mentions the mapped commit author and actor on failure', async () => {
    failedUnitTests()

    await alert(
      { status: 'failure', mention: 'author', 'user-map': 'octocat: alice\nHubot: "@bob"' },
      push
    )

    expect(server.messages[0]?.msg).toMatch(/^@alice @bob ❌/)
  })

  it('never mentions an unmapped login', async () => {
    failedUnitTests()

    await alert(
      { status: 'failure', mention: 'author', 'user-map': '{"someone-else": "carol"}' },
      push
    )

    expect(server.messages[0]?.msg).toMatch(/^❌/)
    expect(server.messages[0]?.msg).not.toMatch(/@(octocat|hubot|carol)/)
  })

  it('mentions nobody on a status outside mention-on', async () => {
    await alert({ status: 'success', mention: 'author', 'user-map': 'octocat: alice' })

    expect(server.messages[0]?.msg).not.toContain('@alice')
  })

  it('sends the alert, mentioning no author, when the user-map cannot be read', async () => {
    failedUnitTests()

    const run = await alert({ status: 'failure', mention: 'author', 'user-map': 'octocat: [alice' })

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::warning::user-map is neither YAML nor JSON.*no author is mentioned/
    )
    expect(server.messages[0]?.msg).toMatch(/^❌/)
  })

  it('reads the map from a workspace file', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'rocket-workspace-'))
    writeFileSync(join(workspace, 'users.yml'), 'octocat: alice\n')
    failedUnitTests()

    await alert(
      { status: 'failure', mention: 'author', 'user-map': 'users.yml' },
      { env: { GITHUB_WORKSPACE: workspace } }
    )

    expect(server.messages[0]?.msg).toMatch(/^@alice ❌/)
  })
})

function runWith(bundle: string, inputs: Record<string, string>): Promise<ActionRun> {
  return alert(inputs, { bundle })
}

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>(done => probe.listen(0, '127.0.0.1', done))
  const { port } = probe.address() as { port: number }
  await new Promise<void>(done =>
    probe.close(() => {
      done()
    })
  )
  return port
}
