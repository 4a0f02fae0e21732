/**
 * Reads a run's jobs, the failed jobs' annotations and the failing steps' logs, and a workflow's
 * past runs, through the REST API with the toolkit's Octokit. Loaded by dynamic import only when a message needs them: Octokit is what a plain send never
 * pays for. Requests go through the run's one HTTP stack (`createDispatcher`, undici), as the posts do.
 */
import { getOctokit } from '@actions/github'
import { Response, fetch, type Dispatcher } from 'undici'
import type { ProxySettings } from '../rocketchat/index.js'
import { lookupDispatcher } from './lookup-dispatcher.js'
import { failingStepLog } from './logs.js'
import { RunLookupError, safeText, type LookupFailureKind } from './lookup-error.js'
import {
  isFailed,
  isFailing,
  type JobResult,
  type RunAnnotation,
  type RunDetails,
  type RunJob
} from './jobs.js'

export { RunLookupError }

export interface RunRef {
  /** `GITHUB_API_URL`: `https://api.github.com`, or `https://ghes.example/api/v3`. */
  apiUrl: string
  owner: string
  repo: string
  runId: number
  attempt: number
  token: string
}

export interface LookupOptions {
  /** The whole lookup's budget: past it, the message goes without the details. */
  timeoutMs: number
  userAgent: string
  /** Read the failed jobs' annotations too: a second round of requests. */
  annotations: boolean
  /** The runner's proxies, as the Rocket.Chat posts use them; the lookup reads no environment. */
  proxy?: ProxySettings
  /** Quote this many of the failing step's last log lines (finished failed jobs only); 0: none. */
  logLines?: number
  /** Keep the failing step's whole log too, where the quote is shorter (`attach-log`). */
  stepLogs?: boolean
  /** A budget shared with other lookups of the same run; `timeoutMs` still names it in errors. */
  deadline?: AbortSignal
}

export interface Lookup {
  details: RunDetails
  /** The jobs were read, the annotations not (typically a token without `checks: read`). */
  annotationsError: RunLookupError | undefined
  /** The jobs were read, a failing step's log not (typically a token without `actions: read`). */
  logsError?: RunLookupError | undefined
  /** Failed jobs still running: their log cannot be read yet. */
  unfinished?: string[]
}

const JOBS_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs'
const ANNOTATIONS_ROUTE = 'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations'
const PER_PAGE = 100
/** 500 jobs: more than a run shows on one page of its graph. */
const MAX_PAGES = 5
const LOG_ROUTE = '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs'
const RUNS_ROUTE = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs'
/** Logs are read for the first finished failed jobs only. */
const MAX_LOGGED_JOBS = 3
/** The end of a log is what is quoted: a Range request asks for this much of it, at most. */
const MAX_LOG_BYTES = 1024 * 1024
/** A server that ignores Range sends the whole log: past this, its end is not waited for. */
const MAX_LOG_DOWNLOAD = 16 * 1024 * 1024
/** Past runs read for `notify-when: changed`: one page, newest first. */
const PAST_RUNS = 30
/** Annotations are read for the first failed jobs only: a message shows a few of them anyway. */
const MAX_ANNOTATED_JOBS = 5
const ANNOTATIONS_PER_JOB = 50
/** An answer past this is not GitHub's: a page of 100 jobs with their steps is far below it. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024
const MAX_TEXT = 1000
const LEVELS = ['failure', 'warning', 'notice'] as const
const RESULTS: readonly JobResult[] = [
  'success',
  'failure',
  'cancelled',
  'skipped',
  'timed_out',
  'neutral',
  'action_required'
]

/**
 * Two rounds at most for a run of up to 100 jobs: the jobs, then the failed jobs' annotations all
 * at once (an annotation is found by the job's id, which only the first answer tells). Later pages
 * of jobs are read together, beside the first failed jobs' annotations.
 */
