import { closeSync } from 'node:fs'
import * as core from '@actions/core'
import { errorMessage } from '../shared/error-message.js'
import {
  deliver,
  type Destination,
  type Hooks,
  type Sender,
  type TargetResult
} from '../rocketchat/index.js'
import type { TestSummary } from '../test-results/summary.js'
import type { TestReport } from '../test-results/types.js'
import type { TestResultsValue } from '../template/workflow-context.js'
import { expand, type FileProblem } from './files.js'
import type { NetworkSettings } from './network.js'
import type { RunnerContext } from './runner-context.js'
import { describeGitHubError, LOOKUP_TIMEOUT_MS, subjectRunOf } from './subject-run.js'
import {
  defaultWorkspace,
  openWorkspaceFile,
  readOpenFile,
  WorkspaceFileError
} from './workspace.js'

/** The most reports one line of `test-results` reads: a glob's matches past it are named, not read. */
const MAX_REPORTS = 1000

/** The failures and flaky tests the `test-results` output lists; the counts count them all. */
const OUTPUT_LISTED = 100

/**
 * The reports `test-results` names (workspace paths or globs, by the rules of `files`: confined to
 * the workspace, at most `maxBytes` each, a glob matching nothing a warning), read and summed up.
 * The parsers are loaded here, by dynamic import: a run without reports never loads them. A report
 * that cannot be read or is refused (a DOCTYPE, too large, not a report) is a mistake naming it;
 * the others still count, and the message still goes.
 */
export async function readTestResults(
  patterns: readonly string[],
  maxBytes: number,
  warn: (warning: string) => void,
  workspace = defaultWorkspace(),
  artifact: ArtifactReports = { reports: [], mistakes: [] }
): Promise<{ summary: TestSummary | undefined; mistakes: string[]; reports: TestReport[] }> {
  const { readReport, summarize } = await import('../test-results/index.js')
  const problems: FileProblem[] = []
  const paths: string[] = []
  for (const pattern of patterns) {
    const matches = (await expand(pattern, workspace, warn, problems, 'test-results')) ?? []
    if (matches.length > MAX_REPORTS) {
      warn(
        `test-results: ${pattern} matches ${matches.length} files; only the first ${MAX_REPORTS} are read`
      )
    }
    paths.push(...matches.slice(0, MAX_REPORTS))
  }
  const without = 'the message goes without it'
  const mistakes = [
    ...artifact.mistakes,
    ...problems.map(problem => `${problem.reason}; ${without}`)
  ]
  const reports: Parameters<typeof summarize>[0][number][] = []
  for (const { file, text } of artifact.reports) {
    try {
      reports.push({ file, report: await readReport(text, workspace) })
    } catch (error) {
      mistakes.push(`test-results-artifact: ${file} is refused: ${errorMessage(error)}; ${without}`)
    }
  }
  const seen = new Set<string>()
  for (const path of paths) {
    let text: string
    try {
      const opened = openWorkspaceFile('test-results', path, maxBytes, workspace)
      try {
        if (seen.has(opened.file)) continue
        seen.add(opened.file)
        const bytes = readOpenFile(opened.fd, opened.size, maxBytes)
        if (bytes === undefined) {
          throw new WorkspaceFileError(
            `test-results: ${path} grew past the limit of ${maxBytes} bytes while read`,
            'too-large'
          )
        }
        text = bytes.toString('utf8')
      } finally {
        closeSync(opened.fd)
      }
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      mistakes.push(`${error.message}; ${without}`)
      continue
    }
    try {
      reports.push({ file: path, report: await readReport(text, workspace) })
    } catch (error) {
      // Whatever a parser says of a hostile file, the file is refused and the alert goes.
      mistakes.push(`test-results: ${path} is refused: ${errorMessage(error)}; ${without}`)
    }
  }
  return {
    summary: reports.length > 0 ? summarize(reports) : undefined,
    mistakes,
    reports: reports.map(({ report }) => report)
  }
}

/** Reports read from an artifact, each named `ARTIFACT/path/in/zip`, and what kept others out. */
export interface ArtifactReports {
  reports: { file: string; text: string }[]
  mistakes: string[]
}

/** An artifact's zip, all entries inflated: a few reports' worth, never a bomb's. */
const ARTIFACT_TOTAL_FACTOR = 4

/**
 * `test-results-artifact`: the reports in the triggering run's artifact of that name, on
 * `workflow_run` (a fork-safe notifier reads the tests the fork's run wrote). The zip is at most
 * `max-file-size`, each report in it too, all of them together four times that; a zip that breaks
 * a limit or escapes itself is refused whole, by its name, and the message goes without it.
 */
