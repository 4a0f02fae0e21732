/**
 * A fake GitHub REST API for the endpoints the action reads, on 127.0.0.1 with a free port:
 * List jobs for a workflow run attempt (paginated as GitHub paginates: `per_page`, `page`, a `Link`
 * header), List check run annotations, Download job logs (a 302 to a signed URL served by a second
 * server on another port, which records whether a token reached it and honours `Range`) and List
 * workflow runs for a workflow. Answers are GitHub's own examples (./examples.ts) with the test's
 * ids, names and results; errors are GitHub's bodies and headers. Each job's log has timestamped
 * lines inside its steps' times, `##[group]` markers and the test's lines for the failed step.
 * Get repository content serves the files a test adds, at a commit (`addFile`).
 *
 *     const github = await startFakeGitHub({ ghes: true })   // serves under /api/v3
 *     github.addJob({ name: 'unit-tests (ubuntu-latest, 20)', result: 'failure', failedStep: 4,
 *                     annotations: [{ message: 'expected 2 to be 3', path: 'test/a.test.ts', line: 7 }] })
 *     github.fail('jobs', 'forbidden')                         // 403 Resource not accessible by integration
 *     // GITHUB_API_URL = github.apiUrl; github.requests lists what arrived
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  exampleAnnotation,
  exampleJob,
  exampleLogLocation,
  exampleWorkflowRun,
  type ApiJob,
  type Flavour
} from './examples.js'

/** `redirect-loop`: a 302 back to the same URL, for ever (a misconfigured proxy or GHES). */
export type Fault = 'forbidden' | 'not-found' | 'rate-limited' | 'slow' | 'reset' | 'redirect-loop'
export type Route =
  'jobs' | 'annotations' | 'logs' | 'runs' | 'contents' | 'attempt' | 'artifacts' | 'artifact-zip'

export interface AddJobOptions {
  name: string
  /** The conclusion; `in_progress` for a job still running (the one sending the message). */
  result: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | 'in_progress'
  /**
   * The number of the step that failed (steps before it succeeded, the rest were skipped); for a
   * job in progress, the failed step it is running past (the job sending its own alert).
   */
  failedStep?: number
  steps?: string[]
  annotations?: { message: string; path?: string; line?: number; level?: string; title?: string }[]
  startedAt?: string
  completedAt?: string
  /** Output lines of the failed step, as the step printed them (ANSI colours and all). */
  failedStepLog?: string[]
  /** The whole log as served, instead of the one built from the steps. */
  log?: string
}

export interface PastRunOptions {
  number: number
  conclusion: string
  branch?: string
  /** The commit; a made-up one by default. */
  sha?: string
  createdAt?: string
  /** When it last changed (an attempt: when it ended); its createdAt by default. */
  updatedAt?: string
  /** What triggered it; `push` by default. */
  event?: string
  /** `owner/repo` of the commit built: a fork's for a fork's pull request; the repository's by default. */
  headRepository?: string
  /** The pull requests GitHub links the run to (none for a fork's, as GitHub gives). */
  pullRequests?: number[]
  /** The run's id (one made from its number by default) and attempt (1): an earlier attempt of a
   * run is served by Get a workflow run attempt, the list shows each run's latest. */
  id?: number
  attempt?: number
}

export interface SignedRequest {
  url: string
  authorization: string | undefined
  range: string | undefined
  receivedAt: number
}

export interface RecordedRequest {
  method: string
  /** Path and query, as sent (with the `/api/v3` prefix on GHES). */
  url: string
  route: Route | undefined
  authorization: string | undefined
  userAgent: string | undefined
  /** The address the request came from: a proxy given a `localAddress` tells its own. */
  remoteAddress: string | undefined
  receivedAt: number
}

export interface FakeGitHub {
  /** What GITHUB_API_URL is on this server: `http://127.0.0.1:PORT` or `.../api/v3`. */
  readonly apiUrl: string
  readonly requests: readonly RecordedRequest[]
  /** Milliseconds before every answer. */
  latencyMs: number
  readonly runId: number
  readonly attempt: number
  /** Adds a job to the run attempt; returns its id (its check run's id too). */
  addJob(options: AddJobOptions): number
  /** Every later request to `route` meets `fault`. */
  fail(route: Route, fault: Fault): void
  /** The signed-URL server's requests: a log read must carry no token. */
  readonly signedRequests: readonly SignedRequest[]
  /** The signed-URL server ignores `Range` and sends whole logs, as some servers do. */
  ignoreRange: boolean
  /** A completed past run of the workflow (`ci.yml`, or WORKFLOW_ID), for List workflow runs. */
  addPastRun(options: PastRunOptions): number
  readonly workflowId: number
  /** A file of the repository at a commit, for Get repository content (`?ref=` the SHA). */
  addFile(path: string, sha: string, text: string): void
  /**
   * An artifact of the run (or of the run `runId`, a past run's), for List workflow run artifacts
   * and Download an artifact; an `expired` one is listed as GitHub lists it, and not served.
   */
  addArtifact(
    name: string,
    zip: Buffer,
    options?: { runId?: number; expired?: boolean; createdAt?: string }
  ): number
  reset(): void
  close(): Promise<void>
}

