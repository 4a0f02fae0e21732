/**
 * Title, body and options -> the Rocket.Chat post(s) to send: Apprise's composition of the text
 * (docs/apprise-url.md 2.6, newest), then the overflow rule (2.7, and difference 9 of
 * docs/url-format.md).
 */

import type { Destination, Format, Message, Overflow, Status } from './types.js'

/** One message to post, before the target keys (channel/roomId) are added. */
export interface Post {
  text: string
  avatar?: string
  alias?: string
  emoji?: string
  attachments?: Record<string, unknown>[]
  tmid?: string
  /** A thread reply also shown in the room. */
  tshow?: boolean
}

/** Rocket.Chat's Message_MaxAllowedSize default, which the server counts in UTF-16 code units. */
export const MAX_MESSAGE_SIZE = 5000
/** Apprise's body_maxlen for Rocket.Chat, in code points (Python characters). */
export const CHUNK_SIZE = 1000
/** The most posts one message makes per target unless the caller says otherwise (`max-posts`). */
export const MAX_POSTS = 10

/** Apprise strips these from the front of a title before making it a markdown heading. */
const HEADING_LEAD = /^[\r\n \t\v\f#-]+/

/** Apprise's text->HTML escaping (`escape_html(convert_new_lines=True)`). */
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&emsp;',
  ' ': '&nbsp;',
  '\n': '<br/>'
}

const APPRISE_ICON = 'https://github.com/caronc/apprise/raw/master/apprise/assets/themes/default'

/** Built on first use: creating a segmenter costs ~15 ms of ICU start-up, and most runs never cut. */
let graphemes: Intl.Segmenter | undefined

/**
 * The one `text` Apprise sends for a title and body in the service format. Unlike Apprise, a title
 * with an empty body is sent alone instead of refused: a title-only notification is legitimate.
 */
export function composeText(title: string, body: string, format: Format): string {
  const heading = title.trim()
  const content = body.trimEnd()
  switch (format) {
    case 'markdown': {
      const stripped = heading.replace(HEADING_LEAD, '')
      if (stripped === '') return content
      return content === '' ? `# ${stripped}` : `# ${stripped}\n${content}`
    }
    case 'text':
      if (heading === '') return content
      return content === '' ? heading : `${heading}\r\n${content}`
    case 'html': {
      const html = textAsHtml(content)
      if (heading === '') return html
      const bold = `<b>${textAsHtml(heading)}</b>`
      return html === '' ? bold : `${bold}<br />\r\n${html}`
    }
  }
}

