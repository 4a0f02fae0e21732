import * as core from '@actions/core'
import { deriveStatus, statusOfConclusion, type RunDetails, type RunJob } from '../github/jobs.js'
import type { PastRun } from '../github/api.js'
import { mappedAuthors, toUserMap, UserMapError } from '../github/people.js'
import { CONCLUSION_STATUS, conclusionOf, type Conclusion } from '../run/conclusions.js'
import { errorMessage, redact } from '../rocketchat/errors.js'
import type { Status } from '../rocketchat/types.js'
import type { RunnerContext } from './runner-context.js'
import type { StepLog } from './log-files.js'
import { proxyFromEnvironment } from './network.js'
import { leftOut } from './report.js'
import { isDefaultMessage, type NotificationInput } from '../template/notification.js'
import { formatDuration, runDetailsValue } from '../template/run-details-wording.js'
import {
  RUN_DETAILS_CONTEXT,
  type GithubContext,
  type PreviousRunValue,
  type WorkflowContext
} from '../template/workflow-context.js'

/** The inputs of the run's details, as action.yml names them. */
export interface RunDetailsSettings {
  /** `github-token`; masked when read. Empty: no lookup. */
  token: string
  /** The jobs of `needs` (`${{ toJSON(needs) }}`): their results without the API. */
  needs: RunJob[] | undefined
  /** `user-map` as YAML or JSON text (a workspace file is read already). */
  userMap: string
  /** `log-lines`: the failing step's last lines quoted; 0 reads no log. */
  logLines: number
  /** `notify-when`: `changed` sends only when the status differs from the previous run's. */
  notifyWhen: 'always' | 'changed'
  /** `attach-log`: on failure, the failing step's log as a file, where the quote is shorter. */
  attachLog: boolean
}

/** The step's inputs as they reach this module: the status still as written (`auto`). */
type RunInput = Omit<NotificationInput, 'status'> & {
  status: Status | 'auto'
  conclusion?: Conclusion | undefined
  runDetails: RunDetailsSettings
  /** Every secret known: a quoted log is redacted with them. */
  secrets: string[]
}

/** What the message is about, decided once: its status, context and mentions, or why none goes. */
export interface ReportedRun<Input extends RunInput> {
  input: Omit<Input, 'status'> & { status: Status }
  context: WorkflowContext
  /** `notify-when: changed` and nothing changed: why no message is sent. */
  unchanged: string | undefined
  /** `attach-log`: the failed jobs' step logs to send as files, redacted; empty when none. */
  stepLogs: StepLog[]
}

/** The lookup's own budget: a slow API delays the alert by this much at most, never loses it. */
const LOOKUP_TIMEOUT_MS = 5000
const USER_AGENT = 'rocketchat-notify'
const AUTHOR = /^@?author$/i

/**
 * The run the message is about: this one, or on `workflow_run` the run that triggered it (the
 * notifying workflow is only the messenger). Its conclusion, if it has one, is its status.
 */
interface SubjectRunIds {
  id: number
  attempt: number
  number: number
  /** The workflow's id, or its file name from GITHUB_WORKFLOW_REF; empty if unknown. */
  workflow: string | number
  branch: string
  /** What the run concluded, when it has finished (on `workflow_run`). */
  conclusion: Conclusion | undefined
}

/**
 * The run's part in the message: the status (`auto` decided here, once), the jobs (from the API or
 * `needs`) when the message needs them, the previous run for `notify-when: changed`, and `mention:
 * author` as mapped Rocket.Chat users. A success with the default message and no `notify-when`
 * costs no API call.
 */
