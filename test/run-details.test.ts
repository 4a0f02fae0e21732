/**
 * The run's details in alerts, against the fake Rocket.Chat and a fake GitHub API on loopback: each
 * behaviour through src/main.ts's run(), the first of each part through the bundle as the runner
 * runs it (`alert`'s `via`).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFakeGitHub, type FakeGitHub } from './fake-github/server.js'
import type { FakeServer } from './fake-server/server.js'
import { withFakeGitHub, withFakeServer } from './support/fake.js'
import { mentionsIn, nodesOf, typesOf } from './support/parser.js'
import { NODE_20, type ActionRun, type RunOptions } from './support/run-action.js'
import { runVia, type Via } from './support/run-in-process.js'

const TOKEN = 'ghs_d3tA1lsT0k3nN0b0dyM4yS33xxxxxxxxxxx'

/** The fakes a test runs the action against. */
interface Fakes {
  server: FakeServer
  github: FakeGitHub
}

/** A fake Rocket.Chat and a fake GitHub of the test's own, closed when it ends. */
const withFakes = (test: (fakes: Fakes) => Promise<void>) =>
  withFakeServer({ rateLimited: false }, server =>
    withFakeGitHub({}, github => test({ server, github }))
  )

/** An alert run `via` the test says (test/support/run-in-process.ts), with the fakes' settings. */
function alert(
  { server, github }: Fakes,
  inputs: Record<string, string>,
  options: RunOptions = {},
  via: Via = options.node !== undefined || options.bundle !== undefined ? 'bundle' : 'process'
): Promise<ActionRun> {
  return runVia(
    via,
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
function shown(server: FakeServer): string {
  const message = server.messages[0]
  return message ? `${message.msg}\n${JSON.stringify(message.attachments)}` : ''
}

/** The text of the message's attachment, where the details go. */
function attachmentText(server: FakeServer): string {
  const [attachment] = (server.messages[0]?.attachments ?? []) as { text?: string }[]
  return attachment?.text ?? ''
}

/** What a reader sees: logs (the runner hides `::add-mask::` commands), outputs and summary. */
function logs(run: ActionRun): string {
  const lines = `${run.stdout}\n${run.stderr}`.split('\n')
  const shownLines = lines.filter(line => !line.startsWith('::add-mask::'))
  return [...shownLines, JSON.stringify(run.outputs), run.summary].join('\n')
}

/** What the failed step printed, as a runner logs it: colours, a secret GitHub masked, an error. */
const FAILED_STEP_LOG = [
  '\u001b[32m✓\u001b[39m test/a.test.ts (3 tests)',
  '\u001b[31m×\u001b[39m test/sum.test.ts > adds',
  'token: ***',
  '##[error]AssertionError: expected 2 to be 3',
  ' FAIL  test/sum.test.ts > adds',
  '\u001b[31m   - Expected  3\u001b[39m',
  '\u001b[32m   + Received  2\u001b[39m',
  'Test Files  1 failed | 1 passed (2)'
]

/**
 * The run's duration a message shows, `3m 25s`, checked against the clock: the run started 205 s
 * before `since` (a Date.now() taken just before failedUnitTests), and the bundle read its own now
 * somewhere between `since` and this check, however long a busy machine made it take.
 */
function expectRunDuration(shownDuration: string | undefined, since: number): void {
  const [, minutes = '', seconds = ''] = /^(\d+)m (\d+)s$/.exec(shownDuration ?? '') ?? []
  const total = Number(minutes) * 60 + Number(seconds)
  expect(shownDuration).toMatch(/^\d+m \d+s$/)
  expect(total).toBeGreaterThanOrEqual(205)
  expect(total).toBeLessThanOrEqual(205 + Math.ceil((Date.now() - since) / 1000))
}

/** A run that started 3m 25s ago: lint passed, unit tests failed at step 4, notify is running. */
function failedUnitTests(github: FakeGitHub, failedStepLog: string[] = FAILED_STEP_LOG): number {
  const at = (seconds: number) => new Date(Date.now() + (seconds - 205) * 1000).toISOString()
  github.addJob({ name: 'lint', result: 'success', startedAt: at(0), completedAt: at(60) })
  const id = github.addJob({
    name: 'unit-tests (ubuntu-latest, 20)',
    result: 'failure',
    failedStep: 4,
    startedAt: at(0),
    completedAt: at(125),
    failedStepLog,
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
  it('names the failed job and step, links to the step log and shows the first error', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const since = Date.now()
      const id = failedUnitTests(github)

      const run = await alert(fakes, { status: 'failure' }, {}, 'bundle')

      expect(run.code).toBe(0)
      const stepLog = `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}/job/${id}#step:4:1`
      const message = server.messages[0]
      expect(message?.msg).toContain('unit-tests (ubuntu-latest, 20) at step 4')
      const text = attachmentText(server)
      // Each time says whose it is: the step's own (the fake shares the job's time among its steps), the job's.
      expect(text).toContain(`failed at step 4: [Run npm test](${stepLog}) (step 19s, job 2m 5s)`)
      expect(text).toContain('> `test/sum.test.ts:12` `AssertionError: expected 2 to be 3`')
      expect(text).not.toContain('deprecated')
      // The run so far: from the first job's start to now, the notifying job still running.
      expectRunDuration(/"title":"Duration","value":"([^"]*)"/.exec(shown(server))?.[1], since)
      expect(github.requests.map(r => r.route).sort()).toEqual(['annotations', 'jobs', 'logs'])
      // Masked before anything could print it; shown nowhere.
      expect(run.stdout).toContain(`::add-mask::${TOKEN}`)
      expect(logs(run)).not.toContain(TOKEN)
    }))

  it("reads the run through the runner's proxy, decided once for the message and every lookup", () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      const { createProxy } = await import('proxy')
      const proxy = createProxy(createHttpServer())
      // It connects from its own address: GitHub sees which requests came through it.
      proxy.localAddress = '127.0.0.2'
      await new Promise<void>(done => proxy.listen(0, '127.0.0.1', done))
      const port = String((proxy.address() as { port: number }).port)
      try {
        const run = await alert(
          fakes,
          { status: 'failure' },
          { env: { HTTP_PROXY: `http://127.0.0.1:${port}` } },
          'bundle'
        )

        expect(run.code).toBe(0)
        expect(server.messages[0]?.msg).toContain('unit-tests (ubuntu-latest, 20) at step 4')
        expect(github.requests.map(r => r.route).sort()).toEqual(['annotations', 'jobs', 'logs'])
        expect(github.requests.map(r => r.remoteAddress)).toEqual(
          github.requests.map(() => '127.0.0.2')
        )
      } finally {
        await new Promise(done => proxy.close(done))
      }
    }))

  it('works on Node 20 too', context =>
    withFakes(async fakes => {
      const { server, github } = fakes
      context.skip(NODE_20 === undefined, 'no Node 20 on this machine to run the bundle on')
      const id = failedUnitTests(github)

      const run = await alert(fakes, { status: 'failure' }, { node: NODE_20 ?? '' })

      expect(run.code).toBe(0)
      expect(attachmentText(server)).toContain(`/job/${id}#step:4:1)`)
    }))

  it('reads the run from GitHub Enterprise Server, whose API is under /api/v3', () =>
    withFakes(async fakes => {
      const { server } = fakes
      const ghes = await startFakeGitHub({ ghes: true })
      try {
        const id = ghes.addJob({ name: 'build', result: 'failure', failedStep: 2 })

        const run = await alert(
          fakes,
          { status: 'failure' },
          { env: { GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_API_URL: ghes.apiUrl } }
        )

        expect(run.code).toBe(0)
        expect(ghes.requests[0]?.url).toMatch(/^\/api\/v3\/repos\/octo-org\/octo-repo\/actions\//)
        expect(attachmentText(server)).toContain(
          `(https://ghe.example.com/octo-org/octo-repo/actions/runs/${ghes.runId}/job/${id}#step:2:1)`
        )
      } finally {
        await ghes.close()
      }
    }))

  it('from the failing job itself (if: failure()) names its own failed step', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'lint', result: 'success' })
      const id = github.addJob({
        name: 'build',
        result: 'in_progress',
        failedStep: 3,
        annotations: [{ message: 'tsc: error TS2322', path: 'src/a.ts', line: 9 }]
      })

      await alert(fakes, { status: 'failure' })

      expect(server.messages[0]?.msg).toContain(' · build at step 3')
      expect(attachmentText(server)).toContain(`/job/${id}#step:3:1)`)
      expect(attachmentText(server)).toContain('`src/a.ts:9` `tsc: error TS2322`')
    }))

  it('offers the details to a custom template as run_details', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      await alert(fakes, {
        status: 'failure',
        body: "${{ join(run_details.failed_jobs.*.name, ', ') }} failed: ${{ run_details.annotations[0].message }}"
      })

      expect(server.messages[0]?.msg).toBe(
        'unit-tests (ubuntu-latest, 20) failed: AssertionError: expected 2 to be 3'
      )
    }))

  it('lets a {{ }} template link the failed step, as the README shows', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const id = failedUnitTests(github)

      await alert(fakes, {
        status: 'failure',
        body:
          "{{ join(run_details.failed_jobs.*.name, ', ') }} failed at " +
          '[step {{ run_details.failed_jobs[0].failed_step.number }}]' +
          '({{ run_details.failed_jobs[0].failed_step.url }}): {{ run_details.annotations[0].message }}'
      })

      expect(server.messages[0]?.msg).toBe(
        `unit-tests (ubuntu-latest, 20) failed at [step 4](https://github.com/octo-org/octo-repo/actions/runs/${github.runId}/job/${id}#step:4:1): AssertionError: expected 2 to be 3`
      )
    }))

  it('reads only the jobs, in one round, for a template that shows no annotations', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const since = Date.now()
      failedUnitTests(github)

      await alert(fakes, {
        status: 'failure',
        body: '${{ run_details.failed_jobs[0].name }} failed after ${{ run_details.duration }}'
      })

      const [, name, duration] =
        /^(.*) failed after (.*)$/.exec(server.messages[0]?.msg ?? '') ?? []
      expect(name).toBe('unit-tests (ubuntu-latest, 20)')
      expectRunDuration(duration, since)
      expect(github.requests.map(r => r.route)).toEqual(['jobs'])
    }))

  it('never lets a job name from the API mention anyone', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'deploy @all @octocat', result: 'failure', failedStep: 2 })

      await alert(fakes, { status: 'failure' })

      expect(shown(server)).toContain('deploy')
      expect(shown(server)).not.toMatch(/@(all|octocat)/)
    }))

  it.each<[string, (github: FakeGitHub) => void, RegExp]>([
    [
      'a 403 (no actions: read)',
      (github: FakeGitHub) => {
        github.fail('jobs', 'forbidden')
      },
      /403 Resource not accessible by integration/
    ],
    [
      'a 404 (how GitHub hides a private run from a token that may not read it)',
      (github: FakeGitHub) => {
        github.fail('jobs', 'not-found')
      },
      /404 Not Found/
    ]
  ])('is sent without the details after %s, with a notice naming actions: read', (_, fault, said) =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      fault(github)

      const run = await alert(fakes, { status: 'failure' })

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(server.messages[0]?.msg).toContain('CI failed in octo-org/octo-repo')
      const notices = run.stdout.split('\n').filter(line => line.startsWith('::notice::'))
      expect(notices).toHaveLength(1)
      expect(notices[0]).toMatch(said)
      expect(notices[0]).toContain('`actions: read`')
      expect(notices[0]).toContain('`checks: read`')
      expect(run.summary).toMatch(
        /Left out of the message:[\s\S]*Run details left out: GitHub answered/
      )
      expect(logs(run)).not.toContain(TOKEN)
    })
  )

  it('says a rate limit is spent, not that a permission is missing', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      github.fail('jobs', 'rate-limited')

      const run = await alert(fakes, { status: 'failure' })

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(run.stdout).toMatch(
        /::notice::Run details left out: GitHub refused the request: the API rate limit is spent .*The message is sent without them\./
      )
      expect(run.stdout).not.toContain('actions: read')
      expect(run.summary).toContain('the API rate limit is spent')
    }))

  // How long each lookup may take (the 5 s budget) is run-lookup.test.ts's, with a budget of
  // 200 ms; here the run that does not get its answer ends all the same, and says why.
  // GitHub that never answers is test/run-lookup.test.ts's, with a budget of a fraction of a second:
  // the bundle's is the real 5 s.
  it('is sent when the API cannot be reached, and says so', () =>
    withFakes(async fakes => {
      const { server } = fakes
      const closed = await freePort()
      const unreachable = await alert(
        fakes,
        { status: 'failure' },
        { env: { GITHUB_API_URL: `http://127.0.0.1:${closed}` } }
      )
      expect(unreachable.code).toBe(0)
      expect(unreachable.stdout).toMatch(
        /::notice::Run details left out: GitHub could not be reached .*The message is sent without them\./
      )
      expect(unreachable.stdout).not.toContain('actions: read')
      expect(unreachable.summary).toContain('GitHub could not be reached')
      expect(server.messages).toHaveLength(1)
    }))

  it('never shows the credentials of a GITHUB_API_URL that carries them', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      const withPassword = github.apiUrl.replace('://', '://api-user:Api-Pa55word-9f2c@')

      const run = await alert(
        fakes,
        { status: 'failure' },
        { env: { GITHUB_API_URL: withPassword } }
      )

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(shown(server)).toContain('failed at step 4')
      expect(logs(run)).not.toContain('Api-Pa55word-9f2c')
      expect(run.stdout).toContain('::add-mask::Api-Pa55word-9f2c')
    }))

  it('keeps the jobs when only the annotations are refused, and names checks: read', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      github.fail('annotations', 'forbidden')

      const run = await alert(fakes, { status: 'failure' })

      expect(shown(server)).toContain('failed at step 4')
      expect(run.stdout).toMatch(/::notice::Error annotations left out: .*`checks: read`/)
    }))
})

