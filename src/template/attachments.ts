import { parse as parseYaml } from 'yaml'
import { errorMessage } from '../shared/error-message.js'
import { isObject } from '../shared/is-object.js'

/** Attachments that cannot be read or do not have the shape Rocket.Chat takes. */
export class AttachmentsError extends Error {
  override name = 'AttachmentsError'
}

type Attachment = Record<string, unknown>

type Kind = 'string' | 'url' | 'boolean' | 'number' | 'timestamp' | 'object' | 'strings' | 'objects'

/**
 * The attachment keys Rocket.Chat checks (docs/rocketchat-server.md 9.1), besides `fields`. Others
 * pass through, since a newer server may know them, but are reported: most are typos.
 */
const KEYS: Record<string, Kind> = {
  title: 'string',
  title_link: 'url',
  title_link_download: 'boolean',
  text: 'string',
  pretext: 'string',
  color: 'string',
  author_name: 'string',
  author_link: 'url',
  author_icon: 'url',
  image_url: 'url',
  thumb_url: 'url',
  audio_url: 'url',
  video_url: 'url',
  message_link: 'url',
  image_type: 'string',
  audio_type: 'string',
  video_type: 'string',
  image_size: 'number',
  audio_size: 'number',
  video_size: 'number',
  image_dimensions: 'object',
  image_preview: 'string',
  ts: 'timestamp',
  collapsed: 'boolean',
  mrkdwn_in: 'strings',
  actions: 'objects',
  button_alignment: 'string'
}

const EXPECTED: Record<Kind, string> = {
  string: 'a string',
  url: 'a string (a URL)',
  boolean: 'true or false',
  number: 'a number',
  timestamp: 'a date string or a number',
  object: 'an object',
  strings: 'a list of strings',
  objects: 'a list of objects'
}

/**
 * Reads the `attachments` input: JSON or YAML, one attachment or a list. Strings are rendered with
 * `render` only after parsing and checking, so an inserted value can never change the structure.
 * `warn` hears of keys Rocket.Chat does not know.
 */
export function parseAttachments(
  source: string,
  render: (template: string, path: string) => string,
  warn?: (message: string) => void
): Attachment[] {
  const parsed = parseSource(source)
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed]
  return list.map((item, index) => {
    const path = `attachments[${index}]`
    if (!isObject(item)) {
      throw new AttachmentsError(
        `${path} must be an object with keys such as title, text and fields, not ${typeName(item)}`
      )
    }
    checkAttachment(item, path)
    for (const key of unknownKeys(item)) {
      warn?.(
        `${path}.${key} is not an attachment key Rocket.Chat knows; it is sent as is. ` +
          `Known keys: ${[...Object.keys(KEYS), 'fields'].join(', ')}`
      )
    }
    return finish(renderStrings(item, path, render) as Attachment, path)
  })
}

