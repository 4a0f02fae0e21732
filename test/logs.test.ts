import { describe, expect, it } from 'vitest'
import { failingStepLog, logExcerpt } from '../src/github/logs.js'
import { growthRatio, itGrows, MAX_TWENTYFOLD_GROWTH, WALL_CLOCK } from './support/growth.js'

/** A runner's log line: a timestamp with 7 fractional digits, then the text. */
const at = (second: number, text: string) =>
  `2026-12-01T10:00:${String(second).padStart(2, '0')}.1234567Z ${text}`

/** Three steps: checkout (seconds 0-1), test (2-5, fails), a post step (7). */
const LOG = [
  `\uFEFF${at(0, '##[group]Run actions/checkout@v4')}`,
  at(0, 'with: fetch-depth: 1'),
  at(0, '##[endgroup]'),
  at(1, 'Checked out'),
  at(2, '##[group]Run npm test'),
  at(2, '\u001b[36;1mnpm test\u001b[0m'),
  at(2, '##[endgroup]'),
  at(3, '##[group]vitest output'),
  at(3, '\u001b[31m×\u001b[39m adds'),
  at(3, '##[endgroup]'),
  at(4, '##[error]AssertionError: expected 2 to be 3'),
  at(4, '##[debug]exit code 1'),
  at(4, '  at test/sum.test.ts:12'),
  at(5, '##[error]Process completed with exit code 1.'),
  at(7, 'Post job cleanup.'),
  at(7, '##[group]Run actions/checkout@v4 (post)'),
  ''
].join('\n')

const TEST_STEP = {
  name: 'Run npm test',
  number: 2,
  startedAt: '2026-12-01T10:00:02Z',
  completedAt: '2026-12-01T10:00:05Z'
}

/** The test step's lines as the log page shows them. */
const STEP_LINES = [
  'Run npm test',
  'npm test',
  'vitest output',
  '× adds',
  'Error: AssertionError: expected 2 to be 3',
  '  at test/sum.test.ts:12',
  'Error: Process completed with exit code 1.'
]

describe('logExcerpt', () => {
  it('quotes the failing step by its times: errors first, then its last lines, plain text', () => {
    expect(logExcerpt(LOG, TEST_STEP, 2)).toBe(
      [
        'Error: AssertionError: expected 2 to be 3',
        '…',
        '  at test/sum.test.ts:12',
        'Error: Process completed with exit code 1.'
      ].join('\n')
    )
  })

  it('ends before the post steps that start within the step’s last second', () => {
    const log = LOG.replace(at(7, 'Post job cleanup.'), at(5, 'Post job cleanup.'))
    expect(logExcerpt(log, TEST_STEP, 1)).toBe(
      'Error: AssertionError: expected 2 to be 3\n…\nError: Process completed with exit code 1.'
    )
  })

  it('shows group titles, hides group ends and debug lines, strips colours', () => {
    expect(logExcerpt(LOG, TEST_STEP, 100).split('\n')).toEqual(STEP_LINES)
  })

  it('finds the step by its ##[group] marker when its times are unknown, ending before the post steps', () => {
    const step = { name: 'Run npm test', number: 2 }
    expect(logExcerpt(LOG, step, 1)).toBe(
      'Error: AssertionError: expected 2 to be 3\n…\nError: Process completed with exit code 1.'
    )
    expect(logExcerpt(LOG, step, 100).split('\n')[0]).toBe('Run npm test')
  })

  it('of two steps with the same name, quotes the last one (the one that failed) by its marker', () => {
    const passed = [
      at(1, '##[group]Run npm test'),
      at(1, '##[endgroup]'),
      at(1, 'first pass: all green'),
      ''
    ].join('\n')
    const log = LOG.replace(at(1, 'Checked out'), passed + at(1, 'Checked out'))
    const lines = logExcerpt(log, { name: 'Run npm test', number: 3 }, 100).split('\n')
    expect(lines).toEqual(STEP_LINES)
  })

  it('falls back to the end of the log when the step cannot be found', () => {
    const end = [
      'Error: AssertionError: expected 2 to be 3',
      'Error: Process completed with exit code 1.',
      '…',
      'Run actions/checkout@v4 (post)'
    ].join('\n')
    expect(logExcerpt(LOG, { name: 'Run lint', number: 3 }, 1)).toBe(end)
    expect(logExcerpt(LOG, undefined, 1)).toBe(end)
  })

  it('keeps a last line cut mid-text, and drops one cut inside its timestamp', () => {
    expect(
      logExcerpt(`${at(1, 'make: *** Error 2')}\n${at(2, 'Segmentation fau')}`, undefined, 5)
    ).toBe('make: *** Error 2\nSegmentation fau')
    expect(logExcerpt(`${at(1, 'make: *** Error 2')}\n2026-12-01T10:0`, undefined, 5)).toBe(
      'make: *** Error 2'
    )
  })

  it('bounds every line and quotes nothing for 0 lines', () => {
    const long = logExcerpt(at(1, 'x'.repeat(5000)), undefined, 1)
    expect(Array.from(long)).toHaveLength(300)
    expect(logExcerpt(LOG, TEST_STEP, 0)).toBe('')
  })

  itGrows('reads twenty times the lines in twenty times the work, not more', () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        at(3, `line ${i} \u001b[31mred\u001b[0m ${'`'.repeat(50)}`)
      ).join('\n')
    // Counted, any size shows the growth; timed (the nightly job), 100,000 lines.
    const [smallCount, largeCount] = WALL_CLOCK ? [5000, 100_000] : [1000, 20_000]
    const small = lines(smallCount)
    const large = lines(largeCount)
    const ratio = growthRatio(
      () => logExcerpt(small, TEST_STEP, 15),
      () => logExcerpt(large, TEST_STEP, 15)
    )
    expect(logExcerpt(large, TEST_STEP, 1)).toBe(`line ${largeCount - 1} red ${'`'.repeat(50)}`)
    expect(ratio).toBeLessThan(MAX_TWENTYFOLD_GROWTH)
  })

  itGrows('strips a line of open escapes and rewrites in time that grows with it', () => {
    const line = (n: number) => at(3, '\u001b]8;;x\r\u001b['.repeat(n))
    const small = line(5000)
    const large = line(100_000)
    const ratio = growthRatio(
      () => logExcerpt(small, undefined, 1),
      () => logExcerpt(large, undefined, 1)
    )
    expect(ratio).toBeLessThan(MAX_TWENTYFOLD_GROWTH)
  })
})

