/**
 * A message's text as HTML for the job summary: what a Rocket.Chat reader sees, in the subset that
 * matters for checking a message (links, bold, italic, strike, code, code blocks, headings).
 * Everything else is escaped text. test/preview.test.ts compares it with Rocket.Chat's parser.
 */

const INLINE =
  /`([^`\n]+)`|\\([*_~`#.])|\[([^[\]\n]*)\]\((https?:\/\/[^()[\]\s]+)\)|<(https?:\/\/[^|<>\s]+)\|([^<>\n]*)>|(https?:\/\/[^\s<>]+)|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|(?<![A-Za-z0-9])_([^_\n]+)_(?![A-Za-z0-9])|~~([^~\n]+)~~|~([^~\n]+)~/g

/** Top-level domains reserved for tests and examples (RFC 2606), which Rocket.Chat does not link. */
const RESERVED_TLD = /^https?:\/\/[^/?#\s]*\.(?:example|test|invalid|localhost)(?:[/:?#)]|$)/i

export function previewHtml(text: string): string {
  const html: string[] = []
  let code: string[] | undefined
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (code) {
      if (line.trim() === '```') {
        html.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`)
        code = undefined
      } else code.push(line)
      continue
    }
    if (/^```[A-Za-z0-9_. -]*$/.test(line)) {
      code = []
      continue
    }
    const heading = /^(#{1,4})[ \t]+(.*)$/.exec(line)
    if (heading) {
      const level = heading[1]?.length ?? 1
      html.push(`<h${level}>${inline(heading[2] ?? '')}</h${level}>`)
    } else html.push(`${inline(line)}<br>`)
  }
  // A code block left open shows as text, as Rocket.Chat shows it.
  if (code) html.push(...code.map(line => `${escapeHtml(line)}<br>`))
  return html.join('\n')
}

function inline(text: string): string {
  let out = ''
  let cursor = 0
  for (const match of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(cursor, match.index))
    out += element(match)
    cursor = match.index + match[0].length
  }
  return out + escapeHtml(text.slice(cursor))
}

function element(match: RegExpMatchArray): string {
  const [, code, escaped, label, href, angleHref, angleLabel, bare, strong, bold, em, del, strike] =
    match
  if (code !== undefined) return `<code>${escapeHtml(code)}</code>`
  if (escaped !== undefined) return escapeHtml(escaped)
  if (href !== undefined) return anchor(href, inline(label ?? ''))
  if (angleHref !== undefined) return anchor(angleHref, escapeHtml(angleLabel ?? ''))
  if (bare !== undefined) {
    // Rocket.Chat links a bare URL only under a real top-level domain.
    return RESERVED_TLD.test(bare) ? escapeHtml(bare) : anchor(bare, escapeHtml(bare))
  }
  if (strong !== undefined || bold !== undefined)
    return `<strong>${inline(strong ?? bold ?? '')}</strong>`
  if (em !== undefined) return `<em>${inline(em)}</em>`
  return `<del>${inline(del ?? strike ?? '')}</del>`
}

function anchor(href: string, label: string): string {
  return `<a href="${escapeHtml(href)}">${label}</a>`
}

/** Text as HTML shows it literally, quotes included so it is safe in attributes too. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}
