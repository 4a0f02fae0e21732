/** Answers and errors in Rocket.Chat's envelope (docs/rocketchat-server.md §1.1, §1.2). */

export interface Reply {
  status: number
  /** Empty for no body at all (the 7.4+ logout). */
  body: string
  contentType: string
  headers?: Record<string, string>
}

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function json(status: number, body: unknown): Reply {
  return { status, body: JSON.stringify(body), contentType: 'application/json' }
}

/** 200 with `success: true` appended to the object, as `API.v1.success` does. */
export function success(body: JsonObject = {}): Reply {
  return json(200, { ...body, success: true })
}

/** `API.v1.failure(string)`: 400, no `errorType`. */
export function failure(error?: string): Reply {
  return json(400, error === undefined ? { success: false } : { success: false, error })
}

/** A `Meteor.Error`: its message is `"<reason> [<code>]"`, or `"[<code>]"` without a reason. */
export class MeteorError extends Error {
  constructor(
    readonly error: string,
    readonly reason?: string,
    readonly details?: JsonObject
  ) {
    super(reason === undefined ? `[${error}]` : `${reason} [${error}]`)
  }
}

/** A plain `Error('x')` of the server: 400 `{success:false, error:'x'}` with no `errorType`. */
export class PlainError extends Error {}

/** 8.x's refusals for lack of permission, which 9.0 answers as 403 `error-forbidden` (§16). */
const NOT_ALLOWED = ['error-not-allowed', 'error-action-not-allowed']

/**
 * How the REST wrapper turns a thrown error into 400 (§1.2); anything else is the fake's own bug.
 * `refusals: '9.0'`: a refusal for lack of permission is 403 `error-forbidden`, in words that do
 * not name the type, as Rocket.Chat 9.0 answers.
 */
export function errorReply(error: unknown, refusals: '8.x' | '9.0' = '8.x'): Reply {
  if (error instanceof MeteorError && refusals === '9.0' && NOT_ALLOWED.includes(error.error)) {
    return json(403, {
      success: false,
      error: error.reason ?? 'User does not have the permissions required for this action',
      errorType: 'error-forbidden'
    })
  }
  if (error instanceof MeteorError) {
    return json(400, {
      success: false,
      error: error.message,
      errorType: error.error,
      ...(error.details === undefined ? {} : { details: error.details })
    })
  }
  if (error instanceof PlainError) return failure(error.message)
  throw error
}

/** Parses a body as the Hono router does (§1.3). */
export function parseBody(contentType: string | undefined, raw: string): unknown {
  const type = (contentType ?? '').toLowerCase()
  if (type.includes('application/json')) {
    try {
      return (JSON.parse(raw) as unknown) ?? {}
    } catch {
      return {}
    }
  }
  if (type.includes('multipart/form-data')) return {}
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw))
  }
  return raw === '' ? {} : raw
}
