import type { WorkflowContext } from './workflow-context.js'
import type { Status } from '../rocketchat/index.js'
import {
  commitValue,
  forkLabel,
  get,
  link,
  oneLine,
  statusLook,
  str,
  inertTextFor,
  subjectRun
} from './defaults.js'

/** What the root of a keyed thread says: its subject, then where it stands (one line). */
export interface ThreadRootText {
  subject: string
  state: string
}

/** A custom title longer than this is cut: the root also carries the state, under 5000. */
const SUBJECT_LENGTH = 1000

/**
 * The root's text for this run: the subject from the event (a pull request, a release, a deploy)
 * unless `title` (the rendered `thread-title`) is given, and the state: the status emoji first
 * (the thread compares it to tell a change), the workflow, a link to this run, the outcome. Every
 * value from the run or its event is inert.
 */
export function threadRootText(
  context: WorkflowContext,
  status: Status,
  title?: string
): ThreadRootText {
  const given = title?.trim() ?? ''
  const subject = given ? cut(given) : subjectOf(context)
  return { subject, state: stateOf(context, status) }
}

function stateOf(context: WorkflowContext, status: Status): string {
  const { emoji, outcome } = statusLook(status, context.job.conclusion)
  // On workflow_run, the run the thread hears about is the triggering one, as in the message.
  const subject = subjectRun(context)
  const label = subject.number ? `run #${subject.number}` : 'run'
  const run = subject.url ? link(subject.url, label) : label
  const workflow = inertTextFor(context)(subject.workflow)
  return [emoji, 'Latest:', workflow, run, outcome].filter(Boolean).join(' ')
}

function subjectOf(context: WorkflowContext): string {
  const { github } = context
  const event = github.event
  const t = inertTextFor(context)
  switch (github.event_name) {
    case 'pull_request':
    case 'pull_request_target': {
      const pr = get(event, 'pull_request')
      const number = str(get(pr, 'number'))
      const url = str(get(pr, 'html_url'))
      const title = oneLine(str(get(pr, 'title')))
      const author = str(get(pr, 'user', 'login'))
      const label = `#${number}`
      const named = `Pull request ${url ? link(url, label) : t(label)}`
      // `@login` in inert text is a link to the GitHub profile, never a mention.
      return `${named}${title ? `: ${t(title)}` : ''}${author ? ` by ${t(`@${author}`)}` : ''}`
    }
    case 'release': {
      const release = get(event, 'release')
      const tag = str(get(release, 'tag_name')) || github.ref_name
      const name = oneLine(str(get(release, 'name')))
      const url = str(get(release, 'html_url'))
      const named = name && name !== tag ? `: ${t(name)}` : ''
      return `Release ${url ? link(url, tag) : t(tag)}${named} of ${t(github.repository)}`
    }
    case 'deployment':
    case 'deployment_status': {
      const deployment = get(event, 'deployment')
      const sha = str(get(deployment, 'sha')) || github.sha
      const environment = oneLine(str(get(deployment, 'environment')))
      const commit = commitValue(context, { sha, message: '' })
      return `Deploy of ${commit || 'a commit'}${environment ? ` to ${t(environment)}` : ''} in ${t(github.repository)}`
    }
    case 'workflow_run': {
      // The run the thread hears about is the triggering one: its branch, commit and pull request.
      const run = get(event, 'workflow_run')
      const base = str(get(run, 'repository', 'full_name')) || github.repository
      const branch =
        forkLabel(str(get(run, 'head_repository', 'full_name')), base) +
        str(get(run, 'head_branch'))
      const commit = commitValue(context, { sha: str(get(run, 'head_sha')), message: '' })
      const pulls = get(run, 'pull_requests')
      const pull = str(get(Array.isArray(pulls) ? (pulls[0] as unknown) : undefined, 'number'))
      const where = [
        branch ? ` on ${t(branch)}` : '',
        commit ? ` at ${commit}` : '',
        /^\d+$/.test(pull)
          ? ` for ${link(`${github.server_url}/${github.repository}/pull/${pull}`, `#${pull}`)}`
          : ''
      ].join('')
      return `${t(subjectRun(context).workflow)} in ${t(github.repository) || 'this repository'}${where}`
    }
    default: {
      const ref = github.ref_name || github.ref
      const commit = commitValue(context, { sha: github.sha, message: '' })
      const where = [ref ? ` on ${t(ref)}` : '', commit ? ` at ${commit}` : ''].join('')
      return `${t(subjectRun(context).workflow)} in ${t(github.repository) || 'this repository'}${where}`
    }
  }
}

function cut(text: string): string {
  const chars = Array.from(text)
  return chars.length > SUBJECT_LENGTH ? `${chars.slice(0, SUBJECT_LENGTH - 1).join('')}…` : text
}
