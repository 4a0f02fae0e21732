import { fileFromBuffer } from '../rocketchat/index.js'
import { MAX_FILES, type WorkspaceFiles } from './files.js'

/** A failed job's failing step's log (`attach-log`), plain text with our secrets redacted. */
export interface StepLog {
  job: string
  /** The failing step's number; undefined when the job failed outside a step. */
  step: number | undefined
  text: string
}

/** Code points of a job's name kept in its file's name. */
const NAME_LENGTH = 80

/**
 * The `files` input's files and, after them, one file per step log, named
 * `<job name>-step-<n>.log`: together at most MAX_FILES, the ones past it a problem of their own.
 * A log over `maxBytes` keeps its end, where a failure says what went wrong.
 */
export function withLogFiles(
  files: WorkspaceFiles,
  logs: readonly StepLog[],
  maxBytes: number
): WorkspaceFiles {
  if (logs.length === 0) return files
  const toSend = [...files.toSend]
  const problems = [...files.problems]
  const names = new Set(toSend.map(file => file.name))
  for (const log of logs) {
    const name = unique(logFileName(log), names)
    names.add(name)
    if (toSend.length >= MAX_FILES) {
      problems.push({
        name,
        kind: 'rejected',
        reason: `attach-log: ${name} not sent: at most ${MAX_FILES} files go with a message`
      })
      continue
    }
    toSend.push(fileFromBuffer(name, lastBytes(log.text, maxBytes)))
  }
  return { toSend, problems, close: files.close }
}

/**
 * `<job name>-step-<n>.log` as a file name any room and disk take: letters (any script), digits,
 * `.`, `_` and `-`; every other run of characters (spaces, slashes, brackets) one `-`.
 */
export function logFileName(log: Pick<StepLog, 'job' | 'step'>): string {
  const safe = Array.from(log.job.replace(/[^\p{L}\p{N}._-]+/gu, '-'))
    .slice(0, NAME_LENGTH)
    .join('')
  const job = trimDashesAndDots(safe) || 'job'
  return log.step === undefined ? `${job}.log` : `${job}-step-${log.step}.log`
}

/** No leading dot (a hidden file) and no dangling separators; a loop, as a regex would backtrack. */
function trimDashesAndDots(name: string): string {
  let start = 0
  let end = name.length
  while (start < end && (name[start] === '-' || name[start] === '.')) start++
  while (end > start && (name[end - 1] === '-' || name[end - 1] === '.')) end--
  return name.slice(start, end)
}

/** Two jobs whose names sanitise alike (`a (1)`, `a [1]`) still give two files. */
function unique(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const stem = name.replace(/\.log$/, '')
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}.log`
    if (!taken.has(candidate)) return candidate
  }
}

/**
 * The text's last `max` bytes as UTF-8: never inside a character, and from the start of a line
 * when one begins within them.
 */
export function lastBytes(text: string, max: number): Buffer {
  const bytes = Buffer.from(text)
  if (bytes.byteLength <= max) return bytes
  let start = bytes.byteLength - max
  while (start < bytes.byteLength && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++
  if (bytes[start - 1] !== 0x0a) {
    const newline = bytes.indexOf(0x0a, start)
    if (newline !== -1 && newline + 1 < bytes.byteLength) start = newline + 1
  }
  return bytes.subarray(start)
}