export interface FakeGitHubOptions {
  /** Serve as GitHub Enterprise Server does, under `/api/v3`, with GHES 3.19's examples. */
  ghes?: boolean
}

const RUN_ID = 1234567890
const ATTEMPT = 1
const WORKFLOW_ID = 161335
const WORKFLOW_FILE = 'ci.yml'
const OWNER_REPO = 'octo-org/octo-repo'
const FIRST_JOB_ID = 29679449001
const FIRST_ARTIFACT_ID = 4221000001
const DEFAULT_STEPS = [
  'Set up job',
  'Run actions/checkout@v4',
  'Run actions/setup-node@v4',
  'Run npm test',
  'Run npm run lint',
  'Complete job'
]

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const fake = new FakeGitHubApi(options.ghes === true)
  await fake.listen()
  return fake
}

class FakeGitHubApi implements FakeGitHub {
  latencyMs = 0
  ignoreRange = false
  readonly runId = RUN_ID
  readonly attempt = ATTEMPT
  readonly workflowId = WORKFLOW_ID
  readonly requests: RecordedRequest[] = []
  readonly signedRequests: SignedRequest[] = []
  private jobs: ApiJob[] = []
  private logs = new Map<number, string>()
  private pastRuns: Record<string, unknown>[] = []
  private files = new Map<string, string>()
  private artifacts: {
    id: number
    name: string
    zip: Buffer
    runId: number
    expired: boolean
    createdAt: string
  }[] = []
  private readonly signed: Server
  private signedOrigin = ''
  private annotations = new Map<number, Record<string, unknown>[]>()
  private faults = new Map<Route, Fault>()
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private readonly prefix: string
  private readonly flavour: Flavour
  private origin = ''

  constructor(ghes: boolean) {
    this.prefix = ghes ? '/api/v3' : ''
    this.flavour = ghes ? 'ghes-3.19' : 'api.github.com'
    this.server = createServer((req, res) => void this.handle(req, res))
    this.signed = createServer((req, res) => void this.serveLog(req, res))
    for (const server of [this.server, this.signed]) {
      server.on('connection', socket => {
        this.sockets.add(socket)
        socket.on('close', () => this.sockets.delete(socket))
      })
    }
  }

  get apiUrl(): string {
    return `${this.origin}${this.prefix}`
  }

  async listen(): Promise<void> {
    await new Promise<void>(done => this.server.listen(0, '127.0.0.1', done))
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    await new Promise<void>(done => this.signed.listen(0, '127.0.0.1', done))
    this.signedOrigin = `http://127.0.0.1:${(this.signed.address() as AddressInfo).port}`
  }