describe('a success alert', () => {
  it('makes no API call', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      const run = await alert(fakes, { status: 'success' })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toContain('CI succeeded')
      // The fake GitHub's request log: a lookup that was made and failed would be here too.
      expect(github.requests).toEqual([])
      expect(run.stdout).not.toContain('::notice::')
    }))

  it('loads no Octokit code', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
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
        failedUnitTests(github)
        const run = await runWith(fakes, join(dir, 'index.js'), { status: 'success' })

        expect(run.code).toBe(0)
        expect(server.messages[0]?.msg).toContain('CI succeeded')
        expect(run.stdout).not.toContain('::notice::')
      } finally {
        rmSync(dir, { recursive: true })
      }
    }))
})

describe('status: auto in a summary job', () => {
  it('reports failure when a job failed, listing each job with its result', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      const run = await alert(fakes, { status: 'auto' }, {}, 'bundle')

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
      const text = attachmentText(server)
      expect(text).toContain('✅ lint · ❌ unit-tests (ubuntu-latest, 20)')
      expect(text).not.toContain('notify')
    }))

  it('reports success when every other job passed, the running one left out', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'lint', result: 'success' })
      github.addJob({ name: 'docs', result: 'skipped' })
      github.addJob({ name: 'notify', result: 'in_progress' })

      await alert(fakes, { status: 'auto' })

      expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded/)
      expect(github.requests.map(r => r.route)).toEqual(['jobs'])
    }))

  it('reports cancelled when a job was cancelled and none failed', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'lint', result: 'success' })
      github.addJob({ name: 'e2e', result: 'cancelled' })

      await alert(fakes, { status: 'auto' })

      expect(server.messages[0]?.msg).toMatch(/^⚪ CI was cancelled/)
    }))

  it.each([
    ['the jobs are refused', { status: 'auto' }],
    ['there is no github-token', { status: 'auto', 'github-token': '' }]
  ])('is info, never a guessed success, when %s', (_, inputs) =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'lint', result: 'success' })
      github.fail('jobs', 'forbidden')

      const run = await alert(fakes, inputs)

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^ℹ️ CI in octo-org\/octo-repo/)
      expect(run.stdout).toMatch(/::notice::Run details left out/)
    })
  )

  it('takes the results from needs without the API, for workflows without actions: read', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const needs = {
        build: { result: 'success', outputs: {} },
        test: { result: 'failure', outputs: {} }
      }

      const run = await alert(fakes, { status: 'auto', needs: JSON.stringify(needs) })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
      expect(attachmentText(server)).toContain('✅ build · ❌ test')
      expect(github.requests).toHaveLength(0)
    }))

  it('sends a summary of jobs that were all skipped as info: no verdict is never a success', () =>
    withFakes(async fakes => {
      const { server } = fakes
      const needs = {
        build: { result: 'skipped', outputs: {} },
        test: { result: 'skipped', outputs: {} }
      }

      const run = await alert(fakes, { status: 'auto', needs: JSON.stringify(needs) })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^ℹ️ CI in octo-org\/octo-repo/)
      expect(server.messages[0]?.msg).not.toMatch(/succeeded|fixed/)
    }))

  it('reports needs that are not toJSON(needs) as a mistake, and reads the API instead', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      const run = await alert(fakes, { status: 'auto', needs: '{"build": "success"}' })

      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(
        /::error::needs\.build\.result must be one of .*from the API instead/
      )
      expect(server.messages[0]?.msg).toMatch(/^❌ CI failed/)
    }))
})