export async function readRun(ref: RunRef, options: LookupOptions): Promise<Lookup> {
  const { deadline, baseUrl, dispatcher, release, octokit } = clientFor(ref, options)
  const failWith = (error: unknown): never => {
    throw toLookupError(error, deadline, options.timeoutMs)
  }
  const repo = { owner: ref.owner, repo: ref.repo }
  try {
    const jobsPage = (page: number) =>
      octokit
        .request(JOBS_ROUTE, {
          ...repo,
          run_id: ref.runId,
          attempt_number: ref.attempt,
          per_page: PER_PAGE,
          page
        })
        .catch(failWith)
    let annotationsError: RunLookupError | undefined
    const annotationsOf = async (jobs: RunJob[]): Promise<RunAnnotation[]> => {
      if (jobs.length === 0) return []
      const lists = await Promise.all(
        jobs.map(job =>
          octokit
            .request(ANNOTATIONS_ROUTE, {
              ...repo,
              check_run_id: job.id,
              per_page: ANNOTATIONS_PER_JOB
            })
            .then(
              answer => toAnnotations(answer.data, job),
              (error: unknown) => {
                annotationsError ??= toLookupError(error, deadline, options.timeoutMs)
                return []
              }
            )
        )
      )
      return lists.flat()
    }
    let logsError: RunLookupError | undefined
    const logLines = options.logLines ?? 0
    // One read of a log serves both its quote and its file.
    const readsLogs = logLines > 0 || options.stepLogs === true
    let logged = 0
    const logsOf = async (jobs: RunJob[]): Promise<void> => {
      const finished = jobs.filter(job => job.completed && isFailed(job) && job.id > 0)
      const chosen = readsLogs ? finished.slice(0, MAX_LOGGED_JOBS - logged) : []
      logged += chosen.length
      await Promise.all(
        chosen.map(job =>
          readJobLog(ref, baseUrl, job.id, dispatcher, deadline, options).then(
            log => {
              const { excerpt, whole } = failingStepLog(log, job.failedStep, logLines)
              if (excerpt !== '') job.log = excerpt
              if (options.stepLogs === true && whole !== undefined) job.stepLog = whole
            },
            (error: unknown) => {
              logsError ??= toLookupError(error, deadline, options.timeoutMs)
            }
          )
        )
      )
    }

    const first = await jobsPage(1)
    const firstJobs = toJobs(first.data.jobs)
    const total: unknown = first.data.total_count
    const count = typeof total === 'number' && Number.isFinite(total) ? total : 0
    const pages = Math.min(MAX_PAGES, Math.ceil(count / PER_PAGE))
    const annotated = options.annotations ? MAX_ANNOTATED_JOBS : 0
    const annotatedFirst = firstJobs.filter(isFailing).slice(0, annotated)
    const [laterPages, firstAnnotations] = await Promise.all([
      Promise.all(range(2, pages).map(jobsPage)),
      annotationsOf(annotatedFirst),
      logsOf(firstJobs)
    ])
    const laterJobs = laterPages.flatMap(page => toJobs(page.data.jobs))
    const annotatedLater = laterJobs.filter(isFailing).slice(0, annotated - annotatedFirst.length)
    const [laterAnnotations] = await Promise.all([annotationsOf(annotatedLater), logsOf(laterJobs)])
    const jobs = [...firstJobs, ...laterJobs]
    const unfinished = readsLogs
      ? jobs.filter(job => !job.completed && isFailing(job)).map(job => job.name)
      : []
    return {
      details: {
        jobs,
        annotations: sortByLevel([...firstAnnotations, ...laterAnnotations]),
        source: 'api',
        runId: ref.runId
      },
      annotationsError,
      logsError,
      unfinished
    }
  } finally {
    release()
  }
}

/**
 * A job's log: the API answers with a redirect to a short-lived signed URL, which is read without
 * the token (it is not GitHub's API, and the URL itself is the credential), asking for the last
 * MAX_LOG_BYTES only. A server that sends more is read to its end, keeping the last MAX_LOG_BYTES,
 * up to MAX_LOG_DOWNLOAD. The first line of a part is cut, so it is left out.
 */
