import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CHUNK_SIZE,
  MAX_MESSAGE_SIZE,
  MAX_POSTS,
  avatarFor,
  composePosts,
  composeText,
  fitText
} from '../src/rocketchat/message.js'
import type { Destination, Format, Message, Overflow, Status } from '../src/rocketchat/types.js'
import { propertyParameters } from './support/properties.js'
import { countWork } from './support/growth.js'

const codePoints = (text: string): number => Array.from(text).length
const isWellFormed = (text: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)
const visible = (text: string): string => text.replace(/\s+/g, '')

/** Lorem-like prose: `lines` lines of `words` words each, every word 4 to 9 letters. */
function prose(lines: number, words: number): string {
  const line = (n: number): string =>
    Array.from({ length: words }, (_, w) => 'abcdefghi'.slice(0, 4 + ((n + w) % 6))).join(' ')
  return Array.from({ length: lines }, (_, n) => line(n)).join('\n')
}

/** Where each chunk sits in the text: they appear in order, and each ends at a boundary. */
function cutPositions(text: string, chunks: string[]): number[] {
  let from = 0
  return chunks.map(chunk => {
    const at = text.indexOf(chunk, from)
    expect(at, `chunk not found in order: ${chunk.slice(0, 40)}`).toBeGreaterThanOrEqual(from)
    from = at + chunk.length
    return from
  })
}

describe('composeText (Apprise newest, docs/apprise-url.md 2.6)', () => {
  it.each<[string, string, string, Format, string]>([
    ['markdown heading', 'Build passed', 'All green', 'markdown', '# Build passed\nAll green'],
    ['heading marks stripped', '## Release notes', 'v2', 'markdown', '# Release notes\nv2'],
    ['title of only marks dropped', '-- # --', 'body', 'markdown', 'body'],
    ['leading dashes and blanks stripped', '\t- -Deploy', 'b', 'markdown', '# Deploy\nb'],
    [
      'markdown in the title kept',
      '**Deploy** _done_ `v1.2`',
      'b',
      'markdown',
      '# **Deploy** _done_ `v1.2`\nb'
    ],
    ['title trimmed', '  Build  \n', 'b', 'markdown', '# Build\nb'],
    [
      'body keeps leading, loses trailing blanks',
      'T',
      '\n  code\n\t \n',
      'markdown',
      '# T\n\n  code'
    ],
    ['empty title: the body alone', '  ', '  indented', 'markdown', '  indented'],
    ['empty body: the heading alone', 'Deployed', ' \n ', 'markdown', '# Deployed'],
    ['nothing at all', '', '', 'markdown', ''],
    ['text: title, CRLF, body', 'Build passed', 'All green', 'text', 'Build passed\r\nAll green'],
    ['text: no heading marks touched', '## Notes', 'b', 'text', '## Notes\r\nb'],
    ['text: empty body', ' Title ', '', 'text', 'Title'],
    ['text: empty title', '', 'Body', 'text', 'Body'],
    ['html: bold title and break', 'Build', 'ok', 'html', '<b>Build</b><br />\r\nok'],
    [
      'html: both escaped as Apprise does',
      'a <b> & "c"',
      "it's\tfine\nnext",
      'html',
      '<b>a&nbsp;&lt;b&gt;&nbsp;&amp;&nbsp;&quot;c&quot;</b><br />\r\nit&apos;s&emsp;fine<br/>next'
    ],
    ['html: empty title', '', '<x>', 'html', '&lt;x&gt;'],
    ['html: empty body', 'Title here', '', 'html', '<b>Title&nbsp;here</b>']
  ])('%s', (_, title, body, format, expected) => {
    expect(composeText(title, body, format)).toBe(expected)
  })
})

