/**
 * Which failures are new since the previous run (src/action/previous-tests.ts), in whole runs
 * against the fake Rocket.Chat and the fake GitHub API: the previous run is the one `notify-when:
 * changed` compares with, its reports the artifact named by `test-results-artifact`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredMessage } from './fake-server/server.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { linksIn } from './support/parser.js'
import { runAction, type ActionRun } from './support/run-action.js'
import { runVia, type Via } from './support/run-in-process.js'
import { zip } from './support/zip.js'

const TOKEN = 'ghs_pr3v10usT3st5T0k3nxxxxxxxxxxxxxxxxxx'
const ARTIFACT = 'test-reports'
const WORKFLOW_REF = 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/master'
const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()

/** A JUnit report of suite `cart`: each named test failed or passed. */
function junit(tests: Record<string, 'failed' | 'passed'>): string {
  const cases = Object.entries(tests).map(([name, outcome]) =>
    outcome === 'failed'
      ? `<testcase classname="cart" name="${name}"><failure message="expected ${name} to hold">at cart.test.ts:3</failure></testcase>`
      : `<testcase classname="cart" name="${name}"/>`
  )
  const failed = Object.values(tests).filter(outcome => outcome === 'failed').length
  return `<?xml version="1.0"?>\n<testsuite name="cart" time="1.5" tests="${cases.length}" failures="${failed}">${cases.join('')}</testsuite>\n`
}

function workspaceWith(report: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'previous-tests-'))
  writeFileSync(join(dir, 'junit.xml'), report)
  return dir
}

