import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { WorkflowContext } from '../src/template/workflow-context.js'
import type { Status } from '../src/rocketchat/types.js'
import { defaultMessage } from '../src/template/defaults.js'
import { githubToRocketChat } from '../src/template/markdown.js'
import { linksIn, mentionsIn, typesOf } from './support/parser.js'

type Payload = Record<string, unknown>
interface Field {
  title: string
  value: string
  short: boolean
}

/** GitHub's own example payloads, as the webhooks documentation publishes them. */
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string
  examples: Payload[]
}[]

function example(name: string, matches: (payload: Payload) => boolean = () => true): Payload {
  const found = definitions.find(definition => definition.name === name)?.examples.find(matches)
  if (!found) throw new Error(`no ${name} example matches`)
  return structuredClone(found)
}

const at = (payload: Payload, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], payload)

/** A mention Rocket.Chat would act on: `@` directly followed by the name. */
const PINGABLE = /@(all|here|channel)\b/i
const RUN_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/1234567890'
const RUN_LINK = `<${RUN_URL}|run #42>`
const dir = mkdtempSync(join(tmpdir(), 'defaults-test-'))
let files = 0

/** The context the runner would give a job started by this event. */
function contextFor(
  eventName: string,
  payload: Payload,
  status: Status,
  env: Record<string, string> = {}
): WorkflowContext {
  const path = join(dir, `event-${++files}.json`)
  writeFileSync(path, JSON.stringify(payload))
  return readWorkflowContext(
    {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_JOB: 'build',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SHA: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      GITHUB_REF: 'refs/heads/main',
      ...env
    },
    status
  )
}

function fieldsOf(attachment: Record<string, unknown>): Field[] {
  return attachment.fields as Field[]
}

function fieldValue(attachment: Record<string, unknown>, title: string): string | undefined {
  return fieldsOf(attachment).find(field => field.title === title)?.value
}

interface Scenario {
  name: string
  event: string
  payload: Payload
  env?: Record<string, string>
  /** What the line says about the event, whatever the status. */
  says: string[]
  fields: Record<string, string>
}

const scenarios: Scenario[] = [
  {
    name: 'push to a branch',
    event: 'push',
    payload: example('push', p => p.ref === 'refs/heads/master'),
    env: { GITHUB_REF: 'refs/heads/master' },
    says: ['on master: Initial commit'],
    fields: {
      Commit:
        '<https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246|6113728> Initial commit',
      Changes:
        '<https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246|1 commit>',
      Event: 'push'
    }
  },
  {
    name: 'push of a tag',
    event: 'push',
    payload: example('push', p => p.ref === 'refs/tags/simple-tag' && p.deleted === false),
    env: { GITHUB_REF: 'refs/tags/simple-tag', GITHUB_REF_TYPE: 'tag' },
    says: ['on tag simple-tag'],
    fields: { Tag: 'simple-tag', Commit: 'Adding a .gitignore file' }
  },
  {
    name: 'deletion of a tag',
    event: 'push',
    payload: example('push', p => p.ref === 'refs/tags/simple-tag' && p.deleted === true),
    env: { GITHUB_REF: 'refs/tags/simple-tag' },
    says: ['on deleted tag simple-tag'],
    fields: { Tag: 'simple-tag' }
  },
  {
    name: 'creation of a tag',
    event: 'create',
    payload: example('create', p => p.ref_type === 'tag'),
    env: { GITHUB_REF: 'refs/tags/simple-tag', GITHUB_REF_TYPE: 'tag' },
    says: ['on new tag simple-tag'],
    fields: { Event: 'create' }
  },
  {
    name: 'pull request opened',
    event: 'pull_request',
    payload: example('pull_request', p => p.action === 'opened'),
    env: { GITHUB_REF: 'refs/pull/2/merge', GITHUB_HEAD_REF: 'changes', GITHUB_BASE_REF: 'master' },
    says: [
      'for <https://github.com/Codertocat/Hello-World/pull/2|PR #2>: Update the README with new information.'
    ],
    fields: {
      Branches: 'Codertocat:changes → master',
      Event: 'pull_request (opened)',
      Commit: '<https://github.com/Codertocat/Hello-World/commit/ec26c3e'
    }
  },
  {
    name: 'pull request from a fork (pull_request_target)',
    event: 'pull_request_target',
    payload: example('pull_request', p => p.action === 'synchronize'),
    env: { GITHUB_REF: 'refs/heads/master' },
    says: ['for <https://github.com/Codertocat/Hello-World/pull/2|PR #2>: Update the README'],
    fields: { Event: 'pull_request_target (synchronize)' }
  },
  {
    name: 'release published',
    event: 'release',
    payload: example('release', p => p.action === 'published'),
    env: { GITHUB_REF: 'refs/tags/0.0.1' },
    says: ['<https://github.com/Codertocat/Hello-World/releases/tag/0.0.1|0.0.1>'],
    fields: {
      Release: '<https://github.com/Codertocat/Hello-World/releases/tag/0.0.1|0.0.1>',
      Event: 'release (published)'
    }
  },
  {
    name: 'manual run',
    event: 'workflow_dispatch',
    payload: example('workflow_dispatch'),
    says: ['on main: manually run by octocat'],
    fields: { Event: 'workflow_dispatch', Actor: 'octocat' }
  },
  {
    name: 'scheduled run',
    // GitHub publishes no example for schedule; this is the whole payload it sends.
    event: 'schedule',
    payload: { schedule: '30 5 * * 1-5' },
    says: ['on main: scheduled run'],
    fields: { Schedule: '`30 5 * * 1-5`', Event: 'schedule' }
  },
  {
    name: 'an event without its own wording',
    event: 'issues',
    payload: example('issues', p => p.action === 'opened'),
    says: ['on main (issues opened)'],
    fields: { Event: 'issues (opened)' }
  }
]