export async function withRunDetails<Input extends RunInput>(
  input: Input,
  runner: RunnerContext
): Promise<ReportedRun<Input>> {
  const settings = input.runDetails
  const subject = subjectRunIds(runner.github)
  const needed = neededDetails(input, subject)
  // One budget for every request of the lookup: they run side by side.
  const deadline = AbortSignal.timeout(LOOKUP_TIMEOUT_MS)
  const [details, pastRuns] = await Promise.all([
    needed === 'none' ? undefined : readDetails(input, runner, subject, needed, deadline),
    settings.notifyWhen === 'changed'
      ? readPastRuns(settings, runner, subject, deadline)
      : undefined
  ])
  const subjectStatus = subject?.conclusion && CONCLUSION_STATUS[subject.conclusion]
  const runStatus = subjectStatus ?? (details ? deriveStatus(details.jobs) : undefined)
  // status: auto with a run that cannot be read: the neutral info, never a guess.
  const status = input.status === 'auto' ? (runStatus ?? 'info') : input.status
  const conclusion = input.status === 'auto' ? subject?.conclusion : input.conclusion
  const context: WorkflowContext = {
    ...runner,
    job: conclusion === undefined ? { status } : { status, conclusion }
  }
  if (details) {
    context[RUN_DETAILS_CONTEXT] = runDetailsValue(
      details,
      runner.github,
      input.status === 'auto',
      runStatus ?? 'info'
    )
  }
  const previous = pastRuns && subject ? compare(status, subject, pastRuns) : undefined
  if (previous) context.previous_run = previous
  const mention = await resolveAuthors(input.mention, settings.userMap, runner.github)
  return {
    input: { ...input, status, conclusion, mention },
    context,
    unchanged: previous?.change === 'unchanged' ? unchangedReason(status, previous) : undefined,
    stepLogs: (details?.jobs ?? []).flatMap(job =>
      job.stepLog === undefined
        ? []
        : [{ job: job.name, step: job.failedStep?.number, text: job.stepLog }]
    )
  }
}

function subjectRunIds(github: GithubContext): SubjectRunIds | undefined {
  const triggering = github.event_name === 'workflow_run' ? github.event.workflow_run : undefined
  if (typeof triggering === 'object' && triggering !== null) {
    const run = triggering as Record<string, unknown>
    if (!isId(run.id)) return undefined
    return {
      id: run.id,
      attempt: isId(run.run_attempt) ? run.run_attempt : 1,
      number: isId(run.run_number) ? run.run_number : 0,
      workflow: isId(run.workflow_id) ? run.workflow_id : '',
      branch: typeof run.head_branch === 'string' ? run.head_branch : '',
      conclusion: conclusionOf(run.conclusion)
    }
  }
  const id = Number(github.run_id)
  if (!isId(id)) return undefined
  const file = /\/\.github\/workflows\/([^@/]+)@/.exec(github.workflow_ref)?.[1] ?? ''
  return {
    id,
    attempt: Number(github.run_attempt) || 1,
    number: Number(github.run_number) || 0,
    workflow: file,
    branch: github.head_ref || (github.ref_type === 'branch' ? github.ref_name : ''),
    conclusion: undefined
  }
}

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

/**
 * What the message needs of the run: nothing, the jobs, or the jobs with their errors and logs (a
 * second round of requests). The default message shows errors on failure, which `status: auto`
 * learns from the jobs unless the triggering run's conclusion tells it; a template needs them when
 * it reads annotations, logs or the summary.
 */
function neededDetails(
  input: RunInput,
  subject: SubjectRunIds | undefined
): 'none' | 'jobs' | 'errors' {
  const templates = [input.title, input.body, input.attachments].filter(template =>
    template.includes(RUN_DETAILS_CONTEXT)
  )
  const known = knownStatus(input, subject)
  if (isDefaultMessage(input) && (known === undefined || known === 'failure')) return 'errors'
  if (templates.some(template => /\b(annotations|summary)\b|\.log\b/.test(template)))
    return 'errors'
  if (known === undefined || input.runDetails.needs !== undefined || templates.length > 0)
    return 'jobs'
  if (attachesLog(input, subject)) return 'jobs'
  return 'none'
}

/** The status the message will have, if known before reading the jobs. */
function knownStatus(input: RunInput, subject: SubjectRunIds | undefined): Status | undefined {
  if (input.status !== 'auto') return input.status
  return subject?.conclusion && CONCLUSION_STATUS[subject.conclusion]
}

/** `attach-log` reads the failing step's log only for a failure (or a status still to be learnt). */
function attachesLog(input: RunInput, subject: SubjectRunIds | undefined): boolean {
  const known = knownStatus(input, subject)
  return input.runDetails.attachLog && (known === undefined || known === 'failure')
}

