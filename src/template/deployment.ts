/**
 * A deployment followed in one thread: on `deployment_status` events (Vercel, Netlify, Heroku,
 * Argo CD, any app that writes GitHub deployments) the message is a reply in the deployment's own
 * keyed thread, whose root shows where the deploy stands. The `deployment` template context, the
 * default message per state, and the order of states: a status that arrives late never takes the
 * root back. Every value from the event is untrusted: inert in text, a button only if http(s).
 */
import type { DeploymentValue, WorkflowContext } from './workflow-context.js'
import type { Status, ThreadKey } from '../rocketchat/index.js'
import { isHttpUrl } from './buttons.js'
import {
  commitValue,
  get,
  inertTextFor,
  link,
  oneLine,
  str,
  subjectRun,
  type DefaultMessage
} from './defaults.js'
import { defuseRoomMentions } from './inert.js'

interface StateLook {
  emoji: string
  /** How the message's line says it: `<words> <repository> to <environment>`. */
  line: (what: string) => string
  /** The root's state line. */
  word: string
  status: Status
  color: string
  final: boolean
}

const LOOKS: Record<string, StateLook> = {
  queued: look('⏳', w => `Deploy of ${w} queued`, 'Queued', 'info', '#9e9e9e', false),
  pending: look('⏳', w => `Deploy of ${w} pending`, 'Pending', 'info', '#9e9e9e', false),
  in_progress: look('🚀', w => `Deploying ${w}`, 'Deploying', 'info', '#439fe0', false),
  success: look('✅', w => `Deployed ${w}`, 'Live', 'success', '#2eb886', true),
  failure: look('❌', w => `Deploy of ${w} failed`, 'Failed', 'failure', '#d50200', true),
  error: look('❌', w => `Deploy of ${w} errored`, 'Errored', 'failure', '#d50200', true),
  inactive: look('💤', w => `Deploy of ${w} superseded`, 'Superseded', 'cancelled', '#9e9e9e', true)
}
const UNKNOWN: StateLook = look(
  'ℹ️',
  w => `Deploy of ${w}`,
  'Unknown state',
  'info',
  '#439fe0',
  false
)

function look(
  emoji: string,
  line: (what: string) => string,
  word: string,
  status: Status,
  color: string,
  final: boolean
): StateLook {
  return { emoji, line, word, status, color, final }
}

function lookOf(state: string): StateLook {
  return Object.hasOwn(LOOKS, state) ? (LOOKS[state] ?? UNKNOWN) : UNKNOWN
}

const DESCRIPTION_LENGTH = 500

/** The deployment of a `deployment_status` event; none for any other event. */
export function deploymentFromEvent(context: WorkflowContext): DeploymentValue | undefined {
  const { github } = context
  if (github.event_name !== 'deployment_status') return undefined
  const event = github.event
  const deployment = get(event, 'deployment')
  const status = get(event, 'deployment_status')
  const id = str(get(deployment, 'id'))
  if (!/^\d+$/.test(id)) return undefined
  return {
    id,
    environment: oneLine(str(get(status, 'environment')) || str(get(deployment, 'environment'))),
    state: str(get(status, 'state')),
    url: str(get(status, 'environment_url')),
    log_url: str(get(status, 'log_url')) || str(get(status, 'target_url')),
    creator: str(get(status, 'creator', 'login')) || str(get(deployment, 'creator', 'login')),
    description: str(get(status, 'description')) || str(get(deployment, 'description')),
    ref: oneLine(str(get(deployment, 'ref'))),
    sha: str(get(deployment, 'sha')),
    status_id: str(get(status, 'id')),
    updated_at: str(get(status, 'updated_at')) || str(get(status, 'created_at'))
  }
}

/** The status a deployment's state gives the message: its colour, avatar and mentions. */
export function deploymentStatus(deployment: DeploymentValue): Status {
  return lookOf(deployment.state).status
}

/**
 * The default message for a deployment's state: one line (`✅ Deployed repo to production at
 * abc1234 (main) by octocat`) and an attachment with the environment, ref, commit, creator and the
 * status's description.
 */
