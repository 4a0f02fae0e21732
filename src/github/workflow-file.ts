/**
 * The workflow file this run runs, read from its commit through the contents API: never from a
 * working copy, which a pull request's checkout could have changed (`pull_request_target` with the
 * head checked out). One request, loaded only by runs whose inputs could act, sent through the
 * stack the posts already loaded (`createDispatcher`, `exchange`): no Octokit, which cost a
 * templated send 300-470 ms of loading for this one GET (docs/performance.md).
 */
import { AttemptFailure, exchange, type RawAnswer, proxyFor } from '../rocketchat/index.js'
import type { LookupOptions } from './api.js'
import { lookupDispatcher } from './lookup-dispatcher.js'
import { RunLookupError, safeText, type LookupFailureKind } from './lookup-error.js'

export interface WorkflowFileRef {
  apiUrl: string
  token: string
  /** GITHUB_WORKFLOW_REF: `octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main`. */
  workflowRef: string
  /** GITHUB_WORKFLOW_SHA: the commit the run's workflow file was read at. */
  sha: string
}

const WORKFLOW_REF = /^([^/@]+)\/([^/@]+)\/(\.github\/workflows\/[^@]+)@/
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/
/** The contents API inlines files up to 1 MiB; a workflow file is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024

/** The workflow file's text; a RunLookupError says why it cannot be read. */
export async function readWorkflowFile(
  ref: WorkflowFileRef,
  options: LookupOptions
): Promise<string> {
  const where = WORKFLOW_REF.exec(ref.workflowRef)
  if (!where || !SHA.test(ref.sha)) {
    throw new RunLookupError(
      'GITHUB_WORKFLOW_REF or GITHUB_WORKFLOW_SHA is not one',
      'rejected',
      undefined
    )
  }
  const [, owner = '', repo = '', path = ''] = where
  const answer = await getContent(ref, [owner, repo, path], options)
  const said = parsed(answer.text)
  if (answer.status !== 200) throw refusal(answer, said)
  const file = said as { type?: unknown; encoding?: unknown; content?: unknown } | undefined
  if (file?.type !== 'file' || file.encoding !== 'base64' || typeof file.content !== 'string') {
    throw new RunLookupError(`${path} is not a file of at most 1 MiB`, 'rejected', undefined)
  }
  const bytes = Buffer.from(file.content, 'base64')
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new RunLookupError(`${path} is larger than 1 MiB`, 'rejected', undefined)
  }
  return bytes.toString('utf8')
}

/**
 * Get repository content, `GET {api}/repos/{owner}/{repo}/contents/{path}?ref={sha}`, once: the
 * answer whole (the exchange's 1 MiB cap), within the budget, through the run's NO_PROXY rule.
 */
async function getContent(
  ref: WorkflowFileRef,
  [owner, repo, path]: [string, string, string],
  options: LookupOptions
): Promise<RawAnswer> {
  let url: URL
  try {
    // The API URL's own path (GHES: /api/v3) is kept; a user:password@ in it never leaves (origin).
    url = new URL(
      `${ref.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/` +
        `${encodeURIComponent(repo)}/contents/${path.split('/').map(encodeURIComponent).join('/')}` +
        `?ref=${ref.sha}`
    )
  } catch {
    throw new RunLookupError('GITHUB_API_URL is not a URL', 'rejected', undefined)
  }
  const deadline = options.deadline ?? AbortSignal.timeout(options.timeoutMs)
  const dispatcher = lookupDispatcher(options)
  try {
    return await exchange({
      method: 'GET',
      url,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `token ${ref.token}`,
        'user-agent': options.userAgent,
        'x-github-api-version': '2022-11-28'
      },
      body: undefined,
      dispatcher,
      proxy: proxyFor(url, options.proxy),
      connectMs: options.timeoutMs,
      answerMs: options.timeoutMs,
      stallMs: options.timeoutMs,
      signal: deadline
    })
  } catch (error) {
    throw unanswered(error, deadline, options.timeoutMs)
  } finally {
    void dispatcher.destroy()
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** An answer other than the file, classified as the run's other GitHub reads classify theirs. */
function refusal(answer: RawAnswer, said: unknown): RunLookupError {
  const { status, headers } = answer
  const message = (said as { message?: unknown } | undefined)?.message
  const words = safeText(typeof message === 'string' ? message : answer.text, 200)
  if (status === 429 || (status === 403 && headers['x-ratelimit-remaining'] === '0')) {
    return new RunLookupError(`${status} rate limit exceeded`, 'rate-limit', status)
  }
  const kind: LookupFailureKind =
    status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected'
  return new RunLookupError(`${status} ${words}`.trim(), kind, status)
}

/** No answer: the exchange's own words name the cause (a timeout, the proxy, TLS, the network). */
function unanswered(error: unknown, deadline: AbortSignal, timeoutMs: number): RunLookupError {
  if (deadline.aborted) {
    return new RunLookupError(`no answer within ${timeoutMs / 1000} s`, 'timeout', undefined)
  }
  if (!(error instanceof AttemptFailure)) {
    return new RunLookupError(safeText(String(error), 200), 'network', undefined)
  }
  switch (error.failure) {
    case 'connect-timeout':
    case 'read-timeout':
      return new RunLookupError(error.message, 'timeout', undefined)
    case 'tls':
    case 'tls-untrusted':
      return new RunLookupError(error.message, 'tls', undefined)
    case 'too-large':
      return new RunLookupError(error.message, 'too-large', undefined)
    default:
      return new RunLookupError(error.message, 'network', undefined)
  }
}
