/**
 * `notify-when: changed` compares like with like (src/action/previous-run.ts, docs/run-verdicts.md):
 * the bundle against the fake Rocket.Chat and a fake GitHub API serving real-shaped runs, then the
 * rule itself as a table.
 */
import { describe, expect, it, vi } from 'vitest'
import type { PastRun } from '../src/github/api.js'
import { compare, isLike } from '../src/action/previous-run.js'
import type { SubjectRun } from '../src/action/subject-run.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { runAction, type ActionRun } from './support/run-action.js'

const TOKEN = 'ghs_pr3v10usRunT0k3nxxxxxxxxxxxxxxxxxxxx'
const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()
const WORKFLOW_REF = 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/master'

interface Trigger {
  eventName?: string
  event?: unknown
  env?: Record<string, string>
}

function changed(inputs: Record<string, string>, trigger: Trigger = {}): Promise<ActionRun> {
  return runAction(
    {
      url: `rocket://bot:bot-password@${server.host}/#general`,
      'github-token': TOKEN,
      'notify-when': 'changed',
      ...inputs
    },
    {
      eventName: trigger.eventName ?? 'push',
      event: trigger.event ?? {},
      env: {
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: String(github.runId),
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_WORKFLOW_REF: WORKFLOW_REF,
        GITHUB_REF: 'refs/heads/master',
        GITHUB_REF_NAME: 'master',
        ...trigger.env
      }
    }
  )
}

/** A pull request's run, as the runner describes it: the head branch and repository it builds. */
function pullRequest(
  number: number,
  headRepository: string,
  branch: string,
  runNumber: number
): Trigger {
  return {
    eventName: 'pull_request',
    event: {
      action: 'synchronize',
      number,
      pull_request: {
        number,
        title: 'Update README.md',
        html_url: `https://github.com/octo-org/octo-repo/pull/${number}`,
        head: {
          label: `${headRepository.split('/')[0] ?? ''}:${branch}`,
          ref: branch,
          sha: 'b'.repeat(40),
          repo: { full_name: headRepository }
        },
        base: { label: 'octo-org:master', ref: 'master', repo: { full_name: 'octo-org/octo-repo' } }
      }
    },
    env: {
      GITHUB_HEAD_REF: branch,
      GITHUB_BASE_REF: 'master',
      GITHUB_REF: `refs/pull/${number}/merge`,
      GITHUB_REF_NAME: `${number}/merge`,
      GITHUB_RUN_NUMBER: String(runNumber)
    }
  }
}

function routes(): string[] {
  return github.requests.map(request => request.route ?? request.url)
}

