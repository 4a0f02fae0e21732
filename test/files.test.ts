import { execFile } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { MAX_FILES, openFiles, withFileProblems, type OpenFile } from '../src/action/files.js'
import { openWorkspaceFile } from '../src/action/workspace.js'
import type { GlobOptions } from 'tinyglobby'
import type { TargetResult } from '../src/rocketchat/types.js'
import { fileFromBuffer } from '../src/rocketchat/upload.js'
import { useFakeServer } from './support/fake.js'
import { idsOf, send } from './support/send.js'
import {
  BUNDLE,
  DEFAULT_NODE,
  NODE_20,
  NODE_24,
  resultsOf,
  runAction,
  runnerEnvironment
} from './support/run-action.js'

/** Each walk tinyglobby is asked for, by pattern: a refused pattern must read no directory. */
const walks = vi.hoisted(() => [] as string[])
vi.mock('tinyglobby', async original => {
  const real = await original<typeof import('tinyglobby')>()
  return {
    ...real,
    glob: (pattern: string, options: GlobOptions) => {
      walks.push(pattern)
      return real.glob(pattern, options)
    }
  }
})

const server = useFakeServer({ rateLimited: false })

/** A fresh workspace with `reports/unit.txt`, `reports/e2e.txt` and a file outside it. */
function workspace(): { dir: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'files-test-'))
  const dir = join(root, 'workspace')
  mkdirSync(join(dir, 'reports'), { recursive: true })
  writeFileSync(join(dir, 'reports', 'unit.txt'), 'unit: 12 passed\n')
  writeFileSync(join(dir, 'reports', 'e2e.txt'), 'e2e: 3 passed, 1 failed\n')
  writeFileSync(join(dir, 'reports', 'notes.md'), '# not a report\n')
  const outside = join(root, 'secret.env')
  writeFileSync(outside, 'TOKEN=hunter2\n')
  return { dir, outside }
}

