import type { InputOptions } from '@actions/core'
import { redact } from '../rocketchat/errors.js'
import { MAX_POSTS } from '../rocketchat/message.js'
import { parseRocketUrls } from '../rocketchat/url/index.js'
import type { Destination, Status } from '../rocketchat/types.js'
import type { NotificationInput } from '../template/notification.js'
import type { RunDetailsSettings } from './run-details.js'
import { readWorkspaceFile } from './workspace.js'

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
 * message's part is what composing a notification takes.
 */
export interface Settings extends NotificationInput {
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
  const secrets = [...new Set(parsed.flatMap(p => p.destination.secrets))]
  for (const secret of secrets) input.setSecret(secret)
  for (const { warnings } of parsed) for (const warning of warnings) input.warning(warning)
  try {
    const others = readOtherInputs(input)
    // The github-token is masked when read; reports redact it with the URL's secrets.
    if (others.runDetails.token) secrets.push(others.runDetails.token)
    return { destinations: parsed.map(p => p.destination), secrets, ...others }
  } catch (error) {
    // An input error quotes the value; a secret pasted into the wrong input stays hidden.
    if (error instanceof Error) error.message = redact(error.message, [...urls, ...secrets])
    throw error
  }
}

function readOtherInputs(input: InputReader): Omit<Settings, 'destinations' | 'secrets'> {
  const optional = (name: string): string | undefined => input.getInput(name) || undefined
  const thread = optional('thread')
  const update = optional('update')
  if (thread !== undefined && update !== undefined) {
    throw new InputError('give thread or update, not both: an edit keeps the message where it is')
  }
  return {
    title: input.getInput('title'),
    body: readBody(input),
    status: readStatus(input.getInput('status')),
    mention: input
      .getInput('mention')
      .split(/[\s,]+/)
      .filter(Boolean),
    mentionOn: readStatuses('mention-on', input.getInput('mention-on') || 'failure'),
    attachments: input.getInput('attachments'),
    thread,
    update,
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
    caCert: readCaCert(input.getInput('ca-cert')),
    maxPosts: readNumber('max-posts', input.getInput('max-posts'), MAX_POSTS, {
      min: 1,
      max: 100,
      integer: true
    }),
    runDetails: readRunDetailsSettings(input),
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

function readBody(input: InputReader): string {
  const body = input.getInput('body', { trimWhitespace: false })
  const file = input.getInput('body-file')
  if (file === '') return body
  if (body.trim() !== '') throw new InputError('give body or body-file, not both')
  return readWorkspaceFile('body-file', file)
}

function readStatus(raw: string): Status {
  const value = raw.toLowerCase()
  // `auto` is resolved from the run's jobs (src/action/run-details.ts); info until then.
  if (value === '' || value === 'auto') return 'info'
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

/** `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. */
function readCaCert(value: string): string | undefined {
  if (value === '') return undefined
  const pem = value.includes('-----BEGIN') ? value : readWorkspaceFile('ca-cert', value)
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      'ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one'
    )
  }
  return pem
}

/** The inputs that read the run itself: github-token (a secret), status: auto, needs, user-map. */
function readRunDetailsSettings(input: InputReader): RunDetailsSettings {
  const token = input.getInput('github-token')
  if (token) input.setSecret(token)
  const userMap = input.getInput('user-map')
  // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
  const isFile = userMap !== '' && !/[:{\n]/.test(userMap)
  return {
    token,
    statusAuto: input.getInput('status').trim().toLowerCase() === 'auto',
    needs: input.getInput('needs'),
    userMap: isFile ? readWorkspaceFile('user-map', userMap) : userMap
  }
}
