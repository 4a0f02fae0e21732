/** Small helpers every format shares to turn report text into bounded, comparable values. */

/** A message's first line is what a phone shows; more goes to the run's log, not the room. */
export const MESSAGE_LENGTH = 300

/** The first non-empty line, trimmed and bounded. Linear: one scan to the first line break. */
export function firstLine(text: string): string {
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const line = text.slice(start, Math.min(end, start + MESSAGE_LENGTH * 4)).trim()
    if (line !== '') return bounded(line)
    start = end + 1
  }
  return ''
}

function bounded(line: string): string {
  const chars = Array.from(line)
  return chars.length > MESSAGE_LENGTH ? `${chars.slice(0, MESSAGE_LENGTH - 1).join('')}…` : line
}

/**
 * A path as the report writes it, made relative to the workspace when it lies inside (CTRF and
 * TAP write absolute paths), `./` dropped; anything else as written (never linked: see wording).
 */
export function workspacePath(path: string, workspace: string | undefined): string {
  let file = path.trim().replace(/^file:\/\//, '')
  const root = workspace?.replace(/\/+$/, '')
  if (root && file.startsWith(`${root}/`)) file = file.slice(root.length + 1)
  return file.replace(/^(?:\.\/)+/, '')
}

/**
 * The line of `file` a failure's text points at (`file:12`, `file:12:5`, `(file:12)`): the first
 * mention, the frame closest to the failing assertion in every format we read. Linear: indexOf.
 */
export function lineIn(text: string, file: string): number | null {
  if (file === '') return null
  const base = file.slice(file.lastIndexOf('/') + 1)
  for (const name of base === file ? [file] : [file, base]) {
    let at = text.indexOf(`${name}:`)
    while (at >= 0) {
      const before = at === 0 ? '' : text.charAt(at - 1)
      // `cart.test.js` must not match inside `my-cart.test.js`.
      if (before === '' || /[\s/(\\"'❯]/.test(before)) {
        const digits = /^\d{1,7}/.exec(text.slice(at + name.length + 1, at + name.length + 9))
        if (digits) return Number(digits[0])
      }
      at = text.indexOf(`${name}:`, at + 1)
    }
  }
  return null
}

export function numberOr(value: unknown, fallback: number | null): number | null {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN
  return Number.isFinite(n) && n >= 0 ? n : fallback
}