export function deploymentMessage(
  context: WorkflowContext,
  deployment: DeploymentValue
): DefaultMessage {
  const t = inertTextFor(context)
  const state = lookOf(deployment.state)
  const what = `${t(context.github.repository) || 'this repository'}${deployment.environment ? ` to ${t(deployment.environment)}` : ''}`
  const commit = commitValue(context, { sha: safeSha(deployment.sha), message: '' })
  const at = [commit, deployment.ref ? `(${t(deployment.ref)})` : ''].filter(Boolean).join(' ')
  const live = deployment.state === 'success' && isHttpUrl(deployment.url)
  const text =
    `${state.emoji} ${state.line(what)}${at ? ` at ${at}` : ''}` +
    (deployment.creator ? ` by ${t(deployment.creator)}` : '') +
    (live ? ` · ${link(deployment.url, 'open')}` : '')
  const fields = [
    field('Environment', t(deployment.environment)),
    field('State', `${state.word}${deployment.state ? ` (${t(deployment.state)})` : ''}`),
    field('Ref', t(deployment.ref)),
    field('Commit', commit),
    field('Creator', t(deployment.creator)),
    field('Since', timeOf(deployment.updated_at))
  ].filter(item => item.value !== '')
  const attachment: Record<string, unknown> = {
    color: state.color,
    title: defuseRoomMentions(
      `Deploy${deployment.environment ? ` to ${deployment.environment}` : ''}`
    ),
    fields
  }
  const description = oneLine(deployment.description.slice(0, DESCRIPTION_LENGTH))
  if (description) attachment.text = t(description)
  return { text, attachment }
}

/**
 * The deployment's keyed thread: one per deployment (key from its id, no input needed). The root
 * names the environment, ref, commit and creator, and on its last line the state and its time;
 * a reply is shown in the channel only when the deploy reaches a final state, and a status older
 * than the root's (by the statuses' ids, else their times) replies without taking the root back.
 */
export function deploymentThread(context: WorkflowContext, deployment: DeploymentValue): ThreadKey {
  const t = inertTextFor(context)
  const state = lookOf(deployment.state)
  const commit = commitValue(context, { sha: safeSha(deployment.sha), message: '' })
  const subject =
    `Deploy of ${commit || 'a commit'}${deployment.ref ? ` (${t(deployment.ref)})` : ''}` +
    `${deployment.environment ? ` to ${t(deployment.environment)}` : ''} in ${t(context.github.repository)}` +
    (deployment.creator ? ` by ${t(deployment.creator)}` : '')
  const when = timeOf(deployment.updated_at)
  const order = orderOf(deployment)
  const stateLine = [
    state.emoji,
    `${state.word}${when ? ` since ${when}` : ''}`,
    order ? `· ${order}` : ''
  ]
    .filter(Boolean)
    .join(' ')
  return {
    key: `deployment ${context.github.repository} ${deployment.id}`,
    subject,
    state: stateLine,
    broadcast: state.final ? 'changed' : 'never',
    implicit: true,
    isNewerThan: rootText => isNewer(order, rootText)
  }
}

/** `status 209916254`, else `at 2019-05-15T15:20:55Z`: what the root keeps to order states by. */
function orderOf(deployment: DeploymentValue): string {
  if (/^\d{1,20}$/.test(deployment.status_id)) return `status ${deployment.status_id}`
  const time = Date.parse(deployment.updated_at)
  return Number.isNaN(time) ? '' : `at ${new Date(time).toISOString()}`
}

const ORDER = /· (status (\d{1,20})|at (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z))$/

/** Whether this state may replace the root's: it has no order, or a later one of the same kind. */
function isNewer(order: string, rootText: string): boolean {
  const lastLine = rootText.slice(rootText.lastIndexOf('\n') + 1).trimEnd()
  const theirs = ORDER.exec(lastLine)
  const mine = ORDER.exec(`· ${order}`)
  if (!theirs || !mine) return true
  if (theirs[2] !== undefined && mine[2] !== undefined) return BigInt(mine[2]) >= BigInt(theirs[2])
  if (theirs[3] !== undefined && mine[3] !== undefined) return mine[3] >= theirs[3]
  return true
}

/** `2019-05-15 15:20:55 UTC`; nothing for a time that cannot be read. */
function timeOf(value: string): string {
  const time = Date.parse(value)
  if (Number.isNaN(time)) return ''
  return new Date(time)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC')
}

/** Only a commit id is linked as one: anything else in `sha` is no commit. */
function safeSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha : ''
}

function field(title: string, value: string): { title: string; value: string; short: true } {
  return { title, value, short: true }
}

/** What a deploy step (`deploy: <environment>`) says of its job. */
export interface DeployJob {
  environment: string
  /** The environment's URL (`environment-url`), when known. */
  url: string
  /** The job's result (`deploy-result`), or none: the deploy is starting. */
  result: Status | undefined
}

