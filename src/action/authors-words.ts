/**
 * Which parts of the step's inputs are the author's own words: read from the workflow file at the
 * run's commit (src/github/workflow-file.ts) and aligned with the inputs' values
 * (src/template/workflow-source.ts). Only when an input holds something that could act: a plain
 * send makes no request. Where the file cannot be read or aligned, the caller falls back to
 * finding event text in the inputs (src/template/pasted.ts) and says why, once.
 */
import type { PastedFinder } from '../template/pasted.js'
import { couldAct } from '../template/pasted.js'
import type { NotificationInput } from '../template/notification.js'
import { errorMessage } from '../shared/error-message.js'
import { RunLookupError, type LookupFailureKind } from '../github/lookup-error.js'
import type { NetworkSettings } from './network.js'

/** The file read: a slow API delays the alert by this much at most, never loses it. */
const READ_TIMEOUT_MS = 5000
/** What the token's permissions explain: 401, 403, and the 404 GitHub gives for a repository it hides. */
const REFUSALS = new Set<LookupFailureKind>(['auth', 'not-found'])

/** The templated inputs, by the names `with:` gives them. */
type Templates = Pick<
  NotificationInput,
  | 'title'
  | 'body'
  | 'attachments'
  | 'alias'
  | 'avatarUrl'
  | 'threadKey'
  | 'threadTitle'
  | 'bodyFromFile'
>

/** The author's words known (a finder of the filled-in text), or why they are not. */
export type AuthorsWords = { filledIn: PastedFinder } | { unknown: string }

/**
 * The filled-in text of each templated input, from the workflow file; undefined when no input
 * could act (nothing read) or outside a runner (no GITHUB_WORKFLOW_REF).
 */
export async function readAuthorsWords(
  templates: Templates,
  token: string,
  env: NodeJS.ProcessEnv,
  network: NetworkSettings
): Promise<AuthorsWords | undefined> {
  // Never rejects: it runs beside the run's details, and its failure only means the fallback.
  try {
    return await authorsWords(templates, token, env, network)
  } catch (error) {
    return { unknown: errorMessage(error) }
  }
}

async function authorsWords(
  templates: Templates,
  token: string,
  env: NodeJS.ProcessEnv,
  network: NetworkSettings
): Promise<AuthorsWords | undefined> {
  const inputs: [name: string, value: string, trimmed: boolean][] = [
    ['title', templates.title, true],
    ['attachments', templates.attachments, true],
    ['alias', templates.alias ?? '', true],
    ['avatar-url', templates.avatarUrl ?? '', true],
    ['thread-key', templates.threadKey ?? '', true],
    ['thread-title', templates.threadTitle ?? '', true]
  ]
  if (templates.bodyFromFile !== true) inputs.push(['body', templates.body, false])
  if (!inputs.some(([, value]) => couldAct(value))) return undefined
  const workflowRef = env.GITHUB_WORKFLOW_REF ?? ''
  const sha = env.GITHUB_WORKFLOW_SHA ?? ''
  if (workflowRef === '' || sha === '') return undefined
  if (token === '') return { unknown: 'there is no github-token to read it with' }
  const [{ readWorkflowFile }, source] = await Promise.all([
    import('../github/workflow-file.js'),
    import('../template/workflow-source.js')
  ])
  let workflow: string
  try {
    workflow = await readWorkflowFile(
      { apiUrl: env.GITHUB_API_URL || 'https://api.github.com', token, workflowRef, sha },
      {
        timeoutMs: READ_TIMEOUT_MS,
        userAgent: network.userAgent,
        annotations: false,
        proxy: network.proxy
      }
    )
  } catch (error) {
    // A refusal is the token's to fix; a timeout or a network failure is said as it is.
    const refused = error instanceof RunLookupError && REFUSALS.has(error.kind)
    const fix = refused ? '; the token needs contents: read' : ''
    return { unknown: `the contents API did not give it (${errorMessage(error)}${fix})` }
  }
  const candidates = source.stepCandidates(workflow, env.GITHUB_JOB ?? '', env.GITHUB_ACTION ?? '')
  if (!Array.isArray(candidates)) return { unknown: candidates.missing }
  for (const step of candidates) {
    const aligned = inputs.map(([name, value, trimmed]) => {
      const written = step.get(name)
      if (written === undefined) return value === '' ? [] : undefined
      return source.alignInput(written, value, trimmed)
    })
    if (aligned.some(spans => spans === undefined)) continue
    const spansOf = (name: string) => aligned[inputs.findIndex(([n]) => n === name)] ?? []
    const templatesFilled = inputs
      .filter(([name]) => name !== 'attachments')
      .map(([name, value]) => ({ value, spans: spansOf(name) }))
    return {
      filledIn: source.filledInFinder(templatesFilled, {
        value: templates.attachments,
        spans: spansOf('attachments')
      })
    }
  }
  return {
    unknown: "this step's inputs do not match its with: in the workflow file at this commit"
  }
}
