import { execFileSync } from 'node:child_process'
import {
  appendFileSync,
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readOpenFile, readWorkspaceFile } from '../src/action/workspace.js'

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
    // Opening it to read would wait for a writer that never comes: the test would not end.
    expect(() => readWorkspaceFile('body-file', 'pipe', workspace)).toThrow(
      'body-file: pipe is not a regular file'
    )
  })

  it('takes the workspace itself for inside, and refuses it as not a file', () => {
    expect(() => readWorkspaceFile('body-file', '.', workspace)).toThrow(
      'body-file: . is not a regular file'
    )
  })

  it('names a workspace that does not exist', () => {
    expect(() => readWorkspaceFile('body-file', 'a.md', join(workspace, 'gone'))).toThrow(
      /^body-file: cannot read the workspace .*gone \(no such file\)$/
    )
  })

  describe('a sibling folder whose name starts with the workspace name', () => {
    // /tmp/…/work and /tmp/…/work-evil: a prefix check without the separator takes one for the other.
    const parent = mkdtempSync(join(tmpdir(), 'workspace-sibling-'))
    const work = join(parent, 'work')
    const evil = join(parent, 'work-evil')
    mkdirSync(work)
    mkdirSync(evil)
    writeFileSync(join(evil, 'secret.txt'), 'not for the room\n')
    symlinkSync(join(evil, 'secret.txt'), join(work, 'link.txt'))

    it('is outside the workspace, by a relative path', () => {
      expect(() => readWorkspaceFile('body-file', '../work-evil/secret.txt', work)).toThrow(
        /^body-file: \.\.\/work-evil\/secret\.txt is outside the workspace/
      )
    })

    it('is outside the workspace, by an absolute path', () => {
      expect(() => readWorkspaceFile('body-file', join(evil, 'secret.txt'), work)).toThrow(
        /is outside the workspace/
      )
    })

    it('is outside the workspace, through a committed symlink', () => {
      expect(() => readWorkspaceFile('body-file', 'link.txt', work)).toThrow(
        /^body-file: link\.txt leads through a symlink outside/
      )
    })
  })

  describe('the 1 MiB cap', () => {
    it('reads a file of exactly 1 MiB and refuses one byte more', () => {
      writeFileSync(join(workspace, 'max.md'), 'é'.repeat(512 * 1024))
      writeFileSync(join(workspace, 'over.md'), `${'é'.repeat(512 * 1024)}!`)

      expect(readWorkspaceFile('body-file', 'max.md', workspace)).toHaveLength(512 * 1024)
      expect(() => readWorkspaceFile('body-file', 'over.md', workspace)).toThrow(
        /over\.md is larger than 1 MiB/
      )
    })
  })
})

/** The one read loop of a file held open (path inputs, `test-results`), bounded by its caller's limit. */
describe('readOpenFile', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'open-file-test-'))

  /** Opens `name` holding `text`, takes its size, then lets a writer append `more` before the read. */
  function readGrown(name: string, text: string, more: string, maxBytes: number) {
    const file = join(workspace, name)
    writeFileSync(file, text)
    const fd = openSync(file, 'r')
    try {
      const { size } = fstatSync(fd)
      appendFileSync(file, more)
      return readOpenFile(fd, size, maxBytes)?.toString('utf8')
    } finally {
      closeSync(fd)
    }
  }

  it('reads a file whole, even one still written to after its size was taken', () => {
    expect(readGrown('same.xml', '<testsuite/>', '', 100)).toBe('<testsuite/>')
    expect(readGrown('grown.xml', '<testsuite>', '</testsuite>', 100)).toBe(
      '<testsuite></testsuite>'
    )
  })

  it('gives nothing for a file over the limit, even one that grew past it while read', () => {
    expect(readGrown('at.txt', 'x'.repeat(10), '', 10)).toBe('x'.repeat(10))
    expect(readGrown('over.txt', 'x'.repeat(11), '', 10)).toBeUndefined()
    expect(readGrown('grew.txt', 'x'.repeat(8), 'yyy', 10)).toBeUndefined()
  })
})
