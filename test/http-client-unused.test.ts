import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { HttpClient } from '@actions/http-client'
import { afterEach, describe, expect, it, vi } from 'vitest'

/**
 * tsconfig's `paths` put src/action/http-client-unused.ts in place of @actions/http-client; tsc and
 * ncc follow them, and vitest.config.ts reads the same paths, so tests and bundle run the same code.
 */
describe('@actions/http-client, swapped for a stub everywhere', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('is the stub when a test imports it: @actions/github may build it, nothing may request with it', () => {
    const client = new HttpClient()
    expect(() => client.getJson()).toThrow(/@actions\/http-client is not bundled/)
  })

  it('is the stub when @actions/core imports it, as in the bundle', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', 'http://127.0.0.1:9/token')
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'not-used')
    // @actions/core logs the URL before it builds the client: proof it got that far, kept out of the test's output.
    const write = vi.spyOn(process.stdout, 'write').mockReturnValue(true)
    await expect(core.getIDToken()).rejects.toThrow(/@actions\/http-client is not bundled/)
    expect(write).toHaveBeenCalledWith(expect.stringContaining('::debug::ID token url is'))
  })

  it('is what dist/index.js holds, and the real client is not bundled', () => {
    const bundle = readFileSync('dist/index.js', 'utf8')
    expect(bundle).toContain('@actions/http-client is not bundled')
    expect(bundle).not.toContain('class HttpClientResponse')
  })
})