function parseSource(source: string): unknown {
  if (/^\s*[[{]/.test(source)) {
    try {
      return JSON.parse(source)
    } catch (jsonError) {
      // YAML flow style (`{title: Build}`) looks like JSON too; only if YAML fails is it bad JSON.
      try {
        return parseYaml(source)
      } catch {
        throw new AttachmentsError(
          `attachments is not valid JSON: ${jsonProblem(jsonError, source)}`
        )
      }
    }
  }
  try {
    return parseYaml(source)
  } catch (error) {
    // The yaml package's message already has the line, the column and the line itself.
    const detail = errorMessage(error)
    throw new AttachmentsError(`attachments is not valid YAML: ${detail.trimEnd()}`)
  }
}

/** JSON.parse names an offset (and on newer Node a line and column): say line and column. */
function jsonProblem(error: unknown, source: string): string {
  const message = errorMessage(error)
  const offset = /at position (\d+)/.exec(message)?.[1]
  if (offset === undefined) return message
  const cut = message.indexOf(' in JSON at position ')
  const problem = (cut < 0 ? message : message.slice(0, cut)).trimEnd()
  const before = source.slice(0, Number(offset))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${problem} at line ${line}, column ${column}`
}

function checkAttachment(attachment: Attachment, path: string): void {
  for (const [key, value] of Object.entries(attachment)) {
    const kind = KEYS[key]
    if (key === 'fields') checkFields(value, `${path}.fields`)
    else if (kind && !hasKind(value, kind)) throw typeError(`${path}.${key}`, EXPECTED[kind], value)
  }
}

function unknownKeys(attachment: Attachment): string[] {
  return Object.keys(attachment).filter(key => KEYS[key] === undefined && key !== 'fields')
}

function checkFields(fields: unknown, path: string): void {
  if (!Array.isArray(fields)) throw typeError(path, 'a list of {title, value, short}', fields)
  fields.forEach((item: unknown, index) => {
    const at = `${path}[${index}]`
    if (!isObject(item)) throw typeError(at, 'an object with title and value', item)
    if (typeof item.title !== 'string') throw typeError(`${at}.title`, 'a string', item.title)
    if (!['string', 'number', 'boolean'].includes(typeof item.value)) {
      throw typeError(`${at}.value`, 'a string, number or boolean', item.value)
    }
    if (item.short !== undefined && typeof item.short !== 'boolean') {
      throw typeError(`${at}.short`, 'true or false', item.short)
    }
  })
}

function hasKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
    case 'url':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'number':
      return typeof value === 'number'
    case 'timestamp':
      return typeof value === 'string' || typeof value === 'number'
    case 'object':
      return isObject(value)
    case 'strings':
      return Array.isArray(value) && value.every(item => typeof item === 'string')
    case 'objects':
      return Array.isArray(value) && value.every(isObject)
  }
}

function typeError(path: string, expected: string, value: unknown): AttachmentsError {
  // YAML reads `color: #ff0000` as a comment and an empty value as null.
  const hint =
    value === null
      ? ' (an empty YAML value, or one starting with # that YAML took for a comment: quote it)'
      : ''
  return new AttachmentsError(`${path} must be ${expected}, not ${typeName(value)}${hint}`)
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function renderStrings(
  value: unknown,
  path: string,
  render: (template: string, path: string) => string
): unknown {
  if (typeof value === 'string') {
    try {
      return render(value, path)
    } catch (error) {
      const message = errorMessage(error)
      throw new AttachmentsError(`${path}: ${message}`, { cause: error })
    }
  }
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => renderStrings(item, `${path}[${index}]`, render))
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        renderStrings(item, `${path}.${key}`, render)
      ])
    )
  }
  return value
}

/**
 * Settles what rendering decided. A URL or field that renders empty (`${{ env.IMAGE }}` unset, a
 * head ref on a push) is left out: Rocket.Chat refuses the whole message for an empty field or a
 * URL that is not absolute, and a missing detail must not lose the notification.
 */
function finish(attachment: Attachment, path: string): Attachment {
  const result: Attachment = {}
  for (const [key, value] of Object.entries(attachment)) {
    if (KEYS[key] === 'url' && typeof value === 'string') {
      if (value.trim() === '') continue
      if (!isLink(value.trim(), key)) {
        throw new AttachmentsError(
          `${path}.${key} must be an absolute http(s) URL, not "${shorten(value)}"`
        )
      }
      result[key] = value.trim()
    } else if (key === 'fields' && Array.isArray(value)) {
      result[key] = value.filter(isObject).flatMap(item => {
        // Numbers and booleans as text: Rocket.Chat also refuses a value of 0 or false.
        const text = typeof item.value === 'string' ? item.value : String(item.value)
        const title = typeof item.title === 'string' ? item.title : ''
        return title.trim() === '' || text.trim() === '' ? [] : [{ ...item, title, value: text }]
      })
    } else {
      result[key] = value
    }
  }
  return result
}

/** Rocket.Chat takes absolute URLs; a title link may also be a path on the server (an upload). */
function isLink(value: string, key: string): boolean {
  if (key === 'title_link' && value.startsWith('/') && !value.startsWith('//')) return true
  return /^https?:\/\/[^\s/]/i.test(value)
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value
}
