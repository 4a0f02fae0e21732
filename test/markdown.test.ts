import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { githubToRocketChat } from '../src/template/markdown.js'
import { ZWSP } from '../src/template/inert.js'
import {
  linksIn,
  mentionsIn,
  nodesOf,
  serverMentionsIn,
  textOf,
  typesOf,
  visibleText
} from './support/parser.js'
import { propertyParameters } from './support/properties.js'

const links = { serverUrl: 'https://github.com', repository: 'octo-org/octo-repo' }
const RELEASE = 'https://github.com/octo-org/octo-repo/releases/tag/v1.0.1'
const convert = (text: string, limit?: number): string =>
  githubToRocketChat(text, { links, fullText: RELEASE, ...(limit ? { limit } : {}) })

/** Real shapes: GitHub's generated release notes, and a pull request body from a template. */
const fixture = (name: string): string =>
  readFileSync(new URL(`fixtures/markdown/${name}`, import.meta.url), 'utf8')

function headings(text: string): string[] {
  return nodesOf(text)
    .filter(node => node.type === 'HEADING')
    .map(node => textOf(node.value))
}

describe('githubToRocketChat: generated release notes, as Rocket.Chat’s parser reads them', () => {
  const text = convert(fixture('release-notes.md'))

  it('mentions no one: @all, @here, @channel and every @login, the code block’s included', () => {
    expect(mentionsIn(text)).toEqual([])
    expect(serverMentionsIn(text)).toEqual([])
  })

  it('links each author to the GitHub profile, reading @login', () => {
    expect(linksIn(text)).toContainEqual({ label: '@octocat', src: 'https://github.com/octocat' })
    expect(linksIn(text)).toContainEqual({ label: '@alice-b', src: 'https://github.com/alice-b' })
  })

  it('shows pull requests, issues and the compare as GitHub does, linked', () => {
    const found = linksIn(text)
    expect(found).toContainEqual({
      label: '#12',
      src: 'https://github.com/octo-org/octo-repo/pull/12'
    })
    expect(found).toContainEqual({
      label: '#15',
      src: 'https://github.com/octo-org/octo-repo/issues/15'
    })
    expect(found).toContainEqual({
      label: 'other-org/lib#7',
      src: 'https://github.com/other-org/lib/issues/7'
    })
    expect(found).toContainEqual({
      label: 'v1.0.0...v1.0.1',
      src: 'https://github.com/octo-org/octo-repo/compare/v1.0.0...v1.0.1'
    })
  })

  it('keeps headings, lists, tasks and the code block; drops every HTML tag and comment', () => {
    expect(headings(text)).toEqual([
      "What's Changed",
      'Breaking Changes 🛠',
      'Other Changes',
      'New Contributors'
    ])
    const types = typesOf(text)
    for (const type of ['UNORDERED_LIST', 'ORDERED_LIST', 'TASKS', 'CODE', 'BOLD']) {
      expect(types).toContain(type)
    }
    const code = nodesOf(text).find(node => node.type === 'CODE')
    expect(textOf(code?.value).replace(/\u200B/g, '')).toContain('npm i octo@2  # ping @here')
    expect(text).not.toMatch(/<!--|-->|<\/?(details|summary|br|img)\b/i)
    expect(textOf(nodesOf(text).filter(node => node.type === 'BOLD'))).toContain('Upgrade notes')
  })
})

describe('githubToRocketChat: a pull request body', () => {
  const text = convert(fixture('pull-request-body.md'))

  it('reads as GitHub shows it: emphasis, #12, an image as a link, tasks, an alert, code', () => {
    expect(mentionsIn(text)).toEqual([])
    expect(serverMentionsIn(text)).toEqual([])
    expect(headings(text)).toEqual(['Summary', 'Checklist', 'Setext heading'])
    expect(linksIn(text)).toEqual(
      expect.arrayContaining([
        { label: '#12', src: 'https://github.com/octo-org/octo-repo/issues/12' },
        { label: '@octocat', src: 'https://github.com/octocat' },
        {
          label: 'Screenshot of the summary',
          src: 'https://github.com/user-attachments/assets/1b2c3d4e'
        }
      ])
    )
    const types = typesOf(text)
    for (const type of ['BOLD', 'ITALIC', 'TASKS', 'QUOTE', 'CODE', 'TABLE']) {
      expect(types).toContain(type)
    }
    expect(text).toContain('> *Warning*')
    expect(text).not.toMatch(/<img|<br|<!--/)
  })
})

