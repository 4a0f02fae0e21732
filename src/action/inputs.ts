import type { InputOptions } from '@actions/core'
import { jobsFromNeeds, NeedsError, type RunJob } from '../github/jobs.js'
import { redact } from '../shared/redact.js'
import {
  MAX_POSTS,
  parseAll as parseRocketUrls,
  type Destination,
  type Status,
  type ThreadBroadcast
} from '../rocketchat/index.js'
import { CONCLUSION_STATUS, conclusionOf, type Conclusion } from '../run/conclusions.js'
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
  /** A GitHub conclusion written as the status (`skipped`, `timed_out`, ...): its own words. */
  conclusion?: Conclusion | undefined
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
   * Mistakes that do not stop the alert (a value an input cannot take, a file input that cannot be
   * read), each saying what is done instead: reported as errors, and the step fails after sending
   * when fail-on-error is true.
   */
  mistakes: string[]
  /** Workspace paths or globs of files to send after the message, one a line. */
  files: string[]
  /** Bytes; a file over it is not sent. */
  maxFileSize: number
  /** Workspace paths or globs of test reports (JUnit XML, CTRF, TAP), one a line. */
  testResults: string[]
  /** `test-results-artifact`: the triggering run's artifact holding reports; empty: none. */
  testResultsArtifact: string
  /** How many failures the message lists; the rest go in its thread. */
  testFailuresShown: number
}

const STATUSES: readonly Status[] = ['success', 'failure', 'cancelled', 'warning', 'info']
/** The only spellings `core.getBooleanInput` takes (YAML 1.2 core schema). */
const BOOLEANS = 'true, True, TRUE, false, False, FALSE'

/** Records a mistake: what is wrong with an input and what the run does instead. */
type Mistake = (text: string) => void

/**
 * Reads and checks every input once, the URL masked before anything else can print it. Only a URL
 * that is missing or cannot be parsed throws: with nothing to send to, nothing can be sent. Any
 * other value an input cannot take is a mistake, and the run goes on with a stated fallback.
 */
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
  const others = readOtherInputs(input)
  // A mistake quotes the value; a secret pasted into the wrong input stays hidden.
  others.mistakes = others.mistakes.map(mistake => redact(mistake, [...urls, ...secrets]))
  // The github-token is masked when read; reports redact it with the URL's secrets.
  if (others.runDetails.token) secrets.push(others.runDetails.token)
  return { destinations: parsed.map(p => p.destination), secrets, ...others }
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
  const mistake: Mistake = text => {
    mistakes.push(text)
  }
  /** A file input that cannot be read is a mistake, not the end of the alert. */
  const readFile = (name: string, path: string, instead: string): string | undefined => {
    try {
      return readWorkspaceFile(name, path)
    } catch (error) {
      if (!(error instanceof WorkspaceFileError)) throw error
      mistake(`${error.message}; ${instead}`)
      return undefined
    }
  }
  const body = readBody(input, readFile, mistake)
  return {
    title: input.getInput('title'),
    body: body.text,
    bodyFromFile: body.fromFile,
    // The end of a followed deploy: the job's result is the message's status (docs/deploys.md).
    ...readStatus(input.getInput('deploy-result') || input.getInput('status'), mistake),
    mention: input
      .getInput('mention')
      .split(/[\s,]+/)
      .filter(Boolean),
    mentionOn: readStatuses('mention-on', input.getInput('mention-on') || 'failure', mistake),
    attachments: input.getInput('attachments'),
    ...readThreading(input, mistake),
    threadTitle: optional('thread-title'),
    threadBroadcast: readThreadBroadcast(input.getInput('thread-broadcast'), mistake),
    alias: optional('alias'),
    emoji: optional('emoji'),
    avatarUrl: optional('avatar-url'),
    statusAttachment: readBoolean(input, 'status-attachment', true, mistake),
    buttons: readButtons(input.getInput('buttons', { trimWhitespace: false })),
    deploy: optional('deploy'),
    environmentUrl: optional('environment-url'),
    deployEnded: input.getInput('deploy-result') !== '',
    // Who writes dry-run at all asks for one (left out, or an expression, reads as false or true):
    // an unreadable one plans and shows the message, as a message posted by mistake cannot be
    // taken back from the room.
    dryRun: readBoolean(input, 'dry-run', false, mistake, {
      unreadable: true,
      instead: 'a dry run instead: nothing is sent, the message is in the job summary'
    }),
    failOnError: readBoolean(input, 'fail-on-error', true, mistake),
    timeout: readNumber('timeout', input.getInput('timeout'), 10, mistake, {
      min: 0.1,
      max: 600
    }),
    retries: readNumber('retries', input.getInput('retries'), 2, mistake, {
      min: 0,
      max: 10,
      integer: true
    }),
    caCert: readCaCert(input.getInput('ca-cert'), readFile, mistake),
    maxPosts: readNumber('max-posts', input.getInput('max-posts'), MAX_POSTS, mistake, {
      min: 1,
      max: 100,
      integer: true
    }),
    runDetails: readRunDetailsSettings(input, readFile, mistake),
    mistakes,
    files: input
      .getInput('files')
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean),
    maxFileSize: readSize('max-file-size', input.getInput('max-file-size'), mistake),
    testResults: input
      .getInput('test-results')
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean),
    testResultsArtifact: input.getInput('test-results-artifact').trim(),
    testFailuresShown: readNumber(
      'test-failures-shown',
      input.getInput('test-failures-shown'),
      5,
      mistake,
      { min: 0, max: 50, integer: true }
    )
  }
}

