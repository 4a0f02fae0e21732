import * as core from '@actions/core'
import type { PastRun } from '../github/api.js'
import { deriveStatus, type RunDetails, type RunJob } from '../github/jobs.js'
import { CONCLUSION_STATUS, type Conclusion } from '../run/conclusions.js'
import { redact } from '../shared/redact.js'
import type { Status } from '../rocketchat/index.js'
import type { RunnerContext } from './runner-context.js'
import type { StepLog } from './log-files.js'
import type { NetworkSettings } from './network.js'
import { isDefaultMessage, type NotificationInput } from '../template/notification.js'
import { runDetailsValue } from '../template/run-details-wording.js'
import { RUN_DETAILS_CONTEXT, type WorkflowContext } from '../template/workflow-context.js'
import { compare, readPreviousRuns, unchangedReason } from './previous-run.js'
import {
  describeGitHubError as describe,
  LOOKUP_TIMEOUT_MS,
  subjectRunOf,
  type SubjectRun
} from './subject-run.js'
import { resolveAuthors } from './user-map.js'

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
  /** What the message goes without, and why (each said as a notice already): for the summary. */
  leftOut: string[]
  /** `notify-when: changed`: the runs like this one, newest first, as read; undefined if not read. */
  pastRuns: PastRun[] | undefined
}

/**
 * The run's part in the message: the status (`auto` decided here, once), the jobs (from the API or
 * `needs`) when the message needs them, the previous run for `notify-when: changed`, and `mention:
 * author` as mapped Rocket.Chat users. A success with the default message and no `notify-when`
 * costs no API call; a `notify-when: changed` run whose status is known reads the runs list first,
 * and nothing more when it sends nothing.
 */
export async function withRunDetails<Input extends RunInput>(
  input: Input,
  runner: RunnerContext,
  network: NetworkSettings,
  // A parameter so that tests of a silent API wait milliseconds, not the real budget.
  budgetMs = LOOKUP_TIMEOUT_MS
): Promise<ReportedRun<Input>> {
  const settings = input.runDetails
  const subject = subjectRunOf(runner.github)
  const leftOut: string[] = []
  const note = (text: string): void => {
    core.notice(text)
    leftOut.push(text)
  }
  // One budget for every request of the lookup.
  const deadline = AbortSignal.timeout(budgetMs)
  const comparing = settings.notifyWhen === 'changed'
  const known = knownStatus(input, subject)
  const conclusion = input.status === 'auto' ? subject?.conclusion : input.conclusion
  const pastRuns =
    comparing && known !== undefined
      ? await readPreviousRuns(settings.token, runner, subject, network, deadline, budgetMs)
      : undefined
  const early = pastRuns && known !== undefined ? compare(known, pastRuns) : undefined
  if (known !== undefined && early?.change === 'unchanged') {
    const context: WorkflowContext = {
      ...runner,
      job: jobOf(known, conclusion),
      previous_run: early
    }
    return {
      input: { ...input, status: known, conclusion },
      context,
      unchanged: unchangedReason(known, early),
      stepLogs: [],
      leftOut,
      pastRuns
    }
  }
  const needed = neededDetails(input, subject)
  // A status still to be learnt from the jobs: the runs list is read beside them.
  const [details, laterRuns] = await Promise.all([
    needed === 'none'
      ? undefined
      : readDetails(input, runner, subject, needed, { network, deadline, budgetMs }, note),
    comparing && known === undefined
      ? readPreviousRuns(settings.token, runner, subject, network, deadline, budgetMs)
      : undefined
  ])
  const runStatus = known ?? (details ? deriveStatus(details.jobs) : undefined)
  // status: auto with a run that cannot be read: the neutral info, never a guess.
  const status = runStatus ?? 'info'
  const context: WorkflowContext = { ...runner, job: jobOf(status, conclusion) }
  if (details) {
    context[RUN_DETAILS_CONTEXT] = runDetailsValue(
      details,
      runner.github,
      input.status === 'auto',
      subjectStatus(subject) ?? deriveStatus(details.jobs)
    )
  }
  const previous = early ?? (laterRuns ? compare(status, laterRuns) : undefined)
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
    ),
    leftOut,
    pastRuns: pastRuns ?? laterRuns
  }
}

function jobOf(status: Status, conclusion: Conclusion | undefined): WorkflowContext['job'] {
  return conclusion === undefined ? { status } : { status, conclusion }
}

function subjectStatus(subject: SubjectRun | undefined): Status | undefined {
  return subject?.conclusion && CONCLUSION_STATUS[subject.conclusion]
}

/**
 * What the message needs of the run: nothing, the jobs, or the jobs with their errors and logs (a
 * second round of requests). The default message shows errors on failure, which `status: auto`
 * learns from the jobs unless the triggering run's conclusion tells it; a template needs them when
 * it reads annotations, logs or the summary.
 */
function neededDetails(
  input: RunInput,
  subject: SubjectRun | undefined
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
function knownStatus(input: RunInput, subject: SubjectRun | undefined): Status | undefined {
  return input.status === 'auto' ? subjectStatus(subject) : input.status
}

/** `attach-log` reads the failing step's log only for a failure (or a status still to be learnt). */
function attachesLog(input: RunInput, subject: SubjectRun | undefined): boolean {
  const known = knownStatus(input, subject)
  return input.runDetails.attachLog && (known === undefined || known === 'failure')
}

async function readDetails(
  input: RunInput,
  runner: RunnerContext,
  subject: SubjectRun | undefined,
  needed: 'jobs' | 'errors',
  how: { network: NetworkSettings; deadline: AbortSignal; budgetMs: number },
  leftOut: (note: string) => void
): Promise<RunDetails | undefined> {
  const { network, deadline, budgetMs } = how
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
        timeoutMs: budgetMs,
        deadline,
        userAgent: network.userAgent,
        annotations: needed === 'errors',
        logLines,
        stepLogs,
        proxy: network.proxy
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
