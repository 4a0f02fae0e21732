import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs'
import { resolve, sep } from 'node:path'

/** A Rocket.Chat message is at most a few thousand characters; a template or a PEM is far smaller. */
const MAX_FILE_BYTES = 1024 * 1024

/** A path input that names no readable file of the workspace. */
export class WorkspaceFileError extends Error {
  override name = 'WorkspaceFileError'
  constructor(
    message: string,
    /** Why: for a file sent with the message, the kind its result reports. */
    readonly reason: 'missing' | 'outside' | 'not-a-file' | 'too-large' = 'missing'
  ) {
    super(message)
  }
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
  workspace = defaultWorkspace()
): string {
  return readBounded(input, path, confined(input, path, workspace))
}

/** `GITHUB_WORKSPACE`, or the current directory in a local run. */
export function defaultWorkspace(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd()
}

/** A workspace file held open to be streamed: the descriptor is what was checked, whatever the path becomes. */
export interface OpenFile {
  /** The real path, once every symlink is followed. */
  file: string
  fd: number
  size: number
}

/**
 * Opens a file of the workspace to send it whole (`files`), by the same rules as
 * readWorkspaceFile, with its own size limit; the caller closes `fd`.
 */
export function openWorkspaceFile(
  input: string,
  path: string,
  maxBytes: number,
  workspace = defaultWorkspace()
): OpenFile {
  const file = confined(input, path, workspace)
  const fd = openRegular(input, path, file)
  const { size } = fstatSync(fd)
  if (size > maxBytes) {
    closeSync(fd)
    throw new WorkspaceFileError(
      `${input}: ${path} is ${size} bytes, over the limit of ${maxBytes}`,
      'too-large'
    )
  }
  return { file, fd, size }
}

/** The real path of `path` in the workspace, refused when it or its symlinks lead outside. */
function confined(input: string, path: string, workspace: string): string {
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
    // Where the link leads is not said: it names what exists outside the workspace.
    throw outside(input, `${path} leads through a symlink`, root)
  }
  return file
}

function outside(input: string, what: string, root: string): WorkspaceFileError {
  return new WorkspaceFileError(
    `${input}: ${what} outside the workspace ${root}: only files in the workspace are read`,
    'outside'
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
function openRegular(input: string, path: string, file: string): number {
  let fd: number
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new WorkspaceFileError(`${input}: cannot read ${path} (${codeOf(error)})`)
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd)
    throw new WorkspaceFileError(`${input}: ${path} is not a regular file`, 'not-a-file')
  }
  return fd
}

function readBounded(input: string, path: string, file: string): string {
  const fd = openRegular(input, path, file)
  try {
    const { size } = fstatSync(fd)
    const bytes = size > MAX_FILE_BYTES ? undefined : readOpenFile(fd, size, MAX_FILE_BYTES)
    if (bytes === undefined) throw tooLarge(input, path)
    return bytes.toString('utf8')
  } finally {
    closeSync(fd)
  }
}

/**
 * All of an open file, or undefined when it holds more than `maxBytes`. The buffer is the size
 * fstat gave, and one byte more to see the file grow after it (still being written): only then
 * is it widened, to the limit and one byte. Never a buffer larger than the file or the limit.
 */
export function readOpenFile(fd: number, size: number, maxBytes: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1)
  let length = 0
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return undefined
      const wider = Buffer.allocUnsafe(maxBytes + 1)
      buffer.copy(wider, 0, 0, length)
      buffer = wider
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null)
    if (read === 0) return buffer.subarray(0, length)
    length += read
  }
}

function tooLarge(input: string, path: string): WorkspaceFileError {
  return new WorkspaceFileError(
    `${input}: ${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, the limit for a file input`,
    'too-large'
  )
}

function codeOf(error: unknown): string {
  const code = (error as { code?: string }).code ?? 'unreadable'
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied' }
  return words[code] ?? code
}
