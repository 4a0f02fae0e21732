import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { useFakeServer } from './support/fake.js'
import { linksIn, mentionsIn, typesOf } from './support/parser.js'
import { runAction } from './support/run-action.js'

/**
 * Every example of the README and docs/, run the way the runner runs it: `${{ }}` in `with:` substituted first
 * (the runner does so before the action starts), then the committed bundle with INPUT_* against
 * the fake server, for an event whose every text is hostile. Rocket.Chat's parser then judges what
 * the room got: an example that put event text through `${{ }}` would fail here.
 */

type Payload = Record<string, unknown>
type Step = { id?: string; uses?: string; with?: Record<string, unknown> }

/** The user documentation: the README, and docs/ where the README's details moved. */
const USER_DOCS = [
  'README.md',
  ...readdirSync('docs')
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]
const ACTION = 'rocketchat-notify/rocketchat-notify@v1'
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string
  examples: Payload[]
}[]
const notes = readFileSync(new URL('fixtures/markdown/release-notes.md', import.meta.url), 'utf8')
const HOSTILE_TITLE = 'Fix *everything* [now](https://evil.example/login) @alice'

interface Example {
  /** The file and the heading the example is under: `docs/templates.md: A template file`. */
  heading: string
  steps: Step[]
  /** A file the document shows for the example (`body-file`), by its path. */
  files: Record<string, string>
}