  addJob(options: AddJobOptions): number {
    const id = FIRST_JOB_ID + this.jobs.length
    const job = exampleJob(this.flavour)
    const template = job.steps[0] ?? {}
    const running = options.result === 'in_progress'
    const startedAt = options.startedAt ?? '2026-12-01T10:00:00Z'
    const completedAt = running ? null : (options.completedAt ?? '2026-12-01T10:03:25Z')
    const names = options.steps ?? DEFAULT_STEPS
    const failedAt = options.failedStep ?? (options.result === 'failure' ? names.length - 1 : 0)
    // Each step that ran has its share of the job's time, in whole seconds as the API gives them.
    const start = Date.parse(startedAt)
    const end = completedAt === null ? Date.now() : Date.parse(completedAt)
    const share = Math.max(1000, Math.floor((end - start) / names.length / 1000) * 1000)
    const steps = names.map((name, i) => {
      const conclusion = stepConclusion(i + 1, failedAt, options.result)
      const status = conclusion === null ? 'in_progress' : 'completed'
      const ran = conclusion !== 'skipped' && conclusion !== null
      return {
        ...template,
        name,
        number: i + 1,
        status,
        conclusion,
        started_at: ran ? iso(start + i * share) : null,
        completed_at: ran ? iso(start + (i + 1) * share - 1000) : null
      }
    })
    this.logs.set(id, options.log ?? buildLog(steps, options.failedStepLog ?? []))
    Object.assign(job, {
      id,
      run_id: RUN_ID,
      run_url: `${this.apiUrl}/repos/${OWNER_REPO}/actions/runs/${RUN_ID}`,
      url: `${this.apiUrl}/repos/${OWNER_REPO}/actions/jobs/${id}`,
      html_url: `https://github.com/${OWNER_REPO}/actions/runs/${RUN_ID}/job/${id}`,
      check_run_url: `${this.apiUrl}/repos/${OWNER_REPO}/check-runs/${id}`,
      name: options.name,
      status: running ? 'in_progress' : 'completed',
      conclusion: running ? null : options.result,
      started_at: startedAt,
      completed_at: completedAt,
      steps
    })
    this.jobs.push(job)
    this.annotations.set(
      id,
      (options.annotations ?? []).map(given => ({
        ...exampleAnnotation(this.flavour),
        path: given.path ?? '.github',
        start_line: given.line ?? 1,
        end_line: given.line ?? 1,
        annotation_level: given.level ?? 'failure',
        title: given.title ?? '',
        message: given.message,
        raw_details: ''
      }))
    )
    return id
  }

  fail(route: Route, fault: Fault): void {
    this.faults.set(route, fault)
  }

  addPastRun(options: PastRunOptions): number {
    const run = exampleWorkflowRun(this.flavour)
    const id = options.id ?? 9_000_000_000 + options.number
    const headRepository = options.headRepository ?? OWNER_REPO
    const [headOwner = '', headName = ''] = headRepository.split('/')
    const exampleHead = run.head_repository as Record<string, unknown>
    Object.assign(run, {
      id,
      name: 'CI',
      run_number: options.number,
      run_attempt: options.attempt ?? 1,
      event: options.event ?? 'push',
      head_repository: {
        ...exampleHead,
        name: headName,
        full_name: headRepository,
        owner: { ...(exampleHead.owner as Record<string, unknown>), login: headOwner }
      },
      pull_requests: (options.pullRequests ?? []).map(number => ({
        url: `${this.apiUrl}/repos/${OWNER_REPO}/pulls/${number}`,
        id: 1_000_000 + number,
        number,
        head: { ref: options.branch ?? 'main', sha: '0'.repeat(40) },
        base: { ref: 'main', sha: '0'.repeat(40) }
      })),
      workflow_id: WORKFLOW_ID,
      path: `.github/workflows/${WORKFLOW_FILE}@refs/heads/main`,
      head_branch: options.branch ?? 'main',
      head_sha: options.sha ?? `${String(options.number).padStart(7, '0')}${'a'.repeat(33)}`,
      status: 'completed',
      conclusion: options.conclusion,
      html_url: `https://github.com/${OWNER_REPO}/actions/runs/${id}`,
      url: `${this.apiUrl}/repos/${OWNER_REPO}/actions/runs/${id}`,
      created_at: options.createdAt ?? '2026-12-01T08:00:00Z',
      updated_at: options.updatedAt ?? options.createdAt ?? '2026-12-01T08:00:00Z'
    })
    this.pastRuns.push(run)
    return id
  }

  addFile(path: string, sha: string, text: string): void {
    this.files.set(`${path}@${sha}`, text)
  }

  addArtifact(
    name: string,
    zip: Buffer,
    options: { runId?: number; expired?: boolean; createdAt?: string } = {}
  ): number {
    const id = FIRST_ARTIFACT_ID + this.artifacts.length
    this.artifacts.push({
      id,
      name,
      zip,
      runId: options.runId ?? RUN_ID,
      expired: options.expired ?? false,
      createdAt: options.createdAt ?? '2026-12-01T10:03:20Z'
    })
    return id
  }

