import type { WorkflowContext } from './context.js'
import type { Status } from '../rocketchat/types.js'
import { defuseMentions } from './mentions.js'

export interface DefaultMessage {
  /** One line that reads well in a phone notification. */
  text: string
  attachment: Record<string, unknown>
}

interface Field {
  title: string
  value: string
  short: true
}

/** What the event adds to the line and the attachment. */
interface Scene {
  /** Follows `<workflow> <outcome> in <repository>`: ` on main: Fix the build`. */
  where: string
  /** Replaces the whole `<workflow> <outcome> in <repository><where>` part when the event says more. */
  headline?: string
  commit?: { sha: string; message: string }
  fields: Field[]
  /** Longer text for the attachment, such as release notes. */
  text?: string
}

const LOOKS: Record<Status, { emoji: string; color: string; outcome: string }> = {
  success: { emoji: '✅', color: '#2eb886', outcome: 'succeeded' },
  failure: { emoji: '❌', color: '#d50200', outcome: 'failed' },
  cancelled: { emoji: '⚪', color: '#9e9e9e', outcome: 'was cancelled' },
  warning: { emoji: '⚠️', color: '#daa038', outcome: 'finished with warnings' },
  // An info message announces rather than reports: no outcome to tell.
  info: { emoji: 'ℹ️', color: '#439fe0', outcome: '' }
}

/** Conclusions of a triggering workflow run, in the words of the line. */
const CONCLUSIONS: Record<string, string> = {
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'was cancelled',
  timed_out: 'timed out',
  skipped: 'was skipped',
  action_required: 'needs action'
}

const TITLE_LENGTH = 120
const NOTES_LENGTH = 1500

/**
 * The message sent when the workflow gives no body: a line with the status, workflow, repository,
 * ref and a link to the run, and one attachment coloured by status with the details.
 * Every value comes from the run or its event, so every one of them is defused.
 */
export function defaultMessage(context: WorkflowContext, status: Status): DefaultMessage {
  const { github } = context
  const look = LOOKS[status]
  const event = github.event
  const workflow = oneLine(github.workflow) || 'Workflow'
  const repository = github.repository || 'this repository'
  const runUrl = runLink(context)
  const scene = describeEvent(context, status)

  const headline =
    scene.headline ??
    `${[workflow, look.outcome].filter(Boolean).join(' ')} in ${repository}${scene.where}`
  const runLabel = github.run_number ? `run #${github.run_number}` : 'run'
  const text = `${look.emoji} ${headline}${runUrl ? ` · [${runLabel}](${runUrl})` : ''}`

  const action = str(event.action)
  const commit = scene.commit ?? { sha: github.sha, message: '' }
  const fields = [
    field('Commit', commitValue(context, commit)),
    field('Actor', github.actor || str(get(event, 'sender', 'login'))),
    field('Event', action ? `${github.event_name} (${action})` : github.event_name),
    field('Job', github.job),
    ...scene.fields
  ].filter(item => item.value !== '')

  const runTitle = github.run_number ? `${workflow} #${github.run_number}` : workflow
  const attachment: Record<string, unknown> = {
    color: look.color,
    title: defuseMentions([runTitle, look.outcome].filter(Boolean).join(' ')),
    ...(runUrl ? { title_link: runUrl } : {}),
    ...(scene.text ? { text: defuseMentions(scene.text) } : {}),
    fields: fields.map(item => ({ ...item, value: defuseMentions(item.value) }))
  }
  return { text: defuseMentions(text), attachment }
}

function describeEvent(context: WorkflowContext, status: Status): Scene {
  const { github } = context
  const event = github.event
  switch (github.event_name) {
    case 'push':
      return isTag(context) ? tagScene(context) : pushScene(context)
    case 'create':
      return {
        where: ` on new ${str(event.ref_type) || github.ref_type} ${str(event.ref) || github.ref_name}`,
        fields: []
      }
    case 'pull_request':
    case 'pull_request_target':
      return pullRequestScene(context)
    case 'release':
      return releaseScene(context, status)
    case 'workflow_dispatch':
      return dispatchScene(context)
    case 'schedule':
      return {
        where: `${onRef(context)}: scheduled run`,
        fields: [field('Schedule', code(str(event.schedule)))]
      }
    case 'workflow_run':
      return workflowRunScene(context)
    default: {
      const action = str(event.action)
      const kind = [github.event_name, action].filter(Boolean).join(' ')
      return { where: `${onRef(context)}${kind ? ` (${kind})` : ''}`, fields: [] }
    }
  }
}

function pushScene(context: WorkflowContext): Scene {
  const event = context.github.event
  const headCommit = get(event, 'head_commit')
  const message = firstLine(str(get(headCommit, 'message')))
  const compare = str(event.compare)
  const commits = Array.isArray(event.commits) ? event.commits.length : 0
  const changes = commits === 1 ? '1 commit' : `${commits} commits`
  return {
    where: `${onRef(context)}${message ? `: ${message}` : ''}`,
    commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
    fields: [field('Changes', compare && commits > 0 ? `[${changes}](${compare})` : '')]
  }
}

