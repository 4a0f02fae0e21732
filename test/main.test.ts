import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { run } from '../src/main.js'
import { useFakeGitHub } from './support/fake.js'
import { parseOutputs } from './support/run-action.js'

/**
 * src/main.ts at source level: the story of one run, in dry-run mode (nothing leaves the machine).
 * The bundle tests (test/action.test.ts, test/run-details.test.ts) walk the same end to end; these
 * make coverage count the paths only they walked.
 */

const github = useFakeGitHub()
const dir = mkdtempSync(join(tmpdir(), 'main-'))
const outputFile = join(dir, 'output')
let log: string[]

beforeEach(() => {
  writeFileSync(outputFile, '')
  writeFileSync(join(dir, 'event.json'), '{}')
  log = []
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    log.push(String(chunk))
    return true
  })
  process.exitCode = undefined
})

afterEach(() => {
  vi.unstubAllEnvs()
  process.exitCode = undefined
})

function stubRun(inputs: Record<string, string>): void {
  const env: Record<string, string> = {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: '',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: github.apiUrl,
    GITHUB_RUN_ID: String(github.runId),
    GITHUB_RUN_NUMBER: '42',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    'INPUT_DRY-RUN': 'true',
    INPUT_STATUS: 'success',
    'INPUT_GITHUB-TOKEN': 'ghs_mainT3stT0kenxxxxxxxxxxxxxxxxxxxxxxxx',
    ...inputs
  }
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
}

/** What the log shows: the runner hides what `::add-mask::` names and prints no such line. */
const stdout = () =>
  log
    .join('')
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
const outputs = () => parseOutputs(readFileSync(outputFile, 'utf8'))

describe('run', () => {
  it('composes nothing when notify-when: changed finds the run unchanged, and says why', async () => {
    github.addPastRun({ number: 41, conclusion: 'success' })
    stubRun({ INPUT_URL: 'rocket://bot:pass@127.0.0.1/#ci', 'INPUT_NOTIFY-WHEN': 'changed' })

    await run()

    expect(outputs()).toMatchObject({
      sent: '0',
      failed: '0',
      skipped: 'notify-when: changed: still succeeding, as run #41 did; no message is sent.'
    })
    expect(stdout()).not.toContain('Dry run:')
    expect(process.exitCode).toBeUndefined()
  })

  /** The log breaks at the first line that starts with `text`, as a closed stdout (EPIPE) does. */
  function breakLogAt(text: string): void {
    vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      if (String(chunk).startsWith(text)) throw new Error('write EPIPE')
      log.push(String(chunk))
      return true
    })
  }

  it('leaves the outputs of a run that reported its results as they are when an error follows', async () => {
    stubRun({ INPUT_URL: 'rocket://bot:pass@127.0.0.1/#ci' })
    breakLogAt('Destination 1:')

    await run()

    expect(stdout()).toContain('::error::write EPIPE')
    expect(process.exitCode).toBe(1)
    expect(outputs()).toMatchObject({ sent: '0', failed: '0', unconfirmed: '0' })
    expect(JSON.parse(outputs().destinations ?? '')).toEqual(['rocket://bot:****@127.0.0.1/#ci'])
    expect(JSON.parse(outputs().results ?? '')).toEqual([
      { destination: 0, target: '#ci', outcome: 'planned' }
    ])
  })

  it('keeps a later error from overwriting the outputs of a run that found nothing changed', async () => {
    github.addPastRun({ number: 41, conclusion: 'success' })
    stubRun({ INPUT_URL: 'rocket://bot:pass@127.0.0.1/#ci', 'INPUT_NOTIFY-WHEN': 'changed' })
    breakLogAt('notify-when: changed:')

    await run()

    expect(stdout()).toContain('::error::write EPIPE')
    expect(outputs()).toMatchObject({
      failed: '0',
      results: '[]',
      skipped: 'notify-when: changed: still succeeding, as run #41 did; no message is sent.'
    })
  })

  it('warns of an unknown attachment key and still plans the message', async () => {
    stubRun({
      INPUT_URL: 'rocket://bot:pass@127.0.0.1/#ci',
      INPUT_ATTACHMENTS: '- text: hello\n  colour: red'
    })

    await run()

    expect(stdout()).toContain(
      '::warning::attachments[0].colour is not an attachment key Rocket.Chat knows; it is sent as is.'
    )
    expect(stdout()).toContain('Dry run: ')
    expect(process.exitCode).toBeUndefined()
  })

  it('plans the message without unreadable attachments, then fails the step for the mistake', async () => {
    stubRun({ INPUT_URL: 'rocket://bot:pass@127.0.0.1/#ci', INPUT_ATTACHMENTS: '[{' })

    await run()

    expect(stdout()).toMatch(/::error::.*the message is sent without these attachments/)
    expect(stdout()).toContain('Dry run: ')
    expect(stdout()).toContain(
      "::error::1 mistake(s) in the step's inputs, reported above; the message was not held back for them"
    )
    expect(process.exitCode).toBe(1)
  })

  it('warns that a webhook cannot keep a thread-key, and plans the post outside any thread', async () => {
    stubRun({
      INPUT_URL: 'rocket://Hook1d/HookT0ken-secret@127.0.0.1/',
      'INPUT_THREAD-KEY': 'deploy-42'
    })

    await run()

    expect(stdout()).toMatch(/::warning::thread-key needs token or basic mode/)
    expect(stdout()).toContain('Dry run: ')
    expect(stdout()).not.toContain('HookT0ken-secret')
  })
})
