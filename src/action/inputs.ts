import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import * as core from '@actions/core'
import { MAX_POSTS } from '../rocketchat/message.js'
import { parseRocketUrls } from '../rocketchat/url/index.js'
import type { Destination, Status } from '../rocketchat/types.js'
import type { NotificationInput } from '../template/notification.js'
import type { RunDetailsSettings } from './run-details.js'

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
}

const STATUSES: readonly Status[] = ['success', 'failure', 'cancelled', 'warning', 'info']

export class InputError extends Error {
  override name = 'InputError'
}

export function readSettings(): Settings {
  // The URL is the secret: mask it whole before parsing can say anything about it.
  const rawUrls = core.getInput('url', { required: true })
  for (const raw of rawUrls.split(/\s+/).filter(Boolean)) core.setSecret(raw)
  const parsed = parseRocketUrls(rawUrls)
  const secrets = [...new Set(parsed.flatMap(p => p.destination.secrets))]
  for (const secret of secrets) core.setSecret(secret)
  for (const { warnings } of parsed) for (const warning of warnings) core.warning(warning)

  const thread = optional('thread')
  const update = optional('update')
  if (thread !== undefined && update !== undefined) {
    throw new InputError('give thread or update, not both: an edit keeps the message where it is')
  }
  const runDetails = readRunDetailsSettings()
  if (runDetails.token) secrets.push(runDetails.token)
  return {
    destinations: parsed.map(p => p.destination),
    secrets,
    title: core.getInput('title'),
    body: readBody(),
    status: readStatus(),
    mention: core
      .getInput('mention')
      .split(/[\s,]+/)
      .filter(Boolean),
    mentionOn: readStatuses('mention-on', 'failure'),
    attachments: core.getInput('attachments'),
    thread,
    update,
    alias: optional('alias'),
    emoji: optional('emoji'),
    avatarUrl: optional('avatar-url'),
    statusAttachment: readBoolean('status-attachment', true),
    dryRun: readBoolean('dry-run', false),
    failOnError: readBoolean('fail-on-error', true),
    timeout: readNumber('timeout', 10, { min: 0.1, max: 600 }),
    retries: readNumber('retries', 2, { min: 0, max: 10, integer: true }),
    caCert: readCaCert(),
    maxPosts: readNumber('max-posts', MAX_POSTS, { min: 1, max: 100, integer: true }),
    runDetails
  }
}

function optional(name: string): string | undefined {
  const value = core.getInput(name)
  return value === '' ? undefined : value
}

function readBody(): string {
  const body = core.getInput('body', { trimWhitespace: false })
  const file = core.getInput('body-file')
  if (file === '') return body
  if (body.trim() !== '') throw new InputError('give body or body-file, not both')
  return readWorkspaceFile('body-file', file)
}

function readStatus(): Status {
  const value = core.getInput('status').toLowerCase()
  // `auto` is resolved from the run's jobs (src/action/run-details.ts); info until then.
  if (value === '' || value === 'auto') return 'info'
  if (!isStatus(value)) {
    throw new InputError(`status must be one of ${STATUSES.join(', ')} or auto; got "${value}"`)
  }
  return value
}

function readStatuses(name: string, fallback: string): Status[] {
  const words = (core.getInput(name) || fallback)
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
  if (words.includes('always')) return [...STATUSES]
  if (words.includes('never')) return []
  for (const word of words) {
    if (!isStatus(word)) {
      throw new InputError(
        `${name} takes statuses (${STATUSES.join(', ')}), always or never; got "${word}"`
      )
    }
  }
  return words as Status[]
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value)
}

function readBoolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).toLowerCase()
  if (value === '') return fallback
  if (['true', 'yes', 'on', '1'].includes(value)) return true
  if (['false', 'no', 'off', '0'].includes(value)) return false
  throw new InputError(`${name} must be true or false; got "${value}"`)
}

function readNumber(
  name: string,
  fallback: number,
  bounds: { min: number; max: number; integer?: boolean }
): number {
  const value = core.getInput(name)
  if (value === '') return fallback
  const n = Number(value)
  const kind = bounds.integer === true ? 'a whole number' : 'a number'
  if (
    !Number.isFinite(n) ||
    n < bounds.min ||
    n > bounds.max ||
    (bounds.integer === true && !Number.isInteger(n))
  ) {
    throw new InputError(
      `${name} must be ${kind} from ${bounds.min} to ${bounds.max}; got "${value}"`
    )
  }
  return n
}

/** `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. */
function readCaCert(): string | undefined {
  const value = core.getInput('ca-cert')
  if (value === '') return undefined
  const pem = value.includes('-----BEGIN') ? value : readWorkspaceFile('ca-cert', value)
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError(
      'ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one'
    )
  }
  return pem
}

function readWorkspaceFile(name: string, path: string): string {
  const full = isAbsolute(path)
    ? path
    : resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path)
  try {
    return readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    throw new InputError(`${name}: cannot read ${path} (${code})`)
  }
}

/** The inputs that read the run itself: github-token (a secret), status: auto, needs, user-map. */
function readRunDetailsSettings(): RunDetailsSettings {
  const token = core.getInput('github-token')
  if (token) core.setSecret(token)
  const userMap = core.getInput('user-map')
  // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
  const isFile = userMap !== '' && !/[:{\n]/.test(userMap)
  return {
    token,
    statusAuto: core.getInput('status').trim().toLowerCase() === 'auto',
    needs: core.getInput('needs'),
    userMap: isFile ? readWorkspaceFile('user-map', userMap) : userMap
  }
}
