/*
 * With `notify-when` or `thread-key`, this run's failures against the previous run's reports: the
 * run `notify-when: changed` compares with (previous-run.ts), its reports read from its artifact
 * named as `test-results-artifact`, by the same code, limits and budget as this run's artifact.
 * Anything that keeps the comparison from being made is one notice, and the message says nothing
 * of new or already failing tests; it never holds the message back.
 */
import * as core from '@actions/core'
import type { PastRun } from '../github/api.js'
import { compareFailures } from '../test-results/compare.js'
import type { TestReport } from '../test-results/types.js'
import { errorMessage } from '../shared/error-message.js'
import type { ComparedRun } from '../template/test-results-wording.js'
import { comparedRun, readPreviousRuns } from './previous-run.js'
import type { NetworkSettings } from './network.js'
import type { RunnerContext } from './runner-context.js'
import { LOOKUP_TIMEOUT_MS, subjectRunOf } from './subject-run.js'
import { readArtifact } from './test-results.js'

export interface PreviousTestsSettings {
  /** `test-results-artifact`: the artifact the previous run's reports are in; empty: none named. */
  artifact: string
  maxFileSize: number
  token: string
  notifyWhen: 'always' | 'changed'
  threadKey: string | undefined
}

const NOT_COMPARED = 'test-results: failures not compared with the previous run'

/**
 * The comparison of `current` (every report this run read) with the previous run's reports, when
 * `notify-when: changed` or `thread-key` asks for it and it can say something: this run has
 * failures, or the previous run failed (some may be fixed). `pastRuns` are the runs `notify-when`
 * read already; with `thread-key` alone they are read here. Returns what the summary lists as
 * left out, each said as a notice already.
 */
export async function comparePreviousTests(
  current: readonly TestReport[],
  settings: PreviousTestsSettings,
  runner: RunnerContext,
  network: NetworkSettings,
  pastRuns: PastRun[] | undefined,
  budgetMs = LOOKUP_TIMEOUT_MS
): Promise<{ compared: ComparedRun | undefined; leftOut: string[] }> {
  const leftOut: string[] = []
  const none = { compared: undefined, leftOut }
  const comparing = settings.notifyWhen === 'changed' || settings.threadKey !== undefined
  const notCompared = (why: string) => {
    const text = `${why}; the message says nothing of new or already failing tests.`
    core.notice(text)
    leftOut.push(text)
    return none
  }
  if (!comparing && settings.artifact !== '' && runner.github.event_name !== 'workflow_run') {
    return notCompared(
      `test-results-artifact: in the job that ran the tests, it names the artifact the previous run's reports are read from, with \`notify-when: changed\` or \`thread-key\`; neither is set`
    )
  }
  if (!comparing || current.length === 0) return none
  if (settings.artifact === '') {
    return notCompared(
      `${NOT_COMPARED}: \`test-results-artifact\` names no artifact to read its reports from (upload them as one, and name it)`
    )
  }
  const subject = subjectRunOf(runner.github)
  const runs =
    settings.notifyWhen === 'changed'
      ? pastRuns
      : await readPreviousRuns(
          settings.token,
          runner,
          subject,
          network,
          AbortSignal.timeout(budgetMs),
          budgetMs,
          NOT_COMPARED
        )
  // Runs that could not be read were named in a notice by readPreviousRuns already.
  if (runs === undefined) return none
  const previous = comparedRun(runs)
  // notify-when: changed said so already, in its own notice.
  if (!previous && settings.notifyWhen === 'changed') return none
  if (!previous) {
    return notCompared(
      `${NOT_COMPARED}: there is no completed run like this one with a verdict (same workflow, event, head repository and branch)`
    )
  }
  const failedNow = current.some(report => report.cases.some(test => test.outcome === 'failed'))
  if (!failedNow && previous.verdict === 'success') return none
  const { run } = previous
  const against = `test-results: failures not compared with run #${run.number}`
  // A re-run's previous attempt is the same run, whose artifacts are listed for every attempt
  // together: only one made before that attempt ended is its own (upload-artifact's `overwrite`
  // replaces it with this attempt's).
  const createdBefore = run.id === subject?.id ? (run.updatedAt ?? '') : undefined
  const read = await readArtifact(
    settings.artifact,
    { ...run, createdBefore },
    settings.maxFileSize,
    settings.token,
    runner,
    network
  )
  if ('error' in read) {
    const hint =
      read.status === 404
        ? ' (each run uploads its reports under that name for the next to compare with)'
        : read.kind === 'auth'
          ? " (reading it takes the job's `permissions:` `actions: read`)"
          : ''
    return notCompared(`${against}: GitHub ${read.error}${hint}`)
  }
  if ('refused' in read) {
    return notCompared(`${against}: its artifact ${settings.artifact} is refused: ${read.refused}`)
  }
  // A comparison with part of the previous reports would call old failures new: all or nothing.
  const [tooLarge] = read.tooLarge
  if (tooLarge !== undefined) {
    return notCompared(
      `${against}: ${settings.artifact}/${tooLarge} is larger than max-file-size (${settings.maxFileSize} bytes)`
    )
  }
  if (read.reports.length === 0) {
    return notCompared(
      `${against}: its artifact ${settings.artifact} holds no JUnit XML, CTRF JSON or TAP report`
    )
  }
  const { readReport } = await import('../test-results/index.js')
  const previousReports: TestReport[] = []
  for (const { file, text } of read.reports) {
    try {
      previousReports.push(await readReport(text))
    } catch (error) {
      return notCompared(`${against}: ${file} is refused: ${errorMessage(error)}`)
    }
  }
  const comparison = compareFailures(
    current.flatMap(report => report.cases),
    previousReports.flatMap(report => report.cases)
  )
  return { compared: { comparison, run: { number: run.number, url: run.url } }, leftOut }
}