describe('mention: author', () => {
  const push = {
    eventName: 'push',
    event: { head_commit: { id: 'abc', message: 'Break it', author: { username: 'hubot' } } }
  }

  it('mentions the mapped commit author and actor on failure', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      await alert(
        fakes,
        { status: 'failure', mention: 'author', 'user-map': 'octocat: alice\nHubot: "@bob"' },
        push,
        'bundle'
      )

      expect(server.messages[0]?.msg).toMatch(/^@alice @bob ❌/)
    }))

  it('never mentions an unmapped login', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      await alert(
        fakes,
        { status: 'failure', mention: 'author', 'user-map': '{"someone-else": "carol"}' },
        push
      )

      expect(server.messages[0]?.msg).toMatch(/^❌/)
      expect(server.messages[0]?.msg).not.toMatch(/@(octocat|hubot|carol)/)
    }))

  it('mentions nobody on a status outside mention-on', () =>
    withFakes(async fakes => {
      const { server } = fakes
      await alert(fakes, { status: 'success', mention: 'author', 'user-map': 'octocat: alice' })

      expect(server.messages[0]?.msg).not.toContain('@alice')
    }))

  it('sends the alert, mentioning no author, when the user-map cannot be read', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      const run = await alert(fakes, {
        status: 'failure',
        mention: 'author',
        'user-map': 'octocat: [alice'
      })

      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(
        /::warning::user-map is neither YAML nor JSON.*no author is mentioned/
      )
      expect(server.messages[0]?.msg).toMatch(/^❌/)
    }))

  it('refuses a login mapped to the whole room, naming it, and mentions the others', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      const run = await alert(
        fakes,
        { status: 'failure', mention: 'author', 'user-map': 'octocat: "@ALL"\nhubot: bob' },
        push
      )

      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/::warning::user-map: "octocat" maps to @ALL, which would notify/)
      expect(server.messages[0]?.msg).toMatch(/^@bob ❌/)
      expect(mentionsIn(server.messages[0]?.msg ?? '')).toEqual(['bob'])
    }))

  it('reads a 60,000-line map up to 256 KiB, with a warning, and still sends', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      const workspace = mkdtempSync(join(tmpdir(), 'rocket-workspace-'))
      // Within the 1 MiB a file input may hold.
      const lines = Array.from({ length: 60_000 }, (_, i) => `u${String(i)}: r${String(i)}`)
      writeFileSync(join(workspace, 'users.yml'), ['octocat: alice', ...lines].join('\n'))

      const run = await alert(
        fakes,
        { status: 'failure', mention: 'author', 'user-map': 'users.yml' },
        { ...push, env: { GITHUB_WORKSPACE: workspace } }
      )

      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/::warning::user-map is \d+ KiB; only its first 256 KiB are read/)
      expect(server.messages[0]?.msg).toMatch(/^@alice ❌/)
    }))

  it('reads the map from a workspace file', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const workspace = mkdtempSync(join(tmpdir(), 'rocket-workspace-'))
      writeFileSync(join(workspace, 'users.yml'), 'octocat: alice\n')
      failedUnitTests(github)

      await alert(
        fakes,
        { status: 'failure', mention: 'author', 'user-map': 'users.yml' },
        { env: { GITHUB_WORKSPACE: workspace } }
      )

      expect(server.messages[0]?.msg).toMatch(/^@alice ❌/)
    }))
})