async function readJobLog(
  ref: RunRef,
  baseUrl: string,
  jobId: number,
  dispatcher: Dispatcher,
  deadline: AbortSignal,
  options: LookupOptions
): Promise<string> {
  const { userAgent } = options
  const path = LOG_ROUTE.replace('{owner}', encodeURIComponent(ref.owner))
    .replace('{repo}', encodeURIComponent(ref.repo))
    .replace('{job_id}', String(jobId))
  const signed = await signedLocation(`${baseUrl}${path}`, ref.token, dispatcher, deadline, options)
  // The signed URL's host is another one: the dispatcher asks NO_PROXY about it, not the API's host.
  const answer = await fetch(signed, {
    dispatcher,
    signal: deadline,
    headers: { range: `bytes=-${MAX_LOG_BYTES}`, 'user-agent': userAgent }
  })
  if (!answer.ok) throw httpError(answer, await boundedText(answer, 4096))
  const { bytes, cut } = await tailOf(answer)
  const text = bytes.toString('utf8')
  const partial = answer.status === 206 || cut
  return partial ? text.slice(text.indexOf('\n') + 1) : text
}

const ARTIFACTS_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts'
const ARTIFACT_ZIP_ROUTE = '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/zip'

/**
 * The zip of the run's artifact named `name` (its newest unexpired one), at most `maxBytes`: by its
 * declared size first, then counted as it arrives. As with a job's log, Download an artifact answers
 * with a redirect to a signed URL, which is read without the token. `createdBefore` (ISO 8601)
 * leaves out the artifacts made later: a run's artifacts are listed for all its attempts together.
 */
export async function readArtifactZip(
  ref: RunRef,
  name: string,
  maxBytes: number,
  options: LookupOptions,
  createdBefore?: string
): Promise<Buffer> {
  const { deadline, baseUrl, dispatcher, release, octokit } = clientFor(ref, options)
  try {
    const answer = await octokit.request(ARTIFACTS_ROUTE, {
      owner: ref.owner,
      repo: ref.repo,
      run_id: ref.runId,
      name,
      per_page: PER_PAGE
    })
    const all = records(answer.data.artifacts).filter(found => found.name === name)
    const named = all.filter(
      found =>
        createdBefore === undefined ||
        Date.parse(String(found.created_at)) <= Date.parse(createdBefore)
    )
    const artifact = named
      .filter(found => found.expired !== true)
      .filter(found => typeof found.id === 'number' && Number.isSafeInteger(found.id))
      .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)))[0]
    if (!artifact) {
      // 410 is what GitHub answers for an expired artifact's download.
      throw named.length > 0
        ? new RunLookupError(`its artifact ${name} has expired`, 'not-found', 410)
        : all.length > 0
          ? new RunLookupError(
              `its artifact ${name} is a later attempt's (an upload with \`overwrite\` replaced it)`,
              'not-found',
              undefined
            )
          : new RunLookupError(`the run has no artifact named ${name}`, 'not-found', 404)
    }
    const declared = Number(artifact.size_in_bytes)
    if (declared > maxBytes) {
      throw new RunLookupError(
        `its zip is ${declared} bytes, more than the limit of ${maxBytes}`,
        'too-large',
        undefined
      )
    }
    const path = ARTIFACT_ZIP_ROUTE.replace('{owner}', encodeURIComponent(ref.owner))
      .replace('{repo}', encodeURIComponent(ref.repo))
      .replace('{artifact_id}', String(artifact.id))
    const signed = await signedLocation(
      `${baseUrl}${path}`,
      ref.token,
      dispatcher,
      deadline,
      options
    )
    const zip = await fetch(signed, {
      dispatcher,
      signal: deadline,
      headers: { 'user-agent': options.userAgent }
    })
    if (!zip.ok) throw httpError(zip, await boundedText(zip, 4096))
    return await wholeBody(zip, maxBytes)
  } catch (error) {
    throw toLookupError(error, deadline, options.timeoutMs)
  } finally {
    release()
  }
}

