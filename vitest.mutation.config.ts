import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

const STRYKER = resolve('stryker.config.mjs')
const { default: stryker } = (await import(STRYKER)) as { default: { mutate: string[] } }

/**
 * The tests that judge the mutated modules of stryker.config.mjs, at source level (the bundle tests
 * run dist/, which a mutant of src/ does not change): each module's own test file, named after it,
 * and the input tests, which reach workspace.ts and render.ts the way a run does. Derived from the
 * mutate list, so a module added there, or a test renamed, cannot leave its mutants untested: a
 * missing test file stops the run. (Not mergeConfig: it would add these to the base config's
 * include, which is every test.)
 */
const include = [
  ...stryker.mutate.map(module => `test/${basename(module, '.ts')}.test.ts`),
  'test/inputs.test.ts'
]
const missing = include.filter(file => !existsSync(file))
if (missing.length > 0) {
  throw new Error(
    `stryker.config.mjs mutates modules without their test file: ${missing.join(', ')}`
  )
}

export default defineConfig({
  ...base,
  test: { ...base.test, include, env: { MUTATION_RUN: '1' } }
})
