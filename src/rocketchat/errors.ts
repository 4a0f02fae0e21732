/**
 * What kind of failure a target met, for workflows to branch on (`results[].kind`):
 * - auth: login refused, bad token, two-factor required
 * - rate-limit: the server kept pacing us past the retries or the deadline
 * - network: refused, reset, DNS, closed before an answer
 * - timeout: no connection or no answer in time
 * - tls: the certificate was not trusted
 * - invalid-target: a target the URL names cannot be a room, user or channel
 * - not-found: the room, user or message does not exist
 * - too-large: the server refused the message's size
 * - rejected: any other refusal by the server, or an answer that is not Rocket.Chat's
 */
export type FailureKind =
  | 'auth'
  | 'rate-limit'
  | 'network'
  | 'timeout'
  | 'tls'
  | 'invalid-target'
  | 'not-found'
  | 'too-large'
  | 'rejected'

export interface RocketChatErrorOptions {
  kind?: FailureKind
  /** The HTTP status of the answer, when there was one. */
  status?: number
  /**
   * True when the request may have reached the server and its answer was lost (reset after the
   * send, a read timeout, a cut body, a gateway error): sending it again could store a copy.
   */
  mayHaveArrived?: boolean
  cause?: unknown
}

/** The one error type of the library. Its message is always safe to show: no secret is ever put in it. */
export class RocketChatError extends Error {
  override name = 'RocketChatError'
  readonly kind: FailureKind
  readonly status: number | undefined
  readonly mayHaveArrived: boolean

  constructor(message: string, options: RocketChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.kind = options.kind ?? 'rejected'
    this.status = options.status
    this.mayHaveArrived = options.mayHaveArrived ?? false
  }
}