/**
 * Where the message goes: a reply (`thread`), a thread of its own (`thread-key`) or an edit
 * (`update`). Given together, the message id given wins over the key, and a new post over an edit:
 * a new message notifies the room, an edit may go unseen.
 */
function readThreading(
  input: InputReader,
  mistake: Mistake
): Pick<Settings, 'thread' | 'update' | 'threadKey'> {
  const thread = input.getInput('thread') || undefined
  let update = input.getInput('update') || undefined
  let threadKey = input.getInput('thread-key') || undefined
  const does = {
    'thread-key': 'thread-key finds or starts its own thread',
    thread: 'thread replies to a message id you give',
    update: 'update edits one'
  }
  if (thread !== undefined && threadKey !== undefined) {
    mistake(
      `give thread-key or thread, not both: ${does['thread-key']}, ${does.thread}; ` +
        'replying to thread, thread-key ignored'
    )
    threadKey = undefined
  }
  const reply = thread !== undefined ? 'thread' : threadKey !== undefined ? 'thread-key' : undefined
  if (reply !== undefined && update !== undefined) {
    mistake(
      `give ${reply} or update, not both: ${does[reply]}, ${does.update}; ` +
        `posting a new message as ${reply} says, update ignored`
    )
    update = undefined
  }
  return { thread, update, threadKey }
}

const MIB = 1024 * 1024
const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: MIB, g: 1024 * MIB }

/** A size in bytes, or with K, M or G (KiB, MiB, GiB, 1024-based): `20M`, `20 MiB`, `512k`. */
function readSize(name: string, value: string, mistake: Mistake): number {
  const fallback = 20 * MIB
  if (value === '') return fallback
  const written = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?$/i.exec(value.trim())
  const bytes = written
    ? Math.floor(Number(written[1]) * (SIZE_UNITS[(written[2] ?? '').toLowerCase()] ?? 1))
    : NaN
  if (!(bytes >= 1 && bytes <= 2048 * MIB)) {
    mistake(
      `${name} must be a size from 1 byte to 2 GiB, in bytes or with K, M or G (e.g. 20M); ` +
        `got "${value}"; using the default 20M`
    )
    return fallback
  }
  return bytes
}

type ReadFile = (name: string, path: string, instead: string) => string | undefined

/**
 * The body, or the body-file's text. Both given: the body-file, the more deliberate of the two, and
 * the body if that file cannot be read; neither readable: the event's default message.
 */
function readBody(
  input: InputReader,
  readFile: ReadFile,
  mistake: Mistake
): { text: string; fromFile: boolean } {
  const body = input.getInput('body', { trimWhitespace: false })
  const file = input.getInput('body-file')
  if (file === '') return { text: body, fromFile: false }
  const both = body.trim() !== ''
  if (both) mistake('give body or body-file, not both; sending the body-file, body ignored')
  const instead = both ? 'the body is sent instead' : "the event's default message is sent instead"
  const text = readFile('body-file', file, instead)
  if (text === undefined) return { text: both ? body : '', fromFile: false }
  return { text, fromFile: true }
}

/**
 * `none` turns the link buttons off; any other text is the list, parsed and rendered with the
 * message (src/template/buttons.ts), since its values are templates and its parser is loaded only
 * by the runs that give one.
 */
function readButtons(raw: string): string | false {
  return raw.trim().toLowerCase() === 'none' ? false : raw
}

const THREAD_BROADCASTS: readonly ThreadBroadcast[] = ['changed', 'always', 'never']

function readThreadBroadcast(raw: string, mistake: Mistake): ThreadBroadcast {
  const value = raw.trim().toLowerCase() || 'changed'
  const known = THREAD_BROADCASTS.find(broadcast => broadcast === value)
  if (known === undefined) {
    mistake(
      `thread-broadcast must be one of ${THREAD_BROADCASTS.join(', ')}; got "${raw}"; using the default changed`
    )
    return 'changed'
  }
  return known
}

/**
 * An unknown status is sent as failure: a typo most often hides in the alert that runs only when
 * something breaks (`if: failure()`), which must keep its colour and mentions; and the mistake
 * fails the step, so the job is failing indeed.
 */
function readStatus(
  raw: string,
  mistake: Mistake
): { status: Status | 'auto'; conclusion?: Conclusion } {
  const value = raw.trim().toLowerCase()
  if (value === 'auto') return { status: 'auto' }
  if (value === '') return { status: 'info' }
  if (isStatus(value)) return { status: value }
  // `${{ github.event.workflow_run.conclusion }}`: every conclusion has its meaning (conclusions.ts).
  const conclusion = conclusionOf(value)
  if (conclusion !== undefined) return { status: CONCLUSION_STATUS[conclusion], conclusion }
  mistake(
    `status must be one of ${STATUSES.join(', ')}, a run's conclusion or auto; got "${raw}"; ` +
      'sent as failure, so no failure is ever softened'
  )
  return { status: 'failure' }
}

