import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inertText } from '../src/template/inert.js'
import { couldAct, MIN_PASTED_LENGTH, pastedFinder } from '../src/template/pasted.js'
import { growthRatio, itGrows, WALL_CLOCK } from './support/growth.js'
import { propertyParameters } from './support/properties.js'

const links = { serverUrl: 'https://github.com', repository: 'octo-org/octo-repo' }

const event = {
  head_commit: { message: 'Fix {{ user.name }} in the email template' },
  pull_request: { title: '@all please review', body: 'Closes #12 <!-- hidden -->', labels: [] },
  commits: [{ message: 'plain words' }, { message: 'cc @octocat' }],
  repository: { name: 'main', 'odd key': '**bold** text' }
}

/** The pasted text found in `text`, when it is the only input, as `[text, path]` pairs. */
function found(text: string, payload: unknown = event): [string, string][] {
  const finder = pastedFinder(payload, [text], links)
  return (finder?.spansIn(text) ?? []).map(span => [text.slice(span.start, span.end), span.path])
}

describe('pastedFinder: event strings found verbatim in an input', () => {
  it.each<[string, string, [string, string][]]>([
    [
      'a commit message with {{ }}',
      'Pushed: Fix {{ user.name }} in the email template',
      [['Fix {{ user.name }} in the email template', 'github.event.head_commit.message']]
    ],
    [
      'a title that mentions everyone',
      'PR: @all please review!',
      [['@all please review', 'github.event.pull_request.title']]
    ],
    [
      'an item of a list, by its index',
      'last: cc @octocat',
      [['cc @octocat', 'github.event.commits[1].message']]
    ],
    [
      'a key that is no plain name',
      '> **bold** text',
      [['**bold** text', "github.event.repository['odd key']"]]
    ],
    [
      'every occurrence',
      '@all please review / @all please review',
      [
        ['@all please review', 'github.event.pull_request.title'],
        ['@all please review', 'github.event.pull_request.title']
      ]
    ]
  ])('%s', (_, text, expected) => {
    expect(found(text)).toEqual(expected)
  })

  it.each([
    ['a string that would read the same inert', 'plain words *here*'],
    ['a string shorter than 4 characters', 'a *b* c'],
    ["the author's own words, with markup", '*Deploy* of @devops to #prod'],
    ['a string of the event that is not in the input', 'Fix {{ github.sha }}']
  ])('ignores %s', (_, text) => {
    expect(found(text, { ...event, short: '*b*', same: 'plain words' })).toEqual([])
  })

  it('merges overlapping strings into one span, named by the longest', () => {
    const payload = { a: 'review @all now', b: '@all now and later' }
    expect(found('x review @all now and later y', payload)).toEqual([
      ['review @all now and later', 'github.event.a']
    ])
  })

  it('marks GitHub markdown bodies, to be converted rather than only made inert', () => {
    const finder = pastedFinder(event, ['Closes #12 <!-- hidden -->'], links)
    expect(finder?.markdown).toBe(true)
    expect(finder?.spansIn('Closes #12 <!-- hidden -->')).toEqual([
      { start: 0, end: 26, path: 'github.event.pull_request.body', markdown: true }
    ])
    expect(pastedFinder(event, ['@all please review'], links)?.markdown).toBe(false)
  })

  it('looks at nothing when no input could act', () => {
    expect(couldAct('Deployed main to production')).toBe(false)
    expect(pastedFinder(event, ['Deployed main to production', ''], links)).toBeUndefined()
  })

  it(`takes strings from ${MIN_PASTED_LENGTH} characters: @all is the shortest that pings everyone`, () => {
    expect(found('hi @all', { title: '@all' })).toEqual([['@all', 'github.event.title']])
    expect(found('hi @al', { title: '@al' })).toEqual([])
  })

  it('finds a string exactly when it is a substring of one of the inputs', () => {
    const inputs = ['ab@ba@ab*', 'b@@a*ab@']
    const strings = [
      'ab@b',
      'b@ab*',
      'a*ab@',
      '@ab*',
      'b@@a',
      'ab@ab',
      'b@ba@ab*x',
      'a@ab*ab',
      '*ab@'
    ]
    for (const text of strings) {
      const finder = pastedFinder({ text }, inputs, links)
      const spans = inputs.flatMap(input => finder?.spansIn(input) ?? [])
      expect(spans.length > 0, text).toBe(inputs.some(input => input.includes(text)))
    }
  })
})

describe('pastedFinder: the forms event text takes on its way into an input', () => {
  const message =
    '@all look: [docs](https://evil.example) {{ env.DEPLOY_KEY }}\n\nSecond @here line'
  const payload = { head_commit: { message }, issue: { title: '@all \uFEFF' } }

  it.each<[string, string, string]>([
    ['trimmed by core.getInput: an issue title ending in U+FEFF', 'New: @all', '@all'],
    [
      'one line of a multi-line string (a step output of the subject)',
      `Broke: ${message.split('\n')[0]}`,
      '@all look: [docs](https://evil.example) {{ env.DEPLOY_KEY }}'
    ],
    ['a later line on its own', 'x Second @here line', 'Second @here line'],
    [
      'as toJSON() writes the string',
      `[{"text": ${JSON.stringify(message)}}]`,
      JSON.stringify(message).slice(1, -1)
    ],
    [
      'as toJSON() writes an object holding it',
      `Commit: ${JSON.stringify({ head_commit: { message } }, null, 2)}`,
      JSON.stringify(message).slice(1, -1)
    ]
  ])('%s', (_, input, expected) => {
    const finder = pastedFinder(payload, [input], links)
    const spans = finder?.spansIn(input) ?? []
    expect(spans.map(span => input.slice(span.start, span.end))).toContain(expected)
  })

  it('finds in a parsed attachment scalar what YAML or JSON unquoting made of the event text', () => {
    const quoted = '"@all [x](https://evil.example) {{ env.KEY }}"'
    const escaped = '\\u0040all here'
    const finder = pastedFinder(
      { pull_request: { title: quoted, body: escaped } },
      [`- text: ${quoted}\n- text: "${escaped}"`],
      links
    )
    expect(finder?.spansIn('@all [x](https://evil.example) {{ env.KEY }}')).toEqual([
      { start: 0, end: 44, path: 'github.event.pull_request.title', markdown: false }
    ])
    expect(finder?.spansIn('@all here')).toHaveLength(1)
  })

  it('finds a short end of a mention, so that the next field cannot finish it', () => {
    const finder = pastedFinder({ title: 'x @', label: 'all' }, ['x @all'], links)
    expect(finder?.spansIn('x @all')).toEqual([
      { start: 0, end: 3, path: 'github.event.title', markdown: false }
    ])
    expect(pastedFinder({ title: 'x @' }, ['x @'], links)?.spansIn('x @')).toHaveLength(1)
  })
})

