import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
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

  it('is under 300 lines, and its first screen says what goes in the secret, in each mode', () => {
    const firstScreen = README.split('\n').slice(0, 25).join('\n')

    expect(README.split('\n').length).toBeLessThan(300)
    for (const mode of ['webhook', 'token', 'basic']) {
      expect(firstScreen).toMatch(new RegExp(`^\\| ${mode} +\\| \`rockets://`, 'm'))
    }
  })

  it('has exactly two set-up commands, the end-to-end demo and the tests', () => {
    const blocks = [...README.matchAll(/^```sh\n([\s\S]*?)```/gm)].map(match => match[1] ?? '')
    expect(blocks).toHaveLength(1)
    const commands = (blocks[0] ?? '')
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

/** The README, and the pages of docs/ its Documentation list links: what users read. */
const USER_DOCS = [
  'README.md',
  'SECURITY.md',
  ...new Set([...README.matchAll(/\]\((docs\/[\w.-]+\.md)\)/g)].map(match => match[1] ?? ''))
]
/** Reference material kept as written (docs/architecture.md, "Reference documents"). */
const REFERENCE = ['apprise-url.md', 'rocketchat-server.md', 'seed-rocketchat-notifications.md']
/** Every Markdown file of ours, without its code. */
const MARKDOWN = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...filesUnder('docs')
]
  .filter(file => file.endsWith('.md') && !REFERENCE.some(name => file === join('docs', name)))
  .map(file => ({
    file,
    // Without code, where `[label](url)` is an example, not a link.
    text: readFileSync(file, 'utf8')
      .replace(/^```[\s\S]*?^```/gm, '')
      .replace(/`[^`\n]*`/g, '')
  }))

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

describe('the documentation', () => {
  it('links only to files that exist, and to headings they have', () => {
    const broken = MARKDOWN.flatMap(({ file, text }) =>
      [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map(match => match[1] ?? '')
        .filter(link => !/^(https?|mailto):/.test(link))
        .filter(link => {
          const [path = '', anchor] = link.split('#')
          const target = path === '' ? file : join(dirname(file), path)
          if (!existsSync(target)) return true
          if (anchor === undefined || !target.endsWith('.md')) return false
          const headings = [...readFileSync(target, 'utf8').matchAll(/^#+ (.+)$/gm)]
          return !headings.some(heading => anchorOf(heading[1] ?? '') === anchor)
        })
        .map(link => `${file}: ${link}`)
    )

    expect(MARKDOWN.length).toBeGreaterThan(10)
    expect(broken).toEqual([])
  })

  it('has an index: every page of docs/ is linked from the README, CONTRIBUTING.md or architecture.md', () => {
    const indexes = ['README.md', 'CONTRIBUTING.md', 'docs/architecture.md']
      .map(file => readFileSync(file, 'utf8'))
      .join('\n')
    const unlinked = filesUnder('docs')
      .filter(file => file.endsWith('.md') && file !== join('docs', 'architecture.md'))
      .filter(file => !indexes.includes(`(${file})`) && !indexes.includes(`(${file.slice(5)})`))

    expect(unlinked).toEqual([])
  })

  it('writes each fact once: no sentence twice in the user docs, the Apprise differences in one', () => {
    const seen = new Map<string, string>()
    const repeated: string[] = []
    for (const file of USER_DOCS) {
      const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '')
      for (const sentence of text.replace(/\s+/g, ' ').split(/(?<=[.;:!?]) /)) {
        if (sentence.length < 50) continue
        const first = seen.get(sentence)
        if (first !== undefined && first !== file)
          repeated.push(`${first} and ${file}: ${sentence}`)
        seen.set(sentence, first ?? file)
      }
    }
    const appriseLists = USER_DOCS.filter(file =>
      /^#+ .*(differ|Differences).*Apprise/m.test(readFileSync(file, 'utf8'))
    )

    expect(USER_DOCS).toContain('docs/templates.md')
    expect(repeated).toEqual([])
    expect(appriseLists).toEqual(['docs/url-format.md'])
  })
})