const LOOKS: [Status, string, string, string][] = [
  ['success', '✅', 'succeeded', '#2eb886'],
  ['failure', '❌', 'failed', '#d50200'],
  ['cancelled', '⚪', 'was cancelled', '#9e9e9e'],
  ['warning', '⚠️', 'finished with warnings', '#daa038'],
  ['info', 'ℹ️', '', '#439fe0']
]

describe('defaultMessage on workflow_run', () => {
  const TRIGGERING_URL = 'https://github.com/Codertocat/Hello-World/actions/runs/289782451'
  const withPull = example(
    'workflow_run',
    p =>
      Array.isArray(at(p, 'workflow_run', 'pull_requests')) &&
      (at(p, 'workflow_run', 'pull_requests') as unknown[]).length > 0
  )

  it('names the triggering workflow, its branch, commit, actor and pull request, and links its run', () => {
    const { text, attachment } = defaultMessage(
      contextFor('workflow_run', withPull, 'failure'),
      'failure'
    )

    expect(text).toBe(
      `❌ test failed in Codertocat/Hello-World on master: build(test): check workflow run event payload · <${TRIGGERING_URL}|run #163>`
    )
    expect(attachment).toMatchObject({ title: 'test #163 failed', title_link: TRIGGERING_URL })
    expect(fieldValue(attachment, 'Commit')).toContain(
      'build(test): check workflow run event payload'
    )
    expect(fieldValue(attachment, 'Actor')).toBe('Codertocat')
    expect(fieldValue(attachment, 'Event')).toBe('repository_dispatch')
    expect(fieldValue(attachment, 'Pull request')).toMatch(
      /^<https:\/\/github\.com\/Codertocat\/Hello-World\/pull\/\d+\|#\d+>$/
    )
    // The notifying job is only the messenger.
    expect(fieldValue(attachment, 'Job')).toBeUndefined()
  })

  it('says a run without a conclusion yet was requested', () => {
    const requested = example('workflow_run', p => p.action === 'requested')
    const { text } = defaultMessage(contextFor('workflow_run', requested, 'info'), 'info')

    expect(text).toBe(
      `ℹ️ test in Codertocat/Hello-World on master: build(test): check workflow run event payload (requested) · <${TRIGGERING_URL}|run #163>`
    )
  })
})

describe.each(scenarios)('defaultMessage: $name', scenario => {
  it.each(LOOKS)('%s', (status, emoji, outcome, color) => {
    const context = contextFor(scenario.event, scenario.payload, status, scenario.env)
    const { text, attachment } = defaultMessage(context, status)

    expect(text.startsWith(`${emoji} `)).toBe(true)
    expect(text).not.toContain('\n')
    expect(text).toContain('Codertocat/Hello-World')
    expect(text.endsWith(` · ${RUN_LINK}`)).toBe(true)
    for (const phrase of scenario.says) expect(text).toContain(phrase)
    const announced = scenario.event === 'release' && (status === 'success' || status === 'info')
    if (!announced) {
      expect(text).toContain(
        outcome ? `CI ${outcome} in Codertocat/Hello-World` : 'CI in Codertocat/Hello-World'
      )
    }

    expect(attachment).toMatchObject({
      color,
      title: outcome ? `CI #42 ${outcome}` : 'CI #42',
      title_link: RUN_URL
    })
    expect(fieldValue(attachment, 'Actor')).toBe('octocat')
    expect(fieldValue(attachment, 'Job')).toBe('build')
    for (const [title, value] of Object.entries(scenario.fields)) {
      expect(fieldValue(attachment, title)).toContain(value)
    }
    // Rocket.Chat refuses the whole message for a field with an empty title or value.
    for (const field of fieldsOf(attachment)) {
      expect(field.title).not.toBe('')
      expect(field.value).not.toBe('')
      expect(field.short).toBe(true)
    }
  })
})

