import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inertText } from '../src/template/inert.js'
import { propertyParameters } from './support/properties.js'
import { linksIn, mentionsIn, serverMentionsIn, typesOf, visibleText } from './support/parser.js'

const links = { serverUrl: 'https://github.com', repository: 'octo-org/octo-repo' }
const inertLinked = (value: string): string => inertText(value, links)

/** Nodes that mean the text acts or is formatted; plain text, links and emoji are all a value may be. */
const MARKUP = [
  'MENTION_USER',
  'MENTION_CHANNEL',
  'BOLD',
  'ITALIC',
  'STRIKE',
  'INLINE_CODE',
  'SPOILER',
  'HEADING',
  'QUOTE',
  'UNORDERED_LIST',
  'ORDERED_LIST',
  'TASKS',
  'CODE',
  'IMAGE',
  'TIMESTAMP',
  'INLINE_KATEX',
  'KATEX',
  'TABLE',
  'HORIZONTAL_RULE'
]

function markupIn(text: string): string[] {
  const types = typesOf(text)
  return MARKUP.filter(type => types.has(type))
}

/** A link is honest when it reads as its own address, a GitHub profile or an issue number. */
function hiddenLinks(text: string): string[] {
  return linksIn(text)
    .filter(link => {
      const bare = link.label.replace(/\u200B/g, '')
      const src = link.src.replace(/\u200B/g, '')
      if (src.endsWith(bare) || src === `mailto:${bare}` || src === `tel:${bare}`) return false
      if (/^@[A-Za-z0-9-]+$/.test(bare) && src === `https://github.com/${bare.slice(1)}`)
        return false
      if (
        /^#\d+$/.test(bare) &&
        src === `https://github.com/octo-org/octo-repo/issues/${bare.slice(1)}`
      )
        return false
      return true
    })
    .map(({ label, src }) => `[${label}](${src})`)
}

describe('inertText, judged by Rocket.Chat’s parser', () => {
  it('the issue’s pull request title pings no one and hides no link', () => {
    const title = 'Fix *everything* [now](https://evil.example/login) @alice'
    const text = inertLinked(title)

    expect(mentionsIn(text)).toEqual([])
    expect(markupIn(text)).toEqual([])
    expect(linksIn(text).filter(link => link.label === 'now')).toEqual([])
    expect(linksIn(text)).toContainEqual({ label: '@alice', src: 'https://github.com/alice' })
    expect(visibleText(text)).toBe(title)
  })

  it.each([
    ['@all please upgrade', []],
    ['(@here)', []],
    ['x:@channel', []],
    ['_@all_', []],
    ['@@all', []],
    ['@über and @日本', []],
    ['x_@herewww.github.com', []],
    ['mail alice@example.com', [{ label: 'alice@example.com', src: 'mailto:alice@example.com' }]],
    [
      'by @octocat in #12',
      [
        { label: '@octocat', src: 'https://github.com/octocat' },
        { label: '#12', src: 'https://github.com/octo-org/octo-repo/issues/12' }
      ]
    ]
  ])('%j: no mention, links %j', (value, expected) => {
    const text = inertLinked(value)
    expect(mentionsIn(text)).toEqual([])
    expect(linksIn(text)).toEqual(expected)
    expect(visibleText(text)).toBe(value)
  })

  it.each([
    '*bold* _italic_ ~strike~ ~~strike~~ `code` ||spoiler||',
    '2*3*4 and a * b * c',
    '# heading',
    '> quote',
    '- item\n* item\n1. item\n- [ ] task',
    '```\ncode\n```',
    '<https://github.com|label> <t:1700000000:R>',
    '![img](https://github.com/a.png) [](https://github.com)',
    '#general and #random',
    '\\*kept backslash\\* \\# \\.'
  ])('%j: shows as written, formats nothing', value => {
    const text = inertLinked(value)
    expect(markupIn(text)).toEqual([])
    expect(hiddenLinks(text)).toEqual([])
    expect(spaced(visibleText(text))).toBe(spaced(value))
  })

  it('keeps a bare URL a link that reads as itself', () => {
    const url = 'https://github.com/octo-org/octo-repo/pull/12?x=a_b#issuecomment-1'
    expect(linksIn(inertLinked(`see ${url}`))).toEqual([{ label: url, src: url }])
  })

  it('leaves identifiers alone: no backslash in snake_case', () => {
    expect(inertLinked('fix snake_case_name in my_var')).toBe('fix snake_case_name in my_var')
  })

  /** Pieces that open markup in Rocket.Chat, to combine at random. */
  const piece = fc.constantFrom(
    '*',
    '_',
    '~',
    '`',
    '|',
    '||',
    '#',
    '# ',
    '> ',
    '- ',
    '1. ',
    '\n',
    ' ',
    '\\',
    '@',
    '@all',
    '@here',
    '@octocat',
    '@a_b',
    'x',
    'word',
    '[',
    ']',
    '(',
    ')',
    '](',
    '<',
    '>',
    ':smile:',
    'https://github.com/o/r',
    'https://evil.example/x',
    'www.github.com',
    '12',
    '.',
    '!',
    '[now]',
    '(https://github.com/login)',
    'a@b.com',
    '```',
    '\\(',
    '\\)',
    'é',
    '日本',
    '+1 555 0100',
    '<.evil.com|now>',
    'evil.com',
    'env.A_B',
    'v1.2-rc_1'
  )

  /** Values made of those pieces. */
  const mixed = fc.array(piece, { maxLength: 12 }).map(pieces => pieces.join(''))

  it('any mix of markup pieces: no mention, no hidden link, no block markup, the same text', () => {
    fc.assert(
      fc.property(mixed, value => {
        const text = inertLinked(value)
        expect(mentionsIn(text)).toEqual([])
        expect(serverMentionsIn(text)).toEqual([])
        expect(hiddenLinks(text)).toEqual([])
        const markup = markupIn(text)
        expect(markup.filter(type => !INLINE_STYLE.includes(type))).toEqual([])
        // The parser stretches a domain over a following backslash (`a.com\\*`): it then shows.
        if (markup.length === 0) expect(spaced(visibleText(text))).toBe(spaced(value))
      }),
      propertyParameters('inertText: any mix of markup pieces', 2000)
    )
  })

  it('without a URL or domain glued to it, no inline style either', () => {
    fc.assert(
      fc.property(mixed, value => {
        fc.pre(!/\.\S*[*_~`]/.test(value))
        expect(markupIn(inertLinked(value))).toEqual([])
      }),
      propertyParameters('inertText: no inline style without a URL or domain glued to it', 2000)
    )
  })
})

/**
 * Bold, italic and strike the parser may still make of `*`, `_` or `~` glued to a domain
 * (`github.com/x* *`): a backslash there is read as part of the address. A look, never an action.
 */
const INLINE_STYLE = ['BOLD', 'ITALIC', 'STRIKE']

/** Line breaks and runs of spaces are layout, not content: blank lines are not paragraphs here. */
function spaced(text: string): string {
  return text
    .replace(/\\/g, '')
    .replace(/\u2223/g, '|')
    .replace(/\s+/g, ' ')
    .trim()
}