/** The code blocks of the message's attachment text, as Rocket.Chat's parser reads them. */
function codeBlocks(server: FakeServer): string[] {
  return nodesOf(attachmentText(server))
    .filter(node => node.type === 'CODE')
    .map(node =>
      (node.value as { value: { value: string } }[]).map(line => line.value.value).join('\n')
    )
}

describe('the failing step’s log, quoted', () => {
  it('quotes the error line and the last lines under the job, read without the token', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const id = failedUnitTests(github)

      const run = await alert(fakes, { status: 'auto', 'log-lines': '4' }, {}, 'bundle')

      expect(run.code).toBe(0)
      const [quote] = codeBlocks(server)
      expect(quote).toBe(
        [
          'Error: AssertionError: expected 2 to be 3',
          '…',
          '   - Expected  3',
          '   + Received  2',
          'Test Files  1 failed | 1 passed (2)',
          'Error: Process completed with exit code 1.'
        ].join('\n')
      )
      // Under the job's line, with no colour codes left.
      expect(attachmentText(server)).toMatch(
        /failed at step 4: \[Run npm test\]\([^)]+\) \(step 19s, job 2m 5s\)\n```\n/
      )
      expect(attachmentText(server)).not.toContain('\u001b')
      // The signed URL got no token, and asked for the end of the log only.
      expect(github.signedRequests).toHaveLength(1)
      expect(github.signedRequests[0]?.url).toMatch(new RegExp(`/jobs/${id}/signedlogcontent\\?`))
      expect(github.signedRequests[0]?.authorization).toBeUndefined()
      expect(github.signedRequests[0]?.range).toBe('bytes=-1048576')
      expect(github.requests.find(r => r.route === 'logs')?.authorization).toContain(TOKEN)
    }))

  it('keeps GitHub’s *** masks and redacts the action’s own secrets', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github, [`token: ***`, `password bot-password leaked`, `github ${TOKEN}`])

      const run = await alert(fakes, { status: 'failure' })

      const [quote] = codeBlocks(server)
      expect(quote).toContain('token: ***')
      expect(quote).toContain('password **** leaked')
      expect(shown(server)).not.toContain('bot-password')
      expect(logs(run)).not.toContain(TOKEN)
      expect(shown(server)).not.toContain(TOKEN)
    }))

  it('is inert: a ``` in the log cannot close the block, nothing in it pings or links', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github, [
        '```',
        '@all look at https://evil.example/x **bold** <https://evil.example|here>',
        '```',
        '@octocat [click](https://evil.example)'
      ])

      await alert(fakes, { status: 'failure' })

      const text = attachmentText(server)
      expect(codeBlocks(server)).toHaveLength(1)
      expect(codeBlocks(server)[0]).toContain('evil.example')
      expect(mentionsIn(text)).toEqual([])
      expect(typesOf(text).has('MENTION_CHANNEL')).toBe(false)
      const links = nodesOf(text).filter(node => node.type === 'LINK')
      expect(JSON.stringify(links)).not.toContain('evil.example')
    }))

  it('reads 100,000 lines through a Range request, and the whole log where Range is ignored', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const lines = Array.from({ length: 100_000 }, (_, i) => `line ${i + 1} ${'x'.repeat(40)}`)
      for (const ignoreRange of [false, true]) {
        server.reset()
        github.reset()
        github.ignoreRange = ignoreRange
        failedUnitTests(github, lines)

        const run = await alert(fakes, { status: 'failure', 'log-lines': '2' })

        expect(run.code).toBe(0)
        expect(codeBlocks(server)[0]).toBe(
          `line 100000 ${'x'.repeat(40)}\nError: Process completed with exit code 1.`
        )
      }
    }))

  it('keeps a cut last line as it is', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      const stamp = (s: number) => `2026-12-01T10:00:0${s}.0000000Z`
      github.addJob({
        name: 'build',
        result: 'failure',
        failedStep: 2,
        steps: ['Set up job', 'Run make'],
        log: `${stamp(1)} ##[group]Run make\n${stamp(2)} make: *** [all] Error 2\n${stamp(3)} Segmentation fau`
      })

      await alert(fakes, { status: 'failure' })

      expect(codeBlocks(server)[0]).toBe('Run make\nmake: *** [all] Error 2\nSegmentation fau')
    }))

  it('reads no log with log-lines: 0', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      await alert(fakes, { status: 'failure', 'log-lines': '0' })

      expect(codeBlocks(server)).toEqual([])
      expect(github.requests.map(r => r.route)).not.toContain('logs')
    }))

  it('is left out with a notice naming actions: read when the log is refused', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)
      github.fail('logs', 'forbidden')

      const run = await alert(fakes, { status: 'failure' })

      expect(run.code).toBe(0)
      expect(attachmentText(server)).toContain('failed at step 4')
      expect(codeBlocks(server)).toEqual([])
      expect(run.stdout).toMatch(
        /::notice::Log excerpt left out: GitHub answered 403.*`actions: read`/
      )
    }))

  it('is left out with a notice for a job still running (the one sending its own alert)', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'build', result: 'in_progress', failedStep: 3 })

      const run = await alert(fakes, { status: 'failure' })

      expect(run.code).toBe(0)
      expect(codeBlocks(server)).toEqual([])
      expect(run.stdout).toMatch(
        /::notice::Log excerpt of "build" left out: the job is still running/
      )
      expect(github.requests.map(r => r.route)).not.toContain('logs')
    }))

  it('offers each failed job’s excerpt to templates', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      failedUnitTests(github)

      await alert(fakes, {
        status: 'failure',
        body: '${{ run_details.failed_jobs[0].log }}',
        'log-lines': '1'
      })

      expect(server.messages[0]?.msg).toContain('Process completed with exit code 1.')
    }))
})

