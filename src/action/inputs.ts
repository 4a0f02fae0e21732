import type { InputOptions } from '@actions/core'
import { redact } from '../rocketchat/errors.js'
import { MAX_POSTS } from '../rocketchat/message.js'
import { parseRocketUrls } from '../rocketchat/url/index.js'
import type { Destination, Status, ThreadBroadcast } from '../rocketchat/types.js'
import type { NotificationInput } from '../template/notification.js'
import type { RunDetailsSettings } from './run-lookup.js'
import { MIN_MASKED_LENGTH, secretKind, secretWarning } from './secrets.js'
import { readWorkspaceFile, WorkspaceFileError } from './workspace.js'

/**
 * What reading the inputs needs of the runner: `@actions/core` itself in a run (as
 * slack-github-action's Config takes `core`), a stand-in over a table of inputs in tests.
 */
export interface InputReader {
  getInput(name: string, options?: InputOptions): string
  getBooleanInput(name: string, options?: InputOptions): boolean
  setSecret(secret: string): void
  warning(message: string): void
}

/**
 * Everything a run needs from the step's inputs, validated once; nothing else reads inputs. The
 * message's part is what composing a notification takes, once the status is decided.
 */
export interface Settings extends Omit<NotificationInput, 'status'> {
  /** As written: `auto` is decided from the run (src/action/run-lookup.ts), nowhere else. */
  status: Status | 'auto'
  destinations: Destination[]
  /** Every secret of every URL: the dry run and reports mask them. */
  secrets: string[]
  dryRun: boolean
  failOnError: boolean
  /** Seconds per request. */
  timeout: number
  retries: number
  caCert: string | undefined
  /** The most posts one message makes per target. */
  maxPosts: number
  runDetails: RunDetailsSettings
  /**
   * Mistakes that do not stop the alert (a file input that cannot be read): reported as errors,
   * and the step fails after sending when fail-on-error is true.
   */
  mistakes: string[]
  /** Workspace paths or globs of files to send after the message, one a line. */
  files: string[]
  /** Bytes; a file over it is not sent. */
  maxFileSize: number
}

const STATUSES: readonly Status[] = ['success', 'failure', 'cancelled', 'warning', 'info']
/** The only spellings `core.getBooleanInput` takes (YAML 1.2 core schema). */
const BOOLEANS = 'true, True, TRUE, false, False, FALSE'

export class InputError extends Error {
  override name = 'InputError'
}

/** Reads and checks every input once, the URL masked before anything else can print it. */
export function readSettings(input: InputReader): Settings {
  // The URL is the secret: mask it whole before parsing can say anything about it.
  const rawUrls = input.getInput('url', { required: true })
  const urls = rawUrls.split(/\s+/).filter(Boolean)
  for (const url of urls) input.setSecret(url)
  const parsed = parseRocketUrls(rawUrls)
  const secrets = maskableSecrets(
    parsed.map(p => p.destination),
    input
  )
  for (const { warnings } of parsed) for (const warning of warnings) input.warning(warning)
  try {
    const others = readOtherInputs(input)
    // A mistake quotes the value too.
    others.mistakes = others.mistakes.map(mistake => redact(mistake, [...urls, ...secrets]))
    // The github-token is masked when read; reports redact it with the URL's secrets.
    if (others.runDetails.token) secrets.push(others.runDetails.token)
    return { destinations: parsed.map(p => p.destination), secrets, ...others }
  } catch (error) {
    // An input error quotes the value; a secret pasted into the wrong input stays hidden.
    if (error instanceof Error) error.message = redact(error.message, [...urls, ...secrets])
    throw error
  }
}

/**
 * Masks every form of every credential whole, except those too short to mask (secrets.ts), and
 * warns of a credential too short or too common to mask safely, naming its URL by number only.
 */