describe('logExcerpt: finding the step', () => {
  /** The test step, named in the workflow: the log's group still says what it ran. */
  const NAMED = { ...TEST_STEP, name: 'Unit tests' }

  it('by its times alone when no group bears its name (a step with a name: of its own)', () => {
    expect(logExcerpt(LOG, NAMED, 100).split('\n')).toEqual(STEP_LINES)
  })

  it('from its group marker within its times, when the step before ended in the same second', () => {
    const log = LOG.replace(at(1, 'Checked out'), at(2, 'Checked out'))
    expect(logExcerpt(log, TEST_STEP, 100).split('\n')).toEqual(STEP_LINES)
  })

  it('with times the API gives to the millisecond counted from the start of their second', () => {
    const step = { ...NAMED, startedAt: '2026-12-01T10:00:02.500Z' }
    expect(logExcerpt(LOG, step, 100).split('\n')).toEqual(STEP_LINES)
  })

  it('not past the end of its last second: a line at the next second is the next step’s', () => {
    const log = LOG.replace(at(7, 'Post job cleanup.'), '2026-12-01T10:00:06.0000000Z next step')
    expect(logExcerpt(log, NAMED, 100).split('\n')).toEqual(STEP_LINES)
  })

  it('by its marker when it is the log’s first step, ending before the post steps', () => {
    const checkout = { name: 'Run actions/checkout@v4', number: 1 }
    expect(
      logExcerpt(
        LOG.split('\n').slice(0, 4).join('\n') + `\n${at(7, 'Post job cleanup.')}`,
        checkout,
        100
      )
    ).toBe('Run actions/checkout@v4\nwith: fetch-depth: 1\nChecked out')
  })

  it('ends before the runner’s orphan-process clean-up too', () => {
    const log = LOG.replace(at(7, 'Post job cleanup.'), at(5, 'Cleaning up orphan processes'))
    expect(logExcerpt(log, { name: 'Run npm test', number: 2 }, 1)).toBe(
      'Error: AssertionError: expected 2 to be 3\n…\nError: Process completed with exit code 1.'
    )
  })
})

describe('logExcerpt: the lines as the log page shows them', () => {
  it('shows warnings and notices by their kind', () => {
    const log = [at(1, '##[warning]Node 16 is deprecated'), at(1, '##[notice]Cache restored')].join(
      '\n'
    )
    expect(logExcerpt(log, undefined, 5)).toBe(
      'Warning: Node 16 is deprecated\nNotice: Cache restored'
    )
  })

  it('strips control characters and every kind of escape sequence', () => {
    const log = at(1, 'step \u0007 \u001b[?25ldone\u001b[?25h \u001bMok')
    expect(logExcerpt(log, undefined, 1)).toBe('step  done ok')
  })

  it('keeps the last rewrite of a line a progress bar redrew with \\r, and a CRLF line whole', () => {
    const log = [at(1, 'progress 10%\r50%\r100% done'), at(1, 'windows line\r')].join('\n')
    expect(logExcerpt(log, undefined, 2)).toBe('100% done\nwindows line')
  })

  it.each([
    ['ended by ESC \\', '\u001b]8;;https://evil.example/x\u001b\\the docs\u001b]8;;\u001b\\ here'],
    ['ended by BEL', '\u001b]8;;https://evil.example/x\u0007the docs\u001b]8;;\u0007 here'],
    ['with parameters', '\u001b]8;id=1;https://evil.example/x\u0007the docs\u001b]8;;\u0007 here']
  ])('leaves only the label of an OSC 8 hyperlink %s', (_, text) => {
    expect(logExcerpt(at(1, `see ${text}`), undefined, 1)).toBe('see the docs here')
  })

  it('drops an OSC sequence left open to the end of its line, and a window title', () => {
    const log = [at(1, 'a\u001b]0;title\u0007b'), at(1, 'c\u001b]8;;https://evil.example/x')].join(
      '\n'
    )
    expect(logExcerpt(log, undefined, 2)).toBe('ab\nc')
  })

  it('quotes at most the first five errors before the last lines', () => {
    const errors = Array.from({ length: 7 }, (_, i) => at(1, `##[error]failure ${i + 1}`))
    const log = [...errors, at(2, 'last line')].join('\n')
    expect(logExcerpt(log, undefined, 1).split('\n')).toEqual([
      'Error: failure 1',
      'Error: failure 2',
      'Error: failure 3',
      'Error: failure 4',
      'Error: failure 5',
      '…',
      'last line'
    ])
  })

  it('cuts a line by its characters, not its UTF-16 units', () => {
    const faces = '😀'.repeat(300)
    expect(logExcerpt(at(1, faces), undefined, 1)).toBe(faces)
    expect(Array.from(logExcerpt(at(1, `${faces}😀`), undefined, 1))).toHaveLength(300)
  })
})

