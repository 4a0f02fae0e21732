import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

const STRYKER = resolve('stryker.config.mjs')
const { default: stryker } = (await import(STRYKER)) as { default: { mutate: string[] } }

/**
 * The tests that judge the mutated modules of stryker.config.mjs, at source level (the bundle tests
 * run dist/, which a mutant of src/ does not change): each module's own test file, named after it,
 * and the source-level tests that reach them the way a run does (PATHS). Derived from the
 * mutate list, so a module added there, or a test renamed, cannot leave its mutants untested: a
 * missing test file stops the run. (Not mergeConfig: it would add these to the base config's
 * include, which is every test.)
 */
/** Whole paths at source level: inputs to settings, templates to messages, the API to log quotes. */
const PATHS = [
  'test/inputs.test.ts',
  'test/notification.test.ts',
  'test/defaults.test.ts',
  'test/thread.test.ts',
  'test/github-api.test.ts',
  'test/library.test.ts'
]
const include = [
  ...stryker.mutate.map(module => `test/${basename(module, '.ts')}.test.ts`),
  ...PATHS
]
const missing = include.filter(file => !existsSync(file))
if (missing.length > 0) {
  throw new Error(
    `stryker.config.mjs mutates modules without their test file: ${missing.join(', ')}`
  )
}

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include,
    globalSetup: [],
    setupFiles: ['test/support/mutation-preload.ts'],
    env: { MUTATION_RUN: '1' }
  }
})
