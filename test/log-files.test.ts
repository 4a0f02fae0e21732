/**
 * `attach-log`: the failing step's log as a file after the message. src/action/log-files.ts at
 * source level (names, the cut to max-file-size, the 10-file limit), then the bundle as the runner
 * runs it, against the fake GitHub API (its logs, its signed-URL server) and the fake Rocket.Chat
 * (its uploads).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { MAX_FILES, openFiles, type WorkspaceFiles } from '../src/action/files.js'
import { lastBytes, logFileName, withLogFiles } from '../src/action/log-files.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { resultsOf, runAction, type ActionRun } from './support/run-action.js'

/** What a file's `open` yields, as text; empty for a file that is not there. */
async function bytesOf(file: { open: () => Readable } | undefined): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of file?.open() ?? []) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}

const none = (): WorkspaceFiles => ({ toSend: [], problems: [], close: () => undefined })

describe('logFileName', () => {
  it.each([
    ['unit-tests (ubuntu-latest, 20)', 4, 'unit-tests-ubuntu-latest-20-step-4.log'],
    ['build / test: e2e', 2, 'build-test-e2e-step-2.log'],
    ['Tests für Ünïcode ✓', 3, 'Tests-für-Ünïcode-step-3.log'],
    ['../../etc/passwd', 1, 'etc-passwd-step-1.log'],
    ['.hidden', 1, 'hidden-step-1.log'],
    ['  ', 5, 'job-step-5.log'],
    ['deploy', undefined, 'deploy.log']
  ])('names %j step %s %s', (job, step, name) => {
    expect(logFileName({ job, step })).toBe(name)
  })

  it('keeps at most 80 characters of the job’s name', () => {
    expect(logFileName({ job: 'é'.repeat(500), step: 1 })).toBe(`${'é'.repeat(80)}-step-1.log`)
  })
})

describe('lastBytes: a log cut to max-file-size keeps its end', () => {
  it('keeps a text within the limit whole', () => {
    expect(lastBytes('a\nb\n', 4).toString()).toBe('a\nb\n')
  })

  it('starts at a whole line when one begins within the limit', () => {
    const log = 'first line\nsecond\nthird\n'
    expect(lastBytes(log, 14).toString()).toBe('second\nthird\n')
    expect(lastBytes(log, 13).toString()).toBe('second\nthird\n')
    expect(lastBytes(log, 12).toString()).toBe('third\n')
  })

  it('starts at a whole character in one long line, never above the limit', () => {
    const cut = lastBytes('ééééé', 5)
    expect(cut.toString()).toBe('éé')
    expect(cut.byteLength).toBeLessThanOrEqual(5)
  })
})

describe('withLogFiles', () => {
  const log = (job: string, text = `${job} failed\n`) => ({ job, step: 4, text })

  it('adds one text file per step log after the files input’s, cut to the limit', async () => {
    const files = withLogFiles(none(), [log('unit'), log('e2e', 'x\n'.repeat(100))], 12)

    expect(files.toSend.map(a => [a.name, a.size])).toEqual([
      ['unit-step-4.log', 12],
      ['e2e-step-4.log', 12]
    ])
    expect(await bytesOf(files.toSend[0])).toBe('unit failed\n')
    // Opened anew for a retry: the same bytes again.
    expect(await bytesOf(files.toSend[1])).toBe('x\n'.repeat(6))
    expect(await bytesOf(files.toSend[1])).toBe('x\n'.repeat(6))
  })

  it('gives two jobs whose names sanitise alike two names', () => {
    const files = withLogFiles(none(), [log('a (1)'), log('a [1]'), log('a  1')], 100)

    expect(files.toSend.map(a => a.name)).toEqual([
      'a-1-step-4.log',
      'a-1-step-4-2.log',
      'a-1-step-4-3.log'
    ])
  })

  it(`counts toward the ${MAX_FILES}-file limit with the files input, naming the ones left out`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-files-'))
    mkdirSync(join(dir, 'reports'))
    for (let i = 0; i < MAX_FILES - 1; i++) writeFileSync(join(dir, 'reports', `${i}.txt`), 'r')
    const opened = await openFiles(['reports/*.txt'], 100, () => undefined, dir)
    let closed = 0
    const files = withLogFiles(
      {
        ...opened,
        close: () => {
          opened.close()
          closed++
        }
      },
      [log('unit'), log('e2e')],
      100
    )

    expect(files.toSend).toHaveLength(MAX_FILES)
    expect(files.toSend.at(-1)?.name).toBe('unit-step-4.log')
    expect(files.problems).toEqual([
      {
        name: 'e2e-step-4.log',
        kind: 'rejected',
        reason: `attach-log: e2e-step-4.log not sent: at most ${MAX_FILES} files go with a message`
      }
    ])
    files.close()
    expect(closed).toBe(1)
  })

  it('leaves the files input’s files as they are without step logs', () => {
    const files = none()
    expect(withLogFiles(files, [], 100)).toBe(files)
  })
})

