import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { resolve, sep } from 'node:path'

/** A Rocket.Chat message is at most a few thousand characters; a template or a PEM is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024

/** A path input that names no readable file of the workspace. */
export class WorkspaceFileError extends Error {
  override name = 'WorkspaceFileError'
}

/**
 * Reads the file a path input (`body-file`, `ca-cert`, ...) names, only if it lies inside the
 * workspace once every symlink is followed: the input comes from the workflow, but the file may be
 * a committed symlink to `/proc/self/environ`, whose content would be posted to a chat room. Both
 * the workspace and the file are resolved to their real paths before the containment check.
 * The workspace is `GITHUB_WORKSPACE`, or the current directory in a local run.
 */
export function readWorkspaceFile(
  input: string,
  path: string,
  workspace = process.env.GITHUB_WORKSPACE || process.cwd()
): string {
  const root = realpath(input, workspace, `the workspace ${workspace}`)
  const within = (file: string, dir: string): boolean =>
    file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep)
  const written = resolve(root, path)
  // Checked before the file is touched too, so a refusal says nothing of what exists outside.
  if (!within(written, root) && !within(written, resolve(workspace))) {
    throw outside(input, `${path} is`, root)
  }
  const file = realpath(input, written, path)
  if (!within(file, root)) {
    throw outside(input, `${path} leads through a symlink to ${file}, which is`, root)
  }
  return readBounded(input, path, file)
}

function outside(input: string, what: string, root: string): WorkspaceFileError {
  return new WorkspaceFileError(
    `${input}: ${what} outside the workspace ${root}: only files in the workspace are read`
  )
}

function realpath(input: string, path: string, shown: string): string {
  try {
    return realpathSync(path)
  } catch (error) {
    throw new WorkspaceFileError(`${input}: cannot read ${shown} (${codeOf(error)})`)
  }
}

/** Opened without blocking (a FIFO would hang the step), then checked to be a regular file. */
function readBounded(input: string, path: string, file: string): string {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new WorkspaceFileError(`${input}: cannot read ${path} (${codeOf(error)})`)
  }
  try {
    const stats = fstatSync(fd)
    if (!stats.isFile()) throw new WorkspaceFileError(`${input}: ${path} is not a regular file`)
    if (stats.size > MAX_FILE_BYTES) throw tooLarge(input, path)
    // The size can change between fstat and read: read at most one byte past the limit.
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1)
    let length = 0
    let read: number
    do {
      read = readSync(fd, buffer, length, buffer.length - length, null)
      length += read
    } while (read > 0 && length < buffer.length)
    if (length > MAX_FILE_BYTES) throw tooLarge(input, path)
    return buffer.toString('utf8', 0, length)
  } finally {
    closeSync(fd)
  }
}

function tooLarge(input: string, path: string): WorkspaceFileError {
  return new WorkspaceFileError(
    `${input}: ${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the limit for a file input`
  )
}

function codeOf(error: unknown): string {
  const code = (error as { code?: string }).code ?? 'unreadable'
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied' }
  return words[code] ?? code
}
