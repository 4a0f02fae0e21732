/**
 * `npm run mutation` only (vitest.mutation.config.ts): loads every mutated module before a test
 * file's tests run, so that module-level code (word lists, patterns, tables) runs outside any test.
 * Stryker then counts its mutants as static and leaves them out (`ignoreStatic`, docs/testing.md).
 * A module first loaded inside a test (a lazy `import()`) had its constants counted as that test's,
 * and Stryker switched their mutants on only after the module had loaded: survivors no test could
 * kill.
 */
import { resolve } from 'node:path'

const { default: stryker } = (await import(resolve('stryker.config.mjs'))) as {
  default: { mutate: string[] }
}
await Promise.all(stryker.mutate.map(module => import(resolve(module))))