describe('on workflow_run, the run that triggered it', () => {
  const NOTIFY_RUN_ID = '555000111'
  const SHA = 'fedcba9876543210fedcba9876543210fedcba98'
  const triggering = (github: FakeGitHub, conclusion: string | null) => ({
    action: 'completed',
    workflow_run: {
      id: github.runId,
      run_attempt: github.attempt,
      run_number: 17,
      name: 'CI',
      workflow_id: github.workflowId,
      head_branch: 'main',
      head_sha: SHA,
      head_commit: { message: 'Break the sum\n\nbody' },
      event: 'push',
      conclusion,
      actor: { login: 'hubot' },
      pull_requests: [{ number: 8 }],
      html_url: `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}`
    }
  })
  const onWorkflowRun = (
    fakes: Fakes,
    conclusion: string | null,
    inputs: Record<string, string> = {},
    via: Via = 'process'
  ) =>
    alert(
      fakes,
      { status: 'auto', ...inputs },
      {
        eventName: 'workflow_run',
        event: triggering(fakes.github, conclusion),
        env: { GITHUB_RUN_ID: NOTIFY_RUN_ID, GITHUB_WORKFLOW: 'Notify', GITHUB_RUN_NUMBER: '3' }
      },
      via
    )

  it('names that workflow, its failed job and step, and links its run; asks about it only', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'lint', result: 'success' })
      const id = github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })

      const run = await onWorkflowRun(fakes, 'failure', {}, 'bundle')

      expect(run.code).toBe(0)
      const runUrl = `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}`
      expect(server.messages[0]?.msg).toBe(
        `❌ CI failed in octo-org/octo-repo on main: Break the sum · <${runUrl}|run #17> · unit-tests at step 4`
      )
      expect(attachmentText(server)).toContain(
        `[unit-tests](${runUrl}/job/${id}) failed at step 4: [Run npm test](${runUrl}/job/${id}#step:4:1)`
      )
      expect(shown(server)).not.toContain('Notify')
      expect(shown(server)).not.toContain(NOTIFY_RUN_ID)
      expect(shown(server)).toContain(`/octo-org/octo-repo/pull/8|#8>`)
      expect(github.requests.length).toBeGreaterThan(0)
      for (const request of github.requests) {
        expect(request.url).toMatch(
          new RegExp(`/runs/${github.runId}/|/jobs/${id}/|/check-runs/${id}/`)
        )
        expect(request.url).not.toContain(NOTIFY_RUN_ID)
      }
    }))

  it.each([
    ['timed_out', 'timed out'],
    ['startup_failure', 'could not start']
  ])('counts a %s run as a failure, in its own words', (conclusion, words) =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })

      await onWorkflowRun(fakes, conclusion, { mention: '@devops' })

      expect(server.messages[0]?.msg).toMatch(new RegExp(`^@devops ❌ CI ${words} in`))
      expect(server.messages[0]?.attachments[0]).toMatchObject({ color: '#d50200' })
    })
  )

  it('reports a success from the conclusion alone, with no API call', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'unit-tests', result: 'success' })

      await onWorkflowRun(fakes, 'success')

      expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded in octo-org\/octo-repo on main/)
      expect(github.requests).toEqual([])
    }))

  it('mentions the triggering run’s author', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })

      await onWorkflowRun(fakes, 'failure', { mention: 'author', 'user-map': 'hubot: bob' })

      expect(server.messages[0]?.msg).toMatch(/^@bob ❌ CI failed/)
    }))

  describe.each([
    ['action_required', 'is waiting for approval'],
    ['skipped', 'was skipped'],
    ['neutral', 'finished with no verdict (neutral)']
  ])('a %s run, which has no verdict', (conclusion, words) => {
    it.each([
      ['status: auto', 'auto'],
      ['status: ${{ github.event.workflow_run.conclusion }}', conclusion]
    ])('with %s: neither succeeded nor fixed nor a red failure, and pings no one', (_, status) =>
      withFakes(async fakes => {
        const { server, github } = fakes
        github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })
        github.addPastRun({ number: 16, conclusion: 'failure' })

        const run = await onWorkflowRun(fakes, conclusion, {
          status,
          'notify-when': 'changed',
          mention: '@devops',
          'mention-on': 'always'
        })

        expect(run.code).toBe(0)
        expect(run.stdout).not.toContain('::error::')
        const msg = server.messages[0]?.msg ?? ''
        expect(msg).toMatch(
          new RegExp(`^ℹ️ CI ${words.replace(/[()]/g, '\\$&')} in octo-org/octo-repo on main`)
        )
        expect(shown(server)).not.toMatch(/succeeded|fixed|broken|failed|❌|✅/i)
        expect(mentionsIn(msg)).toEqual([])
        expect(server.messages[0]?.attachments[0]).toMatchObject({ color: '#439fe0' })
      })
    )
  })

  it('without actions: read, still names that workflow and its failure, with a notice', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })
      github.fail('jobs', 'forbidden')

      const run = await onWorkflowRun(fakes, 'failure')

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^❌ CI failed in octo-org\/octo-repo on main/)
      expect(run.stdout).toMatch(
        /::notice::Run details left out: GitHub answered 403.*`actions: read`/
      )
    }))
})