const tokenUrl = () =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`

/** Run #42 on master, in the job that ran the tests, its report in the workspace. */
function inTheJob(
  report: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  via: Via = 'process'
): Promise<ActionRun> {
  return runVia(
    via,
    {
      url: tokenUrl(),
      'github-token': TOKEN,
      'test-results': 'junit.xml',
      'test-results-artifact': ARTIFACT,
      ...inputs
    },
    {
      eventName: 'push',
      event: {},
      env: {
        GITHUB_WORKSPACE: workspaceWith(report),
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: String(github.runId),
        GITHUB_RUN_NUMBER: '42',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_WORKFLOW_REF: WORKFLOW_REF,
        GITHUB_REF: 'refs/heads/master',
        GITHUB_REF_NAME: 'master',
        ...env
      }
    }
  )
}

/** A past run #41 of the workflow on master, its reports uploaded as the artifact (unless not). */
function previousRun(conclusion: string, report: string | undefined, expired = false): number {
  const id = github.addPastRun({ number: 41, conclusion, branch: 'master' })
  if (report !== undefined) {
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', data: report }]), {
      runId: id,
      expired
    })
  }
  return id
}

const sent = (run: ActionRun): StoredMessage | undefined =>
  server.messages.find(message => message._id === run.outputs['message-id'])
const attachmentText = (message: StoredMessage | undefined) =>
  (message?.attachments[0] as { text?: string } | undefined)?.text ?? ''
const notices = (run: ActionRun) => run.stdout.split('\n').filter(l => l.startsWith('::notice'))
const routes = () => github.requests.map(request => request.route)

interface OutputFailure {
  name: string
  new?: boolean
}

describe('with thread-key, in the job that ran the tests', () => {
  it('marks C new and B already failing, lists no A, and counts A fixed', async () => {
    const id = previousRun('failure', junit({ A: 'failed', B: 'failed', D: 'passed' }))

    const run = await inTheJob(
      junit({ A: 'passed', B: 'failed', C: 'failed' }),
      { status: 'failure', 'thread-key': 'ci-master' },
      {},
      'bundle'
    )

    expect(run.code).toBe(0)
    const message = sent(run)
    expect(message?.msg.split('\n')[0]).toBe('❌ 2 failed (1 new) · 1 passed (1 fixed) · 1.5s')
    const lines = attachmentText(message).split('\n')
    expect(lines[0]).toMatch(/^❌ \*\*cart › B\*\* \(already failing\): expected B to hold/)
    expect(lines[1]).toMatch(/^❌ \*\*cart › C\*\* \(new\): expected C to hold/)
    expect(lines[2]).toMatch(
      /^Compared with <https:\/\/github\.com\/octo-org\/octo-repo\/actions\/runs\/\d+\|run #41>: 1 new, 1 already failing, 1 fixed$/
    )
    expect(attachmentText(message)).not.toContain('› A')
    expect(linksIn(lines[2] ?? '').map(link => link.src)).toEqual([
      `https://github.com/octo-org/octo-repo/actions/runs/${id}`
    ])
    // The outputs and the template context carry the same marks.
    const json = JSON.parse(run.outputs['test-results'] ?? '{}') as {
      failures: OutputFailure[]
      new_failures: number
      fixed: number
      compared_with: { number: number }
    }
    expect(json.failures.map(f => [f.name, f.new])).toEqual([
      ['B', false],
      ['C', true]
    ])
    expect(json).toMatchObject({ new_failures: 1, fixed: 1, compared_with: { number: 41 } })
    // The previous run's artifact, asked of that run by name; only it, not this run's.
    const listed = github.requests.filter(request => request.route === 'artifacts')
    expect(listed.map(request => request.url.split('?')[0])).toEqual([
      `/repos/octo-org/octo-repo/actions/runs/${id}/artifacts`
    ])
    expect(notices(run).join('\n')).not.toContain('test-results')
  })

  it('reads the template context: test_results.new_failures and each failure’s new', async () => {
    previousRun('failure', junit({ B: 'failed' }))

    const run = await inTheJob(junit({ B: 'failed', C: 'failed' }), {
      status: 'failure',
      'thread-key': 'ci-master',
      body: "{{ test_results.new_failures }} new: {{ join(test_results.failures.*.new, ',') }}"
    })

    expect(sent(run)?.msg).toBe('1 new: false,true')
  })

  it('a test named the same in another letter form (NFC) is the same test', async () => {
    previousRun('failure', junit({ 'cafe\u0301 ': 'failed' }))

    const run = await inTheJob(junit({ 'caf\u00e9': 'failed' }), {
      status: 'failure',
      'thread-key': 'ci-master'
    })

    expect(sent(run)?.msg.split('\n')[0]).toBe('❌ 1 failed (0 new) · 0 passed · 1.5s')
    expect(attachmentText(sent(run))).toContain('(already failing)')
  })

  it.each([
    [
      'has no artifact of that name',
      undefined,
      false,
      'GitHub answered the run has no artifact named test-reports (each run uploads its reports under that name for the next to compare with)'
    ],
    [
      'whose artifact has expired',
      junit({ B: 'failed' }),
      true,
      'GitHub answered its artifact test-reports has expired;'
    ]
  ])(
    'the previous run %s: one notice, no marks, the message sent',
    async (_, report, expired, notice) => {
      previousRun('failure', report, expired)

      const run = await inTheJob(junit({ B: 'failed', C: 'failed' }), {
        status: 'failure',
        'thread-key': 'ci-master'
      })

      expect(run.code).toBe(0)
      const message = sent(run)
      expect(message?.msg.split('\n')[0]).toBe('❌ 2 failed · 0 passed · 1.5s')
      expect(attachmentText(message)).not.toMatch(/\(new\)|already failing|Compared with/)
      const said = notices(run).filter(line => line.includes('test-results'))
      expect(said).toHaveLength(1)
      expect(said[0]).toMatch(/test-results: failures not compared with run #41: /)
      expect(said[0]).toContain(notice)
      expect(said[0]).toContain('the message says nothing of new or already failing tests')
      const json = JSON.parse(run.outputs['test-results'] ?? '{}') as Record<string, unknown>
      expect(json.new_failures).toBeUndefined()
      expect((json.failures as OutputFailure[])[0]?.new).toBeUndefined()
    }
  )

  it('a first run, with none before it: one notice, the message sent', async () => {
    const run = await inTheJob(junit({ C: 'failed' }), {
      status: 'failure',
      'thread-key': 'ci-master'
    })

    expect(sent(run)?.msg.split('\n')[0]).toBe('❌ 1 failed · 0 passed · 1.5s')
    expect(notices(run).join('\n')).toContain(
      'test-results: failures not compared with the previous run: there is no completed run like this one'
    )
    expect(routes()).not.toContain('artifacts')
  })

  it('a success after a success reads no artifact: nothing to tell', async () => {
    previousRun('success', junit({ B: 'passed' }))

    const run = await inTheJob(junit({ B: 'passed' }), {
      status: 'success',
      'thread-key': 'ci-master'
    })

    expect(run.code).toBe(0)
    expect(routes()).toEqual(['runs'])
    expect(notices(run).join('\n')).not.toContain('test-results')
  })
})

