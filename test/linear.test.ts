import { describe, expect, it } from 'vitest'
import { readAnswer } from '../src/rocketchat/answer.js'
import { composeText } from '../src/rocketchat/message.js'
import { defuseRoomMentions, inertText } from '../src/template/inert.js'
import { githubToRocketChat } from '../src/template/markdown.js'
import { previewHtml } from '../src/template/preview.js'
import { growthRatio, timed } from './support/growth.js'

/**
 * Every text transform that sees event text or a server's answer, fed hostile input at 10 k, 100 k
 * and 1 M characters: each tenfold step may cost about ten times as much, never a hundred (a
 * quadratic pattern) or a thousand (the cubic one that held a step 217 s on 40 k characters).
 * Growth ratios, not wall time: the machine's speed cancels out.
 */

const links = { serverUrl: 'https://github.com', repository: 'octo-org/octo-repo' }
const markdown = (text: string): string =>
  githubToRocketChat(text, { links, fullText: '', limit: Number.MAX_SAFE_INTEGER })

/** `unit` repeated to `size` characters, after `head` and before `tail`. */
const repeat =
  (unit: string, head = '', tail = '') =>
  (size: number): string =>
    head + unit.repeat(Math.ceil((size - head.length - tail.length) / unit.length)) + tail

type Family = [name: string, make: (size: number) => string]

const MARKDOWN: Family[] = [
  ['<a href="" repeated', repeat('<a href="" ')],
  ['<a href="x"> never closed', repeat('<a href="x">x ')],
  ['<details repeated', repeat('<details ')],
  ['<summary> never closed', repeat('<summary>x ')],
  ['<!-- repeated', repeat('<!-- ')],
  ['<img src=" repeated', repeat('<img src="')],
  ['a run of backticks', repeat('`')],
  ['a run of backticks in a line', repeat('`', 'text ')],
  [
    'backtick runs of growing length',
    size => Array.from({ length: size / 200 }, (_, i) => '`'.repeat(i % 100) + 'x').join('')
  ],
  ['code spans of HTML and entities', repeat('`<a href="" &lt;` ')],
  ['a run of [', repeat('[')],
  ['[a]( repeated', repeat('[a](')],
  ['![a](( repeated', repeat('![a]((')],
  ['a heading with many spaces', repeat(' ', '#', 'x')],
  ['a heading of words and #', repeat('a #', '# ')],
  ['a list item with many spaces', repeat(' ', '-', 'x\u2028x')],
  ['a dashed line that is no rule', repeat('- ', '', 'x')],
  ['a quote with line separators', repeat(' \u2028', '>')],
  ['**a repeated', repeat('**a ')],
  ['*a repeated', repeat('*a ')],
  ['__a repeated', repeat('__a ')],
  ['a@ repeated', repeat('a@')],
  ['@a. repeated', repeat('@a.')],
  ['#1 then digits', repeat('1', '#', 'a')],
  ['https:// then dots', repeat('.', 'https://')],
  ['URL with _@ repeated', repeat('_@', 'https://x.io/')],
  ['URL with underscores', repeat('_', 'https://x.io/', '@')],
  ['<https://x.io| repeated', repeat('<https://x.io|')],
  ['a code block of @all', repeat('@all >@here\n', '```\n', '```')],
  ['lines of ```', repeat('```\n')],
  ['&lt; repeated', repeat('&lt;')],
  ['setext underlines', repeat('a\n---\n')]
]

const INERT: Family[] = [
  ['x_@ repeated', repeat('x_@')],
  ['www. repeated', repeat('www.')],
  ['( then www.', repeat('(', '', 'www.x')],
  ['a@b. repeated', repeat('a@b.')],
  ['@ repeated', repeat('@')],
  ['markup characters', repeat('`*_~|\\#<]')],
  ['URL then brackets', repeat('(', 'https://x.io/')],
  ['lines that open blocks', repeat('\n# - 1. > ')]
]

