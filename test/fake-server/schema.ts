/**
 * The request schemas of rest-typings, checked the way the server's ajv instance checks them
 * (`coerceTypes: true`, first error per branch), producing the same messages (§1.3, §1.4, §5.1).
 */
import { isObject, type JsonObject } from './http.js'

type Checked = { ok: true; value: unknown } | { ok: false; errors: string[] }
type Check = (value: unknown) => Checked

const ok = (value: unknown): Checked => ({ ok: true, value })
const fail = (...errors: string[]): Checked => ({ ok: false, errors })

/** ajv coerces numbers and booleans to strings, and `null` to `""` unless nullable. */
function string(nullable = false): Check {
  return value => {
    if (typeof value === 'string') return ok(value)
    if (value === null) return ok(nullable ? null : '')
    if (typeof value === 'number' || typeof value === 'boolean') return ok(String(value))
    return fail('must be string')
  }
}

function boolean(nullable = false): Check {
  return value => {
    if (typeof value === 'boolean') return ok(value)
    if (value === null) return ok(nullable ? null : false)
    if (value === 'true' || value === 1) return ok(true)
    if (value === 'false' || value === 0) return ok(false)
    return fail('must be boolean')
  }
}

function object(nullable = false): Check {
  return value =>
    isObject(value) || (nullable && value === null) ? ok(value) : fail('must be object')
}

function arrayOf(item: Check, nullable = false): Check {
  return value => {
    if (nullable && value === null) return ok(value)
    if (!Array.isArray(value)) return fail('must be array')
    const items: unknown[] = []
    for (const element of value) {
      const outcome = item(element)
      if (!outcome.ok) return outcome
      items.push(outcome.value)
    }
    return ok(items)
  }
}

/** Every branch is tried; exactly one must pass, else all their errors plus the oneOf one. */
function oneOf(...branches: Check[]): Check {
  return value => {
    const outcomes = branches.map(branch => branch(value))
    const passed = outcomes.filter(outcome => outcome.ok)
    const [only] = passed
    if (passed.length === 1 && only) return only
    const errors = outcomes.flatMap(outcome => (outcome.ok ? [] : outcome.errors))
    return fail(...errors, 'must match exactly one schema in oneOf')
  }
}

interface ObjectSchema {
  required: string[]
  properties: [string, Check][]
  /** `additionalProperties: false` rejects unknown keys; `strip` drops them silently (zod). */
  unknownKeys: 'reject' | 'strip' | 'keep'
}

/** Keyword order as ajv evaluates it: type, required, additionalProperties, properties. */
function shape(schema: ObjectSchema): Check {
  const known = new Set(schema.properties.map(([name]) => name))
  return value => {
    if (!isObject(value)) return fail('must be object')
    for (const name of schema.required) {
      if (value[name] === undefined) return fail(`must have required property '${name}'`)
    }
    const out: JsonObject = {}
    for (const [key, property] of Object.entries(value)) {
      if (known.has(key) || schema.unknownKeys === 'keep') out[key] = property
      else if (schema.unknownKeys === 'reject') return fail('must NOT have additional properties')
    }
    for (const [name, check] of schema.properties) {
      if (out[name] === undefined) continue
      const outcome = check(out[name])
      if (!outcome.ok) return outcome
      out[name] = outcome.value
    }
    return ok(out)
  }
}

const target = oneOf(string(), arrayOf(string()))
const messageFields: [string, Check][] = [
  ['text', string(true)],
  ['alias', string(true)],
  ['emoji', string(true)],
  ['avatar', string(true)],
  ['attachments', arrayOf(object(), true)],
  ['customFields', object(true)],
  ['parseUrls', boolean(true)]
]

/** `isChatPostMessageProps` of rest-typings 7.10+: `roomId` (with `tmid`) or `channel`. */
const postMessage = oneOf(
  shape({
    required: ['roomId'],
    properties: [['roomId', target], ['tmid', string()], ...messageFields],
    unknownKeys: 'reject'
  }),
  shape({
    required: ['channel'],
    properties: [['channel', target], ...messageFields],
    unknownKeys: 'reject'
  })
)

const updateFields: [string, Check][] = [
  ['roomId', string()],
  ['msgId', string()],
  ['text', string()],
  ['previewUrls', arrayOf(string(), true)],
  ['customFields', object(true)]
]

/** 7.x ajv schema: unknown keys such as `attachments` are rejected. */
const updateLegacy = shape({
  required: ['roomId', 'msgId', 'text'],
  properties: updateFields,
  unknownKeys: 'reject'
})

/** 8.x zod schema: unknown keys such as `attachments` are dropped without a word. */
const updateTyped = shape({
  required: ['roomId', 'msgId', 'text'],
  properties: updateFields,
  unknownKeys: 'strip'
})

/** 6.x `Match.ObjectIncluding`: extra keys pass (and are ignored by the handler). */
const updateOld = shape({
  required: ['roomId', 'msgId', 'text'],
  properties: updateFields,
  unknownKeys: 'keep'
})

export type Validation = { ok: true; body: JsonObject } | { ok: false; errors: string[] }

function run(check: Check, body: unknown): Validation {
  const outcome = check(body)
  if (!outcome.ok) return outcome
  return { ok: true, body: isObject(outcome.value) ? outcome.value : {} }
}

export function validatePostMessage(body: unknown): Validation {
  return run(postMessage, body)
}

export function validateUpdate(body: unknown, version: '8-typed' | '7.5-legacy' | '6'): Validation {
  const check =
    version === '8-typed' ? updateTyped : version === '7.5-legacy' ? updateLegacy : updateOld
  return run(check, body)
}