export async function readTestArtifact(
  name: string,
  maxBytes: number,
  token: string,
  runner: RunnerContext,
  network: NetworkSettings
): Promise<ArtifactReports> {
  const { github } = runner
  const fail = (why: string): ArtifactReports => ({
    reports: [],
    mistakes: [`test-results-artifact: ${why}; the message goes without it`]
  })
  if (github.event_name !== 'workflow_run') {
    return fail(
      `${name} is read from the run that triggered a workflow_run, and this run is a ${github.event_name || 'run of no event'}: in the job that ran the tests, give its reports to \`test-results\` instead`
    )
  }
  const subject = subjectRunOf(github)
  const [owner, repo] = github.repository.split('/')
  if (!subject || !owner || !repo) return fail(`${name}: the event names no triggering run`)
  if (token === '') return fail(`${name} cannot be read: github-token is empty`)
  const read = await readArtifact(name, subject, maxBytes, token, runner, network)
  if ('error' in read) {
    const permission =
      read.kind === 'auth'
        ? " Reading it takes the job's `permissions:` `actions: read`."
        : read.kind === 'not-found'
          ? ' Upload it with that name in the triggering run (actions/upload-artifact).'
          : ''
    return fail(`artifact ${name} of run ${subject.id}: GitHub ${read.error}.${permission}`)
  }
  if ('refused' in read) return fail(`artifact ${name} is refused: ${read.refused}`)
  const mistakes = read.tooLarge.map(
    path =>
      `test-results-artifact: ${name}/${path} is larger than max-file-size (${maxBytes} bytes); the message goes without it`
  )
  if (read.reports.length === 0 && mistakes.length === 0) {
    mistakes.push(
      `test-results-artifact: artifact ${name} holds no JUnit XML, CTRF JSON or TAP report; the message goes without it`
    )
  }
  return { reports: read.reports, mistakes }
}

/** What an artifact held, or why it could not be read: GitHub's answer, or the zip refused. */
export type ArtifactRead =
  | { reports: { file: string; text: string }[]; tooLarge: string[] }
  | { error: string; kind: string | undefined; status: number | undefined }
  | { refused: string }

/**
 * The reports in `run`'s artifact `name`, each named `NAME/path/in/zip`: the zip at most
 * `maxBytes`, each report in it too, all of them together four times that. `createdBefore`: only
 * an artifact made by then (an earlier attempt's, not a re-run's own).
 */
export async function readArtifact(
  name: string,
  run: { id: number; attempt: number; createdBefore?: string | undefined },
  maxBytes: number,
  token: string,
  runner: RunnerContext,
  network: NetworkSettings
): Promise<ArtifactRead> {
  const { github } = runner
  const [owner = '', repo = ''] = github.repository.split('/')
  const { readArtifactZip } = await import('../github/api.js')
  let zip: Buffer
  try {
    zip = await readArtifactZip(
      { apiUrl: github.api_url, owner, repo, runId: run.id, attempt: run.attempt, token },
      name,
      maxBytes,
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        userAgent: network.userAgent,
        annotations: false,
        proxy: network.proxy
      },
      run.createdBefore
    )
  } catch (error) {
    const { kind, status } = error as { kind?: string; status?: number }
    return { error: describeGitHubError(error), kind, status }
  }
  const { reportsInZip } = await import('../test-results/artifact-zip.js')
  try {
    const found = await reportsInZip(zip, {
      maxEntryBytes: maxBytes,
      maxTotalBytes: ARTIFACT_TOTAL_FACTOR * maxBytes
    })
    return {
      reports: found.reports.map(report => ({ file: `${name}/${report.path}`, text: report.text })),
      tooLarge: found.tooLarge
    }
  } catch (error) {
    return { refused: errorMessage(error) }
  }
}

/** `tests-total`, `tests-failed`, `tests-flaky` and the JSON `test-results`. */
export function setTestOutputs(value: TestResultsValue): void {
  core.setOutput('tests-total', value.total)
  core.setOutput('tests-failed', value.failed)
  core.setOutput('tests-flaky', value.flaky)
  const { headline, failures, flaky_tests, ...counts } = value
  core.setOutput(
    'test-results',
    JSON.stringify({
      ...counts,
      headline,
      failures: failures.slice(0, OUTPUT_LISTED),
      flaky_tests: flaky_tests.slice(0, OUTPUT_LISTED)
    })
  )
}

/**
 * The full list of failures, when the message could not show them all, as a reply in the thread of
 * each message posted (token and basic modes), once per message. A webhook cannot reply in a thread: its room has the first failures
 * only, and a notice says so. A reply that fails is a warning: the alert itself went.
 */
export async function replyWithFailures(
  text: string,
  shown: number,
  value: TestResultsValue,
  {
    results,
    destinations,
    sender,
    hooks,
    threadId
  }: {
    results: readonly TargetResult[]
    destinations: readonly Destination[]
    sender: Sender
    hooks: Hooks
    threadId: string | undefined
  }
): Promise<void> {
  if (text === '' || value.failed <= shown) return
  const parents = new Map<string, { destination: Destination; parent: string }>()
  let webhook = false
  for (const result of results) {
    if (result.file !== undefined || result.outcome !== 'delivered') continue
    if (result.mode === 'webhook') {
      webhook = true
      continue
    }
    const parent = threadId ?? result.threadId ?? result.messageId
    const destination = destinations[result.destination]
    if (parent === undefined || destination === undefined) continue
    parents.set(`${result.destination}\u0000${parent}`, { destination, parent })
  }
  if (webhook && value.failed > shown) {
    core.notice(
      `test-results: a webhook cannot reply in a thread; its message lists the first ${shown} of ${value.failed} failures, the test-results output lists more`
    )
  }
  for (const { destination, parent } of parents.values()) {
    const replies = await deliver(
      [destination],
      { body: text, status: 'failure', threadId: parent },
      { sender, hooks }
    )
    for (const reply of replies) {
      if (reply.outcome === 'failed') {
        core.warning(
          `test-results: the list of failures was not posted in the thread of ${reply.target} (${destination.masked}): ${reply.error}`
        )
      }
    }
  }
}