describe('fitText upstream (default): whole, as Apprise, but never past the server limit', () => {
  it('sends a long text whole, unchanged', () => {
    const text = '  ' + prose(40, 8) // about 1800 characters, like Apprise's 1815 example
    expect(text.length).toBeGreaterThan(CHUNK_SIZE)
    expect(fitText(text, 'upstream')).toEqual([text])
  })

  it('sends exactly the server limit whole', () => {
    const text = 'x'.repeat(MAX_MESSAGE_SIZE)
    expect(fitText(text, 'upstream')).toEqual([text])
  })

  it('splits a text over the limit on line boundaries, losing nothing', () => {
    const text = prose(300, 6)
    const chunks = fitText(text, 'upstream')
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(MAX_MESSAGE_SIZE)
    expect(visible(chunks.join(''))).toBe(visible(text))
    for (const end of cutPositions(text, chunks).slice(0, -1)) expect(text[end]).toBe('\n')
  })

  it('counts the limit in UTF-16 code units, as the server does, without breaking emoji', () => {
    const text = '😀'.repeat(3000) // 3000 code points, 6000 code units
    const chunks = fitText(text, 'upstream')
    expect(chunks.map(chunk => chunk.length)).toEqual([5000, 1000])
    for (const chunk of chunks) expect(isWellFormed(chunk)).toBe(true)
  })

  it('gives nothing for a blank text', () => {
    expect(fitText(' \n ', 'upstream')).toEqual([])
  })
})

describe('fitText truncate: the first 1000 characters, cut on a boundary', () => {
  it('keeps a short text whole', () => {
    expect(fitText('# T\nshort', 'truncate', 'T')).toEqual(['# T\nshort'])
  })

  it('cuts at the last line break within 1000 characters and adds nothing', () => {
    const text = prose(60, 6)
    const [chunk = '', ...rest] = fitText(text, 'truncate')
    expect(rest).toEqual([])
    expect(codePoints(chunk)).toBeLessThanOrEqual(CHUNK_SIZE)
    expect(text.startsWith(chunk)).toBe(true)
    expect(text[chunk.length]).toBe('\n')
    expect(text.indexOf('\n', chunk.length + 1)).toBeGreaterThan(CHUNK_SIZE)
  })

  it('cuts at the last space when a line is longer than 1000 characters', () => {
    const text = prose(1, 300)
    const [chunk = ''] = fitText(text, 'truncate')
    expect(text.startsWith(chunk)).toBe(true)
    expect(text[chunk.length]).toBe(' ')
    expect(chunk.length).toBeGreaterThan(CHUNK_SIZE - 10)
  })

  it('cuts hard when there is no whitespace at all', () => {
    expect(fitText('x'.repeat(1500), 'truncate')).toEqual(['x'.repeat(1000)])
  })

  it('drops leading blank lines and trailing whitespace', () => {
    const text = '\n \n' + 'word '.repeat(300)
    const [chunk = ''] = fitText(text, 'truncate')
    expect(chunk.startsWith('word')).toBe(true)
    expect(chunk).toBe(chunk.trimEnd())
  })

  it('never keeps the heading alone, so the body is not lost', () => {
    const text = composeText('Build passed', prose(1, 300), 'markdown')
    const [chunk = ''] = fitText(text, 'truncate', 'Build passed')
    expect(chunk.startsWith('# Build passed\nabcd')).toBe(true)
    expect(codePoints(chunk)).toBeGreaterThan(CHUNK_SIZE - 10)
  })
})

describe('fitText hard cuts never break a character', () => {
  it.each<[string, string, string]>([
    ['surrogate pairs', 'a' + '😀'.repeat(1200), 'a' + '😀'.repeat(999)],
    ['flags (two code points each)', 'a' + '🇫🇷'.repeat(600), 'a' + '🇫🇷'.repeat(499)],
    ['ZWJ families (five code points each)', 'a' + '👨‍👩‍👧'.repeat(300), 'a' + '👨‍👩‍👧'.repeat(199)],
    ['combining accents', 'a' + 'e\u0301'.repeat(700), 'a' + 'e\u0301'.repeat(499)]
  ])('%s', (_, text, first) => {
    const chunks = fitText(text, 'split')
    expect(chunks[0]).toBe(first)
    expect(chunks.join('')).toBe(text)
    for (const chunk of chunks) {
      expect(isWellFormed(chunk)).toBe(true)
      expect(codePoints(chunk)).toBeLessThanOrEqual(CHUNK_SIZE)
    }
  })
})