function maskableSecrets(destinations: Destination[], input: InputReader): string[] {
  const visible = destinations.map(d => d.masked)
  const forms = [...new Set(destinations.flatMap(d => d.secrets))].filter(
    form => form.length >= MIN_MASKED_LENGTH
  )
  for (const form of forms) input.setSecret(form)
  for (const [i, d] of destinations.entries()) {
    const where = destinations.length > 1 ? `URL ${i + 1}: ` : ''
    const credentials: [string, string][] = d.webhook
      ? d.webhook.split('/').map(half => ['a half of the webhook', half])
      : d.password === undefined
        ? []
        : [[d.mode === 'token' ? 'the token' : 'the password', d.password]]
    for (const [what, value] of credentials) {
      const warning = secretWarning(secretKind(value, visible), `${where}${what}`)
      if (warning) input.warning(capitalize(warning))
    }
  }
  return forms
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function readOtherInputs(input: InputReader): Omit<Settings, 'destinations' | 'secrets'> {
  const optional = (name: string): string | undefined => input.getInput(name) || undefined
  const mistakes: string[] = []
  /** A file input that cannot be read is a mistake, not the end of the alert. */
  const readFile = (name: string, path: string, instead: string): string | undefined => {
    try {
      return readWorkspaceFile(name, path)
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      mistakes.push(`${error.message}; ${instead}`)
      return undefined
    }
  }
  const body = readBody(input, readFile)
  const thread = optional('thread')
  const update = optional('update')
  if (thread !== undefined && update !== undefined) {
    throw new InputError('give thread or update, not both: an edit keeps the message where it is')
  }
  const threadKey = optional('thread-key')
  if (threadKey !== undefined && (thread !== undefined || update !== undefined)) {
    throw new InputError(
      `give thread-key or ${thread !== undefined ? 'thread' : 'update'}, not both: ` +
        'thread-key finds or starts its own thread, thread replies to a message id you give, update edits one'
    )
  }
  return {
    title: input.getInput('title'),
    body: body ?? '',
    bodyFromFile: body !== undefined && input.getInput('body-file') !== '',
    status: readStatus(input.getInput('status')),
    mention: input
      .getInput('mention')
      .split(/[\s,]+/)
      .filter(Boolean),
    mentionOn: readStatuses('mention-on', input.getInput('mention-on') || 'failure'),
    attachments: input.getInput('attachments'),
    thread,
    update,
    threadKey,
    threadTitle: optional('thread-title'),
    threadBroadcast: readThreadBroadcast(input.getInput('thread-broadcast')),
    alias: optional('alias'),
    emoji: optional('emoji'),
    avatarUrl: optional('avatar-url'),
    statusAttachment: readBoolean(input, 'status-attachment', true),
    dryRun: readBoolean(input, 'dry-run', false),
    failOnError: readBoolean(input, 'fail-on-error', true),
    timeout: readNumber('timeout', input.getInput('timeout'), 10, { min: 0.1, max: 600 }),
    retries: readNumber('retries', input.getInput('retries'), 2, {
      min: 0,
      max: 10,
      integer: true
    }),
    caCert: readCaCert(input.getInput('ca-cert'), readFile, mistakes),
    maxPosts: readNumber('max-posts', input.getInput('max-posts'), MAX_POSTS, {
      min: 1,
      max: 100,
      integer: true
    }),
    runDetails: readRunDetailsSettings(input, readFile),
    mistakes,
    files: input
      .getInput('files')
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean),
    maxFileSize: readSize('max-file-size', input.getInput('max-file-size'))
  }
}

const MIB = 1024 * 1024
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: MIB, g: 1024 * MIB }

/** A size in bytes, or with K, M or G (KiB, MiB, GiB, 1024-based): `20M`, `20 MiB`, `512k`. */
function readSize(name: string, value: string): number {
  if (value === '') return 20 * MIB
  const written = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim())
  const bytes = written
    ? Math.floor(Number(written[1]) * (SIZE_UNITS[(written[2] ?? '').toLowerCase()] ?? 1))
    : NaN
  if (!(bytes >= 1 && bytes <= 2048 * MIB)) {
    throw new InputError(
      `${name} must be a size from 1 byte to 2 GiB, in bytes or with K, M or G (e.g. 20M); got "${value}"`
    )
  }
  return bytes
}

type ReadFile = (name: string, path: string, instead: string) => string | undefined

/** The body, or the body-file's text; undefined when that file cannot be read. */
function readBody(input: InputReader, readFile: ReadFile): string | undefined {
  const body = input.getInput('body', { trimWhitespace: false })
  const file = input.getInput('body-file')
  if (file === '') return body
  if (body.trim() !== '') throw new InputError('give body or body-file, not both')
  return readFile('body-file', file, "the event's default message is sent instead")
}

