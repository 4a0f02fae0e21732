import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { defineConfig, type Plugin } from 'vitest/config'

/**
 * tsconfig's `paths` swap modules for the bundle (ncc follows them: @actions/http-client becomes
 * src/action/http-client-unused.ts); the tests resolve the same ones, so they run what dist/ holds.
 */
const { compilerOptions } = JSON.parse(readFileSync('tsconfig.json', 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> }
}
const alias = Object.entries(compilerOptions.paths).map(([name, [target = '']]) => ({
  find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
  replacement: resolve(target)
}))

/**
 * @actions/core, which the tests inline (below), ships source maps that name .ts files it does not
 * ship; vite would warn about each on every run. Its JavaScript is read without the map comment.
 */
const actionsCoreWithoutMaps: Plugin = {
  name: 'actions-core-without-source-maps',
  load(id) {
    if (!/[\\/]node_modules[\\/]@actions[\\/]core[\\/].*\.js$/.test(id)) return null
    return { code: readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null }
  }
}

export default defineConfig({
  plugins: [actionsCoreWithoutMaps],
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    // The bundle tests run dist/index.js: it is built first when the source changed.
    globalSetup: ['test/support/fresh-bundle.ts'],
    // Besides the usual output, why each skipped test was skipped.
    reporters: ['default', './test/support/skip-reasons.ts'],
    restoreMocks: true,
    // A test file mostly waits (for the bundle's child process, a fake server, Python): one file per
    // core, not vitest's default of one fewer, which on a 2-core machine ran the files one by one.
    maxWorkers: Math.max(2, availableParallelism()),
    // Worker threads, not processes: a test file's own start costs less (docs/testing.md has the
    // measurement). The bundle tests still run dist/ in a child process, as the runner does.
    pool: 'threads',
    testTimeout: 30_000,
    // Packages are loaded by Node untouched unless inlined; @actions/core imports the swapped module.
    server: { deps: { inline: ['@actions/core'] } },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/index.ts'],
      // A little under what `npm run coverage` measured (docs/testing.md): a drop fails it.
      thresholds: { statements: 95, branches: 87, functions: 96, lines: 96 }
    }
  }
})