describe('fitText split: chunks of at most 1000 characters on line or word boundaries', () => {
  it('cuts at line breaks, trims each chunk and loses no content', () => {
    const text = prose(80, 7).replace(/\n/g, (_, at: number) => (at % 3 ? '\n' : '\n\n\n'))
    const chunks = fitText(text, 'split')
    expect(chunks.length).toBeGreaterThan(2)
    for (const chunk of chunks) {
      expect(codePoints(chunk)).toBeLessThanOrEqual(CHUNK_SIZE)
      expect(chunk).toBe(chunk.trim())
    }
    expect(visible(chunks.join(''))).toBe(visible(text))
    for (const end of cutPositions(text, chunks).slice(0, -1)) expect(text[end]).toBe('\n')
  })

  it('cuts between words inside a long line', () => {
    const text = prose(1, 500)
    const chunks = fitText(text, 'split')
    expect(visible(chunks.join(''))).toBe(visible(text))
    for (const end of cutPositions(text, chunks).slice(0, -1)) expect(text[end]).toBe(' ')
    for (const chunk of chunks.slice(1)) expect(chunk.startsWith(' ')).toBe(false)
  })

  it('keeps the indentation of a line that starts a chunk', () => {
    const text = Array.from(
      { length: 60 },
      (_, n) => `    line ${n} of an indented code block`
    ).join('\n')
    const chunks = fitText(text, 'split')
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) expect(chunk.startsWith('    line')).toBe(true)
  })

  it('never sends the heading alone (Apprise newest does)', () => {
    const title = 'Build passed'
    const text = composeText(title, prose(1, 250), 'markdown')
    const chunks = fitText(text, 'split', title)
    expect(chunks[0]?.startsWith('# Build passed\nabcd')).toBe(true)
    expect(codePoints(chunks[0] ?? '')).toBeGreaterThan(CHUNK_SIZE - 10)
    expect(visible(chunks.join(''))).toBe(visible(text))
  })

  it('joins the heading with the following lines when they fit', () => {
    const title = 'Deploy'
    const text = composeText(title, '\n\nshort line\n' + prose(1, 250), 'markdown')
    expect(fitText(text, 'split', title)[0]).toBe('# Deploy\n\n\nshort line')
  })

  it.each<[Format, string]>([
    ['text', 'Deploy done\r\n'],
    ['html', '<b>Deploy&nbsp;done</b><br />\r\n']
  ])('never leaves the %s title alone either', (format, heading) => {
    const text = composeText('Deploy done', prose(1, 250), format)
    const [first = ''] = fitText(text, 'split', 'Deploy done')
    expect(first.startsWith(heading)).toBe(true)
    expect(first.length).toBeGreaterThan(heading.length + 100)
  })

  it('sends a title-only text as one message', () => {
    expect(fitText('# Deployed', 'split', 'Deployed')).toEqual(['# Deployed'])
  })

  it('gives nothing for a blank text', () => {
    expect(fitText('\n\n  \n', 'split')).toEqual([])
  })
})

describe('fitText post cap', () => {
  const lines = (count: number) =>
    Array.from({ length: count }, (_, i) => `line ${i} ${'x'.repeat(990)}`).join('\n')

  it('cuts a 10 MB text into at most 10 posts, the last one saying the rest was left out', () => {
    const text = 'word '.repeat(2_000_000)

    let chunks: string[] = []
    const work = countWork(() => (chunks = fitText(text, 'split')))
    const workOfTwentyPosts = countWork(() => fitText(text.slice(0, 20 * CHUNK_SIZE), 'split'))

    expect(chunks).toHaveLength(MAX_POSTS)
    expect(chunks.at(-1)).toMatch(/… \(truncated: the message needs more than 10 posts\)$/)
    for (const chunk of chunks) expect(codePoints(chunk)).toBeLessThanOrEqual(CHUNK_SIZE)
    // Stops after the cap instead of cutting all 10,000 chunks: no more work than for 20 posts.
    expect(work).toBeLessThanOrEqual(workOfTwentyPosts)
  })

  it('keeps the server limit with the note on upstream overflow too', () => {
    const chunks = fitText('y'.repeat(200_000), 'upstream', '', 3)

    expect(chunks).toHaveLength(3)
    expect(chunks.every(chunk => chunk.length <= MAX_MESSAGE_SIZE)).toBe(true)
    expect(chunks[2]).toMatch(/truncated: the message needs more than 3 posts\)$/)
  })

  it('leaves a message of exactly the cap whole', () => {
    const chunks = fitText(lines(3), 'split', '', 3)

    expect(chunks).toHaveLength(3)
    expect(chunks.join('\n')).toBe(lines(3))
  })
})

