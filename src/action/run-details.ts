import * as core from '@actions/core'
import { deriveStatus, jobsFromNeeds, NeedsError, type RunDetails } from '../github/jobs.js'
import { mappedAuthors, toUserMap, UserMapError } from '../github/people.js'
import { errorMessage } from '../rocketchat/errors.js'
import { proxyFromEnvironment } from './network.js'
import type { NotificationInput } from '../template/notification.js'
import { RUN_DETAILS_CONTEXT } from '../template/context.js'
import { runDetailsValue } from '../template/run-details.js'
import type { WorkflowContext } from '../template/context.js'

/** The inputs of the run's details, as action.yml names them. */
export interface RunDetailsSettings {
  /** `github-token`; masked when read. Empty: no lookup. */
  token: string
  /** `status: auto`: the status comes from the other jobs of the run. */
  statusAuto: boolean
  /** `needs`: `${{ toJSON(needs) }}`, the jobs' results without the API. */
  needs: string
  /** `user-map` as YAML or JSON text (a workspace file is read already). */
  userMap: string
}

/** The lookup's own budget: a slow API delays the alert by this much at most, never loses it. */
const LOOKUP_TIMEOUT_MS = 5000
const USER_AGENT = 'rocketchat-notify'
const AUTHOR = /^@?author$/i

/**
 * The run's part in the message: the jobs (from the API or `needs`) when the message needs them,
 * the status they give for `status: auto`, and `mention: author` as mapped Rocket.Chat users. A
 * message that needs no details (a success with the default message) costs no API call.
 */
export async function withRunDetails<
  Input extends NotificationInput & { runDetails: RunDetailsSettings }
>(input: Input, context: WorkflowContext): Promise<{ input: Input; context: WorkflowContext }> {
  const settings = input.runDetails
  const needed = neededDetails(input, settings)
  const details = needed === 'none' ? undefined : await readDetails(settings, context, needed)
  // status: auto with jobs that cannot be read: the neutral info, never a guess.
  let status = input.status
  if (settings.statusAuto) status = details ? deriveStatus(details.jobs) : 'info'
  const withDetails: WorkflowContext = { ...context, job: { ...context.job, status } }
  if (details) {
    withDetails[RUN_DETAILS_CONTEXT] = runDetailsValue(details, context.github, settings.statusAuto)
  }
  const mention = await resolveAuthors(input.mention, settings.userMap, context)
  return { input: { ...input, status, mention }, context: withDetails }
}

/**
 * What the message needs of the run: nothing, the jobs, or the jobs and their errors (a second
 * round of requests). The default message shows errors on failure, which `status: auto` learns
 * only from the jobs; a template needs them when it reads annotations or the summary.
 */
function neededDetails(
  input: NotificationInput,
  settings: RunDetailsSettings
): 'none' | 'jobs' | 'errors' {
  const templates = [input.title, input.body, input.attachments].filter(template =>
    template.includes(RUN_DETAILS_CONTEXT)
  )
  const defaultBody = input.body.trim() === ''
  if (defaultBody && (input.status === 'failure' || settings.statusAuto)) return 'errors'
  if (templates.some(template => /\b(annotations|summary)\b/.test(template))) return 'errors'
  if (settings.statusAuto || settings.needs !== '' || templates.length > 0) return 'jobs'
  return 'none'
}

async function readDetails(
  settings: RunDetailsSettings,
  context: WorkflowContext,
  needed: 'jobs' | 'errors'
): Promise<RunDetails | undefined> {
  if (settings.needs !== '') {
    // A mistake here must not lose the alert: it is said, and the API is asked instead.
    try {
      return { jobs: jobsFromNeeds(settings.needs), annotations: [], source: 'needs' }
    } catch (error) {
      if (!(error instanceof NeedsError)) throw error
      core.warning(`${error.message}; the jobs are read from the API instead`)
    }
  }
  const { github } = context
  const [owner, repo] = github.repository.split('/')
  const runId = Number(github.run_id)
  if (!owner || !repo || !Number.isInteger(runId) || runId <= 0) return undefined
  if (settings.token === '') {
    core.notice(`Run details left out: github-token is empty. ${PERMISSIONS}`)
    return undefined
  }
  try {
    // Octokit is loaded here only: a run that needs no details never pays for it.
    const { readRun } = await import('../github/api.js')
    const lookup = await readRun(
      {
        apiUrl: github.api_url,
        owner,
        repo,
        runId,
        attempt: Number(github.run_attempt) || 1,
        token: settings.token
      },
      {
        timeoutMs: LOOKUP_TIMEOUT_MS,
        userAgent: USER_AGENT,
        annotations: needed === 'errors',
        proxy: proxyFromEnvironment(process.env)
      }
    )
    if (lookup.annotationsError) {
      core.notice(
        `Error annotations left out: GitHub ${describe(lookup.annotationsError)}. ` +
          "Reading them takes the job's `permissions:` `checks: read`."
      )
    }
    return lookup.details
  } catch (error) {
    core.notice(`Run details left out: GitHub ${describe(error)}. ${PERMISSIONS}`)
    return undefined
  }
}

const PERMISSIONS =
  "The message is sent without them. Reading them takes the job's `permissions:` " +
  '`actions: read` (and `checks: read` for error annotations), or `needs: ${{ toJSON(needs) }}`.'

function describe(error: unknown): string {
  const { kind } = error as { kind?: string }
  const said = errorMessage(error)
  if (kind === 'timeout') return `gave no answer in time (${said})`
  if (kind === 'network') return `could not be reached (${said})`
  if (kind === 'rate-limit') return `refused: its rate limit is spent (${said})`
  return `answered ${said}`
}

/** `author` in `mention` stands for the mapped actor, commit author and PR author, if any. */
async function resolveAuthors(
  mention: string[],
  userMapText: string,
  context: WorkflowContext
): Promise<string[]> {
  if (userMapText.trim() === '' && !mention.some(name => AUTHOR.test(name))) return mention
  const userMap = await parseUserMap(userMapText)
  return [
    ...new Set(
      mention.flatMap(name => (AUTHOR.test(name) ? mappedAuthors(context.github, userMap) : name))
    )
  ]
}

/** A user-map that cannot be read mentions no author, said in a warning: the alert still goes. */
async function parseUserMap(text: string): Promise<Map<string, string>> {
  if (text.trim() === '') return new Map()
  // YAML is a superset of JSON: one parser reads both; it is loaded only by runs with a user-map.
  const { parse } = await import('yaml')
  try {
    return toUserMap(parse(text))
  } catch (error) {
    const problem =
      error instanceof UserMapError
        ? error.message
        : `user-map is neither YAML nor JSON (${errorMessage(error)})`
    core.warning(`${problem}; no author is mentioned`)
    return new Map()
  }
}