describe('githubToRocketChat: GitHub’s constructs, one at a time', () => {
  const issue12 = '<https://github.com/octo-org/octo-repo/issues/12|#12>'
  it.each([
    // Setext headings: `=` is the first level, `-` the second; a list item or quote is no title.
    ['Title\n=====', '# Title'],
    ['Title\n---', '## Title'],
    ['Heading\n===\ntext', '# Heading\ntext'],
    ['- item\n---', '- item\n---'],
    ['> quote\n---', '> quote\n---'],
    ['Title\n= =', 'Title\n= ='],
    // ATX headings: closing `#`s dropped, a `#` glued to a word kept, seven is no heading.
    ['## Title ##', '## Title'],
    ['### Title #not', `### Title #${ZWSP}not`],
    ['####### seven', '####### seven'],
    ['##### five', '#### five'],
    // Thematic breaks of `*`, `-` or `_`, spaced or not; two, or a word after, are none.
    ['***', '---'],
    ['- - -', '---'],
    ['___', '---'],
    ['--', '--'],
    ['_ _ _ x', '_ _ _ x'],
    // Inline HTML as markdown, attributes or not; other tags dropped, their text kept.
    ['<b>bold</b> <strong>strong</strong>', '*bold* *strong*'],
    ['<i>it</i> <em>em</em>', '_it_ _em_'],
    ['<code>x</code> <kbd>Ctrl</kbd>', '`x` `Ctrl`'],
    ['<b class="x">bold</b>', '*bold*'],
    ['<span>text</span>', 'text'],
    ['<details><summary>More</summary>\nhidden\n</details>', '*More*\n\nhidden'],
    // Entities GitHub writes; others as written.
    ['&amp; &quot;q&quot; &#39;s&#39; a&nbsp;b &copy;', '& "q" \'s\' a b &copy;'],
    // Issue references after a space or punctuation only, never in an entity or a path.
    ['#12 and (#12)', `${issue12} and (${issue12})`],
    ['&#12; a/#12 a#12 #12a', `&#12; a/#12 a#${ZWSP}12 #${ZWSP}12a`],
    // A bare URL ends before the punctuation that ends a sentence.
    ['See https://x.io/a.', 'See https://x.io/a.'],
    ['Go to https://x.io/a!', 'Go to https://x.io/a!'],
    // Lists: numbered ones keep their numbers, nested ones get a marker, tasks their box.
    ['1. one\n2) two\n  - nested\n    - deeper', '1. one\n2. two\n- ◦ nested\n- ▪ deeper'],
    ['- [ ] todo\n- [x] done\n* [X] also', '- [ ] todo\n- [x] done\n- [x] also'],
    ['> [!NOTE]\n> body', '> *Note*\n> body'],
    // A URL glued to `__@`: emphasis and a mention for Rocket.Chat, so the URL ends before them.
    ['https://x.io/a__@here', `https://x.io/a__@${ZWSP}here`],
    // Elements with text, each found anew: two summaries, two anchors.
    [
      '<details><summary>One</summary>\n\na\n</details>\n<details><summary>Two</summary>\n\nb\n</details>',
      '*One*\n\na\n\n*Two*\n\nb'
    ],
    [
      '<a href="https://x.io/1">one</a> and <a href="https://x.io/2">two</a>',
      '[one (x.io)](https://x.io/1) and [two (x.io)](https://x.io/2)'
    ],
    // Code blocks: fenced by ``` or ~~~, closed at the end if left open, the info's first word.
    ['```sh\necho hi', '```sh\necho hi\n```'],
    ['~~~\ncode\n~~~', '```\ncode\n```'],
    ['````\n```\ninner\n````', `\`\`\`\n\`${ZWSP}\`\`\ninner\n\`\`\``],
    ['```js title\nx\n```', '```js\nx\n```'],
    ['## Title#', `## Title#${ZWSP}`]
  ])('%j', (markdown, expected) => {
    expect(convert(markdown)).toBe(expected)
  })
})

describe('githubToRocketChat: code spans keep HTML and entities as written', () => {
  it.each([
    ['Fix `Vec<T>` handling', '`Vec<T>`'],
    ['Wrap it in `<details>` now', '`<details>`'],
    ['Use `<img src="x.png">` here', '`<img src="x.png">`'],
    ['Escape as `&lt;T&gt;`', '`&lt;T&gt;`'],
    ['Or `<a href="https://x.io">x</a>`', '`<a href="https://x.io">x</a>`']
  ])('%j', (markdown, code) => {
    const text = convert(markdown)
    expect(text).toContain(code)
    expect(typesOf(text)).toContain('INLINE_CODE')
    expect(linksIn(text)).toEqual([])
  })

  it('while the same HTML outside code is read as GitHub reads it', () => {
    expect(convert('Fix Vec<T> and &lt;T&gt;')).toBe('Fix Vec and <T>')
  })
})