describe('defaultMessage: releases', () => {
  const published = example('release', p => p.action === 'published')
  const link = '<https://github.com/Codertocat/Hello-World/releases/tag/0.0.1|0.0.1>'

  it.each<[string, Payload, Status, string]>([
    [
      'a passing release run announces it',
      published,
      'success',
      `✅ Released Codertocat/Hello-World ${link} · `
    ],
    [
      'an info message announces it too',
      published,
      'info',
      `ℹ️ Released Codertocat/Hello-World ${link} · `
    ],
    [
      'a failed release run says so',
      published,
      'failure',
      `❌ CI failed in Codertocat/Hello-World for release ${link} · `
    ],
    [
      'a pre-release',
      example('release', p => p.action === 'prereleased'),
      'success',
      `✅ Pre-released Codertocat/Hello-World ${link} · `
    ],
    [
      'an edit is not news',
      example('release', p => p.action === 'edited'),
      'success',
      `✅ CI succeeded in Codertocat/Hello-World for release ${link} · `
    ]
  ])('%s', (_, payload, status, start) => {
    const { text } = defaultMessage(contextFor('release', payload, status), status)
    expect(text.startsWith(start)).toBe(true)
  })

  it('shows the release name and its notes', () => {
    const payload = structuredClone(published)
    Object.assign(payload.release as Payload, {
      tag_name: 'v1.2.3',
      name: 'Big one',
      body: 'Fixes:\n- the build'
    })
    const { text, attachment } = defaultMessage(
      contextFor('release', payload, 'success'),
      'success',
      githubToRocketChat
    )
    expect(text).toContain('Released Codertocat/Hello-World <')
    expect(text).toContain('|v1.2.3>: Big one · ')
    expect(attachment.text).toBe('Fixes:\n- the build')
  })
})

describe('defaultMessage: values from the event cannot ping', () => {
  it('a pull request titled "@all hi"', () => {
    const payload = example('pull_request', p => p.action === 'opened')
    Object.assign(payload.pull_request as Payload, { title: '@all hi' })
    const { text, attachment } = defaultMessage(
      contextFor('pull_request', payload, 'failure'),
      'failure'
    )
    expect(text).not.toMatch(PINGABLE)
    expect(text.replace(/\u200B/g, '')).toContain(
      '<https://github.com/Codertocat/Hello-World/pull/2|PR #2>: @all hi'
    )
    expect(JSON.stringify(attachment)).not.toMatch(PINGABLE)
  })

  it('a commit message and a release', () => {
    const push = example('push', p => p.ref === 'refs/heads/master')
    Object.assign(push.head_commit as Payload, { message: '@here deploy now\n\n@channel details' })
    const pushed = defaultMessage(contextFor('push', push, 'success'), 'success')
    expect(pushed.text).not.toMatch(PINGABLE)
    expect(fieldValue(pushed.attachment, 'Commit')).not.toMatch(PINGABLE)

    const release = example('release', p => p.action === 'published')
    Object.assign(release.release as Payload, { name: '@all v2', body: 'Hey @channel, upgrade' })
    const released = defaultMessage(contextFor('release', release, 'success'), 'success')
    expect(released.text).not.toMatch(PINGABLE)
    expect(released.attachment.text).not.toMatch(PINGABLE)
  })
})

describe('defaultMessage: links', () => {
  it('GitHub Enterprise links go to the enterprise server', () => {
    const payload = example('push', p => p.ref === 'refs/heads/master')
    const context = contextFor('push', payload, 'success', {
      GITHUB_SERVER_URL: 'https://ghe.example.com'
    })
    const { text, attachment } = defaultMessage(context, 'success')
    const run = 'https://ghe.example.com/Codertocat/Hello-World/actions/runs/1234567890'
    expect(text).toContain(`<${run}|run #42>`)
    expect(attachment.title_link).toBe(run)
    expect(fieldValue(attachment, 'Commit')).toContain(
      'https://ghe.example.com/Codertocat/Hello-World/commit/'
    )
  })

  it('a re-run links to its attempt', () => {
    const context = contextFor('schedule', { schedule: '0 0 * * *' }, 'failure', {
      GITHUB_RUN_ATTEMPT: '3'
    })
    expect(defaultMessage(context, 'failure').text).toContain(`<${RUN_URL}/attempts/3|run #42>`)
  })

  it('without a run id there is no link, and the line still reads', () => {
    const context = readWorkflowContext({ GITHUB_WORKFLOW: 'Nightly' }, 'success')
    const { text, attachment } = defaultMessage(context, 'success')
    expect(text).toBe('✅ Nightly succeeded in this repository')
    expect(attachment).not.toHaveProperty('title_link')
    expect(fieldsOf(attachment)).toEqual([])
  })
})