function tagScene(context: WorkflowContext): Scene {
  const event = context.github.event
  const tag = context.github.ref.replace(/^refs\/tags\//, '')
  const headCommit = get(event, 'head_commit')
  const message = firstLine(str(get(headCommit, 'message')))
  const deleted = event.deleted === true
  return {
    where: ` on ${deleted ? 'deleted ' : ''}tag ${tag}`,
    commit: { sha: str(get(headCommit, 'id')) || context.github.sha, message },
    fields: [field('Tag', tag)]
  }
}

function pullRequestScene(context: WorkflowContext): Scene {
  const pr = get(context.github.event, 'pull_request')
  const number = str(get(pr, 'number'))
  const title = oneLine(str(get(pr, 'title')))
  const url = str(get(pr, 'html_url'))
  const label = `PR #${number}`
  const head = str(get(pr, 'head', 'label')) || str(get(pr, 'head', 'ref'))
  const base = str(get(pr, 'base', 'ref'))
  return {
    where: number ? ` for ${url ? `[${label}](${url})` : label}${title ? `: ${title}` : ''}` : '',
    commit: { sha: str(get(pr, 'head', 'sha')) || context.github.sha, message: '' },
    fields: [field('Branches', head && base ? `${head} → ${base}` : '')]
  }
}

function releaseScene(context: WorkflowContext, status: Status): Scene {
  const { github } = context
  const release = get(github.event, 'release')
  const tag = str(get(release, 'tag_name')) || github.ref_name
  const name = oneLine(str(get(release, 'name')))
  const url = str(get(release, 'html_url'))
  const prerelease = get(release, 'prerelease') === true
  const linked = url ? `[${linkLabel(tag)}](${url})` : tag
  const named = name && name !== tag ? `: ${name}` : ''
  const action = str(github.event.action)
  // A published release with a passing run is news in itself: say so first.
  const announced = ['published', 'released', 'prereleased'].includes(action)
  const headline =
    announced && (status === 'success' || status === 'info')
      ? `${prerelease ? 'Pre-released' : 'Released'} ${github.repository} ${linked}${named}`
      : undefined
  return {
    where: ` for release ${linked}${named}`,
    ...(headline ? { headline } : {}),
    fields: [field('Release', linked), field('Pre-release', prerelease ? 'yes' : '')],
    text: truncate(str(get(release, 'body')).trim(), NOTES_LENGTH)
  }
}

function dispatchScene(context: WorkflowContext): Scene {
  const { github } = context
  const by = github.triggering_actor || github.actor || str(get(github.event, 'sender', 'login'))
  const inputs = get(github.event, 'inputs')
  const pairs = isRecord(inputs)
    ? Object.entries(inputs).map(([key, value]) => `${key}=${oneLine(scalar(value))}`)
    : []
  return {
    where: `${onRef(context)}: manually run${by ? ` by ${by}` : ''}`,
    fields: [field('Inputs', truncate(pairs.join(', '), TITLE_LENGTH))]
  }
}

function workflowRunScene(context: WorkflowContext): Scene {
  const event = context.github.event
  const run = get(event, 'workflow_run')
  const name =
    oneLine(str(get(run, 'name'))) || oneLine(str(get(event, 'workflow', 'name'))) || 'a workflow'
  const number = str(get(run, 'run_number'))
  const url = str(get(run, 'html_url'))
  const conclusion = str(get(run, 'conclusion'))
  const label = number ? `${name} #${number}` : name
  const linked = url ? `[${linkLabel(label)}](${url})` : label
  const action = str(event.action)
  // A run that has no conclusion yet (requested, in progress) is named, not judged.
  const where = conclusion
    ? ` after ${linked} ${CONCLUSIONS[conclusion] ?? conclusion.replace(/_/g, ' ')}`
    : ` for ${linked}${action ? ` (${action})` : ''}`
  return {
    where,
    commit: {
      sha: str(get(run, 'head_sha')) || context.github.sha,
      message: firstLine(str(get(run, 'head_commit', 'message')))
    },
    fields: [field('Triggered by', linked), field('Conclusion', conclusion)]
  }
}

function isTag(context: WorkflowContext): boolean {
  return context.github.ref_type === 'tag' || context.github.ref.startsWith('refs/tags/')
}

function onRef(context: WorkflowContext): string {
  const ref = context.github.ref_name || context.github.ref
  return ref ? ` on ${ref}` : ''
}

/** The run page; GitHub Enterprise works because the server comes from the context. */
function runLink(context: WorkflowContext): string {
  const { server_url, repository, run_id, run_attempt } = context.github
  if (!repository || !run_id) return ''
  const attempt = Number(run_attempt) > 1 ? `/attempts/${run_attempt}` : ''
  return `${server_url}/${repository}/actions/runs/${run_id}${attempt}`
}

function commitValue(context: WorkflowContext, commit: { sha: string; message: string }): string {
  if (!commit.sha) return ''
  const { server_url, repository } = context.github
  const short = commit.sha.slice(0, 7)
  const linked = repository ? `[${short}](${server_url}/${repository}/commit/${commit.sha})` : short
  return commit.message ? `${linked} ${commit.message}` : linked
}

function field(title: string, value: string): Field {
  return { title, value, short: true }
}

function code(value: string): string {
  return value ? `\`${value}\`` : ''
}

/** Brackets would end a markdown link label early. */
function linkLabel(value: string): string {
  return value.replace(/[[\]]/g, '')
}

function firstLine(value: string): string {
  return truncate((value.split('\n')[0] ?? '').trim(), TITLE_LENGTH)
}

function oneLine(value: string): string {
  return truncate(value.replace(/\s+/g, ' ').trim(), TITLE_LENGTH)
}

function truncate(value: string, length: number): string {
  const chars = Array.from(value)
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : value
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (!isRecord(current)) return undefined
    current = current[key]
  }
  return current
}

/** Strings and numbers as text; anything else (null, missing, objects) as nothing. */
function str(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  return ''
}

function scalar(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
