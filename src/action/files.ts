import { closeSync, createReadStream, realpathSync } from 'node:fs'
import { basename, isAbsolute, join, sep } from 'node:path'
import { Readable } from 'node:stream'
import { errorMessage } from '../shared/error-message.js'
import type { FailureKind, TargetResult, FileToSend } from '../rocketchat/index.js'
import { defaultWorkspace, openWorkspaceFile, WorkspaceFileError } from './workspace.js'

/** The most files one run sends with its message. */
export const MAX_FILES = 10
/** A file the `files` input named that will not be sent, and why. */
export interface FileProblem {
  name: string
  kind: FailureKind
  reason: string
}

export interface WorkspaceFiles {
  toSend: FileToSend[]
  problems: FileProblem[]
  /** Closes every file held open; call once the run has sent them. */
  close: () => void
}

const KIND: Record<WorkspaceFileError['reason'], FailureKind> = {
  missing: 'not-found',
  outside: 'rejected',
  'not-a-file': 'rejected',
  'too-large': 'too-large'
}

/** Opens a workspace file to send; injected in tests to count what is opened. */
export type OpenFile = typeof openWorkspaceFile

/**
 * The files the `files` input names (workspace paths or globs, one a line), opened through the
 * workspace reader and held open, so what is sent is what was checked. Each is streamed from its
 * descriptor when sent, never read whole. A line that cannot be sent whole is one problem, never
 * a throw and never one per file: the message goes without what was left out. Matches are opened
 * in order only until the run has its MAX_FILES, so a glob over thousands of files opens at most
 * those (and at most MAX_FILES that fail). A glob matching nothing is a warning, as
 * upload-artifact's is.
 */
export async function openFiles(
  patterns: readonly string[],
  maxBytes: number,
  warn: (warning: string) => void,
  workspace = defaultWorkspace(),
  open: OpenFile = openWorkspaceFile
): Promise<WorkspaceFiles> {
  const problems: FileProblem[] = []
  const attachments: FileToSend[] = []
  const fds: number[] = []
  const seen = new Set<string>()
  for (const pattern of patterns) {
    const matches = await expand(pattern, workspace, warn, problems)
    if (matches === undefined) continue
    const sentBefore = attachments.length
    const failures: FileProblem[] = []
    let tried = 0
    for (const path of matches) {
      if (attachments.length >= MAX_FILES || failures.length >= MAX_FILES) break
      tried++
      try {
        const opened = open('files', path, maxBytes, workspace)
        if (seen.has(opened.file)) {
          closeSync(opened.fd)
          continue
        }
        seen.add(opened.file)
        fds.push(opened.fd)
        attachments.push(streamedFile(basename(path), opened.fd, opened.size))
      } catch (error) {
        if (!(error instanceof WorkspaceFileError)) throw error
        failures.push({ name: basename(path), kind: KIND[error.reason], reason: error.message })
      }
    }
    const sent = attachments.slice(sentBefore).map(file => file.name)
    const untried = matches.length - tried
    const full = attachments.length >= MAX_FILES
    const problem = patternProblem(pattern, matches, sent, failures, { untried, full })
    if (problem !== undefined) problems.push(problem)
  }
  return {
    toSend: attachments,
    problems,
    close: () => {
      for (const fd of fds.splice(0)) closeSync(fd)
    }
  }
}

/**
 * What one line could not send, as one problem: a path's own reason, or for a glob its count,
 * what was sent, the first failure and how many were left out past the limit.
 */
function patternProblem(
  pattern: string,
  matches: readonly string[],
  sent: readonly string[],
  failures: readonly FileProblem[],
  { untried, full }: { untried: number; full: boolean }
): FileProblem | undefined {
  const [failure] = failures
  if (!isGlob(pattern)) {
    if (failure !== undefined) return failure
    if (untried === 0) return undefined
    return {
      name: basename(pattern),
      kind: 'rejected',
      reason: `files: ${pattern} not sent: at most ${MAX_FILES} files go with a message`
    }
  }
  if (failure === undefined && untried === 0) return undefined
  const why = [
    ...(failure === undefined
      ? []
      : [
          `${failures.length} could not be sent (${failure.reason}` +
            `${failures.length > 1 ? `, and ${failures.length - 1} more` : ''})`
        ]),
    ...(untried === 0
      ? []
      : full
        ? [`${untried} not sent: at most ${MAX_FILES} files go with a message`]
        : [`${untried} not tried after ${failures.length} that could not be sent`])
  ]
  return {
    name: pattern,
    kind: failure?.kind ?? 'rejected',
    reason:
      `files: ${pattern} matches ${matches.length} file(s); ` +
      `sent ${sent.length === 0 ? 'none' : sent.join(', ')}; ${why.join('; ')}`
  }
}

