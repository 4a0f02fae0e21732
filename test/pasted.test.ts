import { describe, expect, it } from 'vitest'
import { couldAct, MIN_PASTED_LENGTH, pastedFinder } from '../src/template/pasted.js'

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

describe('pastedFinder: linear in the payload and the inputs', () => {
  /** Milliseconds for one search. */
  function time(payload: unknown, input: string): number {
    const started = performance.now()
    pastedFinder(payload, [input], links)?.spansIn(input)
    return performance.now() - started
  }

  /** The best time of each, the two taken in turn so that a busy moment hits both alike. */
  function bestOfEach(runs: { payload: unknown; input: string }[]): number[] {
    const best = runs.map(() => Infinity)
    for (let round = 0; round < 7; round++) {
      runs.forEach((run, i) => {
        best[i] = Math.min(best[i] ?? Infinity, time(run.payload, run.input))
      })
    }
    return best
  }

  it('grows about fourfold, not sixteenfold, with fourfold hostile input (a small alphabet, many near matches)', () => {
    const hostile = (n: number): { payload: unknown; input: string } => {
      const input = 'a@'.repeat(n / 2)
      // Strings that match the input for a long way, then fail at the last character.
      const strings = Array.from({ length: n / 100 }, () => `${'a@'.repeat(40)}x`)
      return { payload: { strings, last: `${'a@'.repeat(n / 4)}b` }, input }
    }
    // Both sizes past a processor's cache, so the ratio measures the algorithm, not the memory.
    const small = hostile(100_000)
    const large = hostile(400_000)
    // Linear is about 4x (memory latency adds some); quadratic would be 16x.
    const [smallMs = 0, largeMs = 0] = bestOfEach([small, large])
    const ratio = largeMs / smallMs
    expect(ratio, `ratio ${ratio.toFixed(1)}`).toBeLessThan(10)
  })
})