describe('like with like, through the bundle', () => {
  it('a fork’s failing pull request from its own master, between two master pushes, leaves the second failure “broken”', async () => {
    github.addPastRun({ number: 40, conclusion: 'success', branch: 'master' })
    github.addPastRun({
      number: 41,
      conclusion: 'failure',
      branch: 'master',
      event: 'pull_request',
      headRepository: 'mallory/octo-repo'
    })

    const run = await changed({ status: 'failure' }, { env: { GITHUB_RUN_NUMBER: '42' } })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toMatch(
      /^❌ CI failed in octo-org\/octo-repo on master.* · broken$/
    )
    expect(JSON.stringify(server.messages[0]?.attachments)).toMatch(
      /last success was <[^|]+\|run #40>/
    )
  })

  it('two forks’ patch-1 pull requests do not silence each other', async () => {
    github.addPastRun({
      number: 49,
      conclusion: 'success',
      branch: 'patch-1',
      event: 'pull_request',
      headRepository: 'bob/octo-repo'
    })
    github.addPastRun({
      number: 50,
      conclusion: 'failure',
      branch: 'patch-1',
      event: 'pull_request',
      headRepository: 'alice/octo-repo'
    })

    const run = await changed({ status: 'failure' }, pullRequest(8, 'bob/octo-repo', 'patch-1', 51))

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(
      /^❌ CI failed in octo-org\/octo-repo for <[^|]+\|PR #8>.* · broken$/
    )
    expect(JSON.stringify(server.messages[0]?.attachments)).toContain('bob:patch-1 → master')
  })

  it('a same-repository pull request develop → master is not compared with pushes to develop', async () => {
    github.addPastRun({
      number: 59,
      conclusion: 'success',
      branch: 'develop',
      event: 'pull_request',
      pullRequests: [9]
    })
    github.addPastRun({ number: 60, conclusion: 'failure', branch: 'develop', event: 'push' })
    github.addPastRun({
      number: 61,
      conclusion: 'failure',
      branch: 'develop',
      event: 'pull_request',
      pullRequests: [3]
    })

    const run = await changed(
      { status: 'failure' },
      pullRequest(9, 'octo-org/octo-repo', 'develop', 62)
    )

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(/ · broken$/)
    expect(JSON.stringify(server.messages[0]?.attachments)).toMatch(
      /last success was <[^|]+\|run #59>/
    )
  })

  it('with only other people’s runs to go by, sends and says there is no run like this one', async () => {
    github.addPastRun({
      number: 41,
      conclusion: 'failure',
      branch: 'master',
      event: 'pull_request',
      headRepository: 'mallory/octo-repo'
    })

    const run = await changed({ status: 'failure' }, { env: { GITHUB_RUN_NUMBER: '42' } })

    expect(server.messages).toHaveLength(1)
    expect(run.stdout).toMatch(
      /::notice::notify-when: changed: no previous completed run like this one/
    )
  })

  it('with only cancelled and skipped runs like this one, sends and says they have no verdict', async () => {
    for (const [number, conclusion] of [
      [41, 'cancelled'],
      [40, 'skipped'],
      [39, 'cancelled']
    ] as const) {
      github.addPastRun({ number, conclusion, branch: 'master' })
    }

    const run = await changed({ status: 'failure' }, { env: { GITHUB_RUN_NUMBER: '42' } })

    expect(server.messages).toHaveLength(1)
    expect(run.stdout).toContain(
      '::notice::notify-when: changed: the last 3 runs like this one have no verdict (cancelled, skipped); the message is sent.'
    )
    expect(run.stdout).not.toMatch(/no previous completed run/)
  })

  it('attempt 2 passing after attempt 1 failed sends “Fixed”, from that attempt', async () => {
    github.addPastRun({ number: 76, conclusion: 'success', branch: 'master' })
    github.addPastRun({
      id: github.runId,
      number: 77,
      attempt: 1,
      conclusion: 'failure',
      branch: 'master'
    })

    const run = await changed(
      { status: 'success' },
      { env: { GITHUB_RUN_NUMBER: '77', GITHUB_RUN_ATTEMPT: '2' } }
    )

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded .* · fixed$/)
    expect(JSON.stringify(server.messages[0]?.attachments)).toMatch(/Fixed after 1 failed run\(s\)/)
    expect(github.requests.map(request => request.url)).toContain(
      `/repos/octo-org/octo-repo/actions/runs/${github.runId}/attempts/1`
    )
  })

  it('on workflow_run, attempt 2 of the triggering run passing after attempt 1 failed sends “Fixed”', async () => {
    github.addPastRun({ number: 76, conclusion: 'success', branch: 'master' })
    github.addPastRun({
      id: github.runId,
      number: 77,
      attempt: 1,
      conclusion: 'failure',
      branch: 'master'
    })
    github.addPastRun({
      id: github.runId,
      number: 77,
      attempt: 2,
      conclusion: 'success',
      branch: 'master'
    })

    const run = await changed(
      { status: 'auto' },
      {
        eventName: 'workflow_run',
        event: {
          action: 'completed',
          workflow_run: {
            id: github.runId,
            run_number: 77,
            run_attempt: 2,
            name: 'CI',
            workflow_id: github.workflowId,
            event: 'push',
            head_branch: 'master',
            head_repository: { full_name: 'octo-org/octo-repo' },
            pull_requests: [],
            conclusion: 'success'
          }
        },
        env: { GITHUB_RUN_ID: '555000111', GITHUB_WORKFLOW: 'Notify' }
      }
    )

    expect(run.code).toBe(0)
    expect(server.messages[0]?.msg).toMatch(/^✅ CI succeeded .* · fixed$/)
  })

  it('a silent run makes only the runs-list request, reading no jobs, annotations or logs', async () => {
    github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })
    github.addPastRun({ number: 41, conclusion: 'failure', branch: 'master' })

    const run = await changed(
      { status: 'failure', 'log-lines': '15' },
      { env: { GITHUB_RUN_NUMBER: '42' } }
    )

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(0)
    expect(run.outputs.skipped).toMatch(/still failing, as run #41 did/)
    expect(routes()).toEqual(['runs'])
    expect(github.signedRequests).toEqual([])
  })

  it('a run that sends reads the runs list first, then the jobs and their errors', async () => {
    github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })
    github.addPastRun({ number: 41, conclusion: 'success', branch: 'master' })

    await changed({ status: 'failure', 'log-lines': '0' }, { env: { GITHUB_RUN_NUMBER: '42' } })

    expect(server.messages).toHaveLength(1)
    expect(routes()).toEqual(['runs', 'jobs', 'annotations'])
  })
})

