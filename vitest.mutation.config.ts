import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * The tests that judge the mutated modules of stryker.config.mjs, at source level: the bundle
 * tests run dist/, which a mutant of src/ does not change. (Not mergeConfig: it would add these
 * to the base config's include, which is every test.)
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/workspace.test.ts',
      'test/inputs.test.ts',
      'test/inert.test.ts',
      'test/render.test.ts',
      'test/retry-policy.test.ts',
      'test/rest.test.ts',
      'test/report.test.ts',
      'test/with-run-details.test.ts'
    ]
  }
})