describe('fitText properties over arbitrary texts', () => {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' }) },
    { weight: 4, arbitrary: fc.constantFrom(' ', '  ', '\n', '\n\n', '\r\n', '\t', ' \n ') },
    { weight: 2, arbitrary: fc.constantFrom('😀', '🇫🇷', '👨‍👩‍👧', 'e\u0301', 'ñ', '漢字') },
    { weight: 1, arbitrary: fc.nat({ max: 1200 }).map(n => 'y'.repeat(n)) }
  )
  const texts = fc.array(token, { maxLength: 400, size: 'max' }).map(tokens => tokens.join(''))
  const titles = fc.constantFrom('', 'Build passed', '## Release notes', 'a'.repeat(1100))
  const limits: Record<Overflow, (chunk: string) => boolean> = {
    upstream: chunk => chunk.length <= MAX_MESSAGE_SIZE,
    truncate: chunk => codePoints(chunk) <= CHUNK_SIZE,
    split: chunk => codePoints(chunk) <= CHUNK_SIZE
  }

  it.each<Overflow>(['upstream', 'truncate', 'split'])(
    '%s: chunks within the limit, well-formed, non-blank, content kept in order',
    overflow => {
      fc.assert(
        fc.property(titles, texts, (title, body) => {
          const text = composeText(title, body, 'markdown')
          const chunks = fitText(text, overflow, title, Infinity)
          for (const chunk of chunks) {
            expect(limits[overflow](chunk)).toBe(true)
            expect(isWellFormed(chunk)).toBe(true)
            expect(chunk.trim()).not.toBe('')
          }
          const sent = visible(chunks.join(''))
          if (overflow === 'truncate') {
            expect(chunks.length).toBeLessThanOrEqual(1)
            expect(visible(text).startsWith(sent)).toBe(true)
          } else {
            expect(sent).toBe(visible(text))
          }
          const heading = text.split('\n')[0] ?? ''
          if (overflow !== 'upstream' && title === 'Build passed' && body.trim() !== '') {
            expect(chunks[0]).not.toBe(heading)
          }
        }),
        propertyParameters(`fitText ${overflow}`, 150)
      )
    }
  )
})

describe('avatarFor', () => {
  it.each<[Status, string]>([
    ['success', 'success'],
    ['failure', 'failure'],
    ['warning', 'warning'],
    ['info', 'info'],
    ['cancelled', 'warning']
  ])('%s -> the Apprise %s icon', (status, type) => {
    expect(avatarFor(status)).toBe(
      `https://github.com/caronc/apprise/raw/master/apprise/assets/themes/default/apprise-${type}-128x128.png`
    )
  })
})

