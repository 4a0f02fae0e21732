import { describe, expect, it } from 'vitest'
import { readAnswer } from '../src/rocketchat/answer.js'
import { composeText } from '../src/rocketchat/message.js'
import { defuseRoomMentions, inertText } from '../src/template/inert.js'
import { githubToRocketChat } from '../src/template/markdown.js'
import { previewHtml } from '../src/template/preview.js'
import { growthRatio, countWork, timed, WALL_CLOCK } from './support/growth.js'

/**
 * Every text transform that sees event text or a server's answer, fed hostile input at 10 k, 100 k
 * and 1 M characters: each tenfold step may cost about ten times as much, never a hundred (a
 * quadratic pattern) or a thousand (the cubic one that held a step 217 s on 40 k characters).
 * Growth ratios of counted work (test/support/growth.ts), not wall time; the nightly job times the
 * same steps.
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
    'backtick runs of mixed lengths, 0 to 99',
    size =>
      Array.from({ length: size / 50 }, (_, i) => '`'.repeat((i * 37) % 100) + 'x')
        .join('')
        .slice(0, size)
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

/**
 * Timed, inputs large enough that a step takes milliseconds; counted, a tenfold step tells linear
 * from quadratic at any size, and smaller inputs keep the counting quick.
 */
const SIZES = WALL_CLOCK ? [10_000, 100_000, 1_000_000] : [2_000, 20_000, 200_000]
/**
 * A tenfold step of a linear transform costs about 10x, of a quadratic one 100x or more. Counted
 * (`npm test`), linear steps measure 10x to 11x. Timed (the nightly job), a machine busy with other
 * tests and the garbage collector on a million-character input have pushed a linear step to 61x;
 * 80x still fails every quadratic pattern this project has had.
 */
const MAX_GROWTH = WALL_CLOCK ? 80 : 20
/** Doubling the input of a linear transform costs about 2x; a quadratic one 4x. */
const MAX_DOUBLING = 3
/** Timed, a doubling is judged only when it takes this long: below, noise can triple a time. */
const GUARD_MS = 100
/** Timed, below this, timer and scheduler noise are most of a measurement. */
const FLOOR_MS = 5

/** How much more work `big` takes than `small` (timed: the fastest of each, over alternate rounds). */
const step = (transform: (text: string) => unknown, small: string, big: string): number =>
  growthRatio(
    () => transform(small),
    () => transform(big),
    { rounds: 3, floorMs: FLOOR_MS }
  )

/** Whether doubling the input more than triples the work. Timed, one slow run may be the machine: a doubling that looks super-linear is measured again. */
function doublesTooFast(
  transform: (text: string) => unknown,
  small: string,
  twice: string
): boolean {
  if (!WALL_CLOCK) return step(transform, small, twice) > MAX_DOUBLING
  transform(small)
  const doubling = timed(() => transform(twice))
  const suspect =
    doubling > GUARD_MS &&
    doubling /
      Math.max(
        timed(() => transform(small)),
        1
      ) >
      MAX_DOUBLING
  return suspect && step(transform, small, twice) > MAX_DOUBLING
}

/**
 * The cost of each tenfold step. A doubling first, from 10 k to 20 k, stops a super-linear
 * transform before a step that would take minutes; and no step runs after one that grew too fast.
 */
function growth(transform: (text: string) => unknown, make: (size: number) => string): number[] {
  const smallest = SIZES[0] ?? 0
  if (doublesTooFast(transform, make(smallest), make(2 * smallest))) return [Infinity]
  const ratios: number[] = []
  for (const [i, size] of SIZES.slice(1).entries()) {
    const [small, big] = [make(SIZES[i] ?? 0), make(size)]
    let ratio = step(transform, small, big)
    // Timed, as with the doubling: a step over the bound is measured once more, and the faster
    // counts. A busy moment seldom strikes twice; a quadratic pattern is over the bound every time.
    if (WALL_CLOCK && ratio >= MAX_GROWTH) ratio = Math.min(ratio, step(transform, small, big))
    ratios.push(Math.round(ratio * 10) / 10)
    if (ratio >= MAX_GROWTH) break
  }
  return ratios
}

function table(name: string, transform: (text: string) => unknown, families: Family[]): void {
  describe(name, () => {
    it.each(families)('%s', (_, make) => {
      // Counted, the smallest input's work shows the count saw the text: a transform that no
      // longer searches it with regular expressions needs a counter of its own here.
      if (!WALL_CLOCK) {
        expect(countWork(() => transform(make(SIZES[0] ?? 0)))).toBeGreaterThan((SIZES[0] ?? 0) / 2)
      }
      const ratios = growth(transform, make)
      expect(ratios).toHaveLength(SIZES.length - 1)
      for (const ratio of ratios) expect(ratio).toBeLessThan(MAX_GROWTH)
    })
  })
}

describe(`text transforms grow linearly with hostile input (${SIZES.join(', ')} characters)`, () => {
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
