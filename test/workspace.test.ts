import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkspaceFile } from '../src/action/workspace.js'

/** The reader every path input goes through (`body-file`, `ca-cert`, and any later one). */
describe('readWorkspaceFile', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'workspace-test-'))
  writeFileSync(join(workspace, 'users.yml'), 'octocat: alice\n')

  it('reads a file of the workspace it is given, and names the input in every refusal', () => {
    expect(readWorkspaceFile('user-map', 'users.yml', workspace)).toBe('octocat: alice\n')
    expect(() => readWorkspaceFile('user-map', '../users.yml', workspace)).toThrow(
      /^user-map: \.\.\/users\.yml is outside the workspace/
    )
  })

  it('refuses a named pipe at once instead of waiting for a writer', () => {
    execFileSync('mkfifo', [join(workspace, 'pipe')])
    const started = Date.now()
    expect(() => readWorkspaceFile('body-file', 'pipe', workspace)).toThrow(
      'body-file: pipe is not a regular file'
    )
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('names a workspace that does not exist', () => {
    expect(() => readWorkspaceFile('body-file', 'a.md', join(workspace, 'gone'))).toThrow(
      /^body-file: cannot read the workspace .*gone \(no such file\)$/
    )
  })
})