describe('notify-when: changed', () => {
  const changed = (fakes: Fakes, inputs: Record<string, string>, via: Via = 'process') =>
    alert(
      fakes,
      { 'notify-when': 'changed', ...inputs },
      {
        env: {
          GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
          GITHUB_RUN_NUMBER: '42'
        }
      },
      via
    )

  it('sends nothing for a success after a success, says why, and exits 0', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addPastRun({ number: 41, conclusion: 'success' })
      github.addPastRun({ number: 40, conclusion: 'failure' })

      const run = await changed(fakes, { status: 'success' }, 'bundle')

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(0)
      expect(run.outputs.sent).toBe('0')
      expect(run.outputs.skipped).toMatch(/still succeeding, as run #41 did/)
      expect(run.summary).toMatch(/still succeeding, as run #41 did/)
      expect(github.requests.map(r => r.url)).toEqual([
        '/repos/octo-org/octo-repo/actions/workflows/ci.yml/runs?branch=main&status=completed&per_page=30'
      ])
    }))

  it('sends a failure after a success, saying it broke and since which commit', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addPastRun({ number: 41, conclusion: 'success', sha: 'c0ffee0'.padEnd(40, '0') })
      failedUnitTests(github)

      const run = await changed(fakes, { status: 'failure' })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^❌ CI failed .* · broken$/)
      expect(attachmentText(server)).toMatch(
        /^🔴 Broken: the last success was <[^|]+\|run #41> \(<[^|]+\|c0ffee0>\); it failed since\./
      )
    }))

  it('sends a success after failures, saying it is fixed, since when and after how many', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addPastRun({ number: 43, conclusion: 'failure' }) // newer: not the previous one
      github.addPastRun({ number: 42, conclusion: 'failure' }) // this run's number: left out
      github.addPastRun({ number: 41, conclusion: 'failure' })
      github.addPastRun({ number: 40, conclusion: 'cancelled' })
      github.addPastRun({
        number: 39,
        conclusion: 'timed_out',
        createdAt: new Date(Date.now() - 7_500_000).toISOString()
      })
      github.addPastRun({ number: 38, conclusion: 'success' })

      const run = await changed(fakes, { status: 'success' })

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded .* · fixed$/)
      expect(attachmentText(server)).toMatch(
        /^🟢 Fixed after 2 failed run\(s\), broken since <[^|]+\|run #39> \([^)]+\) for 2h 5m\./
      )
    }))

  it('offers the previous run to templates', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addPastRun({ number: 41, conclusion: 'failure' })

      await changed(fakes, {
        status: 'success',
        body: '${{ previous_run.status }} #${{ previous_run.number }} ${{ previous_run.url }}'
      })

      expect(server.messages[0]?.msg).toMatch(
        /^failure #41 https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+$/
      )
    }))

  it.each([
    [
      'without actions: read',
      (github: FakeGitHub) => {
        github.fail('runs', 'forbidden')
      },
      /GitHub answered 403.*actions: read/
    ],
    ['with no previous run', () => undefined, /no previous completed run/]
  ])('sends, with a notice, %s', (_, setUp, said) =>
    withFakes(async fakes => {
      const { server, github } = fakes
      setUp(github)

      const run = await changed(fakes, { status: 'success' })

      expect(run.code).toBe(0)
      expect(server.messages).toHaveLength(1)
      expect(run.stdout).toMatch(said)
    })
  )

  it('compares a workflow_run’s triggering run with that workflow’s runs on its branch', () =>
    withFakes(async fakes => {
      const { server, github } = fakes
      github.addPastRun({ number: 16, conclusion: 'failure', branch: 'dev' })
      github.addPastRun({ number: 15, conclusion: 'success', branch: 'dev' })

      const run = await alert(
        fakes,
        { status: 'auto', 'notify-when': 'changed' },
        {
          eventName: 'workflow_run',
          event: {
            workflow_run: {
              id: github.runId,
              run_number: 17,
              name: 'CI',
              workflow_id: github.workflowId,
              event: 'push',
              head_repository: { full_name: 'octo-org/octo-repo' },
              head_branch: 'dev',
              conclusion: 'success'
            }
          },
          env: { GITHUB_RUN_ID: '555000111' }
        }
      )

      expect(run.code).toBe(0)
      expect(server.messages[0]?.msg).toMatch(/· fixed$/)
      expect(github.requests.map(r => r.url)).toEqual([
        `/repos/octo-org/octo-repo/actions/workflows/${github.workflowId}/runs?branch=dev&status=completed&per_page=30`
      ])
    }))
})

function runWith(fakes: Fakes, bundle: string, inputs: Record<string, string>): Promise<ActionRun> {
  return alert(fakes, inputs, { bundle })
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
