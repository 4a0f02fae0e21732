import { readFileSync } from 'node:fs'
import type { Parameters } from 'fast-check'

/**
 * Property tests run the same way every time: one seed, fast-check prints it (with the path to the
 * failing case) when a property fails, and every counterexample ever found is replayed first.
 * - `PROPERTY_SEED=<n>` replays a printed seed, or explores another;
 * - `PROPERTY_RUNS=<factor>` multiplies every property's run count (the nightly job,
 *   .github/workflows/properties.yml, sets 50 and gives vitest a `--testTimeout` to match).
 * A counterexample found goes into test/fixtures/counterexamples.json under its property's name,
 * so it is tried on every run from then on, whatever the seed.
 */
export const PROPERTY_SEED = Number(process.env.PROPERTY_SEED ?? 20_261_202)
const RUNS_FACTOR = Number(process.env.PROPERTY_RUNS ?? 1)

const CORPUS = JSON.parse(
  readFileSync(new URL('../fixtures/counterexamples.json', import.meta.url), 'utf8')
) as Record<string, unknown[]>

/** The counterexamples kept for `property`, each as the arguments of one run. */
export function counterexamples<T extends unknown[]>(property: string): T[] {
  return (CORPUS[property] ?? []) as T[]
}

/** fast-check's parameters for `property`: the fixed seed, its corpus first, `runs` scaled. */
export function propertyParameters<T extends unknown[]>(
  property: string,
  runs: number
): Parameters<T> {
  if (!Number.isInteger(PROPERTY_SEED) || !(RUNS_FACTOR > 0)) {
    throw new Error('PROPERTY_SEED must be an integer and PROPERTY_RUNS a positive number')
  }
  return {
    seed: PROPERTY_SEED,
    numRuns: Math.ceil(runs * RUNS_FACTOR),
    examples: counterexamples<T>(property)
  }
}