describe('defaultMessage, judged by Rocket.Chat’s parser: every example event and status', () => {
  const STATUSES: Status[] = ['success', 'failure', 'cancelled', 'warning', 'info']
  /** Hostile words in every string of the payload: whatever the message shows of them must not act. */
  const HOSTILE = ' @all @here @octocat *bold* <https://evil.example/login|now> #general'
  const poison = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return /^(https?:|[0-9a-f]{40}$)/.test(value) ? value : value + HOSTILE
    }
    if (Array.isArray(value)) return value.map(poison)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, poison(item)]))
    }
    return value
  }
  /** Where the default message links: GitHub (runs, commits, profiles, pulls) and nowhere else. */
  const meant = (link: { label: string; src: string }): boolean =>
    link.src.startsWith('https://github.com/') || link.src.startsWith('https://api.github.com/')

  const cases = definitions.flatMap(definition =>
    definition.examples.slice(0, 2).map((payload, index) => ({
      name: `${definition.name} #${index}`,
      event: definition.name,
      payload
    }))
  )

  it.each(cases)('$name: no mention, no bold, no link but GitHub’s', ({ event, payload }) => {
    for (const status of STATUSES) {
      const hostile = poison(structuredClone(payload)) as Payload
      const { text, attachment } = defaultMessage(
        contextFor(event, hostile, status),
        status,
        githubToRocketChat
      )
      const shown = [
        text,
        ...fieldsOf(attachment).map(item => item.value),
        typeof attachment.text === 'string' ? attachment.text : ''
      ]
      for (const part of shown) {
        expect(mentionsIn(part), part).toEqual([])
        expect(typesOf(part).has('MENTION_CHANNEL'), part).toBe(false)
        expect(
          linksIn(part).filter(link => !meant(link)),
          part
        ).toEqual([])
        expect(
          linksIn(part).filter(link => link.label === 'now'),
          part
        ).toEqual([])
      }
      // On workflow_run the message is about the triggering run, and links to it.
      const triggering = event === 'workflow_run' ? at(payload, 'workflow_run') : undefined
      const runUrl = triggering
        ? `https://github.com/Codertocat/Hello-World/actions/runs/${String(at(payload, 'workflow_run', 'id'))}`
        : RUN_URL
      const label = triggering
        ? `run #${String(at(payload, 'workflow_run', 'run_number'))}`
        : 'run #42'
      expect(linksIn(text)).toContainEqual({ label, src: runUrl })
      expect(attachment.title_link).toBe(runUrl)
      expect(String(attachment.title)).not.toMatch(PINGABLE)
    }
  })

  it('long release notes are cut between blocks, with a link to the release', () => {
    const payload = example('release', p => p.action === 'published')
    const block = '## Section\n\n' + '- a change by @octocat\n'.repeat(20)
    Object.assign(payload.release as Payload, { body: block.repeat(10) })
    const { attachment } = defaultMessage(
      contextFor('release', payload, 'success'),
      'success',
      githubToRocketChat
    )
    const text = String(attachment.text)

    expect(text.length).toBeLessThanOrEqual(1500)
    expect(text).toMatch(
      /\n\n… \[Read the full text\]\(https:\/\/github\.com\/Codertocat\/Hello-World\/releases\/tag\/0\.0\.1\)$/
    )
    expect(mentionsIn(text)).toEqual([])
  })

  it('a release with generated notes: a link reading #12, profiles, no mention, no HTML', () => {
    const payload = example('release', p => p.action === 'published')
    const notes = readFileSync(
      new URL('fixtures/markdown/release-notes.md', import.meta.url),
      'utf8'
    )
    Object.assign(payload.release as Payload, {
      body: notes.replace(/octo-org\/octo-repo/g, 'Codertocat/Hello-World')
    })
    const { attachment } = defaultMessage(
      contextFor('release', payload, 'success'),
      'success',
      githubToRocketChat
    )
    const text = String(attachment.text)

    expect(mentionsIn(text)).toEqual([])
    expect(linksIn(text)).toContainEqual({
      label: '#12',
      src: 'https://github.com/Codertocat/Hello-World/pull/12'
    })
    expect(linksIn(text)).toContainEqual({ label: '@octocat', src: 'https://github.com/octocat' })
    expect(text).not.toMatch(/<!--|<\/?(details|summary)>/)
  })
})
