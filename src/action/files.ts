import { closeSync, createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { Readable } from 'node:stream'
import { errorMessage, type FailureKind } from '../rocketchat/errors.js'
import type { TargetResult } from '../rocketchat/types.js'
import type { FileToSend } from '../rocketchat/upload.js'
import { defaultWorkspace, openWorkspaceFile, WorkspaceFileError } from './workspace.js'

/** The most files one run sends with its message. */
export const MAX_FILES = 10
/** Matches read from one pattern; more is a mistake, not a list of reports. */
const MAX_MATCHES = 1000

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

/**
 * The files the `files` input names (workspace paths or globs, one a line), opened through the
 * workspace reader and held open, so what is sent is what was checked. Each is streamed from its
 * descriptor when sent, never read whole. A path that cannot be sent is a problem, never a throw:
 * the message goes without it. A glob matching nothing is a warning, as upload-artifact's is.
 */
export async function openFiles(
  patterns: readonly string[],
  maxBytes: number,
  warn: (warning: string) => void,
  workspace = defaultWorkspace()
): Promise<WorkspaceFiles> {
  const problems: FileProblem[] = []
  const paths = await expand(patterns, workspace, warn, problems)
  const attachments: FileToSend[] = []
  const fds: number[] = []
  const seen = new Set<string>()
  for (const path of paths) {
    try {
      const opened = openWorkspaceFile('files', path, maxBytes, workspace)
      if (seen.has(opened.file)) {
        closeSync(opened.fd)
        continue
      }
      seen.add(opened.file)
      if (attachments.length >= MAX_FILES) {
        closeSync(opened.fd)
        problems.push({
          name: basename(path),
          kind: 'rejected',
          reason: `files: ${path} not sent: at most ${MAX_FILES} files go with a message`
        })
        continue
      }
      fds.push(opened.fd)
      attachments.push(streamedFile(basename(path), opened.fd, opened.size))
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      problems.push({ name: basename(path), kind: KIND[error.reason], reason: error.message })
    }
  }
  return {
    toSend: attachments,
    problems,
    close: () => {
      for (const fd of fds.splice(0)) closeSync(fd)
    }
  }
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
 * Each line as written, or the workspace files its glob matches (sorted), in the order of the
 * lines. tinyglobby (fdir + picomatch) is loaded only when a line is a glob. Symlinks are not
 * followed while walking: a link is matched as a file, and the workspace reader then refuses one
 * that leads outside.
 */
export async function expand(
  patterns: readonly string[],
  workspace: string,
  warn: (warning: string) => void,
  problems: FileProblem[],
  input = 'files'
): Promise<string[]> {
  const paths: string[] = []
  for (const pattern of patterns) {
    if (!/[*?[\]{}!()]/.test(pattern)) {
      paths.push(pattern)
      continue
    }
    const { glob } = await import('tinyglobby')
    let matches: string[]
    try {
      matches = await glob(pattern, {
        cwd: workspace,
        onlyFiles: true,
        followSymbolicLinks: false,
        expandDirectories: false
      })
    } catch (error) {
      const reason = `${input}: ${pattern} cannot be searched (${errorMessage(error)})`
      problems.push({ name: pattern, kind: 'not-found', reason })
      continue
    }
    if (matches.length === 0) warn(`${input}: no file matches ${pattern}`)
    if (matches.length > MAX_MATCHES) {
      warn(
        `${input}: ${pattern} matches ${matches.length} files; only the first ${MAX_MATCHES} are considered`
      )
    }
    paths.push(...matches.sort().slice(0, MAX_MATCHES))
  }
  return paths
}

/**
 * One failed result per problem file per target the message went to in token or basic mode,
 * right after that target's own results, so the results list every file for every target.
 */
export function withFileProblems(
  results: TargetResult[],
  problems: readonly FileProblem[]
): TargetResult[] {
  if (problems.length === 0) return results
  const out: TargetResult[] = []
  for (const [i, result] of results.entries()) {
    out.push(result)
    const next = results[i + 1]
    const lastOfTarget =
      next === undefined || next.target !== result.target || next.destination !== result.destination
    if (!lastOfTarget || result.mode === 'webhook') continue
    const { destination, url, mode, target } = result
    for (const problem of problems) {
      out.push({
        destination,
        url,
        mode,
        target,
        file: { name: problem.name },
        outcome: 'failed',
        kind: problem.kind,
        error: problem.reason
      })
    }
  }
  return out
}
