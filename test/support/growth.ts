/**
 * How much longer a transform takes on larger input: a growth ratio, not wall time, so the
 * machine's speed cancels out. What does not cancel is the memory: a small input that fits a
 * processor's cache runs faster per character than a large one that does not, and a busy machine
 * widens that gap (on CI a tenfold step of linear work measured up to 34x). So a test either takes
 * a step wide enough that linear and quadratic stay far apart whatever the cache does (twentyfold:
 * about 20x against 400x; MAX_TWENTYFOLD_GROWTH sits between), or divides by the growth of a plain
 * input of the same sizes, which pays the same cache misses (hostile over plain: about 1x; a
 * quadratic pattern, the step itself).
 */

import { it } from 'vitest'

/**
 * A test that measures growth. Skipped in a mutation run (vitest.mutation.config.ts sets
 * MUTATION_RUN): there every call goes through Stryker's coverage probes, so the time measured is
 * theirs, ten times the code's, and one such test would outlast every mutant's time limit.
 */
export const itGrows = it.skipIf(process.env.MUTATION_RUN === '1')

/** Milliseconds for one call. */
export function timed(run: () => unknown): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

/** The most a twentyfold input may cost, in multiples of the smaller input's time. */
export const MAX_TWENTYFOLD_GROWTH = 100

/**
 * The best time of `large` over the best time of `small`, the two taken in turn so that a busy
 * moment hits both alike; times under `floorMs` count as `floorMs`, where a timer's grain would
 * otherwise decide the ratio.
 */
export function growthRatio(
  small: () => unknown,
  large: () => unknown,
  { rounds = 5, floorMs = 2 }: { rounds?: number; floorMs?: number } = {}
): number {
  small()
  let [bestSmall, bestLarge] = [Infinity, Infinity]
  for (let round = 0; round < rounds; round++) {
    bestSmall = Math.min(bestSmall, timed(small))
    bestLarge = Math.min(bestLarge, timed(large))
  }
  return Math.max(bestLarge, floorMs) / Math.max(bestSmall, floorMs)
}