describe('a fork’s run is named as the fork’s', () => {
  it('on workflow_run, a fork’s pull request from its own master reads mallory:master', async () => {
    github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })

    const run = await runAction(
      {
        url: `rocket://bot:bot-password@${server.host}/#general`,
        'github-token': TOKEN,
        status: 'auto'
      },
      {
        eventName: 'workflow_run',
        event: {
          action: 'completed',
          workflow_run: {
            id: github.runId,
            run_number: 41,
            name: 'CI',
            workflow_id: github.workflowId,
            event: 'pull_request',
            head_branch: 'master',
            head_repository: { full_name: 'mallory/octo-repo' },
            pull_requests: [],
            conclusion: 'failure'
          }
        },
        env: { GITHUB_API_URL: github.apiUrl, GITHUB_RUN_ID: '555000111' }
      }
    )

    expect(run.code).toBe(0)
    const msg = server.messages[0]?.msg ?? ''
    expect(msg).toMatch(/^❌ CI failed in octo-org\/octo-repo on mallory:master/)
    expect(msg).not.toMatch(/ on master/)
  })
})

const SUBJECT: SubjectRun = {
  id: 100,
  attempt: 1,
  number: 42,
  workflow: 'ci.yml',
  branch: 'master',
  event: 'push',
  headRepository: 'octo-org/octo-repo',
  pullRequest: undefined,
  conclusion: undefined
}

function past(more: Partial<PastRun>): PastRun {
  return {
    id: 1,
    number: 41,
    attempt: 1,
    conclusion: 'success',
    sha: '',
    url: '',
    createdAt: undefined,
    updatedAt: undefined,
    event: 'push',
    headRepository: 'octo-org/octo-repo',
    headBranch: 'master',
    pullRequests: [],
    ...more
  }
}

describe('isLike', () => {
  const pr: SubjectRun = { ...SUBJECT, event: 'pull_request', branch: 'patch-1', pullRequest: 8 }
  it.each([
    ['the same workflow, event, repository and branch', SUBJECT, past({}), true],
    [
      'a fork’s pull request from its own master',
      SUBJECT,
      past({ event: 'pull_request', headRepository: 'mallory/octo-repo' }),
      false
    ],
    [
      'a push of a fork’s master (pushes to forks run there, not here)',
      SUBJECT,
      past({ headRepository: 'mallory/octo-repo' }),
      false
    ],
    ['another event on the branch', SUBJECT, past({ event: 'schedule' }), false],
    ['another branch', SUBJECT, past({ headBranch: 'main' }), false],
    [
      'a run whose head repository is gone (a deleted fork)',
      SUBJECT,
      past({ headRepository: '' }),
      false
    ],
    ['the repository in other case', SUBJECT, past({ headRepository: 'Octo-Org/Octo-Repo' }), true],
    [
      'a run whose head repository is gone, when this one’s is unknown too',
      { ...SUBJECT, headRepository: '' },
      past({ headRepository: '' }),
      false
    ],
    [
      'a push that GitHub links to a pull request, when this one names none',
      SUBJECT,
      past({ pullRequests: [5] }),
      true
    ],
    [
      'the same pull request',
      pr,
      past({ event: 'pull_request', headBranch: 'patch-1', pullRequests: [8] }),
      true
    ],
    [
      'another pull request from the same branch',
      pr,
      past({ event: 'pull_request', headBranch: 'patch-1', pullRequests: [3] }),
      false
    ],
    [
      'a fork’s run, which GitHub links to no pull request',
      pr,
      past({ event: 'pull_request', headBranch: 'patch-1' }),
      true
    ],
    [
      'another fork’s patch-1',
      { ...pr, headRepository: 'bob/octo-repo' },
      past({ event: 'pull_request', headBranch: 'patch-1', headRepository: 'alice/octo-repo' }),
      false
    ]
  ] as const)('%s: %s', (_, subject, run, like) => {
    expect(isLike(run, subject)).toBe(like)
  })
})