const PREVIEW: Family[] = [
  ['a run of [', repeat('[')],
  ['<https://x.io| repeated', repeat('<https://x.io|')],
  ['a run of backticks', repeat('`')],
  ['**a repeated', repeat('**a')],
  ['[a](https:// repeated', repeat('[a](https://')]
]

const ANSWER: Family[] = [
  ['< repeated', repeat('<')],
  ['spaces', repeat(' ', 'x', 'x')]
]

const SIZES = [10_000, 100_000, 1_000_000]
/**
 * A tenfold step of a linear transform costs about 10x, of a quadratic one 100x or more. A machine
 * busy with other tests, and the garbage collector on a million-character input, have pushed a
 * linear step to 61x; 80x still fails every quadratic pattern this project has had.
 */
const MAX_GROWTH = 80
/** Doubling the input of a linear transform costs about 2x; a quadratic one 4x. */
const MAX_DOUBLING = 3
/** A doubling is judged only when it takes this long: below, noise can triple a time. */
const GUARD_MS = 100
/** Below this, timer and scheduler noise are most of a measurement. */
const FLOOR_MS = 5

/** How much longer `big` takes than `small`: the fastest of each, over rounds that alternate them. */
const step = (transform: (text: string) => unknown, small: string, big: string): number =>
  growthRatio(
    () => transform(small),
    () => transform(big),
    { rounds: 3, floorMs: FLOOR_MS }
  )

/**
 * The cost of each tenfold step. A slow doubling first, from 10 k to 20 k, stops a super-linear
 * transform before a step that would take minutes; and no step runs after one that grew too fast.
 */
function growth(transform: (text: string) => unknown, make: (size: number) => string): number[] {
  const smallest = SIZES[0] ?? 0
  const [small, twice] = [make(smallest), make(2 * smallest)]
  transform(small)
  const doubling = timed(() => transform(twice))
  // One slow run may be the machine: a doubling that looks super-linear is measured again.
  const suspect =
    doubling > GUARD_MS &&
    doubling /
      Math.max(
        timed(() => transform(small)),
        1
      ) >
      MAX_DOUBLING
  if (suspect && step(transform, small, twice) > MAX_DOUBLING) return [Infinity]
  const ratios: number[] = []
  for (const [i, size] of SIZES.slice(1).entries()) {
    const [small, big] = [make(SIZES[i] ?? 0), make(size)]
    let ratio = step(transform, small, big)
    // As with the doubling: a step over the bound is measured once more, and the faster counts. A
    // busy moment seldom strikes twice; a quadratic pattern is over the bound every time.
    if (ratio >= MAX_GROWTH) ratio = Math.min(ratio, step(transform, small, big))
    ratios.push(Math.round(ratio * 10) / 10)
    if (ratio >= MAX_GROWTH) break
  }
  return ratios
}

function table(name: string, transform: (text: string) => unknown, families: Family[]): void {
  describe(name, () => {
    it.each(families)('%s', (_, make) => {
      const ratios = growth(transform, make)
      expect(ratios).toHaveLength(SIZES.length - 1)
      for (const ratio of ratios) expect(ratio).toBeLessThan(MAX_GROWTH)
    })
  })
}

describe('text transforms grow linearly with hostile input (10 k, 100 k, 1 M characters)', () => {
  table('markdown()', markdown, MARKDOWN)
  table('inertText', text => inertText(text, links), INERT)
  table('defuseRoomMentions', defuseRoomMentions, [['@all repeated', repeat('@all')]])
  table('the summary preview', previewHtml, PREVIEW)
  table('a message with a title', text => composeText(text, text, 'markdown'), [
    ['heading characters', repeat('#- \n')]
  ])
  table(
    'a server answer that is not JSON',
    text => readAnswer({ status: 502, headers: {}, text, json: undefined }),
    ANSWER
  )
})
