/*
 * `notify-when: changed`: the previous verdict of a run like this one, and whether this run broke
 * or fixed it. Like with like (docs/run-verdicts.md): a completed run of the same workflow, event
 * kind, head repository and head branch, and of the same pull request where both name one; for a
 * re-run, the previous attempt first. A fork's run never stands for the base branch's.
 */
import * as core from '@actions/core'
import type { PastRun } from '../github/api.js'
import { statusOfConclusion } from '../github/jobs.js'
import { conclusionOf } from '../run/conclusions.js'
import type { Status } from '../rocketchat/index.js'
import { formatDuration } from '../template/run-details-wording.js'
import type { PreviousRunValue } from '../template/workflow-context.js'
import type { RunnerContext } from './runner-context.js'
import type { NetworkSettings } from './network.js'
import { describeGitHubError, LOOKUP_TIMEOUT_MS, type SubjectRun } from './subject-run.js'

/**
 * The runs this one is compared with, newest first: for a re-run, its previous attempt, then the
 * earlier runs like it. Any reason they cannot be read is a notice, and the message goes.
 */
export async function readPreviousRuns(
  token: string,
  runner: RunnerContext,
  subject: SubjectRun | undefined,
  network: NetworkSettings,
  deadline: AbortSignal,
  budgetMs = LOOKUP_TIMEOUT_MS,
  // Who compares: its notice says what goes without the previous run.
  comparing = 'notify-when: changed: not compared with the previous run'
): Promise<PastRun[] | undefined> {
  const { github } = runner
  const [owner, repo] = github.repository.split('/')
  const notCompared = (why: string): void => {
    core.notice(`${comparing} (${why}); the message is sent.`)
  }
  if (!owner || !repo || !subject || subject.workflow === '' || subject.branch === '') {
    notCompared('the workflow or branch of the run is unknown')
    return undefined
  }
  if (token === '') {
    notCompared('github-token is empty')
    return undefined
  }
  const options = {
    timeoutMs: budgetMs,
    deadline,
    userAgent: network.userAgent,
    annotations: false,
    proxy: network.proxy
  }
  try {
    const { readPastRuns, readRunAttempt } = await import('../github/api.js')
    const api = { apiUrl: github.api_url, owner, repo, token }
    const [listed, attempt] = await Promise.all([
      readPastRuns({ ...api, workflow: subject.workflow, branch: subject.branch }, options),
      subject.attempt > 1
        ? readRunAttempt({ ...api, runId: subject.id, attempt: subject.attempt - 1 }, options)
        : undefined
    ])
    const earlier = listed.filter(
      run => run.id !== subject.id && (subject.number === 0 || run.number < subject.number)
    )
    return [...(attempt ? [attempt] : []), ...earlier.filter(run => isLike(run, subject))]
  } catch (error) {
    notCompared(`GitHub ${describeGitHubError(error)}; reading runs takes \`actions: read\``)
    return undefined
  }
}

/**
 * A run like the subject: same event kind, head repository and head branch (the runs list is
 * already of the same workflow), and the same pull request where both name one. GitHub names no
 * pull request for a fork's run; its head repository tells it apart.
 */
export function isLike(run: PastRun, subject: SubjectRun): boolean {
  return (
    run.event === subject.event &&
    run.headRepository !== '' &&
    run.headRepository.toLowerCase() === subject.headRepository.toLowerCase() &&
    run.headBranch === subject.branch &&
    (subject.pullRequest === undefined ||
      run.pullRequests.length === 0 ||
      run.pullRequests.includes(subject.pullRequest))
  )
}

/**
 * The previous verdict (a success or a failure; runs with none say nothing) against this run's
 * status: broken, fixed or unchanged. Undefined when there is nothing to compare.
 */
export function compare(
  status: Status,
  runs: PastRun[],
  now = Date.now()
): PreviousRunValue | undefined {
  if (status !== 'success' && status !== 'failure') return undefined
  const verdicts = withVerdicts(runs)
  const [last] = verdicts
  if (!last && runs.length > 0) {
    const many = runs.length === 1 ? 'run' : `${runs.length} runs`
    const have = runs.length === 1 ? 'has' : 'have'
    core.notice(
      `notify-when: changed: the last ${many} like this one ${have} no verdict ` +
        `(${withoutVerdict(runs)}); the message is sent.`
    )
    return undefined
  }
  if (!last) {
    core.notice(
      'notify-when: changed: no previous completed run like this one (same workflow, event, head ' +
        'repository and branch); the message is sent.'
    )
    return undefined
  }
  const streak = verdicts.findIndex(entry => entry.verdict === 'success')
  const failed = streak === -1 ? verdicts.length : streak
  const first = verdicts[failed - 1]?.run
  const startedAt = first?.createdAt === undefined ? NaN : Date.parse(first.createdAt)
  const fixed = status === 'success' && last.verdict === 'failure'
  return {
    status: last.verdict,
    number: last.run.number,
    url: last.run.url,
    sha: last.run.sha,
    change: last.verdict === status ? 'unchanged' : status === 'failure' ? 'broken' : 'fixed',
    failed_runs: failed,
    failed_runs_more: streak === -1,
    broken_since: fixed && first ? { number: first.number, url: first.url, sha: first.sha } : null,
    broken_for:
      fixed && !Number.isNaN(startedAt)
        ? formatDuration(Math.max(0, Math.round((now - startedAt) / 1000)))
        : ''
  }
}

/** The runs with a verdict, newest first: the first is the one this run is compared with. */
function withVerdicts(runs: PastRun[]): { run: PastRun; verdict: 'success' | 'failure' }[] {
  return runs.flatMap(run => {
    const verdict = statusOfConclusion(run.conclusion)
    return verdict === 'success' || verdict === 'failure' ? [{ run, verdict }] : []
  })
}

/**
 * The run `compare` compares with: the newest like this one with a verdict (a success or a
 * failure), and that verdict; undefined when there is none.
 */
export function comparedRun(
  runs: PastRun[]
): { run: PastRun; verdict: 'success' | 'failure' } | undefined {
  return withVerdicts(runs)[0]
}

/** The conclusions of runs with no verdict, each named once, in the order met: GitHub's names only. */
function withoutVerdict(runs: PastRun[]): string {
  const names = runs.map(run => conclusionOf(run.conclusion) ?? 'unknown')
  return [...new Set(names)].join(', ').replace(/_/g, ' ')
}

export function unchangedReason(status: Status, previous: PreviousRunValue): string {
  return status === 'failure'
    ? `notify-when: changed: still failing, as run #${previous.number} did; no message is sent.`
    : `notify-when: changed: still succeeding, as run #${previous.number} did; no message is sent.`
}
