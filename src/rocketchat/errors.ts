/** The one error type of the library. Its message is always safe to show: no secret is ever put in it. */
export class RocketChatError extends Error {
  override name = 'RocketChatError'
}

/** Replaces every occurrence of each secret in `text` with `****`, longest first so no fragment survives. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join('****')
  }
  return out
}

/** The words of anything thrown: an Error's message, or the value itself. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