describe('composePosts', () => {
  const destination = (overrides: Partial<Destination> = {}): Destination => ({
    mode: 'basic',
    secure: true,
    host: 'chat.example.com',
    port: undefined,
    baseUrl: 'https://chat.example.com',
    user: 'alice',
    password: 'secret',
    webhook: undefined,
    targets: [{ kind: 'channel', name: 'general' }],
    rejectedTargets: [],
    avatar: false,
    format: 'markdown',
    overflow: 'upstream',
    verify: true,
    connectTimeout: undefined,
    readTimeout: undefined,
    retry: undefined,
    identity: 'basic alice at chat.example.com',
    masked: 'rockets://alice:****@chat.example.com/#general',
    secrets: ['secret'],
    ...overrides
  })
  const message = (overrides: Partial<Message> = {}): Message => ({
    title: 'Build passed',
    body: 'All green',
    status: 'success',
    ...overrides
  })
  const webhook = {
    mode: 'webhook',
    user: 'Deploy Bot',
    password: undefined,
    webhook: 'A/B'
  } as const

  it('makes at most the posts it is given, however long the body', () => {
    const body = Array.from({ length: 5 }, (_, i) => `line ${i} ${'x'.repeat(990)}`).join('\n')

    const posts = composePosts(destination({ overflow: 'split' }), message({ body }), 2)

    expect(posts).toHaveLength(2)
    expect(posts[1]?.text).toMatch(/truncated: the message needs more than 2 posts\)$/)
  })

  it('basic mode, avatar off: the text alone, as Apprise sends it', () => {
    expect(composePosts(destination(), message())).toStrictEqual([
      { text: '# Build passed\nAll green' }
    ])
  })

  it('token mode never sends the URL user as an alias', () => {
    const posts = composePosts(destination({ mode: 'token', user: 'uid123' }), message())
    expect(posts).toStrictEqual([{ text: '# Build passed\nAll green' }])
  })

  it('webhook mode sends the user before the webhook as the display name', () => {
    const posts = composePosts(destination({ ...webhook, avatar: true }), message())
    expect(posts).toStrictEqual([
      { text: '# Build passed\nAll green', avatar: avatarFor('success'), alias: 'Deploy Bot' }
    ])
  })

  it('an explicit alias wins over the webhook display name', () => {
    const [post] = composePosts(destination(webhook), message({ alias: 'Release train' }))
    expect(post?.alias).toBe('Release train')
  })

  it('avatar on: the Apprise icon of the status', () => {
    const [post] = composePosts(destination({ avatar: true }), message({ status: 'failure' }))
    expect(post).toStrictEqual({ text: '# Build passed\nAll green', avatar: avatarFor('failure') })
  })

  it('an explicit avatar URL is sent even with avatar off, and emoji is then left out', () => {
    const avatarUrl = 'https://example.com/bot.png'
    const [post] = composePosts(destination(), message({ avatarUrl, emoji: ':rocket:' }))
    expect(post).toStrictEqual({ text: '# Build passed\nAll green', avatar: avatarUrl })
  })

  it('an emoji replaces the status avatar, which the server would let win', () => {
    const [post] = composePosts(destination({ avatar: true }), message({ emoji: ':rocket:' }))
    expect(post).toStrictEqual({ text: '# Build passed\nAll green', emoji: ':rocket:' })
  })

  it('follows the destination format', () => {
    const [post] = composePosts(destination({ format: 'text' }), message())
    expect(post?.text).toBe('Build passed\r\nAll green')
  })

  it('split: attachments on the last chunk only, the thread on every chunk, keys in order', () => {
    const attachments = [{ color: '#2eb886', text: 'details' }]
    const posts = composePosts(
      destination({ ...webhook, avatar: true, overflow: 'split' }),
      message({ body: prose(60, 6), attachments, threadId: 'PARENT1' })
    )
    expect(posts.length).toBeGreaterThan(1)
    posts.forEach((post, index) => {
      const last = index === posts.length - 1
      expect(Object.keys(post)).toEqual(
        last
          ? ['text', 'avatar', 'alias', 'attachments', 'tmid']
          : ['text', 'avatar', 'alias', 'tmid']
      )
      expect(post.tmid).toBe('PARENT1')
    })
    expect(posts.at(-1)?.attachments).toBe(attachments)
  })

  it('truncate: one post', () => {
    const posts = composePosts(
      destination({ overflow: 'truncate' }),
      message({ body: prose(60, 6) })
    )
    expect(posts).toHaveLength(1)
    expect(codePoints(posts[0]?.text ?? '')).toBeLessThanOrEqual(CHUNK_SIZE)
  })

  it('an attachments-only message is still one post, with an empty text', () => {
    const attachments = [{ title: 'Release v2' }]
    const posts = composePosts(destination(), message({ title: '', body: '', attachments }))
    expect(posts).toStrictEqual([{ text: '', attachments }])
  })

  it('empty optional values are left out, not sent empty', () => {
    const posts = composePosts(
      destination({ ...webhook, user: '' }),
      message({ alias: '', emoji: '', avatarUrl: '', threadId: '', attachments: [] })
    )
    expect(posts).toStrictEqual([{ text: '# Build passed\nAll green' }])
  })
})