/** `deployment` for a deploy job: what the step knows, the rest from the run. */
export function deploymentOfJob(context: WorkflowContext, job: DeployJob): DeploymentValue {
  const { github } = context
  const state =
    job.result === undefined
      ? 'in_progress'
      : job.result === 'success'
        ? 'success'
        : job.result === 'cancelled'
          ? 'inactive'
          : 'failure'
  return {
    id: '',
    environment: oneLine(job.environment),
    state,
    url: job.url,
    log_url: '',
    creator: github.actor,
    description: '',
    ref: github.ref_name,
    sha: github.sha,
    status_id: '',
    updated_at: ''
  }
}

const STARTED = /· started (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC ·/
const ATTEMPT = /· attempt (\d{1,9})$/

/**
 * A deploy job followed in one message, edited in place (in-place.ts): the first step posts
 * "deploying", the `if: always()` step brings it to the job's result with the duration, the
 * environment's URL and, on failure, the failing step. Its id comes from the run, the job and the
 * environment, so a re-run of the job finds it again; the attempt it names only ever grows.
 */
export function deployJobMessage(
  context: WorkflowContext,
  job: DeployJob,
  now: () => number = Date.now
): {
  text: (previous: string | undefined) => string
  attachment: Record<string, unknown>
  thread: ThreadKey
} {
  const { github } = context
  const t = inertTextFor(context)
  const what = `${t(github.repository) || 'this repository'} to ${t(oneLine(job.environment))}`
  const run = subjectRun(context)
  const runLabel = `run #${run.number || github.run_id}`
  const runLink = run.url ? link(run.url, runLabel) : runLabel
  const attempt = Math.max(1, Number(github.run_attempt) || 1)
  const urlLink = isHttpUrl(job.url)
    ? ` · ${link(job.url, job.url.replace(/^https?:\/\//, ''))}`
    : ''
  const text = (previous: string | undefined): string => {
    // The start is this attempt's first step: a later attempt starts its own clock.
    const sameAttempt =
      previous !== undefined && ATTEMPT.exec(previous.trimEnd())?.[1] === String(attempt)
    const startedText = sameAttempt ? STARTED.exec(previous)?.[1] : undefined
    const started = startedText ? Date.parse(`${startedText.replace(' ', 'T')}Z`) : now()
    const tail = ` · ${runLink}${attempt > 1 ? ` (attempt ${attempt})` : ''} · started ${timeOf(new Date(started).toISOString())} · attempt ${attempt}`
    if (job.result === undefined) return `🚀 Deploying ${what}${tail}`
    const took = startedText ? formatSeconds((now() - started) / 1000) : ''
    if (job.result === 'success') {
      return `✅ Deployed ${what}${took ? ` in ${took}` : ''}${urlLink}${tail}`
    }
    if (job.result === 'cancelled') {
      return `⚪ Deploy of ${what} was cancelled${took ? ` after ${took}` : ''}${tail}`
    }
    return `❌ Deploy of ${what} failed${failedStep(context)}${took ? ` after ${took}` : ''}${tail}`
  }
  const commit = commitValue(context, { sha: safeSha(github.sha), message: '' })
  const attachment: Record<string, unknown> = {
    title: defuseRoomMentions(`Deploy to ${oneLine(job.environment)}`),
    fields: [
      field('Environment', t(oneLine(job.environment))),
      field('Ref', t(github.ref_name)),
      field('Commit', commit),
      field('Job', t(github.job))
    ].filter(item => item.value !== '')
  }
  const thread: ThreadKey = {
    key: `deploy ${github.repository} ${github.run_id} ${github.job} ${job.environment}`,
    subject: '',
    state: '',
    broadcast: 'never',
    implicit: true,
    isNewerThan: previous => {
      const theirs = Number(ATTEMPT.exec(previous.trimEnd())?.[1] ?? 0)
      return attempt >= theirs
    },
    inPlace: text
  }
  return { text, attachment, thread }
}

/** ` at step 4: Deploy` (linked to its log), from the run's details, when known. */
function failedStep(context: WorkflowContext): string {
  const jobs = context.run_details?.failed_jobs ?? []
  const job = jobs.find(j => j.failed_step) ?? jobs[0]
  const step = job?.failed_step
  if (!step) return ''
  const name = inertTextFor(context)(oneLine(step.name))
  return ` at step ${step.number}: ${step.url ? link(step.url, oneLine(step.name)) : name}`
}

function formatSeconds(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return [h ? `${h}h` : '', h || m ? `${m}m` : '', `${s}s`].filter(Boolean).join(' ')
}