describe('githubToRocketChat: the limit', () => {
  it('cuts between blocks, never inside a code block, and links the full text', () => {
    const notes = ['## One', 'para '.repeat(60), '```\n' + 'code\n'.repeat(40) + '```', 'tail']
    const text = convert(notes.join('\n\n'), 400)

    expect(text.length).toBeLessThanOrEqual(400)
    expect(text).toContain('para')
    expect(text).not.toContain('```')
    expect(linksIn(text)).toContainEqual({ label: 'Read the full text', src: RELEASE })
  })

  it('leaves a text within the limit whole, without a note', () => {
    expect(convert('Short *notes*')).toBe('Short _notes_')
  })
})

describe('githubToRocketChat: constructs one by one', () => {
  it.each<[string, string]>([
    ['# Title', '# Title'],
    ['###### Deep', '#### Deep'],
    ['**bold** and __bold__', '*bold* and *bold*'],
    ['*italic* and _italic_', '_italic_ and _italic_'],
    ['* item\n  * nested\n    * deeper', '- item\n- ◦ nested\n- ▪ deeper'],
    ['1) first', '1. first'],
    ['- [X] done', '- [x] done'],
    ['a<br/>b', 'a\nb'],
    ['<a href="https://x.test">site</a>', '[site (x.test)](https://x.test)'],
    [
      '[docs](https://github.com/o/r/wiki) and [here](https://evil.example/x)',
      '[docs](https://github.com/o/r/wiki) and [here (evil.example)](https://evil.example/x)'
    ],
    ['&lt;tag&gt; &amp; &quot;q&quot;', '<tag> & "q"'],
    [
      '<https://github.com/octo-org/octo-repo/pull/3>',
      '<https://github.com/octo-org/octo-repo/pull/3|#3>'
    ],
    // A host one letter from github.com is not GitHub: its pull request is no `#3` of this repository.
    [
      '<https://githubXcom/octo-org/octo-repo/pull/3>',
      'https://githubXcom/octo-org/octo-repo/pull/3'
    ],
    ['mail a@b.co, C# and #general', 'mail a@\u200Bb.co, C# and #\u200Bgeneral'],
    ['`@all` stays code', '`@\u200Ball` stays code']
  ])('%j -> %j', (markdown, expected) => {
    expect(convert(markdown)).toBe(expected)
  })
})

describe('githubToRocketChat: links that cannot hide where they go, judged by the parser', () => {
  it.each<[string, string, { label: string; src: string }[]]>([
    [
      'an image',
      '![Download v1.0 from GitHub](https://evil.example/phish)',
      [{ label: 'Download v1.0 from GitHub (evil.example)', src: 'https://evil.example/phish' }]
    ],
    [
      'an HTML image',
      '<img alt="Download from GitHub" src="https://evil.example/x.png">',
      [{ label: 'Download from GitHub (evil.example)', src: 'https://evil.example/x.png' }]
    ],
    [
      'an image without alt text',
      '![](https://evil.example/x.png)',
      [{ label: 'image (evil.example)', src: 'https://evil.example/x.png' }]
    ],
    [
      'a link whose label names another site',
      '[github.com/octo-org/octo-repo/releases](https://evil.example/phish)',
      [
        {
          label: 'github.com/octo-org/octo-repo/releases (evil.example)',
          src: 'https://evil.example/phish'
        }
      ]
    ],
    [
      'a link to a host that starts like github.com',
      '[the release](https://github.com.evil.example/octo-org/octo-repo/releases)',
      [
        {
          label: 'the release (github.com.evil.example)',
          src: 'https://github.com.evil.example/octo-org/octo-repo/releases'
        }
      ]
    ],
    [
      'Rocket.Chat’s own link form in event text',
      'See <https://evil-example.com/phish|the release notes> now',
      [{ label: 'https://evil-example.com/phish', src: 'https://evil-example.com/phish' }]
    ]
  ])('%s', (_, markdown, expected) => {
    const text = convert(markdown)
    expect(linksIn(text)).toEqual(expected)
    expect(mentionsIn(text)).toEqual([])
  })

  it('shows a link to no web address (`guide.md`, `@all`) as its label, no link', () => {
    const text = convert('Read [the guide](guide.md), [](@all)')
    expect(linksIn(text)).toEqual([])
    expect(visibleText(text).replace(/\u200B/g, '')).toBe('Read the guide, @all')
    expect(mentionsIn(text)).toEqual([])
  })

  it('sends an address’s `@` as `%40` and drops its user part, the label showing it as written', () => {
    expect(linksIn(convert('[post](https://medium.com/@octocat/a)'))).toEqual([
      { label: 'post (medium.com)', src: 'https://medium.com/%40octocat/a' }
    ])
    const [link] = linksIn(convert('https://github.com@evil.example/a'))
    expect(link?.src).toBe('https://evil.example/a')
    expect(link?.label.replace(/\u200B/g, '')).toBe(
      'https://github.com@evil.example/a (evil.example)'
    )
  })

  it('shows Rocket.Chat’s own link form as its label followed by its address', () => {
    const text = convert('See <https://evil.example/phish|the release notes> now')
    expect(visibleText(text)).toBe('See the release notes (https://evil.example/phish) now')
  })
})