/** Text as HTML that shows it as written: markup escaped, spaces, tabs and line breaks kept. */
function textAsHtml(text: string): string {
  return text.replace(/[&<>"'\t \n]/g, char => HTML_ESCAPES[char] ?? char)
}

interface ChunkLimit {
  size: number
  /** What the limit counts: code points for Apprise's 1000, code units for the server's 5000. */
  unit: 'codePoint' | 'codeUnit'
}

/**
 * The text as the message(s) to post, per overflow mode. `upstream` sends it whole, as Apprise,
 * unless the server would refuse it; `truncate` keeps the first chunk; `split` sends every chunk.
 * Chunks end on a line break, else whitespace, else a character boundary, and the first one never
 * holds the title's heading alone. `title` is the title given to composeText, to find that heading.
 * A blank text gives no chunk. Past `maxPosts` chunks the rest is dropped and the last one says so.
 */
export function fitText(
  text: string,
  overflow: Overflow,
  title = '',
  maxPosts = MAX_POSTS
): string[] {
  if (overflow === 'upstream' && text.length <= MAX_MESSAGE_SIZE) {
    return text.trim() === '' ? [] : [text]
  }
  const limit: ChunkLimit =
    overflow === 'upstream'
      ? { size: MAX_MESSAGE_SIZE, unit: 'codeUnit' }
      : { size: CHUNK_SIZE, unit: 'codePoint' }
  const chunks: string[] = []
  // Stops one chunk past the cap: a 10 MB body is not cut into thousands of chunks to drop.
  for (const chunk of chunksOf(text, limit, headingEnd(text, title))) {
    chunks.push(chunk)
    if (overflow === 'truncate' || chunks.length > maxPosts) break
  }
  return chunks.length > maxPosts ? capped(chunks.slice(0, maxPosts), limit) : chunks
}

/** The kept chunks, the last one shortened to end with a note that the rest was not sent. */
function capped(chunks: string[], limit: ChunkLimit): string[] {
  const note = `\n… (truncated: the message needs more than ${chunks.length} posts)`
  const last = chunks.pop() ?? ''
  let end = Math.min(last.length, limit.size - note.length)
  if (splitsPair(last, end)) end--
  return [...chunks, last.slice(0, end).trimEnd() + note]
}

/** Where the line holding the title ends in `text`, or 0 when the text does not start with it. */
function headingEnd(text: string, title: string): number {
  if (title.trim() === '') return 0
  for (const format of ['markdown', 'html', 'text'] as const) {
    const heading = composeText(title, '', format)
    if (heading !== '' && text.startsWith(heading)) {
      const lineBreak = text.slice(heading.length).search(/[\r\n]/)
      return lineBreak === -1 ? text.length : heading.length + lineBreak
    }
  }
  return 0
}

function* chunksOf(text: string, limit: ChunkLimit, heading: number): Generator<string> {
  let start = nextStart(text, 0, false)
  while (start < text.length) {
    const end = windowEnd(text, start, limit)
    if (end === text.length) {
      yield text.slice(start).trimEnd()
      return
    }
    // A cut must come after `floor`, the first character the chunk has to hold: after the heading
    // for the first chunk when anything fits beside it, so the heading is never sent alone.
    const afterHeading = start < heading ? firstContent(text, heading) : text.length
    const floor = afterHeading < end ? afterHeading : firstContent(text, start)
    const cut =
      lastCut(text, floor, end, isLineBreak) ??
      lastCut(text, floor, end, isWhitespace) ??
      hardCut(text, start, floor, end)
    const chunk = text.slice(start, cut).trimEnd()
    if (chunk !== '') yield chunk
    start = nextStart(text, cut, !isLineBreak(text.charAt(cut)))
  }
}

/** The end of the longest slice from `start` within the limit, never between a surrogate pair. */
function windowEnd(text: string, start: number, limit: ChunkLimit): number {
  if (limit.unit === 'codeUnit') {
    const end = Math.min(text.length, start + limit.size)
    return splitsPair(text, end) ? end - 1 : end
  }
  let end = start
  for (let count = 0; count < limit.size && end < text.length; count++) {
    end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1
  }
  return end
}

function splitsPair(text: string, index: number): boolean {
  return isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index))
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** The last index in (floor, end] holding a separator: the chunk stops just before it. */
function lastCut(
  text: string,
  floor: number,
  end: number,
  isSeparator: (char: string) => boolean
): number | undefined {
  for (let index = end; index > floor; index--) {
    if (isSeparator(text.charAt(index))) return index
  }
  return undefined
}

/** No separator fits: cut at the last grapheme boundary, or the code point boundary `end`. */
function hardCut(text: string, start: number, floor: number, end: number): number {
  // The boundary before `end` depends only on what precedes it and on the one character at it.
  const window = text.slice(start, Math.min(text.length, end + 2))
  const boundary =
    start +
    ((graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' }))
      .segment(window)
      .containing(end - start)?.index ?? end - start)
  return boundary > floor ? boundary : end
}

/** Where the next chunk starts: past the separator cut at and any blank lines after it. */
function nextStart(text: string, cut: number, midLine: boolean): number {
  let lineStart = cut
  let index = cut
  for (;;) {
    while (
      index < text.length &&
      isWhitespace(text.charAt(index)) &&
      !isLineBreak(text.charAt(index))
    ) {
      index++
    }
    if (!isLineBreak(text.charAt(index))) {
      // A line's indentation is content (code blocks); spaces left over from a word cut are not.
      return midLine || index === text.length ? index : lineStart
    }
    index += text.startsWith('\r\n', index) ? 2 : 1
    lineStart = index
    midLine = false
  }
}

function firstContent(text: string, from: number): number {
  const offset = text.slice(from).search(/\S/)
  return offset === -1 ? text.length : from + offset
}

function isLineBreak(char: string): boolean {
  return char === '\n' || char === '\r'
}

function isWhitespace(char: string): boolean {
  return /^\s$/.test(char)
}

/** Apprise's icon for a status; a cancelled job shows the warning icon. */
export function avatarFor(status: Status): string {
  const type = status === 'cancelled' ? 'warning' : status
  return `${APPRISE_ICON}/apprise-${type}-128x128.png`
}

/**
 * The posts for one destination, in order, at most `maxPosts`. Always at least one, so an attachments-only message
 * is still sent (and an empty one is refused by the server rather than dropped silently).
 */
export function composePosts(
  destination: Destination,
  message: Message,
  maxPosts = MAX_POSTS
): Post[] {
  const text = composeText(message.title, message.body, destination.format)
  const chunks = fitText(text, destination.overflow, message.title, maxPosts)
  const texts = chunks.length > 0 ? chunks : [text]
  const look = lookOf(destination, message)
  const alias =
    message.alias || (destination.mode === 'webhook' ? destination.user : undefined) || undefined
  const attachments = message.attachments?.length ? message.attachments : undefined
  const tmid = message.threadId || undefined
  return texts.map((chunk, index) => ({
    text: chunk,
    ...look,
    ...(alias ? { alias } : {}),
    ...(attachments && index === texts.length - 1 ? { attachments } : {}),
    ...(tmid ? { tmid } : {})
  }))
}

/** Rocket.Chat ignores `emoji` when `avatar` is set, so at most one of them is sent. */
function lookOf(destination: Destination, message: Message): Pick<Post, 'avatar' | 'emoji'> {
  if (message.avatarUrl) return { avatar: message.avatarUrl }
  if (message.emoji) return { emoji: message.emoji }
  return destination.avatar ? { avatar: avatarFor(message.status) } : {}
}