describe('a re-run, compared with its previous attempt', () => {
  /** Attempt 1 of this run #42 failed, ending at 09:00; attempt 2 is sending. */
  function attemptOne(): void {
    github.addPastRun({
      id: github.runId,
      number: 42,
      attempt: 1,
      conclusion: 'failure',
      branch: 'master',
      updatedAt: '2026-12-01T09:00:00Z'
    })
  }
  const reRun = (report: string) =>
    inTheJob(report, { status: 'failure', 'thread-key': 'ci-master' }, { GITHUB_RUN_ATTEMPT: '2' })

  it('reads the artifact attempt 1 made, not the one this attempt uploaded since', async () => {
    attemptOne()
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', data: junit({ B: 'failed' }) }]), {
      createdAt: '2026-12-01T08:58:00Z'
    })
    github.addArtifact(
      ARTIFACT,
      zip([{ name: 'junit.xml', data: junit({ B: 'failed', C: 'failed' }) }]),
      { createdAt: '2026-12-01T09:30:00Z' }
    )

    const run = await reRun(junit({ B: 'failed', C: 'failed' }))

    expect(sent(run)?.msg.split('\n')[0]).toBe('❌ 2 failed (1 new) · 0 passed · 1.5s')
    expect(attachmentText(sent(run))).toContain('|run #42>: 1 new, 1 already failing')
  })

  it('when this attempt’s upload replaced attempt 1’s (`overwrite`), says so and compares nothing', async () => {
    attemptOne()
    github.addArtifact(ARTIFACT, zip([{ name: 'junit.xml', data: junit({ C: 'failed' }) }]), {
      createdAt: '2026-12-01T09:30:00Z'
    })

    const run = await reRun(junit({ C: 'failed' }))

    expect(sent(run)?.msg.split('\n')[0]).toBe('❌ 1 failed · 0 passed · 1.5s')
    expect(notices(run).join('\n')).toContain(
      "test-results: failures not compared with run #42: GitHub answered its artifact test-reports is a later attempt's"
    )
  })
})

describe('with notify-when: changed', () => {
  it('a fix says which tests it fixed, read from the runs notify-when read already', async () => {
    previousRun('failure', junit({ A: 'failed', B: 'passed' }))

    const run = await inTheJob(
      junit({ A: 'passed', B: 'passed' }),
      { status: 'success', 'notify-when': 'changed' },
      {},
      'bundle'
    )

    expect(run.code).toBe(0)
    expect(sent(run)?.msg.split('\n')[0]).toBe('✅ 2 passed (1 fixed) · 1.5s')
    expect(attachmentText(sent(run))).toContain('run #41>: 1 fixed')
    expect(routes().filter(route => route === 'runs')).toHaveLength(1)
  })

  it('a silent run (still failing) requests no artifact', async () => {
    previousRun('failure', junit({ B: 'failed' }))

    const run = await inTheJob(junit({ B: 'failed' }), {
      status: 'failure',
      'notify-when': 'changed'
    })

    expect(run.code).toBe(0)
    expect(server.messages).toEqual([])
    expect(routes()).toEqual(['runs'])
    expect(github.signedRequests).toEqual([])
  })
})

describe('without notify-when or thread-key', () => {
  it('nothing is compared, and a notice says the artifact is read only for that', async () => {
    previousRun('failure', junit({ B: 'failed' }))

    const run = await inTheJob(junit({ B: 'failed' }), { status: 'failure' })

    expect(sent(run)?.msg.split('\n')[0]).toBe('❌ 1 failed · 0 passed · 1.5s')
    expect(routes()).not.toContain('runs')
    expect(routes()).not.toContain('artifacts')
    expect(notices(run).join('\n')).toContain(
      'test-results-artifact: in the job that ran the tests, it names the artifact'
    )
  })
})

describe('on workflow_run, both runs’ reports from their artifacts', () => {
  it('the triggering run’s artifact against the previous run’s of the same name', async () => {
    const previous = github.addPastRun({ number: 16, conclusion: 'failure', branch: 'main' })
    github.addArtifact(ARTIFACT, zip([{ name: 'r/junit.xml', data: junit({ B: 'failed' }) }]), {
      runId: previous
    })
    github.addArtifact(
      ARTIFACT,
      zip([{ name: 'r/junit.xml', data: junit({ B: 'failed', C: 'failed' }) }])
    )

    const run = await runAction(
      {
        url: tokenUrl(),
        status: 'failure',
        'github-token': TOKEN,
        'test-results-artifact': ARTIFACT,
        'thread-key': 'ci-main'
      },
      {
        eventName: 'workflow_run',
        event: {
          action: 'completed',
          workflow_run: {
            id: github.runId,
            run_attempt: 1,
            run_number: 17,
            name: 'CI',
            workflow_id: github.workflowId,
            head_branch: 'main',
            head_sha: 'fedcba9876543210fedcba9876543210fedcba98',
            head_repository: { full_name: 'octo-org/octo-repo' },
            event: 'push',
            conclusion: 'failure',
            pull_requests: [],
            html_url: `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}`
          }
        },
        env: { GITHUB_API_URL: github.apiUrl, GITHUB_RUN_ID: '555000111' }
      }
    )

    expect(run.code).toBe(0)
    const message = sent(run)
    expect(message?.msg.split('\n')[0]).toBe('❌ 2 failed (1 new) · 0 passed · 1.5s')
    expect(attachmentText(message)).toMatch(/\*\*cart › C\*\* \(new\)/)
    expect(attachmentText(message)).toMatch(/\*\*cart › B\*\* \(already failing\)/)
    expect(
      github.requests
        .filter(request => request.route === 'artifacts')
        .map(request => request.url.split('?')[0])
        .sort()
    ).toEqual(
      [github.runId, previous]
        .map(id => `/repos/octo-org/octo-repo/actions/runs/${id}/artifacts`)
        .sort()
    )
  })
})