describe('githubToRocketChat: nothing completes a mention, judged by the parser and the server', () => {
  it.each([
    '*https://x.io*@all',
    '**https://x.io/a**@here',
    '__https://x.io/a__@here',
    '_https://x.io_@channel',
    '~~https://x.io~~@all',
    '`code`@all',
    '*text*@octocat',
    '[label](https://x.io)@all',
    '<https://x.io>@here',
    '[see @all](https://github.com/o/r)',
    '![@here](https://x.io/a.png)',
    '<https://x.io|ping @all>',
    'x_@herewww.github.com',
    '`ping @all` and `>@here`',
    '```\n@all deploy\n>@here\n  @octocat\n```',
    '~~~\n@all\n~~~',
    '```\n@all never closed',
    '<a href="https://x.io">@all</a>',
    '<summary>@here</summary>',
    '[](@all)',
    '[@here](@here)',
    '_*www.x.iohttps://x.io_a@b.co',
    '_[x](https://x.io/_@all)'
  ])('%j', markdown => {
    const text = convert(markdown)
    expect(mentionsIn(text)).toEqual([])
    expect(serverMentionsIn(text)).toEqual([])
  })

  it('keeps the code as written, for a reader: the break is a zero-width space', () => {
    const text = convert('```sh\n@all deploy  # ping @here\n```')
    const code = nodesOf(text).find(node => node.type === 'CODE')
    expect(textOf(code?.value).replace(/\u200B/g, '')).toBe('@all deploy  # ping @here')
  })
})

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

describe('githubToRocketChat: any mix of markdown pieces', () => {
  /** Pieces of GitHub markdown and HTML that link, format or mention, to combine at random. */
  const piece = fc.constantFrom(
    '*',
    '**',
    '_',
    '__',
    '~~',
    '`',
    '```',
    '\n',
    ' ',
    '# ',
    '> ',
    '- ',
    '1. ',
    '@',
    '@all',
    '@here',
    '@channel',
    '@octocat',
    'x',
    'word',
    '#12',
    '.',
    '[',
    ']',
    '(',
    ')',
    '](',
    '![',
    '<',
    '>',
    '|',
    '<https://x.io|',
    '<https://x.io>',
    'https://x.io',
    'https://evil.example/a',
    'www.x.io',
    'a@b.co',
    '<a href="https://evil.example">',
    '</a>',
    '<img alt="x" src="https://evil.example/i.png">',
    '<summary>',
    '</summary>',
    '<!--',
    '-->',
    '&lt;',
    '&gt;'
  )
  const markdownText = fc.array(piece, { maxLength: 14 }).map(pieces => pieces.join(''))

  it('mentions no one, by the parser or by the server, and hides no host', () => {
    fc.assert(
      fc.property(markdownText, markdown => {
        const text = convert(markdown)
        expect(mentionsIn(text)).toEqual([])
        expect(serverMentionsIn(text)).toEqual([])
        for (const { label, src } of linksIn(text)) {
          // The parser writes a bare `www.` address as `//www.…`.
          const shown = label.replace(/\u200B/g, '')
          // A link that reads as its own address hides nothing (the parser adds `//` to `www.`;
          // an address's `@` is sent as `%40`).
          const address = src
            .replace(/\u200B/g, '')
            .replace(/^\/\//, '')
            .replace(/%40/g, '@')
          if (shown === address) continue
          const host = hostOf(src.startsWith('//') ? `https:${src}` : src)
          if (host !== 'github.com') expect(shown).toContain(host)
        }
      }),
      propertyParameters('markdown(): any mix of markup pieces', 1000)
    )
  })
})