async function readDetails(
  input: RunInput,
  runner: RunnerContext,
  subject: SubjectRunIds | undefined,
  needed: 'jobs' | 'errors',
  deadline: AbortSignal
): Promise<RunDetails | undefined> {
  const settings = input.runDetails
  if (settings.needs !== undefined) {
    if (attachesLog(input, subject)) {
      leftOut(
        'Log file left out: the jobs come from `needs`, which holds no logs; reading a log ' +
          "takes the API (the job's `permissions:` `actions: read`) instead of `needs`."
      )
    }
    return { jobs: settings.needs, annotations: [], source: 'needs' }
  }
  const { github } = runner
  const [owner, repo] = github.repository.split('/')
  if (!owner || !repo || !subject) return undefined
  if (settings.token === '') {
    leftOut(`Run details left out: github-token is empty. ${PERMISSIONS}`)
    return undefined
  }
  try {
    // Octokit is loaded here only: a run that needs no details never pays for it.
    const { readRun } = await import('../github/api.js')
    const logLines = needed === 'errors' ? settings.logLines : 0
    const stepLogs = attachesLog(input, subject)
    // What a log read gives the message: its quote, its file (attach-log) or both.
    const logWords =
      logLines > 0 && stepLogs ? 'Log excerpt and file' : stepLogs ? 'Log file' : 'Log excerpt'
    const lookup = await readRun(
      {
        apiUrl: github.api_url,
        owner,
        repo,
        runId: subject.id,
        attempt: subject.attempt,
        token: settings.token
      },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        deadline,
        userAgent: USER_AGENT,
        annotations: needed === 'errors',
        logLines,
        stepLogs,
        proxy: proxyFromEnvironment(process.env)
      }
    )
    if (lookup.annotationsError) {
      leftOut(
        `Error annotations left out: GitHub ${describe(lookup.annotationsError)}. ` +
          (permissionDenied(lookup.annotationsError)
            ? "Reading them takes the job's `permissions:` `checks: read`."
            : 'The message is sent without them.')
      )
    }
    if (lookup.logsError) {
      leftOut(
        `${logWords} left out: GitHub ${describe(lookup.logsError)}. ` +
          (permissionDenied(lookup.logsError)
            ? "Reading a job's log takes the job's `permissions:` `actions: read`."
            : 'The message is sent without it.')
      )
    }
    for (const name of lookup.unfinished ?? []) {
      leftOut(
        `${logWords} of ${JSON.stringify(name)} left out: the job is still running, and a log is ` +
          'read once its job has finished (from a summary job with `needs`, or on `workflow_run`).'
      )
    }
    // Our own secrets never leave in a quote, whatever a step printed (GitHub masks only its own).
    for (const job of lookup.details.jobs) {
      if (job.log !== undefined) job.log = redact(job.log, input.secrets)
      if (job.stepLog !== undefined) job.stepLog = redact(job.stepLog, input.secrets)
    }
    return lookup.details
  } catch (error) {
    // Permission advice only where permissions are the cause: a timeout is not fixed by `actions: read`.
    leftOut(
      `Run details left out: GitHub ${describe(error)}. ` +
        (permissionDenied(error) ? PERMISSIONS : 'The message is sent without them.')
    )
    return undefined
  }
}

/** 401, 403 and 404 (how GitHub hides what a token may not read): a matter of permissions. */
function permissionDenied(error: unknown): boolean {
  const { kind } = error as { kind?: string }
  return kind === 'auth' || kind === 'not-found'
}

const PERMISSIONS =
  "The message is sent without them. Reading them takes the job's `permissions:` " +
  '`actions: read` (and `checks: read` for error annotations), or `needs: ${{ toJSON(needs) }}`.'

/**
 * `notify-when: changed`: the latest completed runs of the same workflow on the same branch. Any
 * reason they cannot be read is a notice, and the message goes.
 */
async function readPastRuns(
  settings: RunDetailsSettings,
  runner: RunnerContext,
  subject: SubjectRunIds | undefined,
  deadline: AbortSignal
): Promise<PastRun[] | undefined> {
  const { github } = runner
  const [owner, repo] = github.repository.split('/')
  const notCompared = (why: string): void => {
    core.notice(
      `notify-when: changed: not compared with the previous run (${why}); the message is sent.`
    )
  }
  if (!owner || !repo || !subject || subject.workflow === '' || subject.branch === '') {
    notCompared('the workflow or branch of the run is unknown')
    return undefined
  }
  if (settings.token === '') {
    notCompared('github-token is empty')
    return undefined
  }
  try {
    const { readPastRuns: read } = await import('../github/api.js')
    return await read(
      {
        apiUrl: github.api_url,
        owner,
        repo,
        token: settings.token,
        workflow: subject.workflow,
        branch: subject.branch
      },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        deadline,
        userAgent: USER_AGENT,
        annotations: false,
        proxy: proxyFromEnvironment(process.env)
      }
    )
  } catch (error) {
    notCompared(`GitHub ${describe(error)}; reading runs takes \`actions: read\``)
    return undefined
  }
}