  reset(): void {
    this.artifacts = []
    this.files.clear()
    this.requests.length = 0
    this.signedRequests.length = 0
    this.ignoreRange = false
    this.logs.clear()
    this.pastRuns = []
    this.jobs = []
    this.annotations.clear()
    this.faults.clear()
    this.latencyMs = 0
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await Promise.all(
      [this.server, this.signed].map(
        server =>
          new Promise<void>(done =>
            server.close(() => {
              done()
            })
          )
      )
    )
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin)
    const path = url.pathname.startsWith(`${this.prefix}/`)
      ? url.pathname.slice(this.prefix.length)
      : undefined
    const jobs = path?.match(
      /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/attempts\/(\d+)\/jobs$/
    )
    const notes = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)\/annotations$/)
    const log = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/jobs\/(\d+)\/logs$/)
    const runs = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/runs$/)
    const contents = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)
    const attempt = path?.match(
      /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/attempts\/(\d+)$/
    )
    const artifacts = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)\/artifacts$/)
    const artifactZip = path?.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)\/zip$/)
    const route: Route | undefined = jobs
      ? 'jobs'
      : notes
        ? 'annotations'
        : log
          ? 'logs'
          : runs
            ? 'runs'
            : contents
              ? 'contents'
              : attempt
                ? 'attempt'
                : artifacts
                  ? 'artifacts'
                  : artifactZip
                    ? 'artifact-zip'
                    : undefined
    this.requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      route,
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
      remoteAddress: req.socket.remoteAddress,
      receivedAt: Date.now()
    })
    if (this.latencyMs > 0) await sleep(this.latencyMs)
    const fault = route && this.faults.get(route)
    if (fault === 'reset') {
      req.socket.destroy()
      return
    }
    if (fault === 'slow') return // never answers; close() ends it
    if (fault === 'redirect-loop') {
      res.writeHead(302, { location: req.url ?? '/', 'content-length': '0' })
      res.end()
      return
    }
    if (!req.headers.authorization) {
      send(res, 401, { message: 'Requires authentication', documentation_url: DOCS })
      return
    }
    if (fault === 'forbidden') {
      send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}/actions/workflow-jobs#list-jobs-for-a-workflow-run-attempt`,
        status: '403'
      })
      return
    }
    if (fault === 'rate-limited') {
      const reset = Math.ceil(Date.now() / 1000) + 600
      send(
        res,
        403,
        {
          message: 'API rate limit exceeded for installation ID 1234567.',
          documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          status: '403'
        },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }
      )
      return
    }
    const repoMatches = (owner?: string, repo?: string) => `${owner}/${repo}` === OWNER_REPO
    if (
      fault === 'not-found' ||
      req.method !== 'GET' ||
      (jobs && (!repoMatches(jobs[1], jobs[2]) || Number(jobs[3]) !== RUN_ID)) ||
      (notes && !repoMatches(notes[1], notes[2])) ||
      (log && (!repoMatches(log[1], log[2]) || !this.logs.has(Number(log[3])))) ||
      (contents && !repoMatches(contents[1], contents[2])) ||
      (artifacts &&
        (!repoMatches(artifacts[1], artifacts[2]) || !this.hasRun(Number(artifacts[3])))) ||
      (artifactZip &&
        (!repoMatches(artifactZip[1], artifactZip[2]) ||
          !this.artifacts.some(found => found.id === Number(artifactZip[3]) && !found.expired))) ||
      (runs &&
        (!repoMatches(runs[1], runs[2]) ||
          ![WORKFLOW_FILE, String(WORKFLOW_ID)].includes(decodeURIComponent(runs[3] ?? ''))))
    ) {
      send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
      return
    }
    if (jobs) this.listJobs(url, res)
    else if (notes) this.listAnnotations(Number(notes[3]), url, res)
    else if (log) this.redirectToLog(Number(log[3]), res)
    else if (runs) this.listRuns(url, res)
    else if (contents) this.getContent(decodeURIComponent(contents[3] ?? ''), url, res)
    else if (artifacts) this.listArtifacts(Number(artifacts[3]), url, res)
    else if (artifactZip) this.redirectToArtifact(Number(artifactZip[3]), res)
    else if (attempt && repoMatches(attempt[1], attempt[2]))
      this.runAttempt(Number(attempt[3]), Number(attempt[4]), res)
    else send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
  }

  /** Get repository content: the file at `ref`, base64 in lines of 60 as GitHub sends it. */
  private getContent(path: string, url: URL, res: ServerResponse): void {
    const sha = url.searchParams.get('ref') ?? ''
    const text = this.files.get(`${path}@${sha}`)
    if (text === undefined) {
      send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
      return
    }
    const base64 = Buffer.from(text).toString('base64')
    send(res, 200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(text),
      name: path.split('/').pop(),
      path,
      sha: 'f'.repeat(40),
      content: (base64.match(/.{1,60}/g) ?? []).join('\n') + '\n'
    })
  }

  private listJobs(url: URL, res: ServerResponse): void {
    const { items, links } = paginate(this.jobs, url)
    send(res, 200, { total_count: this.jobs.length, jobs: items }, links)
  }

  /** GitHub answers with a short-lived signed URL on another host; the fake's is on another port. */
  private redirectToLog(jobId: number, res: ServerResponse): void {
    const example = exampleLogLocation(this.flavour)
    const path = example.pathname.replace(/\/jobs\/\d+\//, `/jobs/${jobId}/`)
    res.writeHead(302, {
      location: `${this.signedOrigin}${path}${example.search}`,
      'content-length': 0
    })
    res.end()
  }

  /**
   * List workflow run artifacts, `?name=` filtering by exact name as GitHub's does; each artifact
   * in the shape of the API's example (`artifact-paginated`).
   */
  private listArtifacts(runId: number, url: URL, res: ServerResponse): void {
    const name = url.searchParams.get('name')
    const chosen = this.artifacts.filter(
      found => found.runId === runId && (name === null || found.name === name)
    )
    const { items, links } = paginate(chosen, url)
    send(
      res,
      200,
      {
        total_count: chosen.length,
        artifacts: items.map(({ id, name, zip, runId: run, expired, createdAt }) => ({
          id,
          node_id: Buffer.from(`08:Artifact${id}`).toString('base64'),
          name,
          size_in_bytes: zip.byteLength,
          url: `${this.apiUrl}/repos/${OWNER_REPO}/actions/artifacts/${id}`,
          archive_download_url: `${this.apiUrl}/repos/${OWNER_REPO}/actions/artifacts/${id}/zip`,
          expired,
          created_at: createdAt,
          expires_at: '2027-03-01T10:03:20Z',
          updated_at: createdAt,
          digest: `sha256:${'0'.repeat(64)}`,
          workflow_run: {
            id: run,
            repository_id: 1296269,
            head_repository_id: 1296269,
            head_branch: 'main',
            head_sha: '0'.repeat(40)
          }
        }))
      },
      links
    )
  }

  /** This run, a past run or a run an artifact was added to: GitHub answers 404 for any other. */
  private hasRun(id: number): boolean {
    return (
      id === RUN_ID ||
      this.pastRuns.some(run => run.id === id) ||
      this.artifacts.some(found => found.runId === id)
    )
  }

  /** Download an artifact: a 302 to a signed URL on the other port, as for a job's log. */
  private redirectToArtifact(id: number, res: ServerResponse): void {
    res.writeHead(302, {
      location: `${this.signedOrigin}/_apis/pipelines/1/runs/176/signedartifactscontent?artifactId=${id}&urlExpires=2026-12-01T10%3A10%3A31.5729946Z&urlSigningMethod=HMACV1&urlSignature=agG73JakPYkHrh06seAkvmH7rBR4Ji4QSvvyD%2BQZzLs%3D`,
      'content-length': 0
    })
    res.end()
  }

  /** The signed URL: no token wanted (it is recorded), `Range: bytes=-N` honoured unless told. */
  private async serveLog(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.signedRequests.push({
      url: req.url ?? '',
      authorization: req.headers.authorization,
      range: req.headers.range,
      receivedAt: Date.now()
    })
    if (this.latencyMs > 0) await sleep(this.latencyMs)
    const url = new URL(req.url ?? '/', this.signedOrigin)
    if (url.pathname.endsWith('/signedartifactscontent')) {
      const id = Number(url.searchParams.get('artifactId'))
      const artifact = this.artifacts.find(found => found.id === id)
      if (!artifact || !url.searchParams.get('urlSignature')) {
        res.writeHead(403, { 'content-type': 'text/plain' })
        res.end('AuthenticationFailed')
        return
      }
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': artifact.zip.byteLength
      })
      res.end(artifact.zip)
      return
    }
    const jobId = Number(/\/jobs\/(\d+)\//.exec(url.pathname)?.[1])
    const log = this.logs.get(jobId)
    if (log === undefined || !url.searchParams.get('urlSignature')) {
      res.writeHead(403, { 'content-type': 'text/plain' })
      res.end('AuthenticationFailed')
      return
    }
    const body = Buffer.from(log)
    const suffix = /^bytes=-(\d+)$/.exec(req.headers.range ?? '')?.[1]
    if (suffix !== undefined && !this.ignoreRange && Number(suffix) < body.byteLength) {
      const from = body.byteLength - Number(suffix)
      res.writeHead(206, {
        'content-type': 'text/plain',
        'content-range': `bytes ${from}-${body.byteLength - 1}/${body.byteLength}`,
        'content-length': body.byteLength - from
      })
      res.end(body.subarray(from))
      return
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.byteLength })
    res.end(body)
  }

  /** Get a workflow run attempt: the run as that attempt ended. */
  private runAttempt(id: number, attempt: number, res: ServerResponse): void {
    const run = this.pastRuns.find(past => past.id === id && past.run_attempt === attempt)
    if (run) send(res, 200, run)
    else send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
  }

  /**
   * Newest first, each run's latest attempt; `branch` and `status=completed` filter as GitHub's
   * do: `branch` matches any run's head branch, a fork's too.
   */
  private listRuns(url: URL, res: ServerResponse): void {
    const branch = url.searchParams.get('branch')
    const status = url.searchParams.get('status')
    const latest = new Map<unknown, Record<string, unknown>>()
    for (const run of this.pastRuns) {
      const known = latest.get(run.id)
      if (!known || Number(run.run_attempt) > Number(known.run_attempt)) latest.set(run.id, run)
    }
    const runs = [...latest.values()]
      .filter(run => branch === null || run.head_branch === branch)
      .filter(run => status === null || run.status === status)
      .sort((a, b) => Number(b.run_number) - Number(a.run_number))
    const { items, links } = paginate(runs, url)
    send(res, 200, { total_count: runs.length, workflow_runs: items }, links)
  }

  private listAnnotations(checkRunId: number, url: URL, res: ServerResponse): void {
    const annotations = this.annotations.get(checkRunId)
    if (!annotations) {
      send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' })
      return
    }
    const { items, links } = paginate(annotations, url)
    send(res, 200, items, links)
  }
}