describe('failingStepLog: the step’s whole part, for attach-log', () => {
  /** The test step as written, less timestamps and colours: markers, debug lines and all. */
  const WHOLE = [
    '##[group]Run npm test',
    'npm test',
    '##[endgroup]',
    '##[group]vitest output',
    '× adds',
    '##[endgroup]',
    '##[error]AssertionError: expected 2 to be 3',
    '##[debug]exit code 1',
    '  at test/sum.test.ts:12',
    '##[error]Process completed with exit code 1.',
    ''
  ].join('\n')

  it('gives the step’s lines as written, without timestamps, colours or the post steps', () => {
    const { excerpt, whole } = failingStepLog(LOG, TEST_STEP, 2)
    expect(excerpt).toBe(logExcerpt(LOG, TEST_STEP, 2))
    expect(whole).toBe(WHOLE)
  })

  it('gives it whole, as long as it is, when no line is quoted', () => {
    const long = 'x'.repeat(5000)
    expect(failingStepLog(at(1, long), undefined, 0)).toEqual({ excerpt: '', whole: `${long}\n` })
    expect(failingStepLog(LOG, TEST_STEP, 0).whole).toBe(WHOLE)
  })

  it('gives none when the quote shows every line the log page shows', () => {
    // 7 lines shown (group ends and the debug line are hidden), blank lines at the end left out.
    expect(failingStepLog(LOG, TEST_STEP, 7).whole).toBeUndefined()
    expect(failingStepLog(LOG, TEST_STEP, 6).whole).toBe(WHOLE)
    expect(failingStepLog(`${at(1, 'one')}\n${at(1, '')}\n${at(1, ' ')}`, undefined, 1)).toEqual({
      excerpt: 'one',
      whole: undefined
    })
  })

  it('gives it when the quote had to cut a long line', () => {
    const long = 'y'.repeat(301)
    expect(failingStepLog(at(1, long), undefined, 5).whole).toBe(`${long}\n`)
    expect(failingStepLog(`${at(1, 'short')}\n${at(1, long)}`, undefined, 5).whole).toBe(
      `short\n${long}\n`
    )
    expect(failingStepLog(at(1, 'y'.repeat(300)), undefined, 5).whole).toBeUndefined()
  })

  it('gives none for a step with nothing in it', () => {
    expect(failingStepLog('', undefined, 0).whole).toBeUndefined()
  })
})

describe('logExcerpt: lines and steps at the edges', () => {
  it('quotes nothing, and does not fail, for a step whose every line the log page hides', () => {
    const log = [at(1, '##[debug]only debug'), at(1, '##[endgroup]')].join('\n')
    expect(failingStepLog(log, undefined, 5)).toEqual({ excerpt: '', whole: undefined })
  })

  it('keeps an empty line written with its bare timestamp in the middle of the log', () => {
    const log = [at(1, 'before'), '2026-12-01T10:00:01.1234567Z', at(1, 'after')].join('\n')
    expect(logExcerpt(log, undefined, 5)).toBe('before\n\nafter')
  })

  it('keeps a line whose timestamp is no date in the step of the line before it', () => {
    const log = [
      at(1, 'checkout'),
      at(2, '##[group]Run npm test'),
      '2026-13-45T99:99:99.0000000Z a line with an impossible time',
      at(3, 'failed'),
      at(7, 'Post job cleanup.')
    ].join('\n')
    expect(logExcerpt(log, TEST_STEP, 5).split('\n')).toEqual([
      'Run npm test',
      'a line with an impossible time',
      'failed'
    ])
  })

  it('finds the step by its marker when its times match no line of the log', () => {
    const step = {
      ...TEST_STEP,
      startedAt: '2026-12-02T10:00:02Z',
      completedAt: '2026-12-02T10:00:05Z'
    }
    expect(logExcerpt(LOG, step, 100).split('\n')).toEqual(STEP_LINES)
  })
})