/** The ```yaml blocks of a document that use the action, with the heading they are under. */
function examplesIn(document: string): Example[] {
  const found: Example[] = []
  let heading = ''
  const blocks = readFileSync(document, 'utf8').split(/^```/m)
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] ?? ''
    if (i % 2 === 0) {
      heading = /^#+ (.*)$/m.exec(block.split('\n').reverse().join('\n'))?.[1] ?? heading
      continue
    }
    if (!block.startsWith('yaml') || !block.includes(ACTION)) continue
    const parsed: unknown = parseYaml(block.slice('yaml'.length))
    const steps = Array.isArray(parsed)
      ? (parsed as Step[])
      : Object.values((parsed as { jobs: Record<string, { steps: Step[] }> }).jobs).flatMap(
          job => job.steps
        )
    const files: Record<string, string> = {}
    const after = blocks[i + 1] ?? ''
    const path = /`(\.github\/[^`]+)`/.exec(after)?.[1]
    const file = blocks[i + 2] ?? ''
    if (path && file.startsWith('md\n')) files[path] = file.slice('md\n'.length)
    found.push({
      heading: `${document}: ${heading}`,
      steps: steps.filter(step => step.uses === ACTION),
      files
    })
  }
  return found
}

function hostileEvent(example: Example): { eventName: string; event: Payload } {
  const text = JSON.stringify(example.steps)
  if (text.includes('github.event.release')) {
    const event = structuredClone(
      examples.find(e => e.name === 'release')?.examples.find(p => p.action === 'published')
    ) as Payload
    Object.assign(event.release as Payload, { body: notes, name: '@all v1.0.1' })
    return { eventName: 'release', event }
  }
  if (text.includes('github.event.pull_request')) {
    const event = structuredClone(
      examples.find(e => e.name === 'pull_request')?.examples.find(p => p.action === 'opened')
    ) as Payload
    Object.assign(event.pull_request as Payload, { title: HOSTILE_TITLE })
    return { eventName: 'pull_request', event }
  }
  const event = structuredClone(
    examples.find(e => e.name === 'push')?.examples.find(p => p.ref === 'refs/heads/master')
  ) as Payload
  Object.assign(event.head_commit as Payload, { message: `@here ${HOSTILE_TITLE}` })
  return { eventName: 'push', event }
}

/** The runner's substitution of `${{ expr }}` in one input, over the contexts it knows. */
function substitute(value: string, contexts: Record<string, unknown>): string {
  return value.replace(/\$\{\{(.*?)\}\}/g, (_, source: string) => {
    const { tokens } = new Lexer(source).lex()
    const names = Object.keys(contexts)
    const expression = new Parser(tokens, names, []).parse()
    const dictionary = new data.Dictionary(
      ...names.map(key => ({ key, value: toData(contexts[key]) }))
    )
    const result = new Evaluator(expression, dictionary, new Map()).evaluate()
    return result.primitive ? result.coerceString() : JSON.stringify(result, data.replacer)
  })
}

function toData(value: unknown): data.ExpressionData {
  if (typeof value === 'string') return new data.StringData(value)
  if (typeof value === 'number') return new data.NumberData(value)
  if (typeof value === 'boolean') return new data.BooleanData(value)
  if (Array.isArray(value)) return new data.Array(...value.map(toData))
  if (typeof value === 'object' && value !== null) {
    return new data.Dictionary(
      ...Object.entries(value).map(([key, item]) => ({ key, value: toData(item) }))
    )
  }
  return new data.Null()
}

describe('README and docs/ examples, as the runner runs them', () => {
  const server = useFakeServer({ rateLimited: false })
  const all = USER_DOCS.flatMap(examplesIn)

  it('finds the examples, and each writes templates in the safe {{ }} form', () => {
    expect(all.map(example => example.heading)).toEqual(
      expect.arrayContaining([
        'README.md: Announce a release',
        'README.md: One thread per pull request',
        'docs/templates.md: A pull request, by its title',
        'docs/templates.md: A template file'
      ])
    )
    for (const example of all) {
      for (const step of example.steps) {
        for (const [name, value] of Object.entries(step.with ?? {})) {
          // Only values that are not event text may go through the runner: secrets, outputs, status.
          for (const [, source] of String(value).matchAll(/\$\{\{(.*?)\}\}/g)) {
            expect(source, `${example.heading}: ${name}`).toMatch(/^\s*(secrets|steps|job)\./)
          }
        }
      }
    }
  })

  it.each(all.map(example => [example.heading, example] as const))(
    '%s: what the room gets pings no one and hides no link',
    async (_, example) => {
      const { eventName, event } = hostileEvent(example)
      const workspace = mkdtempSync(join(tmpdir(), 'readme-'))
      for (const [path, content] of Object.entries(example.files)) {
        mkdirSync(dirname(join(workspace, path)), { recursive: true })
        writeFileSync(join(workspace, path), content)
      }
      const webhook = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
      const token = `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`
      const outputs: Record<string, Record<string, string>> = {}
      const mentioned = new Set<string>()
      for (const step of example.steps) {
        const contexts = {
          secrets: { ROCKETCHAT_URL: webhook, ROCKETCHAT_TOKEN_URL: token },
          steps: Object.fromEntries(Object.entries(outputs).map(([id, o]) => [id, { outputs: o }])),
          job: { status: 'failure' }
        }
        const inputs = Object.fromEntries(
          Object.entries(step.with ?? {}).map(([name, value]) => [
            name,
            substitute(String(value), contexts)
          ])
        )
        if (inputs.status === 'failure') {
          for (const name of (inputs.mention ?? '').split(/\s+/).filter(Boolean)) {
            mentioned.add(name.replace(/^@/, ''))
          }
          // `author` mentions whom user-map names: those people are meant to be pinged.
          if (/\bauthor\b/.test(inputs.mention ?? '')) {
            const map = (parseYaml(inputs['user-map'] ?? '') ?? {}) as Record<string, string>
            for (const username of Object.values(map)) mentioned.add(username.replace(/^@/, ''))
          }
        }
        const run = await runAction(inputs, {
          eventName,
          event,
          env: { GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'octo-org/octo-repo' }
        })
        expect(run.code, run.stdout + run.stderr).toBe(0)
        if (step.id) outputs[step.id] = run.outputs
      }

      expect(server.messages.length).toBeGreaterThan(0)
      for (const message of server.messages) {
        const texts = [
          message.msg,
          ...(message.attachments as Record<string, unknown>[]).flatMap(attachment => [
            typeof attachment.text === 'string' ? attachment.text : '',
            ...((attachment.fields ?? []) as { value: string }[]).map(field => field.value)
          ])
        ]
        for (const text of texts) {
          expect(
            mentionsIn(text).filter(name => !mentioned.has(name)),
            text
          ).toEqual([])
          // A labelled link may leave GitHub only with its host shown beside it.
          const hidden = linksIn(text).filter(
            link =>
              link.label === 'now' && !text.includes(`](${link.src}) (${new URL(link.src).host})`)
          )
          expect(hidden, text).toEqual([])
          expect(typesOf(text).has('BOLD') && text.includes('everything*'), text).toBe(false)
        }
      }
    }
  )

  it('the release example: @octocat a profile link, the PR a link reading #12, no HTML', async () => {
    const example = all.find(item => item.heading === 'README.md: Announce a release')
    const step = example?.steps[0]
    const { event } = hostileEvent(example ?? { heading: '', steps: [], files: {} })
    const url = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
    const inputs = Object.fromEntries(
      Object.entries(step?.with ?? {}).map(([name, value]) => [
        name,
        substitute(String(value), { secrets: { ROCKETCHAT_URL: url } })
      ])
    )
    const run = await runAction(inputs, { eventName: 'release', event })

    expect(run.code, run.stderr).toBe(0)
    const text = server.messages[0]?.msg ?? ''
    expect(mentionsIn(text)).toEqual([])
    expect(linksIn(text)).toContainEqual({ label: '@octocat', src: 'https://github.com/octocat' })
    expect(linksIn(text)).toContainEqual({
      label: '#12',
      src: 'https://github.com/octo-org/octo-repo/pull/12'
    })
    expect(text).not.toMatch(/<!--|<\/?(details|summary|br|img)\b/)
    // The job summary shows the message as it reads: the link, not its markdown.
    expect(run.summary).toContain('<a href="https://github.com/octo-org/octo-repo/pull/12">#12</a>')
  })
})
