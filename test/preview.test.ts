import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { githubToRocketChat } from '../src/template/markdown.js'
import { inertText } from '../src/template/inert.js'
import { previewHtml } from '../src/template/preview.js'
import { linksIn, nodesOf, textOf } from './support/parser.js'

const links = { serverUrl: 'https://github.com', repository: 'octo-org/octo-repo' }
const fixture = (name: string): string =>
  readFileSync(new URL(`fixtures/markdown/${name}`, import.meta.url), 'utf8')

/** Messages as the action sends them: converted notes, inert titles, a default-style line. */
const MESSAGES: [string, string][] = [
  ['release notes', githubToRocketChat(fixture('release-notes.md'), { links, fullText: '' })],
  [
    'a pull request body',
    githubToRocketChat(fixture('pull-request-body.md'), { links, fullText: '' })
  ],
  [
    'a hostile title',
    `# PR: ${inertText('Fix *everything* [now](https://evil.example/login) @alice <b>', links)}`
  ],
  [
    'a default line',
    '❌ CI failed on main: fix ~~old~~ _new_ `code` · <https://github.com/o/r/actions/runs/1|run #42>'
  ]
]

const unescape = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

function htmlElements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map(match =>
    unescape(match[1] ?? '')
  )
}

function parserTexts(text: string, type: string): string[] {
  return nodesOf(text)
    .filter(node => node.type === type)
    .map(node => textOf(node.value))
}

describe('previewHtml shows what Rocket.Chat’s parser reads', () => {
  it.each(MESSAGES)('%s: the same links, bold, italic, strike, code and headings', (_, text) => {
    const html = previewHtml(text)
    const anchors = [...html.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)].map(match => ({
      label: unescape(match[2] ?? ''),
      src: unescape(match[1] ?? '')
    }))
    expect(anchors).toEqual(linksIn(text))
    expect(htmlElements(html, 'strong')).toEqual(parserTexts(text, 'BOLD'))
    expect(htmlElements(html, 'em')).toEqual(parserTexts(text, 'ITALIC'))
    expect(htmlElements(html, 'del')).toEqual(parserTexts(text, 'STRIKE'))
    expect(htmlElements(html, 'h[1-4]')).toEqual(parserTexts(text, 'HEADING'))
    expect(htmlElements(html, 'pre')).toEqual(
      nodesOf(text)
        .filter(node => node.type === 'CODE')
        .map(node => (node.value as unknown[]).map(line => textOf(line)).join('\n'))
    )
  })

  it('escapes everything else: no tag from the message reaches the summary', () => {
    const html = previewHtml('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x>')
    expect(html).not.toMatch(/<(script|img)|href="javascript/)
  })
})
