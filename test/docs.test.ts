import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import { composeNotification } from '../src/template/notification.js'
import { notificationInput } from './support/notification-input.js'

/** The documentation agrees with the repository and with what the action does. */

const README = readFileSync('README.md', 'utf8')
const ACTION = parseYaml(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { description: string }>
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path).flatMap(name => filesUnder(join(path, name)))
}

const CITING = ['src', 'test', 'scripts', '.github', 'README.md', 'action.yml', 'SECURITY.md']
  .flatMap(filesUnder)
  .filter(file => /\.(ts|mjs|js|ya?ml|md|json)$/.test(file))
  .map(file => ({ file, text: readFileSync(file, 'utf8') }))

describe('citations', () => {
  it('every docs/ path named in code, tests, scripts, workflows and the README exists', () => {
    const cited = CITING.flatMap(({ file, text }) =>
      [...text.matchAll(/(?<![\w/.-])docs\/[\w./-]*\w/g)].map(match => ({ file, path: match[0] }))
    )
    const missing = cited.filter(({ path }) => !existsSync(path))

    expect(cited.map(c => c.path)).toContain('docs/apprise-url.md')
    expect(missing).toEqual([])
  })

  it('cites docs/architecture.md, not the design notes outside the repository', () => {
    const stale = CITING.filter(({ file }) => file !== join('test', 'docs.test.ts')).flatMap(
      ({ file, text }) => (/\bDESIGN\b/.test(text) ? [file] : [])
    )
    expect(stale).toEqual([])
  })

  it('every "difference N" cited is numbered in docs/url-format.md', () => {
    const format = readFileSync('docs/url-format.md', 'utf8')
    const listed = format.slice(format.indexOf('## Differences from Apprise'))
    const cited = new Set(
      CITING.flatMap(({ text }) => [...text.matchAll(/\bdifference (\d+)\b/g)].map(m => m[1]))
    )
    expect(cited.size).toBeGreaterThan(0)
    for (const n of cited) expect(listed).toMatch(new RegExp(`^${String(n)}\\. `, 'm'))
  })
})

describe('the README', () => {
  it('shows the default message exactly as the action composes it for its scenario', async () => {
    // The scenario the README describes next to the example.
    const dir = mkdtempSync(join(tmpdir(), 'docs-test-'))
    const eventPath = join(dir, 'push.json')
    writeFileSync(
      eventPath,
      JSON.stringify({
        ref: 'refs/heads/main',
        compare: 'https://github.com/octo-org/octo-repo/compare/4a5b6c7d8e9f...0123456789ab',
        commits: [{ id: '0123456789abcdef0123456789abcdef01234567' }],
        head_commit: {
          id: '0123456789abcdef0123456789abcdef01234567',
          message: 'Fix the login redirect\n\nThe session cookie was dropped on Safari.'
        }
      })
    )
    const context = readWorkflowContext(
      {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
        GITHUB_WORKFLOW: 'CI',
        GITHUB_RUN_ID: '1234567890',
        GITHUB_RUN_NUMBER: '42',
        GITHUB_ACTOR: 'octocat',
        GITHUB_JOB: 'build'
      },
      'failure'
    )
    // The step of the README's example: `status: failure`, `mention: '@devops'`, no body.
    const message = await composeNotification(
      notificationInput({ status: 'failure', mention: ['@devops'] }),
      context
    )

    const shown = /<!-- default message[^>]*-->\s*```text\n(.*)\n```\s*([\s\S]*?)\n\n/.exec(README)
    expect(shown, 'README.md has the marked default-message example').not.toBeNull()
    const [, text, description] = shown ?? []
    expect(message.body).toBe(text)
    const attachment = message.attachments?.[0] ?? {}
    expect(description).toContain(`titled \`${String(attachment.title)}\``)
    const fields = (attachment.fields as { title: string }[]).map(f => f.title)
    expect(description?.replace(/\s+/g, ' ')).toContain(
      `the fields ${fields.slice(0, -1).join(', ')} and ${fields.at(-1) ?? ''}.`
    )
  })

  it('describes every input with the same meaning as action.yml where it matters: retries', () => {
    const row = /^\| `retries` +\| [^|]+\| (.+?) +\|$/m.exec(README)?.[1]
    expect(row).toBe(ACTION.inputs.retries?.description.trim())
  })

  it('lists every input of action.yml', () => {
    const listed = [...README.matchAll(/^\| `([a-z-]+)` +\|/gm)].map(m => m[1])
    for (const input of Object.keys(ACTION.inputs)) expect(listed).toContain(input)
  })

  it('starts with exactly two set-up commands, the end-to-end demo and the tests', () => {
    const tryIt = /## Try it[\s\S]*?```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? ''
    const commands = tryIt
      .split('\n')
      .filter(Boolean)
      .map(line => line.replace(/\s+#.*$/, ''))
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test'])
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts.start).toMatch(/scripts\/demo\.mjs/)
    expect(scripts.test).toBe('vitest run')
  })
})
