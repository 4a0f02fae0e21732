import { execFileSync } from 'node:child_process'
import { createServer } from 'node:net'
import {
  appendFileSync,
  closeSync,
  fstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  openWorkspaceFile,
  readOpenFile,
  readWorkspaceFile,
  WorkspaceFileError
} from '../src/action/workspace.js'

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

describe('openWorkspaceFile: a file held open to be sent whole', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'workspace-open-'))
  writeFileSync(join(workspace, 'report.xml'), '<testsuite/>')

  it('opens a file of the workspace by its real path, with its size', () => {
    const opened = openWorkspaceFile('files', 'report.xml', 100, workspace)
    try {
      expect(opened.file).toBe(join(realpathSync(workspace), 'report.xml'))
      expect(opened.size).toBe(12)
      expect(readFileSync(opened.fd, 'utf8')).toBe('<testsuite/>')
    } finally {
      closeSync(opened.fd)
    }
  })

  it('opens one of exactly its limit and refuses one byte more, saying both sizes', () => {
    closeSync(openWorkspaceFile('files', 'report.xml', 12, workspace).fd)
    const refusal = caught(() => openWorkspaceFile('files', 'report.xml', 11, workspace))
    expect(refusal).toMatchObject({
      message: 'files: report.xml is 12 bytes, over the limit of 11',
      reason: 'too-large'
    })
  })

  it.each<[string, () => unknown, string, RegExp]>([
    [
      'missing',
      () => openWorkspaceFile('files', 'nope.xml', 100, workspace),
      'missing',
      /^files: cannot read nope\.xml \(no such file\)$/
    ],
    [
      'outside',
      () => openWorkspaceFile('files', '../x.xml', 100, workspace),
      'outside',
      /^files: \.\.\/x\.xml is outside the workspace /
    ],
    [
      'not a file',
      () => openWorkspaceFile('files', '.', 100, workspace),
      'not-a-file',
      /^files: \. is not a regular file$/
    ]
  ])('gives the reason a file is refused: %s', (_, open, reason, message) => {
    const refusal = caught(open)
    expect(refusal).toBeInstanceOf(WorkspaceFileError)
    expect(refusal).toMatchObject({ reason })
    expect((refusal as Error).message).toMatch(message)
  })
})

describe('readWorkspaceFile: where the workspace is', () => {
  it('names an error it has no words for by its code: a symlink loop', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-loop-'))
    symlinkSync(join(workspace, 'b.md'), join(workspace, 'a.md'))
    symlinkSync(join(workspace, 'a.md'), join(workspace, 'b.md'))
    expect(() => readWorkspaceFile('body-file', 'a.md', workspace)).toThrow(
      'body-file: cannot read a.md (ELOOP)'
    )
  })

  it('takes a file named through the workspace’s own symlink for inside', () => {
    const real = mkdtempSync(join(tmpdir(), 'workspace-real-'))
    writeFileSync(join(real, 'notes.md'), 'hello\n')
    const link = `${real}-link`
    symlinkSync(real, link)
    expect(readWorkspaceFile('body-file', join(link, 'notes.md'), link)).toBe('hello\n')
  })

  it('takes every file for inside a workspace at the root of the file system', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workspace-root-'))
    writeFileSync(join(dir, 'notes.md'), 'from the root\n')
    expect(readWorkspaceFile('body-file', join(dir, 'notes.md'), '/')).toBe('from the root\n')
  })

  it('is GITHUB_WORKSPACE when set, else the current directory', () => {
    const workspace = mkdtempSync(join(tmpdir(), 'workspace-env-'))
    writeFileSync(join(workspace, 'only-here.md'), 'in GITHUB_WORKSPACE\n')
    try {
      vi.stubEnv('GITHUB_WORKSPACE', workspace)
      expect(readWorkspaceFile('body-file', 'only-here.md')).toBe('in GITHUB_WORKSPACE\n')
      vi.stubEnv('GITHUB_WORKSPACE', '')
      expect(readWorkspaceFile('body-file', 'package.json')).toBe(
        readFileSync(join(process.cwd(), 'package.json'), 'utf8')
      )
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('workspace files: refusals and descriptors', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'workspace-fd-'))
  writeFileSync(join(workspace, 'notes.md'), 'notes\n')
  writeFileSync(join(workspace, 'big.md'), 'x'.repeat(1024 * 1024 + 1))
  /**
   * This process's descriptors open on a file of the workspace. Not all of them: the test files
   * running beside this one on vitest's worker threads share the process and its descriptors.
   */
  const openInWorkspace = () =>
    readdirSync('/proc/self/fd').filter(fd => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(`${realpathSync(workspace)}/`)
      } catch {
        return false // closed between the listing and the look
      }
    })

  it('names a file it cannot open by the error’s code: a socket', async () => {
    const socket = createServer()
    await new Promise<void>(resolve => socket.listen(join(workspace, 'app.sock'), resolve))
    try {
      expect(() => readWorkspaceFile('body-file', 'app.sock', workspace)).toThrow(
        'body-file: cannot read app.sock (ENXIO)'
      )
    } finally {
      await new Promise<void>(resolve =>
        socket.close(() => {
          resolve()
        })
      )
    }
  })

  it('refuses a file over 1 MiB for being too large', () => {
    expect(caught(() => readWorkspaceFile('body-file', 'big.md', workspace))).toMatchObject({
      reason: 'too-large'
    })
  })

  it('leaves no descriptor open, whether it read the file or refused it', () => {
    expect(openInWorkspace()).toEqual([])
    for (let i = 0; i < 5; i++) {
      readWorkspaceFile('body-file', 'notes.md', workspace)
      caught(() => readWorkspaceFile('body-file', 'big.md', workspace))
      caught(() => openWorkspaceFile('files', 'notes.md', 1, workspace))
      caught(() => openWorkspaceFile('files', '.', 100, workspace))
    }
    expect(openInWorkspace()).toEqual([])
  })
})

function caught(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}