describe('openFiles: the files input, read through the workspace reader', () => {
  const noWarnings = (warning: string) => {
    throw new Error(`unexpected warning: ${warning}`)
  }

  it('expands globs in the order of the lines, sorted, each file once, named by its base name', async () => {
    const { dir } = workspace()
    const files = await openFiles(
      ['reports/*.txt', 'reports/unit.txt', 'reports/*.md'],
      1024,
      noWarnings,
      dir
    )
    try {
      expect(files.toSend.map(a => [a.name, a.size])).toEqual([
        ['e2e.txt', 24],
        ['unit.txt', 16],
        ['notes.md', 15]
      ])
      expect(files.problems).toEqual([])
    } finally {
      files.close()
    }
  })

  it('streams the bytes checked at open, even if the path is swapped for a symlink afterwards', async () => {
    const { dir, outside } = workspace()
    const files = await openFiles(['reports/unit.txt'], 1024, noWarnings, dir)
    try {
      writeFileSync(join(dir, 'reports', 'moved.txt'), '')
      // Replace the path with a link to a file outside: the descriptor still reads the original.
      const target = join(dir, 'reports', 'unit.txt')
      closeSync(openSync(target, 'r'))
      const { unlinkSync } = await import('node:fs')
      unlinkSync(target)
      symlinkSync(outside, target)
      const chunks: Buffer[] = []
      for await (const chunk of files.toSend[0]?.open() ?? []) chunks.push(chunk as Buffer)
      expect(Buffer.concat(chunks).toString()).toBe('unit: 12 passed\n')
    } finally {
      files.close()
    }
  })

  it('streams the size it had when opened, twice alike, though the file grows or is empty', async () => {
    const { dir } = workspace()
    writeFileSync(join(dir, 'reports', 'empty.txt'), '')
    const files = await openFiles(['reports/unit.txt', 'reports/empty.txt'], 1024, noWarnings, dir)
    try {
      const { appendFileSync } = await import('node:fs')
      appendFileSync(join(dir, 'reports', 'unit.txt'), 'a line written later\n')
      const read = async (index: number) => {
        const chunks: Buffer[] = []
        for await (const chunk of files.toSend[index]?.open() ?? []) chunks.push(chunk as Buffer)
        return Buffer.concat(chunks).toString()
      }
      expect([await read(0), await read(0)]).toEqual(['unit: 12 passed\n', 'unit: 12 passed\n'])
      expect(await read(1)).toBe('')
    } finally {
      files.close()
    }
  })

  it('names one file of a glob it could not send, and sends the rest', async () => {
    const { dir } = workspace()
    writeFileSync(join(dir, 'reports', 'big.txt'), 'x'.repeat(100))
    const files = await openFiles(['reports/*.txt'], 50, noWarnings, dir)
    files.close()

    expect(files.toSend.map(file => file.name)).toEqual(['e2e.txt', 'unit.txt'])
    expect(files.problems).toEqual([
      {
        name: 'reports/*.txt',
        kind: 'too-large',
        reason:
          'files: reports/*.txt matches 3 file(s); sent e2e.txt, unit.txt; 1 could not be sent ' +
          '(files: reports/big.txt is 100 bytes, over the limit of 50)'
      }
    ])
  })

  it('turns a missing file, a path outside, a symlink out and a file over the limit into problems', async () => {
    const { dir, outside } = workspace()
    symlinkSync(outside, join(dir, 'reports', 'link.txt'))
    writeFileSync(join(dir, 'big.log'), Buffer.alloc(2048))
    const files = await openFiles(
      ['missing.txt', '../secret.env', 'reports/link.txt', 'big.log'],
      1024,
      noWarnings,
      dir
    )
    files.close()

    expect(files.toSend).toEqual([])
    expect(files.problems.map(p => [p.name, p.kind])).toEqual([
      ['missing.txt', 'not-found'],
      ['secret.env', 'rejected'],
      ['link.txt', 'rejected'],
      ['big.log', 'too-large']
    ])
    expect(files.problems[1]?.reason).toMatch(/outside the workspace/)
    expect(files.problems[2]?.reason).toMatch(/leads through a symlink/)
    expect(files.problems[3]?.reason).toMatch(/big\.log is 2048 bytes, over the limit of 1024/)
  })

  it(`sends at most ${MAX_FILES} files: one problem for the pattern, with its count and what was sent`, async () => {
    const { dir } = workspace()
    for (let i = 0; i < 12; i++)
      writeFileSync(join(dir, `log-${String(i).padStart(2, '0')}.txt`), 'x')
    const files = await openFiles(['log-*.txt', 'reports/unit.txt'], 1024, noWarnings, dir)
    files.close()

    expect(files.toSend).toHaveLength(MAX_FILES)
    expect(files.problems).toEqual([
      {
        name: 'log-*.txt',
        kind: 'rejected',
        reason:
          'files: log-*.txt matches 12 file(s); sent log-00.txt, log-01.txt, log-02.txt, log-03.txt, ' +
          'log-04.txt, log-05.txt, log-06.txt, log-07.txt, log-08.txt, log-09.txt; ' +
          `2 not sent: at most ${MAX_FILES} files go with a message`
      },
      {
        name: 'unit.txt',
        kind: 'rejected',
        reason: `files: reports/unit.txt not sent: at most ${MAX_FILES} files go with a message`
      }
    ])
  })

  it('opens only the files it sends of a glob over 2,500 files, however many patterns match them', async () => {
    const { dir } = workspace()
    mkdirSync(join(dir, 'out'))
    for (let i = 0; i < 2500; i++)
      writeFileSync(join(dir, 'out', `${String(i).padStart(4, '0')}.txt`), 'x')
    const opened: string[] = []
    const counting: OpenFile = (...args) => {
      opened.push(args[1])
      return openWorkspaceFile(...args)
    }
    const files = await openFiles(['out/*.txt', 'out/0*.txt'], 1024, noWarnings, dir, counting)
    files.close()

    expect(opened).toEqual(files.toSend.map(file => `out/${file.name}`))
    expect(opened).toHaveLength(MAX_FILES)
    expect(files.problems.map(p => p.name)).toEqual(['out/*.txt', 'out/0*.txt'])
    expect(files.problems[0]?.reason).toMatch(
      /^files: out\/\*\.txt matches 2500 file\(s\); sent 0000\.txt, .*, 0009\.txt; 2490 not sent: at most 10 files/
    )
    expect(files.problems[1]?.reason).toMatch(
      /^files: out\/0\*\.txt matches 1000 file\(s\); sent none; 1000 not sent/
    )
  })

  it('sums up the files of a glob it could not send in its one problem, trying at most 10', async () => {
    const { dir } = workspace()
    mkdirSync(join(dir, 'big'))
    for (let i = 0; i < 30; i++)
      writeFileSync(join(dir, 'big', `${String(i).padStart(2, '0')}.bin`), 'too large')
    let opened = 0
    const counting: OpenFile = (...args) => {
      opened++
      return openWorkspaceFile(...args)
    }
    const files = await openFiles(['big/*.bin'], 4, noWarnings, dir, counting)
    files.close()

    expect(opened).toBe(MAX_FILES)
    expect(files.problems).toEqual([
      {
        name: 'big/*.bin',
        kind: 'too-large',
        reason:
          'files: big/*.bin matches 30 file(s); sent none; 10 could not be sent (files: big/00.bin is 9 bytes, ' +
          'over the limit of 4, and 9 more); 20 not tried after 10 that could not be sent'
      }
    ])
  })

  it.each([['/**/*.log'], ['../**'], ['reports/../../*.env'], ['{reports,..}/*'], ['escape/*']])(
    'refuses %s before any directory is read, naming no outside path',
    async pattern => {
      const { dir } = workspace()
      symlinkSync('..', join(dir, 'escape'))
      walks.length = 0
      const files = await openFiles([pattern, 'reports/unit.txt'], 1024, noWarnings, dir)
      files.close()

      expect(walks).toEqual([])
      expect(files.toSend.map(file => file.name)).toEqual(['unit.txt'])
      expect(files.problems).toEqual([
        {
          name: pattern,
          kind: 'rejected',
          reason: `files: ${pattern} reaches outside the workspace: only files in the workspace are read`
        }
      ])
    }
  )

  it('lists nothing of /etc through a committed symlink, at the base or deeper in the walk', async () => {
    const { dir } = workspace()
    symlinkSync('/etc', join(dir, 'etc-link'))
    mkdirSync(join(dir, 'deep'))
    symlinkSync('/etc', join(dir, 'deep', 'etc'))
    writeFileSync(join(dir, 'deep', 'own.txt'), 'mine')
    const warnings: string[] = []
    walks.length = 0
    const files = await openFiles(['etc-link/*', 'deep/**'], 1 << 20, w => warnings.push(w), dir)
    files.close()

    expect(walks).toEqual(['deep/**'])
    expect(files.toSend.map(file => file.name)).toEqual(['own.txt'])
    expect(files.problems.map(p => p.name)).toEqual(['etc-link/*'])
    const said = JSON.stringify({ problems: files.problems, warnings })
    expect(said).not.toMatch(/passwd|hostname|\/etc/)
  })

  it('warns about a glob that matches nothing', async () => {
    const { dir } = workspace()
    const warnings: string[] = []
    const files = await openFiles(['coverage/*.xml'], 1024, w => warnings.push(w), dir)
    files.close()

    expect(files.toSend).toEqual([])
    expect(warnings).toEqual(['files: no file matches coverage/*.xml'])
  })

  it('adds one failed result per problem, once, after the first REST target, none for a webhook', () => {
    const at = (target: string, mode: 'token' | 'webhook', file?: string): TargetResult => ({
      destination: mode === 'webhook' ? 0 : 1,
      url: 'rocket://…',
      mode,
      target,
      ...(file === undefined ? {} : { file: { name: file, size: 1 } }),
      outcome: 'delivered'
    })
    const problem = {
      name: 'gone.txt',
      kind: 'not-found' as const,
      reason: 'files: cannot read gone.txt'
    }
    const results = withFileProblems(
      [at('(hook)', 'webhook'), at('#a', 'token'), at('#a', 'token', 'ok.txt'), at('#b', 'token')],
      [problem, { ...problem, name: 'reports/*.txt' }]
    )
    expect(results.map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['(hook)', undefined, 'delivered'],
      ['#a', undefined, 'delivered'],
      ['#a', 'ok.txt', 'delivered'],
      ['#a', 'gone.txt', 'failed'],
      ['#a', 'reports/*.txt', 'failed'],
      ['#b', undefined, 'delivered']
    ])
    expect(withFileProblems([at('(hook)', 'webhook')], [problem])).toHaveLength(1)
  })

  it('keeps every failed-file row when two URLs name one room: each refusal, and the problem once after the first URL', async () => {
    server.settings.maxFileSize = 4
    const tokenUrl = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
    const basicUrl = `rocket://bot:bot-password@${server.host}/#general`
    const big = fileFromBuffer('big.txt', Buffer.from('more than four bytes'))
    const { results } = await send([tokenUrl, basicUrl], {}, { files: [big] })
    const problem = { name: 'gone.txt', kind: 'not-found' as const, reason: 'files: gone.txt' }

    const rows = withFileProblems(results, [problem])

    expect(rows.map(r => [r.destination, r.target, r.file?.name, r.outcome])).toEqual([
      [0, '#general', undefined, 'delivered'],
      [0, '#general', 'big.txt', 'failed'],
      [0, '#general', 'gone.txt', 'failed'],
      [1, '#general', undefined, 'delivered'],
      [1, '#general', 'big.txt', 'failed']
    ])
  })
})

