/** The query of a URL, read once into typed options: `?mode=`, `?format=`, `?to=`, `?user=`, ... */
import type { Format, Mode, Overflow } from '../types.js'
import {
  APPRISE_ONLY_KEYS,
  OPTION_KEYS,
  readPort,
  SECRET_KEYS,
  type Fail,
  type QueryPair
} from './tokenize.js'

export const MODES: readonly Mode[] = ['basic', 'token', 'webhook']
const FORMATS: readonly Format[] = ['markdown', 'text', 'html']
const OVERFLOWS: readonly Overflow[] = ['upstream', 'truncate', 'split']
/** The same bound as the action's `retries` input. */
const MAX_RETRY = 10
/** The same bound as the action's `timeout` input, in seconds. */
const MAX_SECONDS = 600

/** The options a URL sets, each undefined when it is not written or not valid (default then). */
export interface Options {
  mode: Mode | undefined
  avatar: boolean | undefined
  format: Format | undefined
  overflow: Overflow | undefined
  verify: boolean | undefined
  /** Seconds. */
  cto: number | undefined
  rto: number | undefined
  retry: number | undefined
}

/** The order in which a masked URL shows the options given. */
const OPTION_ORDER: readonly (keyof Options)[] = [
  'mode',
  'avatar',
  'format',
  'overflow',
  'verify',
  'cto',
  'rto',
  'retry'
]

export interface Params {
  options: Options
  /** `port=`, checked. */
  port: number | undefined
  user: string | undefined
  password: string | undefined
  webhook: string | undefined
  /** Every `to=` value in order: a repeated `to=` adds targets instead of replacing them. */
  to: string[]
  /** A `mode=` that is none of the modes: warned about once the mode in use is known. */
  unknownMode: string | undefined
  /** Warnings, before the masked URL is appended. */
  problems: string[]
}

/** Reads the query. Fails only on a bad `port=`; any other bad value is a warning. */
export function readParams(pairs: QueryPair[], fail: Fail): Params {
  const last = new Map<string, string>()
  const to: string[] = []
  const problems = new Set<string>()
  for (const { key, value } of pairs) {
    if (OPTION_KEYS.has(key) || SECRET_KEYS.includes(key)) {
      // Apprise ignores an empty value; for the rest, the last value wins.
      if (value === '') continue
      if (key === 'to') to.push(value)
      else last.set(key, value)
    } else if (APPRISE_ONLY_KEYS.has(key)) {
      problems.add(`Parameter '${key}' is an Apprise option this action does not use; ignored`)
    } else if (key !== '') {
      problems.add(`Unknown parameter '${key}' ignored`)
    }
  }

  const choice = <T extends string>(key: string, allowed: readonly T[], fallback: string) => {
    const value = last.get(key)
    const found = allowed.find(option => option === value?.toLowerCase())
    if (value !== undefined && found === undefined) {
      problems.add(
        `Unknown ${key} '${value}' ignored, using ${fallback} (valid: ${allowed.join(', ')})`
      )
    }
    return found
  }
  const flag = (key: string): boolean | undefined => {
    const value = last.get(key)
    const parsed = value === undefined ? undefined : parseBoolean(value)
    if (value !== undefined && parsed === undefined) {
      problems.add(`Unknown ${key} '${value}' ignored, using the default (valid: yes or no)`)
    }
    return parsed
  }
  const number = (key: string, check: (value: number) => string | undefined, pattern: RegExp) => {
    const value = last.get(key)
    if (value === undefined) return undefined
    const problem = pattern.test(value) ? check(Number(value)) : check(NaN)
    if (problem === undefined) return Number(value)
    problems.add(`Invalid ${key} '${value}' ignored, using the default: ${problem}`)
    return undefined
  }
  const seconds = (value: number) =>
    !(value > 0)
      ? 'a number of seconds above 0'
      : value > MAX_SECONDS
        ? `at most ${MAX_SECONDS} seconds`
        : undefined
  const retries = (value: number) =>
    value >= 0 && value <= MAX_RETRY ? undefined : `a whole number from 0 to ${MAX_RETRY}`

  const modeText = last.get('mode')
  const mode = MODES.find(m => m === modeText?.toLowerCase())
  const portText = last.get('port')
  const port = portText === undefined ? undefined : readPort(portText)
  if (portText !== undefined && port === undefined) {
    fail(`Invalid port=${portText}: it must be a number from 1 to 65535`)
  }
  const decimal = /^(?:\d+\.?\d*|\.\d+)$/
  return {
    options: {
      mode,
      avatar: flag('avatar'),
      format: choice('format', FORMATS, 'markdown'),
      overflow: choice('overflow', OVERFLOWS, 'upstream'),
      verify: flag('verify'),
      cto: number('cto', seconds, decimal),
      rto: number('rto', seconds, decimal),
      retry: number('retry', retries, /^\d+$/)
    },
    port,
    user: last.get('user'),
    password: last.get('password') ?? last.get('pass'),
    webhook: last.get('webhook'),
    to,
    unknownMode: mode === undefined ? modeText : undefined,
    problems: [...problems]
  }
}

/** The options given, in a fixed order and canonical spelling: `mode=basic&avatar=yes&...`. */
export function renderOptions(options: Options): string {
  return OPTION_ORDER.flatMap(key => {
    const value = options[key]
    if (value === undefined) return []
    return [`${key}=${typeof value === 'boolean' ? (value ? 'yes' : 'no') : value}`]
  }).join('&')
}

/** Apprise's parse_bool: only the first two letters count. Undefined when it is neither. */
function parseBoolean(value: string): boolean | undefined {
  const head = value.toLowerCase().slice(0, 2)
  if (['no', 'n', 'of', 'f', 'fa', '0', 'ne', 'di', 'de'].includes(head)) return false
  if (['ye', 'y', 'on', 't', 'tr', '1', 'en', 'al'].includes(head)) return true
  return undefined
}