const DOCS = 'https://docs.github.com/rest'

/**
 * Steps before the failed one succeeded; a finished job skipped the rest, while a job in progress
 * (sending its own alert after the failed step) is still running them.
 */
function stepConclusion(
  number: number,
  failedAt: number,
  result: AddJobOptions['result']
): string | null {
  const running = result === 'in_progress'
  if (failedAt === 0) return running ? null : 'success'
  if (number < failedAt) return 'success'
  if (number === failedAt) return running ? 'failure' : result
  return running ? null : 'skipped'
}

/** GitHub's pagination: `per_page` (default 30, at most 100), `page` from 1, a `Link` header. */
function paginate<T>(all: T[], url: URL): { items: T[]; links: Record<string, string> } {
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30)
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1)
  const last = Math.max(1, Math.ceil(all.length / perPage))
  const link = (n: number, rel: string) => {
    const target = new URL(url)
    target.searchParams.set('per_page', String(perPage))
    target.searchParams.set('page', String(n))
    return `<${target.toString()}>; rel="${rel}"`
  }
  const rels: string[] = []
  if (page > 1) rels.push(link(page - 1, 'prev'), link(1, 'first'))
  if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'))
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    links: rels.length > 0 ? { link: rels.join(', ') } : {}
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-github-media-type': 'github.v3; format=json',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-github-request-id': '0400:1E2F:3A4B5C:6D7E8F:6750A1B2',
    ...headers
  })
  res.end(text)
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')
}

