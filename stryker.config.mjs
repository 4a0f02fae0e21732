/**
 * Mutation testing of the core modules (`npm run mutation`; docs/testing.md has the score): each
 * mutant is a one-line break of one of these files, and the module's own test file (`test/<name>.test.ts`,
 * vitest.mutation.config.ts) must fail on it. Not part of `npm test` or CI: it runs for minutes.
 */
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: [
    'src/action/workspace.ts',
    'src/template/inert.ts',
    'src/template/render.ts',
    'src/rocketchat/transport/retry-policy.ts',
    'src/rocketchat/rest.ts',
    'src/action/report.ts',
    'src/action/run-lookup.ts',
    'src/template/pasted.ts',
    'src/template/markdown.ts',
    'src/github/logs.ts',
    'src/rocketchat/upload.ts',
    'src/rocketchat/thread-root.ts',
    'src/action/secrets.ts',
    'src/action/files.ts',
    'src/rocketchat/transport/no-proxy.ts',
    'src/action/previous-run.ts',
    'src/run/conclusions.ts',
    'src/action/user-map.ts',
    'src/action/subject-run.ts'
  ],
  coverageAnalysis: 'perTest',
  // Module-level constants: a mutant there needs every test re-run (most of the time on 2 cores);
  // the tests that read the constants kill their breaks through the functions that use them.
  ignoreStatic: true,
  // Two cores shared with others: two test processes at most.
  concurrency: 2,
  // A mutant that loops is stopped this long past its tests' own time: long enough for the slowest
  // test under Stryker's probes, short enough that a hundred looping mutants cost minutes, not half an hour.
  timeoutMS: 10000,
  // The score below which `npm run mutation` fails; docs/testing.md records the last one.
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always'
}