const THREAD_BROADCASTS: readonly ThreadBroadcast[] = ['changed', 'always', 'never']

function readThreadBroadcast(raw: string): ThreadBroadcast {
  const value = raw.trim().toLowerCase() || 'changed'
  const known = THREAD_BROADCASTS.find(broadcast => broadcast === value)
  if (known === undefined) {
    throw new InputError(
      `thread-broadcast must be one of ${THREAD_BROADCASTS.join(', ')}; got "${raw}"`
    )
  }
  return known
}

function readStatus(raw: string): Status | 'auto' {
  const value = raw.trim().toLowerCase()
  if (value === 'auto') return 'auto'
  if (value === '') return 'info'
  if (!isStatus(value)) {
    throw new InputError(`status must be one of ${STATUSES.join(', ')} or auto; got "${raw}"`)
  }
  return value
}

function readStatuses(name: string, raw: string): Status[] {
  const words = raw.split(/[\s,]+/).filter(Boolean)
  const statuses = words.map(word => word.toLowerCase())
  if (statuses.includes('always')) return [...STATUSES]
  if (statuses.includes('never')) return []
  const wrong = words.find(word => !isStatus(word.toLowerCase()))
  if (wrong !== undefined) {
    throw new InputError(
      `${name} takes statuses (${STATUSES.join(', ')}), always or never; got "${wrong}"`
    )
  }
  return statuses as Status[]
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value)
}

/** `core.getBooleanInput`, with the default action.yml gives when a direct run leaves it out. */
function readBoolean(input: InputReader, name: string, fallback: boolean): boolean {
  const value = input.getInput(name)
  if (value === '') return fallback
  try {
    return input.getBooleanInput(name)
  } catch {
    throw new InputError(`${name} must be one of ${BOOLEANS}; got "${value}"`)
  }
}

function readNumber(
  name: string,
  value: string,
  fallback: number,
  bounds: { min: number; max: number; integer?: boolean }
): number {
  if (value === '') return fallback
  // Plain decimal digits only: Number() would also take "0x10", "1e1" and "Infinity".
  const written = bounds.integer === true ? /^\d+$/ : /^(\d+(\.\d*)?|\.\d+)$/
  const n = Number(value)
  if (!written.test(value) || n < bounds.min || n > bounds.max) {
    const kind = bounds.integer === true ? 'a whole number' : 'a number'
    throw new InputError(
      `${name} must be ${kind} from ${bounds.min} to ${bounds.max}; got "${value}"`
    )
  }
  return n
}

/**
 * `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. One that cannot be
 * read is a mistake: the message is still tried with the system's CAs, which may well trust the
 * server, and a refused certificate then fails as any TLS failure does.
 */
function readCaCert(value: string, readFile: ReadFile, mistakes: string[]): string | undefined {
  if (value === '') return undefined
  const instead = "sending with the system's certificate authorities only"
  const pem = value.includes('-----BEGIN') ? value : readFile('ca-cert', value, instead)
  if (pem === undefined) return undefined
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    mistakes.push(
      `ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one; ${instead}`
    )
    return undefined
  }
  return pem
}

/**
 * The inputs that read the run itself: github-token (a secret), needs, user-map, log-lines and
 * notify-when.
 */
function readRunDetailsSettings(input: InputReader, readFile: ReadFile): RunDetailsSettings {
  const token = input.getInput('github-token')
  if (token) input.setSecret(token)
  const userMap = input.getInput('user-map')
  // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
  const isFile = userMap !== '' && !/[:{\n]/.test(userMap)
  return {
    token,
    needs: input.getInput('needs'),
    userMap: isFile ? (readFile('user-map', userMap, 'no author is mentioned') ?? '') : userMap,
    logLines: readNumber('log-lines', input.getInput('log-lines'), 15, {
      min: 0,
      max: 100,
      integer: true
    }),
    notifyWhen: readNotifyWhen(input.getInput('notify-when'))
  }
}

const NOTIFY_WHEN = ['always', 'changed'] as const

function readNotifyWhen(raw: string): (typeof NOTIFY_WHEN)[number] {
  const value = raw.trim().toLowerCase() || 'always'
  const known = NOTIFY_WHEN.find(word => word === value)
  if (known === undefined) {
    throw new InputError(`notify-when must be always or changed; got "${raw}"`)
  }
  return known
}
