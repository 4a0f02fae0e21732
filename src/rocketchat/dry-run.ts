import { redact } from '../shared/redact.js'
import type { HttpRequest, HttpResponse, PlannedRequest, Sender } from './transport.js'

/**
 * A sender that sends nothing: it records each request, secrets masked, and answers as a
 * successful server would, so a dry run walks exactly the path a real run takes. Secrets are
 * masked by where they sit (the login password, the webhook path, the auth token), whatever
 * their length, and by value everywhere else.
 */
export class DryRun implements Sender {
  readonly plan: PlannedRequest[] = []
  readonly #secrets: string[]

  constructor(secrets: string[]) {
    this.#secrets = secrets
  }

  send(req: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      headers[name] = name === 'x-auth-token' ? '****' : this.#mask(value)
    }
    const url = new URL(req.url)
    // `/hooks/<id>/<token>`: both halves are secret, as the masked URL shows them.
    if (url.pathname.startsWith('/hooks/')) url.pathname = '/hooks/****/****'
    this.plan.push({
      method: req.method,
      url: this.#mask(url.href),
      headers,
      ...(req.body === undefined ? {} : { body: this.#maskValue(req.body) }),
      // An upload's bytes are never read: what would be sent is named and sized.
      ...(req.stream === undefined ? {} : { body: this.#maskValue(req.stream.summary ?? {}) })
    })
    return Promise.resolve(syntheticAnswer(url.pathname))
  }

  /** Holds nothing open. */
  close(): Promise<void> {
    return Promise.resolve()
  }

  #mask(text: string): string {
    return redact(text, this.#secrets)
  }

  /** Masks every string inside a body, so a secret is caught even where JSON would escape it. */
  #maskValue(value: unknown): unknown {
    if (typeof value === 'string') return this.#mask(value)
    if (Array.isArray(value)) return value.map(item => this.#maskValue(item))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          key === 'password' ? '****' : this.#maskValue(item)
        ])
      )
    }
    return value
  }
}

function syntheticAnswer(path: string): HttpResponse {
  let json: Record<string, unknown> = { success: true }
  if (path.endsWith('/api/v1/login')) {
    json = { status: 'success', data: { userId: 'dry-run-user', authToken: 'dry-run-token' } }
  } else if (path.endsWith('/api/v1/chat.getMessage')) {
    json = { message: { rid: '(room of the message)' }, success: true }
  } else if (path.endsWith('/api/v1/rooms.info') || path.endsWith('/api/v1/im.create')) {
    json = { room: { _id: '(room of the target)' }, success: true }
  } else if (path.includes('/api/v1/rooms.media/')) {
    json = { file: { _id: '(file id)', url: '' }, success: true }
  } else if (path.includes('/api/v1/rooms.mediaConfirm/')) {
    json = { message: { _id: '(message of the file)' }, success: true }
  }
  return { status: 200, headers: {}, text: JSON.stringify(json), json }
}