/**
 * A job's log as the runner writes it: every line stamped (7 fractional digits) inside its step's
 * times, each step opening with `##[group]<name>`, the failed step's own lines, then its error.
 */
export function buildLog(
  steps: {
    name: string
    conclusion: string | null
    started_at: string | null
    completed_at: string | null
  }[],
  failedStepLog: string[]
): string {
  const lines: string[] = []
  for (const step of steps) {
    if (step.started_at === null) continue
    const start = Date.parse(step.started_at)
    const failed = step.conclusion === 'failure' || step.conclusion === 'timed_out'
    const body = [
      `##[group]${step.name}`,
      `\u001b[36;1m${step.name.replace(/^Run /, '')}\u001b[0m`,
      '##[endgroup]',
      ...(failed
        ? [...failedStepLog, '##[error]Process completed with exit code 1.']
        : [`${step.name} done`])
    ]
    // Spread over the step's first 900 ms: the API's end second holds them all.
    body.forEach((text, i) => {
      const at = new Date(start + Math.floor((i * 900) / body.length))
      const stamp = `${at.toISOString().slice(0, 23)}0000Z`
      lines.push(`${stamp} ${text}`)
    })
  }
  return `\uFEFF${lines.join('\n')}\n`
}

function sleep(ms: number): Promise<void> {
  return new Promise(done => setTimeout(done, ms))
}