describe('the bundle with attach-log, as the runner runs it', () => {
  const server = useFakeServer({ rateLimited: false })
  const github = useFakeGitHub()
  const TOKEN = 'ghs_4tt4chL0gT0k3nxxxxxxxxxxxxxxxxxxxxxxx'
  const basicUrl = () => `rocket://bot:bot-password@${server.host}/#general`

  function alert(inputs: Record<string, string>): Promise<ActionRun> {
    return runAction(
      { url: basicUrl(), 'github-token': TOKEN, status: 'auto', ...inputs },
      {
        env: {
          GITHUB_API_URL: github.apiUrl,
          GITHUB_RUN_ID: String(github.runId),
          GITHUB_RUN_ATTEMPT: String(github.attempt)
        }
      }
    )
  }

  /** What the failed step printed: 30 lines, colours, a GitHub mask, our own password. */
  const PRINTED = [
    ...Array.from({ length: 30 }, (_, i) => `\u001b[32m✓\u001b[39m test ${i + 1}`),
    'token: ***',
    'connecting with bot-password',
    '\u001b[31m×\u001b[39m test/sum.test.ts > adds'
  ]
  /** The same step in the file: no timestamps, no colours, the mask kept, the password redacted. */
  const IN_FILE = [
    '##[group]Run npm test',
    'npm test',
    '##[endgroup]',
    ...Array.from({ length: 30 }, (_, i) => `✓ test ${i + 1}`),
    'token: ***',
    'connecting with ****',
    '× test/sum.test.ts > adds',
    '##[error]Process completed with exit code 1.',
    ''
  ].join('\n')
  const NAME = 'unit-tests-ubuntu-latest-20-step-4.log'

  /** A summary job's view: lint passed, unit tests failed at step 4, notify is running. */
  function failedRun(printed: string[] = PRINTED): void {
    github.addJob({ name: 'lint', result: 'success' })
    github.addJob({
      name: 'unit-tests (ubuntu-latest, 20)',
      result: 'failure',
      failedStep: 4,
      failedStepLog: printed
    })
    github.addJob({ name: 'notify', result: 'in_progress' })
  }

  it('posts the message, then the failing step’s log as a file: its text, plain and redacted', async () => {
    failedRun()

    const run = await alert({ 'attach-log': 'true' })

    expect(run.code).toBe(0)
    expect(server.messages.map(m => m.file?.name)).toEqual([undefined, NAME])
    expect(JSON.stringify(server.messages[0]?.attachments)).toContain('failed at step 4')
    expect(server.uploads.map(u => [u.name, u.type, u.bytes.toString('utf8')])).toEqual([
      [NAME, 'text/plain', IN_FILE]
    ])
    expect(resultsOf(run).map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['#general', undefined, 'delivered'],
      ['#general', NAME, 'delivered']
    ])
    expect(run.summary).toContain(`#general 📎 ${NAME}`)
    // One read of the log serves the quote and the file; the signed URL never sees the token.
    expect(github.signedRequests).toHaveLength(1)
    expect(github.signedRequests[0]?.authorization).toBeUndefined()
  })

  it('puts the files and the log in the keyed thread on every run: each file message carries the root', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'log-files-thread-'))
    mkdirSync(join(dir, 'reports'))
    writeFileSync(join(dir, 'reports', 'unit.txt'), 'unit: 12 passed\n')
    const keyed = (runId: string): Promise<ActionRun> =>
      runAction(
        {
          url: `${basicUrl()}/#random`,
          'github-token': TOKEN,
          status: 'auto',
          'thread-key': 'nightly',
          files: 'reports/*.txt',
          'attach-log': 'true'
        },
        {
          env: {
            GITHUB_API_URL: github.apiUrl,
            GITHUB_RUN_ID: String(github.runId),
            GITHUB_RUN_ATTEMPT: String(github.attempt),
            GITHUB_WORKSPACE: dir,
            GITHUB_RUN_NUMBER: runId
          }
        }
      )
    failedRun()

    const runs = [await keyed('7'), await keyed('8')]

    expect(runs.map(run => run.code)).toEqual([0, 0])
    const rootOf = (room: string) =>
      server.messages.find(m => m.roomName === room && m.tmid === undefined)?._id
    const fileMessages = server.messages.filter(m => m.file)
    expect(fileMessages).toHaveLength(8)
    for (const room of ['general', 'random']) {
      const inRoom = fileMessages.filter(m => m.roomName === room)
      expect(inRoom.map(m => [m.file?.name, m.tmid])).toEqual([
        ['unit.txt', rootOf(room)],
        [NAME, rootOf(room)],
        ['unit.txt', rootOf(room)],
        [NAME, rootOf(room)]
      ])
    }
    expect(server.messages.filter(m => m.tmid === undefined)).toHaveLength(2)
  })

  it('leaves only the label of a terminal hyperlink in the quote and the file', async () => {
    failedRun([
      ...PRINTED,
      'see \u001b]8;;https://evil.example/phish\u001b\\the report\u001b]8;;\u001b\\ for details'
    ])

    const run = await alert({ 'attach-log': 'true' })

    expect(run.code).toBe(0)
    const inFile = server.uploads[0]?.bytes.toString('utf8') ?? ''
    expect(inFile).toContain('\nsee the report for details\n')
    expect(JSON.stringify(server.messages[0]?.attachments)).toContain('see the report for details')
    expect(JSON.stringify(server.messages) + inFile).not.toContain('evil.example')
  })

  it('keeps the end of a log over max-file-size', async () => {
    failedRun()

    await alert({ 'attach-log': 'true', 'max-file-size': '100' })

    const bytes = server.uploads[0]?.bytes.toString('utf8') ?? ''
    expect(Buffer.byteLength(bytes)).toBeLessThanOrEqual(100)
    // The end of the step's text, from the start of a line.
    expect(bytes).toMatch(/\n##\[error\]Process completed with exit code 1\.\n$/)
    expect(IN_FILE.endsWith(`\n${bytes}`)).toBe(true)
  })

  it('uploads nothing with attach-log: false', async () => {
    failedRun()

    const run = await alert({})

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.uploads).toEqual([])
    expect(resultsOf(run)).toHaveLength(1)
  })

  it('uploads nothing when the quote in the message already shows the whole step', async () => {
    failedRun(['AssertionError: expected 2 to be 3'])

    const run = await alert({ 'attach-log': 'true' })

    expect(run.code).toBe(0)
    expect(JSON.stringify(server.messages[0]?.attachments)).toContain('expected 2 to be 3')
    expect(server.uploads).toEqual([])
    expect(resultsOf(run)).toHaveLength(1)
  })

  it('sends the message with a notice and no file without actions: read', async () => {
    failedRun()
    github.fail('logs', 'forbidden')

    const run = await alert({ 'attach-log': 'true' })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.uploads).toEqual([])
    expect(run.stdout).toMatch(
      /::notice::Log excerpt and file left out: GitHub answered 403.*`actions: read`/
    )
    expect(run.stdout).not.toMatch(/::(error|warning)::/)
  })

  it('lists the log file as planned in a dry run, and sends nothing', async () => {
    failedRun()

    const run = await alert({ 'attach-log': 'true', 'dry-run': 'true' })

    expect(run.code).toBe(0)
    expect(server.requests).toHaveLength(0)
    expect(resultsOf(run)[1]).toEqual({
      destination: 0,
      target: '#general',
      file: { name: NAME, size: Buffer.byteLength(IN_FILE) },
      outcome: 'planned'
    })
  })

  it('delivers through a webhook and warns that the file cannot go with it', async () => {
    failedRun()
    const hook = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`

    const run = await alert({ url: hook, 'attach-log': 'true' })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.uploads).toEqual([])
    expect(run.stdout).toMatch(/::warning::.*a webhook cannot upload files/)
  })
})
