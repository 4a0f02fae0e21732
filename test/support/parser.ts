// @rocket.chat/message-parser, kept in test/vendor/ (scripts/refresh-message-parser.mjs says why).
import { parse, type Root } from '../vendor/message-parser/dist/messageParser.js'

/**
 * Rocket.Chat's own message parser, with KaTeX's \( \) syntax on as a server has it by default:
 * the judge of what a reader sees. Emoticons (`:(` shown as an emoji) are left off: they change
 * how text looks, never what it does, and would blur the comparison of visible text.
 */
export function parseMessage(text: string): Root {
  // The parser refuses an empty text; Rocket.Chat shows nothing.
  if (text === '') return []
  return parse(text, { emoticons: false, katex: { parenthesisSyntax: true, dollarSyntax: false } })
}

export interface Node {
  type: string
  value?: unknown
  [key: string]: unknown
}

/** Every node of the tree, depth first. */
export function nodesOf(text: string): Node[] {
  const found: Node[] = []
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item)
      return
    }
    if (typeof value !== 'object' || value === null) return
    const node = value as Node
    if (typeof node.type === 'string') found.push(node)
    for (const [key, child] of Object.entries(node)) if (key !== 'type') visit(child)
  }
  visit(parseMessage(text))
  return found
}

export function typesOf(text: string): Set<string> {
  return new Set(nodesOf(text).map(node => node.type))
}

/** The user names Rocket.Chat would mention (and notify). */
export function mentionsIn(text: string): string[] {
  return nodesOf(text)
    .filter(node => node.type === 'MENTION_USER')
    .map(node => String((node.value as Node).value))
}

/**
 * The names Rocket.Chat's server notifies. It does not read the parser's tree: it matches a regex
 * over the raw text, code included (MentionsParser.userMentionRegex in Rocket.Chat's
 * apps/meteor/app/mentions/lib/MentionsParser.ts, with the default username rule of the setting
 * UTF8_User_Names_Validation, `[0-9a-zA-Z-_.]+`); `all` and `here` notify the whole room.
 */
export function serverMentionsIn(text: string): string[] {
  const name = '[0-9a-zA-Z-_.]+'
  const mention = new RegExp(`(^|\\s|>)@(${name}(?:@${name})?(?::${name})?)`, 'gm')
  return [...text.matchAll(mention)].map(match => match[2] ?? '')
}

export interface ParsedLink {
  label: string
  src: string
}

export function linksIn(text: string): ParsedLink[] {
  return nodesOf(text)
    .filter(node => node.type === 'LINK')
    .map(node => {
      const value = node.value as { src: Node; label: unknown }
      return { label: textOf(value.label), src: String(value.src.value) }
    })
}

/** What a reader sees, without the formatting: the plain text of every node, in order. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map(textOf).join('')
  if (typeof value !== 'object' || value === null) return ''
  const node = value as Node
  switch (node.type) {
    case 'PLAIN_TEXT':
      return String(node.value)
    case 'LINK':
      return textOf((node.value as { label: unknown }).label)
    case 'MENTION_USER':
      return `@${textOf(node.value)}`
    case 'MENTION_CHANNEL':
      return `#${textOf(node.value)}`
    case 'EMOJI':
      return 'shortCode' in node ? `:${String(node.shortCode)}:` : String(node.unicode)
    case 'LINE_BREAK':
      return '\n'
    default:
      return textOf(node.value)
  }
}

/** The visible text of a whole message, paragraphs joined by line breaks, zero-width spaces gone. */
export function visibleText(text: string): string {
  return parseMessage(text)
    .map(block => textOf(block))
    .join('\n')
    .replace(/\u200B/g, '')
}