/** Where a download redirects: asked with the token, the signed URL itself is the credential. */
async function signedLocation(
  api: string,
  token: string,
  dispatcher: Dispatcher,
  deadline: AbortSignal,
  options: LookupOptions
): Promise<URL> {
  const redirect = await fetch(api, {
    dispatcher,
    signal: deadline,
    redirect: 'manual',
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${token}`,
      'user-agent': options.userAgent,
      'x-github-api-version': '2022-11-28'
    }
  })
  const said = await boundedText(redirect, 4096)
  const location = redirect.headers.get('location')
  if (redirect.status < 300 || redirect.status > 399 || !location) {
    throw httpError(redirect, said)
  }
  const signed = new URL(location, api)
  if (signed.protocol !== 'https:' && signed.protocol !== 'http:') {
    throw new RunLookupError('the redirect is not an http(s) URL', 'rejected', redirect.status)
  }
  return signed
}

/** A body read whole, refused as soon as it passes `maxBytes`. */
async function wholeBody(answer: Response, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  if (answer.body) {
    for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength
      if (size > maxBytes) {
        throw new RunLookupError(
          `its zip is more than the limit of ${maxBytes} bytes`,
          'too-large',
          undefined
        )
      }
      chunks.push(Buffer.from(chunk))
    }
  }
  return Buffer.concat(chunks)
}

/** The last MAX_LOG_BYTES of a body, read to its end or to MAX_LOG_DOWNLOAD. */
async function tailOf(answer: Response): Promise<{ bytes: Buffer; cut: boolean }> {
  const chunks: Buffer[] = []
  let kept = 0
  let read = 0
  let cut = false
  if (answer.body) {
    for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
      read += chunk.byteLength
      if (read > MAX_LOG_DOWNLOAD) throw new Error(`log of more than ${MAX_LOG_DOWNLOAD} bytes`)
      chunks.push(Buffer.from(chunk))
      kept += chunk.byteLength
      while (kept - (chunks[0]?.byteLength ?? 0) >= MAX_LOG_BYTES) {
        kept -= chunks.shift()?.byteLength ?? 0
        cut = true
      }
    }
  }
  const all = Buffer.concat(chunks)
  if (all.byteLength <= MAX_LOG_BYTES) return { bytes: all, cut }
  return { bytes: all.subarray(all.byteLength - MAX_LOG_BYTES), cut: true }
}

async function boundedText(answer: Response, max: number): Promise<string> {
  if (!answer.body) return ''
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
    chunks.push(Buffer.from(chunk))
    size += chunk.byteLength
    if (size >= max) break
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8')
}

/** An HTTP refusal in the shape Octokit's errors have, so it is described the same way. */
function httpError(answer: Response, body: string): unknown {
  let message = body
  try {
    const parsed: unknown = JSON.parse(body)
    const said = (parsed as { message?: unknown } | null)?.message
    if (typeof said === 'string') message = said
  } catch {
    // not JSON: the body's own words
  }
  return {
    status: answer.status,
    message: message || answer.statusText,
    response: { headers: Object.fromEntries(answer.headers) }
  }
}

/** A past run of a workflow, as `notify-when: changed` compares it. */
export interface PastRun {
  id: number
  number: number
  attempt: number
  /** The API's conclusion: success, failure, timed_out, startup_failure, cancelled, ... */
  conclusion: string
  sha: string
  /** The run's page on GitHub, as the API gives it. */
  url: string
  createdAt: string | undefined
  /** When it last changed (an attempt: once it ended): what it made is older. */
  updatedAt: string | undefined
  /** What triggered it: push, pull_request, schedule, ... */
  event: string
  /** `owner/repo` of the commit it built: a fork's for a fork's pull request. */
  headRepository: string
  headBranch: string
  /** The pull requests GitHub links it to (none for a fork's: GitHub does not link those). */
  pullRequests: number[]
}

export interface WorkflowRef {
  apiUrl: string
  owner: string
  repo: string
  token: string
  /** The workflow's id or its file name (`ci.yml`). */
  workflow: string | number
  branch: string
}

const ATTEMPT_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}'

/**
 * The latest completed runs of a workflow whose head branch has this name, newest first: one page,
 * with the run the message is about and newer ones still in it (the caller knows which those are).
 * GitHub matches `branch` against every run's head branch, forks' included: the caller filters.
 */
export async function readPastRuns(ref: WorkflowRef, options: LookupOptions): Promise<PastRun[]> {
  const { deadline, release, octokit } = clientFor(ref, options)
  try {
    const answer = await octokit.request(RUNS_ROUTE, {
      owner: ref.owner,
      repo: ref.repo,
      workflow_id: ref.workflow,
      branch: ref.branch,
      status: 'completed',
      per_page: PAST_RUNS
    })
    return records(answer.data.workflow_runs).flatMap(run => toPastRun(run) ?? [])
  } catch (error) {
    throw toLookupError(error, deadline, options.timeoutMs)
  } finally {
    release()
  }
}

/** One attempt of a run (a re-run's previous attempt), as `notify-when: changed` compares it. */
export async function readRunAttempt(
  ref: RunRef,
  options: LookupOptions
): Promise<PastRun | undefined> {
  const { deadline, release, octokit } = clientFor(ref, options)
  try {
    const answer = await octokit.request(ATTEMPT_ROUTE, {
      owner: ref.owner,
      repo: ref.repo,
      run_id: ref.runId,
      attempt_number: ref.attempt
    })
    const run: unknown = answer.data
    return typeof run === 'object' && run !== null
      ? toPastRun(run as Record<string, unknown>)
      : undefined
  } catch (error) {
    throw toLookupError(error, deadline, options.timeoutMs)
  } finally {
    release()
  }
}

function toPastRun(run: Record<string, unknown>): PastRun | undefined {
  const { id, run_number: number, run_attempt: attempt } = run
  if (typeof id !== 'number' || typeof number !== 'number') return undefined
  const headRepository = run.head_repository as { full_name?: unknown } | null | undefined
  return {
    id,
    number,
    attempt: typeof attempt === 'number' ? attempt : 1,
    conclusion: safeText(run.conclusion, 40),
    sha: /^[0-9a-f]{40}$/.test(String(run.head_sha)) ? String(run.head_sha) : '',
    url: safeText(run.html_url, MAX_TEXT),
    createdAt: typeof run.created_at === 'string' ? run.created_at : undefined,
    updatedAt: typeof run.updated_at === 'string' ? run.updated_at : undefined,
    event: safeText(run.event, 100),
    headRepository: safeText(headRepository?.full_name, 200),
    headBranch: safeText(run.head_branch, 300),
    pullRequests: records(run.pull_requests).flatMap(pr =>
      typeof pr.number === 'number' ? [pr.number] : []
    )
  }
}

/**
 * One lookup's client: its budget, the API's URL without credentials, Octokit, and the run's HTTP
 * stack (the posts' `createDispatcher`: the same NO_PROXY rule, per request host, and timeouts).
 */
function clientFor(
  ref: { apiUrl: string; token: string },
  options: LookupOptions
): {
  deadline: AbortSignal
  baseUrl: string
  dispatcher: Dispatcher
  /** Closes the lookup's connections. */
  release: () => void
  octokit: ReturnType<typeof getOctokit>
} {
  const deadline = options.deadline ?? AbortSignal.timeout(options.timeoutMs)
  const baseUrl = withoutCredentials(ref.apiUrl)
  const dispatcher = lookupDispatcher(options)
  const release = (): void => {
    void dispatcher.destroy()
  }
  const octokit = getOctokit(ref.token, {
    baseUrl,
    userAgent: options.userAgent,
    request: { fetch: boundedFetch(dispatcher, deadline) },
    // Octokit's own log would print API deprecation notices into the job's log.
    log: { debug: noop, info: noop, warn: noop, error: noop }
  })
  return { deadline, baseUrl, dispatcher, release, octokit }
}

/**
 * `GITHUB_API_URL` without a `user:password@` (the action masks it when the run starts): fetch
 * refuses such a URL with a message that quotes it, and the token is the credential here.
 */
function withoutCredentials(apiUrl: string): string {
  const trimmed = apiUrl.replace(/\/+$/, '')
  try {
    const url = new URL(trimmed)
    if (url.username === '' && url.password === '') return trimmed
    url.username = ''
    url.password = ''
    return url.href.replace(/\/+$/, '')
  } catch {
    throw new RunLookupError('GITHUB_API_URL is not a URL', 'rejected', undefined)
  }
}

function noop(): void {
  // Octokit logs nothing into the job's log.
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i)
}

/** undici's fetch, bounded in time and in size. */
function boundedFetch(dispatcher: Dispatcher, deadline: AbortSignal): typeof globalThis.fetch {
  const bounded = async (url: string, init: RequestInit): Promise<Response> => {
    const answer = await fetch(url, { ...(init as object), dispatcher, signal: deadline })
    const length = Number(answer.headers.get('content-length') ?? 0)
    if (length > MAX_ANSWER_BYTES) throw new Error(`answer of ${length} bytes is too large`)
    const chunks: Uint8Array[] = []
    let size = 0
    if (answer.body) {
      for await (const chunk of answer.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength
        if (size > MAX_ANSWER_BYTES) throw new Error('answer too large')
        chunks.push(chunk)
      }
    }
    const body = answer.status === 204 || answer.status === 304 ? null : Buffer.concat(chunks)
    return new Response(body, { status: answer.status, headers: answer.headers })
  }
  return bounded as unknown as typeof globalThis.fetch
}

function toLookupError(error: unknown, deadline: AbortSignal, timeoutMs: number): RunLookupError {
  if (error instanceof RunLookupError) return error
  if (deadline.aborted) {
    return new RunLookupError(`no answer within ${timeoutMs / 1000} s`, 'timeout', undefined)
  }
  const failure = error as {
    status?: unknown
    message?: unknown
    response?: { headers?: Record<string, string | undefined> }
  }
  const said = safeText(typeof failure.message === 'string' ? failure.message : String(error), 200)
  const status = typeof failure.status === 'number' ? failure.status : undefined
  // undici's fetch follows at most 20 redirects and then fails as if nothing had answered.
  if (causes(error).some(cause => cause === 'redirect count exceeded')) {
    return new RunLookupError(
      'redirected too many times (more than 20 redirects)',
      'rejected',
      undefined
    )
  }
  if (status === undefined || failure.response === undefined) {
    return new RunLookupError(said, 'network', undefined)
  }
  const headers = failure.response.headers ?? {}
  if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
    return new RunLookupError(`${status} rate limit exceeded`, 'rate-limit', status)
  }
  const kind: LookupFailureKind =
    status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected'
  return new RunLookupError(`${status} ${said}`, kind, status)
}

/** The messages of an error and of its causes, a few deep (Octokit and fetch each wrap one). */
function causes(error: unknown): string[] {
  const messages: string[] = []
  let current = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    messages.push(current.message)
    current = current.cause
  }
  return messages
}

/** The API's jobs, read defensively: an answer is untrusted, whatever its declared type says. */
function toJobs(jobs: unknown): RunJob[] {
  return records(jobs).map(job => {
    const steps = records(job.steps)
    const failedStep = steps.find(
      step => step.conclusion === 'failure' || step.conclusion === 'timed_out'
    )
    const startedAt = failedStep?.started_at
    const completedAt = failedStep?.completed_at
    const conclusion = typeof job.conclusion === 'string' ? job.conclusion : ''
    return {
      id: checkRunId(job),
      name: safeText(job.name, MAX_TEXT),
      result: RESULTS.includes(conclusion as JobResult) ? (conclusion as JobResult) : '',
      completed: job.status === 'completed',
      startedAt: typeof job.started_at === 'string' ? job.started_at : undefined,
      completedAt: typeof job.completed_at === 'string' ? job.completed_at : undefined,
      failedStep:
        failedStep && typeof failedStep.number === 'number'
          ? {
              name: safeText(failedStep.name, MAX_TEXT),
              number: failedStep.number,
              ...(typeof startedAt === 'string' ? { startedAt } : {}),
              ...(typeof completedAt === 'string' ? { completedAt } : {})
            }
          : undefined
    }
  })
}

/** A job's check run carries its annotations; its id is the job's, as check_run_url shows. */
function checkRunId(job: Record<string, unknown>): number {
  const url = typeof job.check_run_url === 'string' ? job.check_run_url : ''
  const id = /\/check-runs\/(\d+)$/.exec(url)?.[1]
  return Number(id ?? job.id) || 0
}

function toAnnotations(annotations: unknown, job: RunJob): RunAnnotation[] {
  return records(annotations).map(annotation => ({
    jobId: job.id,
    jobName: job.name,
    level: LEVELS.find(level => level === annotation.annotation_level) ?? 'notice',
    message: safeText(annotation.message, MAX_TEXT),
    title: safeText(annotation.title, MAX_TEXT),
    path: safeText(annotation.path, MAX_TEXT),
    line:
      typeof annotation.start_line === 'number' && Number.isInteger(annotation.start_line)
        ? annotation.start_line
        : undefined
  }))
}

function records(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null
  )
}

/** Failures first, then warnings, then notices; the API's order within each. */
function sortByLevel(annotations: RunAnnotation[]): RunAnnotation[] {
  return [...annotations].sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level))
}
