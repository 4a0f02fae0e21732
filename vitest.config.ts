import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

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

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    restoreMocks: true,
    testTimeout: 30_000,
    // Packages are loaded by Node untouched unless inlined; @actions/core imports the swapped module.
    server: { deps: { inline: ['@actions/core'] } },
    coverage: { provider: 'v8', include: ['src/**/*.ts'], exclude: ['src/index.ts'] }
  }
})
