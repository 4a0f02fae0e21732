/**
 * How much more work a transform does on larger input: a growth ratio. In `npm test` the work is
 * counted, not timed, so a busy machine cannot move it (countWork): every regular-expression
 * execution the transform makes (each `exec`, and every `replace`, `match`, `split` and `test`,
 * which go through it) counts one plus the characters it scanned, from where it started to the end
 * of its match, or to the end of the text when it found none; every character read one at a time
 * counts one. A loop that searches the rest of the text again from each position counts quadratic
 * (a pattern anchored with `^` that fails counts one: it stops at the start); what one execution
 * backtracks inside the engine, or a loop over arrays, is not seen.
 *
 * The nightly job (.github/workflows/properties.yml) sets GROWTH_CLOCK=1 and measures the same
 * steps in wall-clock time, which sees backtracking too. There the machine's speed cancels out but
 * its memory does not: a small input that fits a processor's cache runs faster per character than a
 * large one (on CI a tenfold step of linear work measured up to 34x), so a test either takes a step
 * wide enough that linear and quadratic stay far apart (twentyfold: about 20x against 400x;
 * MAX_TWENTYFOLD_GROWTH sits between), or divides by the growth of a plain input of the same sizes.
 */

import { it } from 'vitest'

/** Whether growth is measured in time (the nightly job) rather than counted. */
export const WALL_CLOCK = process.env.GROWTH_CLOCK === '1'

/**
 * A test that measures growth. Skipped in a mutation run (vitest.mutation.config.ts sets
 * MUTATION_RUN): there every call goes through Stryker's coverage probes, so the work measured is
 * theirs, ten times the code's, and one such test would outlast every mutant's time limit.
 */
export function itGrows(name: string, test: () => void): void {
  it(name, context => {
    context.skip(
      process.env.MUTATION_RUN === '1',
      'a mutation run: the growth measured would be Stryker’s probes'
    )
    test()
  })
}

/** Milliseconds for one call. */
export function timed(run: () => unknown): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

/**
 * The counted work of one call: each regular-expression execution, one plus the characters it
 * scanned; and each character read one at a time (`charCodeAt`, `codePointAt`, `charAt`), which is
 * how the hand-written scanners (the pasted-text search's automaton) read. Counted by wrapping
 * those methods for the call's duration; a wrapped RegExp.prototype.exec is what every regex method
 * calls (the specification's RegExpExec).
 */
export function countWork(run: () => unknown): number {
  const saved = (['charCodeAt', 'codePointAt', 'charAt'] as const).map(
    name =>
      [String.prototype, name, Object.getOwnPropertyDescriptor(String.prototype, name)] as const
  )
  const exec = [
    RegExp.prototype,
    'exec',
    Object.getOwnPropertyDescriptor(RegExp.prototype, 'exec')
  ] as const
  const original = exec[2]?.value as (this: RegExp, text: string) => RegExpExecArray | null
  let work = 0
  RegExp.prototype.exec = function (this: RegExp, text: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0
    const match = original.call(this, text)
    const end = match
      ? match.index + match[0].length
      : this.sticky || anchored(this)
        ? from
        : text.length
    work += 1 + Math.max(0, end - from)
    return match
  }
  for (const [prototype, name, descriptor] of saved) {
    const read = descriptor?.value as (this: string, index?: number) => unknown
    Object.defineProperty(prototype, name, {
      ...descriptor,
      value(this: string, index?: number) {
        work++
        return read.call(this, index)
      }
    })
  }
  try {
    run()
  } finally {
    for (const [prototype, name, descriptor] of [...saved, exec]) {
      if (descriptor) Object.defineProperty(prototype, name, descriptor)
    }
  }
  return work
}

/**
 * Whether a pattern can match only at the start of the text (`^` before any top-level `|`, no `m`
 * flag): failing, it reads a few characters, not the rest of the text.
 */
function anchored(pattern: RegExp): boolean {
  if (pattern.multiline || !pattern.source.startsWith('^')) return false
  let depth = 0
  let inClass = false
  for (let i = 0; i < pattern.source.length; i++) {
    const c = pattern.source[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0) return false
  }
  return true
}

/** The work of one call: counted in `npm test`, in milliseconds in the nightly job. */
export const workOf: (run: () => unknown) => number = WALL_CLOCK ? timed : countWork

/**
 * The most a twentyfold input may cost, in multiples of the smaller input's work: linear is about
 * 20x, quadratic 400x. Counted, linear measures 20x to 23x; timed, the cache widens it (above).
 */
export const MAX_TWENTYFOLD_GROWTH = WALL_CLOCK ? 100 : 40

/**
 * The work of `large` over the work of `small`. Counted, one call each suffices; timed, the best
 * of `rounds` each, the two taken in turn so that a busy moment hits both alike, and times under
 * `floorMs` count as `floorMs`, where a timer's grain would otherwise decide the ratio.
 */
export function growthRatio(
  small: () => unknown,
  large: () => unknown,
  { rounds = 5, floorMs = 2 }: { rounds?: number; floorMs?: number } = {}
): number {
  if (!WALL_CLOCK) return countWork(large) / Math.max(countWork(small), 1)
  small()
  let [bestSmall, bestLarge] = [Infinity, Infinity]
  for (let round = 0; round < rounds; round++) {
    bestSmall = Math.min(bestSmall, timed(small))
    bestLarge = Math.min(bestLarge, timed(large))
  }
  return Math.max(bestLarge, floorMs) / Math.max(bestSmall, floorMs)
}
