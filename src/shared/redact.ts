/** Replaces every occurrence of each secret in `text` with `****`, longest first so no fragment survives. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length > 0) out = out.split(secret).join('****')
  }
  return out
}
