import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import { describe, expect, it } from 'vitest'

/**
 * tsconfig's `paths` put src/action/exec-unused.ts in place of @actions/exec, as they do for
 * @actions/http-client (test/http-client-unused.test.ts): the toolkit imports it for
 * `platform.getDetails()` only, and the real one would load node:child_process on every run.
 */
describe('@actions/exec, swapped for a stub everywhere', () => {
  it('is the stub when @actions/core imports it, as in the bundle: asking for the platform says why it fails', async () => {
    await expect(core.platform.getDetails()).rejects.toThrow(/@actions\/exec is not bundled/)
  })

  it('is what dist/ holds: neither the real @actions/exec nor @actions/io is bundled', () => {
    const bundle = readdirSync('dist')
      .filter(name => name.endsWith('.js'))
      .map(name => readFileSync(join('dist', name), 'utf8'))
      .join('\n')
    expect(bundle).toContain('@actions/exec is not bundled')
    expect(bundle).not.toContain('class ToolRunner')
    expect(bundle).not.toContain('function which(')
  })
})