function isGlob(pattern: string): boolean {
  return /[*?[\]{}!()]/.test(pattern)
}

/** Reads from the open descriptor at offset 0 each time: a retry sends the same bytes again. */
function streamedFile(name: string, fd: number, size: number): FileToSend {
  return {
    name,
    size,
    open: () =>
      size === 0
        ? Readable.from([])
        : createReadStream('', { fd, start: 0, end: size - 1, autoClose: false })
  }
}

/**
 * A line as written, or the workspace files its glob matches, sorted; undefined when the glob is
 * refused or cannot be searched (a problem). tinyglobby (fdir + picomatch) is loaded only when a
 * line is a glob. A glob is confined before anything is read: one that is absolute, climbs with
 * `..`, or whose literal base leads out of the workspace through a symlink is refused, naming only
 * the pattern. The walk lists no symlink (tinyglobby excludes them when not following), so a
 * linked directory is never entered.
 */
export async function expand(
  pattern: string,
  workspace: string,
  warn: (warning: string) => void,
  problems: FileProblem[],
  input = 'files'
): Promise<string[] | undefined> {
  if (!isGlob(pattern)) return [pattern]
  const root = confinedBase(pattern, workspace)
  if (root === undefined) {
    problems.push({
      name: pattern,
      kind: 'rejected',
      reason: `${input}: ${pattern} reaches outside the workspace: only files in the workspace are read`
    })
    return undefined
  }
  const { glob } = await import('tinyglobby')
  let matches: string[]
  try {
    matches = await glob(pattern, {
      cwd: root,
      onlyFiles: true,
      followSymbolicLinks: false,
      expandDirectories: false
    })
  } catch (error) {
    const reason = `${input}: ${pattern} cannot be searched (${errorMessage(error)})`
    problems.push({ name: pattern, kind: 'not-found', reason })
    return undefined
  }
  if (matches.length === 0) warn(`${input}: no file matches ${pattern}`)
  return matches.sort()
}

/**
 * The workspace's real path when a glob stays inside it, else undefined: not absolute, no `..`
 * segment (also inside braces), and its literal base (the segments before the first with a glob
 * character), as far as it exists, a real path inside the workspace.
 */
function confinedBase(pattern: string, workspace: string): string | undefined {
  if (isAbsolute(pattern) || /(?:^|[/\\{,])\.\.(?:$|[/\\},])/.test(pattern)) return undefined
  let root: string
  try {
    root = realpathSync(workspace)
  } catch {
    return undefined
  }
  const segments = pattern.split('/')
  const literal = segments.slice(
    0,
    segments.findIndex(segment => isGlob(segment))
  )
  let existing = root
  for (const segment of literal) {
    const next = join(existing, segment)
    let real: string
    try {
      real = realpathSync(next)
    } catch {
      break
    }
    if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined
    existing = real
  }
  return root
}

/**
 * One failed result per problem of the input (a line that could not be sent whole), once, after
 * the first REST target's own results: a problem is the input's, not a target's, so a glob over
 * thousands of files to many rooms is one entry and one error. A webhook sends no files.
 */
export function withFileProblems(
  results: TargetResult[],
  problems: readonly FileProblem[]
): TargetResult[] {
  const first = results.find(result => result.mode !== 'webhook')
  if (problems.length === 0 || first === undefined) return results
  const at = results.findLastIndex(
    result => result.destination === first.destination && result.target === first.target
  )
  const { destination, url, mode, target } = first
  const entries = problems.map((problem): TargetResult => ({
    destination,
    url,
    mode,
    target,
    file: { name: problem.name },
    outcome: 'failed',
    kind: problem.kind,
    error: problem.reason
  }))
  return [...results.slice(0, at + 1), ...entries, ...results.slice(at + 1)]
}
