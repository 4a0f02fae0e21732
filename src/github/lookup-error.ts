/**
 * Why a read of the GitHub API failed, and the text of its answers kept as data. Apart from
 * api.ts, so that a read which needs no Octokit (workflow-file.ts) does not load it.
 */

/**
 * Why a read of the GitHub API failed, in the words `results[].kind` uses for a target, so the two
 * read alike; only the kinds a read can meet (a read has no target to be invalid).
 */
export type LookupFailureKind =
  'auth' | 'rate-limit' | 'network' | 'timeout' | 'tls' | 'not-found' | 'too-large' | 'rejected'

/** Why the run could not be read; its message is safe to show (never the token, bounded length). */
export class RunLookupError extends Error {
  override name = 'RunLookupError'
  constructor(
    message: string,
    readonly kind: LookupFailureKind,
    readonly status: number | undefined
  ) {
    super(message)
  }
}

/** Text from the API, kept as data: no control characters, a bounded length. */
export function safeText(value: unknown, max: number): string {
  const text = typeof value === 'string' ? value : ''
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  return clean.length > max ? Array.from(clean).slice(0, max).join('') : clean
}