describe('pastedFinder: any strings, any inputs', () => {
  /** Few letters, so that strings and inputs share long stretches: the index's hard cases. */
  const text = (min: number, max: number) =>
    fc
      .array(fc.constantFrom('a', 'b', '@', '*', '_', '>'), { minLength: min, maxLength: max })
      .map(c => c.join(''))

  it('finds a string exactly when it occurs in an input and would act there', () => {
    fc.assert(
      fc.property(
        // Inputs made of the strings and bits of filler, so that most strings do occur.
        fc.array(text(4, 10), { minLength: 1, maxLength: 6 }).chain(strings =>
          fc.tuple(
            fc.constant(strings),
            fc.array(
              fc
                .array(fc.oneof(fc.constantFrom(...strings), text(0, 4)), { maxLength: 6 })
                .map(pieces => pieces.join('')),
              { maxLength: 3 }
            )
          )
        ),
        ([strings, inputs]) => {
          const finder = pastedFinder({ strings }, inputs, links)
          const acts = (string: string) => inertText(string, links) !== string
          for (const input of inputs) {
            const spans = finder?.spansIn(input) ?? []
            // Each string that would act is found where it occurs.
            for (const string of strings.filter(acts)) {
              const at = input.indexOf(string)
              if (at < 0) continue
              const covered = spans.some(span => span.start <= at && at + string.length <= span.end)
              expect(covered, `${string} in ${input}`).toBe(true)
            }
            // Each span starts with such a string: nothing else is taken for pasted text.
            for (const span of spans) {
              const starts = strings.some(
                string => acts(string) && input.startsWith(string, span.start)
              )
              expect(starts, `${input.slice(span.start, span.end)} in ${input}`).toBe(true)
            }
          }
        }
      ),
      propertyParameters('pastedFinder: any strings, any inputs', 300)
    )
  })

  it('keeps a span GitHub markdown only while all of it is the markdown body', () => {
    const payload = { pull_request: { body: '@all body text and more' }, title: '@all body' }
    expect(
      pastedFinder(payload, ['x @all body text and more'], links)?.spansIn(
        'x @all body text and more'
      )
    ).toEqual([{ start: 2, end: 25, path: 'github.event.pull_request.body', markdown: true }])
    const spill = { pull_request: { body: '@all body text' }, title: 'body text and @here more' }
    expect(
      pastedFinder(spill, ['x @all body text and @here more'], links)?.spansIn(
        'x @all body text and @here more'
      )
    ).toEqual([{ start: 2, end: 31, path: 'github.event.pull_request.body', markdown: false }])
  })

  it('writes a key with a quote as GitHub expressions quote it', () => {
    expect(found('see @all now', { "it's": '@all now' })).toEqual([
      ['@all now', "github.event['it''s']"]
    ])
  })
})

describe('pastedFinder: linear in the payload and the inputs', () => {
  /** A search over `n` characters of input and about as many of payload. */
  const search = (input: string, payload: unknown) => () =>
    pastedFinder(payload, [input], links)?.spansIn(input)
  /** A small alphabet and many near matches: strings that match the input far, then fail. */
  const hostile = (n: number) =>
    search('a@'.repeat(n / 2), {
      strings: Array.from({ length: n / 100 }, () => `${'a@'.repeat(40)}x`),
      last: `${'a@'.repeat(n / 4)}b`
    })
  /** The same sizes with nothing alike: what linear costs on this machine, cache misses and all. */
  const plain = (n: number) =>
    search(`${'abcdefghij'.repeat(n / 10 - 1)}abcdefghi@`, {
      strings: Array.from({ length: n / 100 }, (_, i) => `${'z'.repeat(80)}${String(i)}`),
      last: 'y'.repeat(n / 2)
    })

  itGrows(
    'grows with tenfold hostile input as it does with tenfold plain input, not tenfold more',
    () => {
      const options = { rounds: 3 }
      // Counted, a tenfold step tells linear from quadratic at any size; timed (the nightly job),
      // a step takes long enough to measure.
      const [small, large] = WALL_CLOCK ? [100_000, 1_000_000] : [10_000, 100_000]
      const hostileGrowth = growthRatio(hostile(small), hostile(large), options)
      const plainGrowth = growthRatio(plain(small), plain(large), options)
      // Counted, 1.0; timed, 0.7 to 1.1 on an idle and a loaded machine; a quadratic search would
      // be about 10.
      const ratio = hostileGrowth / plainGrowth
      expect(
        ratio,
        `hostile ${hostileGrowth.toFixed(1)}x, plain ${plainGrowth.toFixed(1)}x`
      ).toBeLessThan(3)
    }
  )
})