/**
 * The previous verdict (a success or a failure; cancelled and skipped runs say nothing) against
 * this run's status: broken, fixed or unchanged. Undefined when there is nothing to compare.
 */
function compare(
  status: Status,
  subject: SubjectRunIds,
  runs: PastRun[]
): PreviousRunValue | undefined {
  if (status !== 'success' && status !== 'failure') return undefined
  const verdicts = runs
    .filter(run => run.id !== subject.id && (subject.number === 0 || run.number < subject.number))
    .flatMap(run => {
      const verdict = statusOfConclusion(run.conclusion)
      return verdict === 'success' || verdict === 'failure' ? [{ run, verdict }] : []
    })
  const [last] = verdicts
  if (!last) {
    core.notice(
      'notify-when: changed: no previous completed run of this workflow on this branch; the message is sent.'
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
        ? formatDuration(Math.max(0, Math.round((Date.now() - startedAt) / 1000)))
        : ''
  }
}

function unchangedReason(status: Status, previous: PreviousRunValue): string {
  return status === 'failure'
    ? `notify-when: changed: still failing, as run #${previous.number} did; no message is sent.`
    : `notify-when: changed: still succeeding, as run #${previous.number} did; no message is sent.`
}

function describe(error: unknown): string {
  const { kind } = error as { kind?: string }
  const said = errorMessage(error)
  if (kind === 'timeout') return `gave no answer in time (${said})`
  if (kind === 'network') return `could not be reached (${said})`
  if (kind === 'rate-limit') return `refused the request: the API rate limit is spent (${said})`
  return `answered ${said}`
}

/** `author` in `mention` stands for the mapped actor, commit author and PR author, if any. */
async function resolveAuthors(
  mention: string[],
  userMapText: string,
  github: GithubContext
): Promise<string[]> {
  if (userMapText.trim() === '' && !mention.some(name => AUTHOR.test(name))) return mention
  const userMap = await parseUserMap(userMapText)
  return [
    ...new Set(mention.flatMap(name => (AUTHOR.test(name) ? mappedAuthors(github, userMap) : name)))
  ]
}

/** A user-map larger than this is read up to its last whole line within it, with a warning. */
const MAX_USER_MAP_BYTES = 256 * 1024

/** A user-map that cannot be read mentions no author, said in a warning: the alert still goes. */
async function parseUserMap(text: string): Promise<Map<string, string>> {
  if (text.trim() === '') return new Map()
  try {
    const { users, warnings } = toUserMap(await parseMapText(text))
    for (const warning of warnings) core.warning(warning)
    return users
  } catch (error) {
    const problem =
      error instanceof UserMapError
        ? error.message
        : `user-map is neither YAML nor JSON (${errorMessage(error)})`
    core.warning(`${problem}; no author is mentioned`)
    return new Map()
  }
}

/**
 * YAML or JSON text, in time linear in its size: JSON by JSON.parse, YAML without its check for
 * repeated keys (quadratic: 34 s for 60,000 keys; toUserMap finds them), and at most 256 KiB of it.
 */
async function parseMapText(text: string): Promise<unknown> {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // YAML's flow style (`{octocat: alice}`) is not JSON.
    }
  }
  let source = text
  if (Buffer.byteLength(text) > MAX_USER_MAP_BYTES) {
    const head = Buffer.from(text).subarray(0, MAX_USER_MAP_BYTES).toString()
    source = head.slice(0, Math.max(0, head.lastIndexOf('\n')))
    core.warning(
      `user-map is ${String(Math.ceil(Buffer.byteLength(text) / 1024))} KiB; ` +
        `only its first ${String(MAX_USER_MAP_BYTES / 1024)} KiB are read`
    )
  }
  // YAML is a superset of JSON: one parser reads both; it is loaded only by runs with a user-map.
  const { parse } = await import('yaml')
  return parse(source, { uniqueKeys: false }) as unknown
}