describe('the bundle with files, as the runner runs it', () => {
  const tokenUrl = () =>
    `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
  const run = (dir: string, inputs: Record<string, string>, node?: string) =>
    runAction(
      { url: tokenUrl(), body: 'tests finished', ...inputs },
      { env: { GITHUB_WORKSPACE: dir }, node }
    )
  // GitHub runs Node 24; local development and CI also prove the bundle on Node 20.
  const runtimes = (
    [
      ['Node 24', NODE_24],
      ['Node 20', NODE_20]
    ] as const
  ).filter(([, node]) => node !== undefined)

  it.each(runtimes)(
    '%s: posts the message, then both reports once each with their exact bytes',
    async (_, node) => {
      const { dir } = workspace()
      const action = await run(dir, { files: 'reports/*.txt' }, node)

      expect(action.code).toBe(0)
      expect(server.messages.map(m => [m.msg, m.file?.name])).toEqual([
        ['tests finished', undefined],
        ['', 'e2e.txt'],
        ['', 'unit.txt']
      ])
      const bytes = (name: string) => server.uploads.find(u => u.name === name)?.bytes.toString()
      expect(bytes('e2e.txt')).toBe('e2e: 3 passed, 1 failed\n')
      expect(bytes('unit.txt')).toBe('unit: 12 passed\n')
      expect(resultsOf(action).map(r => [r.target, r.file?.name, r.outcome])).toEqual([
        ['#general', undefined, 'delivered'],
        ['#general', 'e2e.txt', 'delivered'],
        ['#general', 'unit.txt', 'delivered']
      ])
      expect(action.outputs.sent).toBe('1')
      expect(action.stdout).toContain('Uploaded e2e.txt to #general')
      expect(action.summary).toContain('#general 📎 unit.txt (16 B)')
    }
  )

  it('leaves one copy when the answer to the confirm step is lost', async () => {
    const { dir } = workspace()
    server.injectFault({
      path: /^\/api\/v1\/rooms\.mediaConfirm\//,
      fault: 'reset',
      processFirst: true
    })
    const action = await run(dir, { files: 'reports/unit.txt' })

    expect(action.code).toBe(0)
    expect(server.messages.filter(m => m.file?.name === 'unit.txt')).toHaveLength(1)
    expect(resultsOf(action)[1]).toMatchObject({ outcome: 'delivered', file: { name: 'unit.txt' } })
  })

  it('delivers the message and fails the step for a path outside the workspace and a missing file', async () => {
    const { dir } = workspace()
    const action = await run(dir, { files: '../secret.env\nreports/missing.txt\nreports/unit.txt' })

    expect(action.code).toBe(1)
    expect(server.messages.map(m => m.msg)).toEqual(['tests finished', ''])
    expect(resultsOf(action).map(r => [r.file?.name, r.outcome, r.kind])).toEqual([
      [undefined, 'delivered', undefined],
      ['unit.txt', 'delivered', undefined],
      ['secret.env', 'failed', 'rejected'],
      ['missing.txt', 'failed', 'not-found']
    ])
    expect(action.outputs.sent).toBe('1')
    expect(action.outputs.failed).toBe('0')
    expect(action.stdout).toMatch(/::error::File not uploaded: secret\.env to #general/)
    expect(action.stdout).toMatch(/::error::2 of 3 file upload\(s\) failed/)
    expect(JSON.stringify(action)).not.toContain('hunter2')
  })

  it('2,500 matches to 3 rooms: one error for the pattern, 10 files each, a log under 16 KiB, RSS under 100 MiB', async () => {
    const { dir } = workspace()
    mkdirSync(join(dir, 'out'))
    for (let i = 0; i < 2500; i++) {
      writeFileSync(join(dir, 'out', `${String(i).padStart(4, '0')}.txt`), `result ${i}\n`)
    }
    const { env } = runnerEnvironment(
      {
        url: `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general/#random/@alice?mode=token`,
        body: 'tests finished',
        files: 'out/*.txt'
      },
      { env: { GITHUB_WORKSPACE: dir } }
    )
    const measured = await new Promise<{ code: number; stdout: string; stderr: string }>(done => {
      execFile(
        '/usr/bin/time',
        ['-f', 'maxrss=%M', DEFAULT_NODE, BUNDLE],
        { env, timeout: 120_000 },
        (error, stdout, stderr) => {
          done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
        }
      )
    })
    const peakKiB = Number(/maxrss=(\d+)/.exec(measured.stderr)?.[1])

    expect(measured.code).toBe(1)
    expect(server.messages.filter(m => m.file).length).toBe(3 * MAX_FILES)
    const errors = measured.stdout.split('\n').filter(l => l.startsWith('::error::'))
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::File not uploaded: out\/\*\.txt .*matches 2500 file\(s\); sent 0000\.txt, .*2490 not sent/
      ),
      expect.stringMatching(/^::error::1 of \d+ file upload\(s\) failed/)
    ])
    expect(Buffer.byteLength(measured.stdout + measured.stderr)).toBeLessThan(16 * 1024)
    expect(peakKiB).toBeGreaterThan(0)
    expect(peakKiB / 1024).toBeLessThan(100)
  }, 120_000)

  it('refuses globs that leave the workspace, one error each, and lists nothing of /etc through a symlink', async () => {
    const { dir } = workspace()
    symlinkSync('/etc', join(dir, 'logs'))
    const action = await run(dir, { files: '/**/*.log\n../**\nlogs/*\nreports/unit.txt' })

    expect(action.code).toBe(1)
    expect(server.messages.map(m => m.file?.name)).toEqual([undefined, 'unit.txt'])
    const errors = action.stdout.split('\n').filter(l => l.startsWith('::error::'))
    expect(errors).toEqual([
      expect.stringMatching(
        /^::error::File not uploaded: \/\*\*\/\*\.log .*reaches outside the workspace/
      ),
      expect.stringMatching(
        /^::error::File not uploaded: \.\.\/\*\* .*reaches outside the workspace/
      ),
      expect.stringMatching(
        /^::error::File not uploaded: logs\/\* .*reaches outside the workspace/
      ),
      expect.stringMatching(/^::error::3 of 4 file upload\(s\) failed/)
    ])
    const everything = JSON.stringify(action)
    expect(everything).not.toMatch(/passwd|hostname|\/etc|\/usr|\/proc/)
  })

  it('posts one message and one copy of each file to #general/GENERAL, a room named twice', async () => {
    const { dir } = workspace()
    const url = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general/GENERAL?mode=token`
    const action = await run(dir, { url, files: 'reports/*.txt' })

    expect(action.code).toBe(0)
    expect(server.messages.map(m => [m.rid, m.file?.name])).toEqual([
      ['GENERAL', undefined],
      ['GENERAL', 'e2e.txt'],
      ['GENERAL', 'unit.txt']
    ])
    expect(resultsOf(action).map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['#general', undefined, 'delivered'],
      ['#general', 'e2e.txt', 'delivered'],
      ['#general', 'unit.txt', 'delivered'],
      ['GENERAL', undefined, 'delivered']
    ])
  })

  it.each([
    ['8.x', 400, 'error-not-allowed'],
    ['9.0', 403, 'error-forbidden']
  ] as const)(
    'on Rocket.Chat %s, a file refused in a thread with threads off: the message is updated, the file failed with its reason, the step fails',
    async (refusals, status, type) => {
      const { dir } = workspace()
      const url = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
      const root = idsOf((await send(url, { body: 'root' })).results[0]).messageId ?? ''
      const reply = await send(url, { body: 'reply', threadId: root })
      const replyId = idsOf(reply.results[0]).messageId ?? ''
      server.settings.refusals = refusals
      server.settings.threadsEnabled = false

      const action = await run(dir, { update: replyId, files: 'reports/unit.txt' })

      expect(action.code).toBe(1)
      expect(server.messages.find(m => m._id === replyId)?.msg).toBe('tests finished')
      expect(server.messages.filter(m => m.file)).toHaveLength(0)
      expect(resultsOf(action).map(r => [r.target, r.file?.name, r.outcome, r.kind])).toEqual([
        ['#general', undefined, 'updated', undefined],
        ['#general', 'unit.txt', 'failed', 'rejected']
      ])
      expect(resultsOf(action)[1]?.status).toBe(status)
      expect(action.outputs.sent).toBe('1')
      expect(action.outputs.failed).toBe('0')
      const errors = action.stdout.split('\n').filter(l => l.startsWith('::error::'))
      expect(errors).toEqual([
        `::error::File not uploaded: unit.txt to #general (destination 1), rejected: posting unit.txt: HTTP ${status}: not-allowed [${type}]`,
        '::error::1 of 1 file upload(s) failed'
      ])
    }
  )

  it('stores back\\slash.txt under that name', async () => {
    const { dir } = workspace()
    writeFileSync(join(dir, 'reports', 'back\\slash.txt'), 'ok')
    const action = await run(dir, { files: 'reports/back*' })

    expect(action.code).toBe(0)
    expect(server.uploads.map(u => u.name)).toEqual(['back\\slash.txt'])
    expect(server.messages.map(m => m.file?.name)).toEqual([undefined, 'back\\slash.txt'])
  })

  it('delivers through a webhook and warns that files cannot go with it', async () => {
    const { dir } = workspace()
    const hook = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
    const action = await run(dir, { url: hook, files: 'reports/*.txt' })

    expect(action.code).toBe(0)
    expect(server.messages.map(m => m.msg)).toEqual(['tests finished'])
    expect(action.stdout).toMatch(/::warning::.*a webhook cannot upload files/)
    expect(server.uploads).toHaveLength(0)
  })

  it('lists planned uploads by name and size in a dry run, and sends nothing', async () => {
    const { dir } = workspace()
    const action = await run(dir, { files: 'reports/unit.txt', 'dry-run': 'true' })

    expect(action.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(resultsOf(action)[1]).toEqual({
      destination: 0,
      target: '#general',
      file: { name: 'unit.txt', size: 16 },
      outcome: 'planned'
    })
    expect(action.stdout).toContain('"file": "unit.txt"')
    expect(action.summary).toContain('#general 📎 unit.txt (16 B)')
  })

  it('uploads a 100 MiB file streamed from disk: peak memory stays under 150 MiB', async () => {
    const { dir } = workspace()
    const size = 100 * 1024 * 1024
    // Sparse: made at once, reads as zeros, except a marker at its very end.
    const fd = openSync(join(dir, 'reports', 'huge.bin'), 'w')
    writeFileSync(fd, 'end', { encoding: 'utf8' })
    closeSync(fd)
    const { truncateSync, appendFileSync } = await import('node:fs')
    truncateSync(join(dir, 'reports', 'huge.bin'), size - 3)
    appendFileSync(join(dir, 'reports', 'huge.bin'), 'END')
    const { env } = runnerEnvironment(
      {
        url: tokenUrl(),
        body: 'big artifact',
        files: 'reports/huge.bin',
        'max-file-size': '100M',
        timeout: '60'
      },
      { env: { GITHUB_WORKSPACE: dir } }
    )

    const measured = await new Promise<{ code: number; stderr: string }>(done => {
      execFile(
        '/usr/bin/time',
        ['-f', 'maxrss=%M', DEFAULT_NODE, BUNDLE],
        { env, timeout: 120_000 },
        (error, _stdout, stderr) => {
          done({ code: error ? Number(error.code ?? 1) : 0, stderr })
        }
      )
    })
    const peakKiB = Number(/maxrss=(\d+)/.exec(measured.stderr)?.[1])

    expect(measured.code).toBe(0)
    const stored = server.uploads.find(u => u.name === 'huge.bin')
    expect(stored?.size).toBe(size)
    expect(stored?.bytes.subarray(0, 3).toString()).toBe('end')
    expect(stored?.bytes.subarray(size - 3).toString()).toBe('END')
    expect(peakKiB).toBeGreaterThan(0)
    expect(peakKiB / 1024).toBeLessThan(150)
  }, 180_000)
})
