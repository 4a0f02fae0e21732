import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { alignInput, filledInFinder, stepCandidates } from '../src/template/workflow-source.js'
import { propertyParameters } from './support/properties.js'

/** The filled-in text of `value`, as `[text, written]` pairs, or undefined when it does not align. */
function filled(source: string, value: string, trimmed = false): [string, string][] | undefined {
  return alignInput(source, value, trimmed)?.map(span => [
    value.slice(span.start, span.end),
    span.written
  ])
}

describe('alignInput: the author literal, every ${{ }} filled in data', () => {
  it.each<[string, string, string, boolean, [string, string][] | undefined]>([
    [
      'no expression: all the author',
      '@here {{ github.sha }}',
      '@here {{ github.sha }}',
      false,
      []
    ],
    [
      'a step output after the author literal',
      'Build broke: ${{ steps.meta.outputs.subject }}',
      'Build broke: @all [x](https://evil.example)',
      false,
      [['@all [x](https://evil.example)', '${{ steps.meta.outputs.subject }}']]
    ],
    [
      'two fields side by side: one run of data',
      '${{ github.event.issue.title }}${{ github.event.issue.labels[0].name }}',
      'x @all',
      false,
      [['x @all', '${{ github.event.issue.title }}']]
    ],
    [
      'a literal between two: placed once',
      '@here ${{ a }} and ${{ b }}!',
      '@here one and two!',
      false,
      [
        ['one', '${{ a }}'],
        ['two', '${{ b }}']
      ]
    ],
    [
      'a literal that also occurs in the data: ambiguous, so data',
      '${{ a }} and ${{ b }}',
      'x and y and z',
      false,
      [['x and y and z', '${{ a }}']]
    ],
    [
      'trimmed by core.getInput: U+FEFF at the end of the filled-in text',
      'New: ${{ github.event.issue.title }}',
      'New: @all',
      true,
      [['@all', '${{ github.event.issue.title }}']]
    ],
    [
      "a '}}' inside a string literal of the expression",
      "${{ format('}}{0}', github.actor) }} @here",
      '}}octocat @here',
      false,
      [['}}octocat', "${{ format('}}{0}', github.actor) }}"]]
    ],
    [
      'a value the source cannot give: another step, or a changed file',
      'Build: ${{ x }}',
      'Deploy: y',
      false,
      undefined
    ],
    ['a literal the value lacks', '${{ a }} done ${{ b }}', 'x finished y', false, undefined]
  ])('%s', (_, source, value, trimmed, expected) => {
    expect(filled(source, value, trimmed)).toEqual(expected)
  })
})

describe('alignInput: any source, any filled-in values', () => {
  /** Few letters, so that literals and values share long stretches: the ambiguous cases. */
  const text = (max: number) =>
    fc.array(fc.constantFrom('a', 'b', '@', ' '), { maxLength: max }).map(c => c.join(''))

  it('covers every character a ${{ }} filled in, and takes no literal of the author for data unless it could be one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text(4), text(5)), { minLength: 1, maxLength: 4 }),
        text(4),
        (pieces, tail) => {
          let source = ''
          let value = ''
          const filled: boolean[] = []
          for (const [index, [literal, data]] of pieces.entries()) {
            source += `${literal}\${{ e${index} }}`
            value += literal + data
            filled.push(...Array.from(literal, () => false), ...Array.from(data, () => true))
          }
          source += tail
          value += tail
          filled.push(...Array.from(tail, () => false))
          const spans = alignInput(source, value, false)
          expect(spans).toBeDefined()
          const covered = (at: number) => (spans ?? []).some(s => s.start <= at && at < s.end)
          filled.forEach((isData, at) => {
            if (isData) expect(covered(at), `${at} in ${JSON.stringify(value)}`).toBe(true)
          })
          // With no value filled in at all, every character is the author's.
          if (!filled.includes(true)) expect(spans).toEqual([])
        }
      ),
      propertyParameters('alignInput: any source, any filled-in values', 500)
    )
  })
})

describe('stepCandidates: this step in the workflow file', () => {
  const workflow = [
    'on: push',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - id: notify',
    '        uses: rocketchat-notify/action@v1',
    '        with:',
    '          Title: "${{ github.event.issue.title }}"',
    '          retries: 3',
    '  called:',
    '    uses: ./.github/workflows/reusable.yml'
  ].join('\n')

  it('finds the step by its id, its with: keys lower case and values as text', () => {
    expect(stepCandidates(workflow, 'build', 'notify')).toEqual([
      new Map([
        ['title', '${{ github.event.issue.title }}'],
        ['retries', '3']
      ])
    ])
  })

  it('offers every step that uses an action and has no id, when the id is not there', () => {
    expect(stepCandidates(workflow, 'build', '__actions_checkout')).toEqual([new Map()])
  })

  it.each([
    ['the job is not there', 'deploy', 'the job deploy is not in the workflow file'],
    ['the job calls a reusable workflow', 'called', 'the job called calls a reusable workflow']
  ])('says why when %s', (_, job, missing) => {
    expect(stepCandidates(workflow, job, 'notify')).toEqual({ missing })
  })
})

describe('filledInFinder: the filled-in text of each template', () => {
  it('an attachments string whose source overlaps a filled-in span is data after unquoting', () => {
    const attachments = '- title: "@all {{ env.KEY }}"\n  text: "@here {{ github.sha }}"'
    const start = attachments.indexOf('"@all')
    const end = attachments.indexOf('\n')
    const finder = filledInFinder([], {
      value: attachments,
      spans: [{ start, end, written: '${{ github.event.pull_request.title }}' }]
    })
    expect(finder.spansIn('@all {{ env.KEY }}')).toEqual([
      {
        start: 0,
        end: 18,
        path: 'github.event.pull_request.title',
        markdown: false,
        written: '${{ github.event.pull_request.title }}'
      }
    ])
    expect(finder.spansIn('@here {{ github.sha }}')).toEqual([])
  })

  it('a pull request body filled in is converted as markdown() would', () => {
    const finder = filledInFinder(
      [
        {
          value: 'Notes: x',
          spans: [{ start: 7, end: 8, written: '${{ github.event.release.body }}' }]
        }
      ],
      undefined
    )
    expect(finder.markdown).toBe(true)
  })
})
