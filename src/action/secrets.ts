/**
 * Which secrets can be masked without hiding ordinary text. The runner replaces every occurrence of
 * a value given to setSecret in the whole job's log, and the action masks the same values in its own
 * words; a password of `a` or `general` would then hide every `a`, or the room `#general`, while
 * protecting nothing (a short or common word is guessed at once).
 */

/** Shorter values are not masked: each would hide its letters all over the log. */
export const MIN_MASKED_LENGTH = 4

/**
 * Words the action writes itself in its outputs and summary: a secret equal to one of them, or
 * inside one, would mask the action's own vocabulary (`"outcome": "****"`).
 */
const VOCABULARY = [
  'destination',
  'target',
  'outcome',
  'delivered',
  'updated',
  'planned',
  'unconfirmed',
  'failed',
  'rate-limit',
  'network',
  'timeout',
  'invalid-target',
  'not-found',
  'too-large',
  'rejected',
  'success',
  'failure',
  'cancelled',
  'warning',
  'info',
  'webhook'
]

export type SecretKind = 'whole' | 'common' | 'short'

/**
 * How a secret is masked:
 * - `short` (under 4 characters): never masked, it would hide those characters everywhere;
 * - `common` (a word of letters only up to 10, part of the action's vocabulary, or part of what the
 *   masked URLs show, such as a room name): masked in the log and in free text (errors, the preview
 *   of the message), but never inside the action's own identifiers (message-id, room-id, targets);
 * - `whole`: masked everywhere.
 */
export function secretKind(secret: string, visible: readonly string[]): SecretKind {
  if (secret.length < MIN_MASKED_LENGTH) return 'short'
  const lower = secret.toLowerCase()
  const common =
    // Latin letters, accented ones included: a \p{L} pattern costs every send a Unicode compile.
    /^[A-Za-z\u00C0-\u024F]{1,10}$/.test(secret) ||
    VOCABULARY.some(word => word.includes(lower)) ||
    visible.some(text => text.toLowerCase().includes(lower))
  return common ? 'common' : 'whole'
}

/** The warning for a secret that cannot be masked safely; it names the URL by number only. */
export function secretWarning(kind: SecretKind, where: string): string | undefined {
  if (kind === 'short') {
    return (
      `${where} has fewer than ${MIN_MASKED_LENGTH} characters, too short to mask safely: masking ` +
      'it would hide those characters all over the log, so it is not masked. Use a long random secret.'
    )
  }
  if (kind === 'common') {
    return (
      `${where} is a common word, too common to mask safely: the runner hides it wherever it ` +
      "appears in the log (room names, ids, words), while the action's outputs keep their values. " +
      'Use a long random secret.'
    )
  }
  return undefined
}