/** As with `status`, an unknown word is read as failure: mentions never miss a failure. */
function readStatuses(name: string, raw: string, mistake: Mistake): Status[] {
  const words = raw.split(/[\s,]+/).filter(Boolean)
  const statuses = words.map(word => word.toLowerCase())
  if (statuses.includes('always')) return [...STATUSES]
  if (statuses.includes('never')) return []
  const wrong = words.filter(word => !isStatus(word.toLowerCase()))
  if (wrong.length > 0) {
    mistake(
      `${name} takes statuses (${STATUSES.join(', ')}), always or never; ` +
        `got ${wrong.map(word => `"${word}"`).join(', ')}; read as failure`
    )
  }
  return [...new Set(statuses.map(status => (isStatus(status) ? status : 'failure')))]
}

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value)
}

/**
 * `core.getBooleanInput`, with the default action.yml gives when a direct run leaves it out. A
 * value it cannot read is the default too, unless `unreadable` says otherwise.
 */
function readBoolean(
  input: InputReader,
  name: string,
  fallback: boolean,
  mistake: Mistake,
  unreadable = { unreadable: fallback, instead: `using the default ${String(fallback)}` }
): boolean {
  const value = input.getInput(name)
  if (value === '') return fallback
  try {
    return input.getBooleanInput(name)
  } catch {
    mistake(`${name} must be one of ${BOOLEANS}; got "${value}"; ${unreadable.instead}`)
    return unreadable.unreadable
  }
}

function readNumber(
  name: string,
  value: string,
  fallback: number,
  mistake: Mistake,
  bounds: { min: number; max: number; integer?: boolean }
): number {
  if (value === '') return fallback
  // Plain decimal digits only: Number() would also take "0x10", "1e1" and "Infinity".
  const written = bounds.integer === true ? /^\d+$/ : /^(\d+(\.\d*)?|\.\d+)$/
  const n = Number(value)
  if (!written.test(value) || n < bounds.min || n > bounds.max) {
    const kind = bounds.integer === true ? 'a whole number' : 'a number'
    mistake(
      `${name} must be ${kind} from ${bounds.min} to ${bounds.max}; got "${value}"; ` +
        `using the default ${fallback}`
    )
    return fallback
  }
  return n
}

/**
 * `ca-cert` takes the PEM itself or the path of a PEM file in the workspace. One that cannot be
 * read is a mistake: the message is still tried with the system's CAs, which may well trust the
 * server, and a refused certificate then fails as any TLS failure does.
 */
function readCaCert(value: string, readFile: ReadFile, mistake: Mistake): string | undefined {
  if (value === '') return undefined
  const instead = "sending with the system's certificate authorities only"
  const pem = value.includes('-----BEGIN') ? value : readFile('ca-cert', value, instead)
  if (pem === undefined) return undefined
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    mistake(
      `ca-cert must be a PEM certificate (-----BEGIN CERTIFICATE-----) or a path to one; ${instead}`
    )
    return undefined
  }
  return pem
}

/**
 * The inputs that read the run itself: github-token (a secret), needs, user-map, log-lines,
 * notify-when and attach-log.
 */
function readRunDetailsSettings(
  input: InputReader,
  readFile: ReadFile,
  mistake: Mistake
): RunDetailsSettings {
  const token = input.getInput('github-token')
  if (token) input.setSecret(token)
  const userMap = input.getInput('user-map')
  // A map has a `:` or a `{`; anything else on one line names a file in the workspace.
  const isFile = userMap !== '' && !/[:{\n]/.test(userMap)
  return {
    token,
    needs: readNeeds(input.getInput('needs'), mistake),
    userMap: isFile ? (readFile('user-map', userMap, 'no author is mentioned') ?? '') : userMap,
    logLines: readNumber('log-lines', input.getInput('log-lines'), 15, mistake, {
      min: 0,
      max: 100,
      integer: true
    }),
    notifyWhen: readNotifyWhen(input.getInput('notify-when'), mistake),
    attachLog: readBoolean(input, 'attach-log', false, mistake)
  }
}

/** The jobs of `${{ toJSON(needs) }}`; undefined when not given or not readable (the API is asked). */
function readNeeds(text: string, mistake: Mistake): RunJob[] | undefined {
  if (text === '') return undefined
  try {
    return jobsFromNeeds(text)
  } catch (error) {
    if (!(error instanceof NeedsError)) throw error
    mistake(`${error.message}; the jobs are read from the API instead`)
    return undefined
  }
}

const NOTIFY_WHEN = ['always', 'changed'] as const

function readNotifyWhen(raw: string, mistake: Mistake): (typeof NOTIFY_WHEN)[number] {
  const value = raw.trim().toLowerCase() || 'always'
  const known = NOTIFY_WHEN.find(word => word === value)
  if (known === undefined) {
    mistake(`notify-when must be always or changed; got "${raw}"; using the default always`)
    return 'always'
  }
  return known
}