describe('compare', () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z')
  it.each([
    ['failure after success', 'failure', ['success'], 'broken'],
    ['success after failure', 'success', ['failure'], 'fixed'],
    ['failure after failure', 'failure', ['failure', 'success'], 'unchanged'],
    [
      'success after a run with no verdict, then a failure',
      'success',
      ['skipped', 'action_required', 'failure'],
      'fixed'
    ],
    [
      'success after a cancelled run, then a success',
      'success',
      ['cancelled', 'success'],
      'unchanged'
    ],
    ['a failure that timed out after success', 'failure', ['timed_out', 'success'], 'unchanged']
  ] as const)('%s: %s', (_, status, conclusions, change) => {
    const runs = conclusions.map((conclusion, i) => past({ id: i + 1, number: 41 - i, conclusion }))
    expect(compare(status, runs, NOW)?.change).toBe(change)
  })

  it.each(['info', 'cancelled', 'warning'] as const)('says nothing of change for %s', status => {
    expect(compare(status, [past({ conclusion: 'failure' })], NOW)).toBeUndefined()
  })

  it('names no start of a streak when the build is still failing or still passing', () => {
    const failing = [
      past({ id: 2, number: 41, conclusion: 'failure', createdAt: '2026-12-01T09:55:00Z' }),
      past({ id: 1, number: 40, conclusion: 'success' })
    ]
    expect(compare('failure', failing, NOW)).toMatchObject({
      change: 'unchanged',
      failed_runs: 1,
      broken_since: null,
      broken_for: ''
    })
    expect(compare('success', [past({ conclusion: 'success' })], NOW)).toMatchObject({
      change: 'unchanged',
      failed_runs: 0,
      broken_since: null,
      broken_for: ''
    })
  })

  it.each([
    [['skipped'], 'the last run like this one has no verdict (skipped)'],
    [
      ['skipped', 'action_required', 'skipped', 'in_progress'],
      'the last 4 runs like this one have no verdict (skipped, action required, unknown)'
    ]
  ])(
    'sends, with a notice, when the runs like this one, %j, have no verdict',
    (conclusions, words) => {
      const notices: string[] = []
      vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
        notices.push(String(chunk))
        return true
      })
      const runs = conclusions.map((conclusion, i) => past({ id: i + 1, conclusion }))

      expect(compare('failure', runs, NOW)).toBeUndefined()
      expect(notices).toEqual([`::notice::notify-when: changed: ${words}; the message is sent.\n`])
    }
  )

  it('counts the failed streak and its start for a fix', () => {
    const runs = [
      past({ id: 3, number: 41, conclusion: 'failure' }),
      past({ id: 2, number: 40, conclusion: 'failure', createdAt: '2026-12-01T09:55:00Z' }),
      past({ id: 1, number: 39, conclusion: 'success' })
    ]
    expect(compare('success', runs, NOW)).toMatchObject({
      change: 'fixed',
      failed_runs: 2,
      failed_runs_more: false,
      broken_since: { number: 40 },
      broken_for: '2h 5m'
    })
  })
})
