/**
 * Link buttons on the status attachment: the defaults through the bundle in every mode against the
 * fake Rocket.Chat (which checks `actions` as the real server does) and the fake GitHub API, and
 * the `buttons` input, whose URLs must be http(s).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { Status } from '../src/rocketchat/types.js'
import { composeNotification, type NotificationInput } from '../src/template/notification.js'
import type { WorkflowContext } from '../src/template/workflow-context.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { notificationInput } from './support/notification-input.js'
import { runAction, type ActionRun } from './support/run-action.js'

const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()
const TOKEN = 'ghs_butt0nsT0k3nN0b0dyM4yS33xxxxxxxxxxxx'
const SHA = '0123456789abcdef0123456789abcdef01234567'
const REPO = 'https://github.com/octo-org/octo-repo'

interface Button {
  type: string
  text: string
  url: string
}

/** The buttons of the stored message's attachments, as Rocket.Chat shows them. */
function buttonsOf(index = 0): Button[] {
  const attachments = (server.messages[index]?.attachments ?? []) as { actions?: Button[] }[]
  return attachments.flatMap(attachment => attachment.actions ?? [])
}

const urls = {
  webhook: () => `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`,
  token: () =>
    `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`,
  basic: () => `rocket://bot:bot-password@${server.host}/#general`
}

function alert(url: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(
    { url, status: 'failure', 'github-token': TOKEN, ...inputs },
    {
      env: {
        GITHUB_API_URL: github.apiUrl,
        GITHUB_RUN_ID: String(github.runId),
        GITHUB_RUN_ATTEMPT: String(github.attempt),
        GITHUB_SHA: SHA
      }
    }
  )
}

/** A run whose unit tests failed at step 4; returns that job's id. */
function failedJob(): number {
  return github.addJob({ name: 'unit-tests', result: 'failure', failedStep: 4 })
}

describe('the default failure alert', () => {
  it.each(Object.keys(urls) as (keyof typeof urls)[])(
    'has Run, Failed step and Commit buttons in %s mode',
    async mode => {
      const job = failedJob()

      const run = await alert(urls[mode]())

      expect(run.code).toBe(0)
      const runUrl = `${REPO}/actions/runs/${github.runId}`
      expect(buttonsOf()).toEqual([
        { type: 'button', text: 'Run', url: runUrl },
        { type: 'button', text: 'Failed step', url: `${runUrl}/job/${job}#step:4:1` },
        { type: 'button', text: 'Commit', url: `${REPO}/commit/${SHA}` }
      ])
    }
  )
})

describe('the buttons input', () => {
  it('refuses a javascript: URL as a mistake, and the message goes with the other buttons', async () => {
    failedJob()

    const run = await alert(urls.token(), {
      buttons: [
        '- text: "Click me"',
        '  url: "javascript:alert(1)"',
        '- text: Dashboard for {{ github.ref_name }}',
        '  url: https://grafana.example.com/d/{{ github.sha }}'
      ].join('\n')
    })

    // The step fails after sending, saying what to fix.
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(
      '::error::buttons[0].url must be an http(s) URL, got "javascript:alert(1)"; the button is left out'
    )
    expect(server.messages).toHaveLength(1)
    const buttons = buttonsOf()
    expect(buttons.map(button => button.text)).toEqual([
      'Run',
      'Failed step',
      'Commit',
      'Dashboard for main'
    ])
    expect(buttons.at(-1)?.url).toBe(`https://grafana.example.com/d/${SHA}`)
    expect(JSON.stringify(server.messages[0])).not.toContain('javascript:')
  })

  it('none turns every button off, in webhook mode too', async () => {
    failedJob()

    const run = await alert(urls.webhook(), { buttons: 'none' })

    expect(run.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(buttonsOf()).toEqual([])
  })
})

/** GitHub's own example payloads. */
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string
  examples: Record<string, unknown>[]
}[]

function example(name: string): Record<string, unknown> {
  const found = definitions.find(definition => definition.name === name)?.examples[0]
  if (!found) throw new Error(`no ${name} example`)
  return structuredClone(found)
}

const dir = mkdtempSync(join(tmpdir(), 'buttons-test-'))
let files = 0

function contextFor(eventName: string, payload: unknown, status: Status): WorkflowContext {
  const path = join(dir, `event-${++files}.json`)
  writeFileSync(path, JSON.stringify(payload))
  return readWorkflowContext(
    {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_SHA: SHA,
      GITHUB_REF: 'refs/heads/main'
    },
    status
  )
}

async function buttonsFor(
  eventName: string,
  payload: unknown,
  input: Partial<NotificationInput> = {},
  errors: string[] = []
): Promise<Button[]> {
  const status = input.status ?? 'success'
  const message = await composeNotification(
    notificationInput({ status, ...input }),
    contextFor(eventName, payload, status),
    { error: mistake => errors.push(mistake) }
  )
  return (message.attachments ?? []).flatMap(
    attachment => (attachment.actions as Button[] | undefined) ?? []
  )
}

const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/1234567890'

describe('default buttons per event', () => {
  it('a pull request: Run and Pull request, no Commit', async () => {
    const payload = example('pull_request')
    const buttons = await buttonsFor('pull_request', payload)
    const pr = (payload.pull_request as { html_url: string }).html_url
    expect(buttons).toEqual([
      { type: 'button', text: 'Run', url: RUN },
      { type: 'button', text: 'Pull request', url: pr }
    ])
  })

  it('a release: Run, Commit and Release', async () => {
    const payload = example('release')
    const buttons = await buttonsFor('release', payload)
    const release = (payload.release as { html_url: string }).html_url
    expect(buttons.map(button => [button.text, button.url])).toEqual([
      ['Run', RUN],
      ['Commit', `https://github.com/Codertocat/Hello-World/commit/${SHA}`],
      ['Release', release]
    ])
  })

  it('a custom body keeps the buttons on its status attachment', async () => {
    const buttons = await buttonsFor('push', {}, { body: 'Deployed' })
    expect(buttons.map(button => button.text)).toEqual(['Run', 'Commit'])
  })

  it('a URL from the event that is not http(s) is never a button', async () => {
    const payload = example('pull_request')
    ;(payload.pull_request as { html_url: string }).html_url = 'javascript:alert(1)'
    const buttons = await buttonsFor('pull_request', payload)
    expect(buttons.map(button => button.text)).toEqual(['Run', 'Commit'])
  })
})

describe('buttons from the input', () => {
  it('one with a default label replaces it in place; others follow', async () => {
    const buttons = await buttonsFor(
      'push',
      {},
      {
        buttons:
          '- {text: run, url: "https://ci.example.com/1"}\n- {text: Docs, url: "https://docs.example.com"}'
      }
    )
    expect(buttons.map(button => [button.text, button.url])).toEqual([
      ['run', 'https://ci.example.com/1'],
      ['Commit', `https://github.com/Codertocat/Hello-World/commit/${SHA}`],
      ['Docs', 'https://docs.example.com']
    ])
  })

  it('a label is inert text: an event value with @all, markdown or {{ }} is shown as written', async () => {
    const payload = { head_commit: { message: '@all **hi** {{ github.token }}' } }
    const buttons = await buttonsFor('push', payload, {
      buttons: '- {text: "{{ github.event.head_commit.message }}", url: "https://example.com"}'
    })
    const label = buttons.at(-1)?.text ?? ''
    expect(label).toContain('**hi** {{ github.token }}')
    // A room-wide mention is defused even where nothing would parse it.
    expect(label).not.toMatch(/@all\b/)
  })

  it('with no status attachment, the given buttons come in an attachment of their own', async () => {
    const buttons = await buttonsFor(
      'push',
      {},
      {
        body: 'Deployed',
        statusAttachment: false,
        buttons: '- {text: Docs, url: "https://docs.example.com"}'
      }
    )
    expect(buttons.map(button => button.text)).toEqual(['Docs'])
  })

  it.each([
    ['text: Docs', 'buttons must be a list of {text, url} (or none); no button of yours is added'],
    ['- Docs', 'buttons[0] must be {text, url} with two strings; it is left out'],
    [
      '- {text: "", url: "https://example.com"}',
      'buttons[0].text is empty; the button is left out'
    ],
    [
      '- {text: Local, url: "/relative"}',
      'buttons[0].url must be an http(s) URL, got "/relative"; the button is left out'
    ],
    ['- [unclosed', 'buttons is not valid YAML']
  ])('%s is a mistake; the defaults still go', async (source, said) => {
    const errors: string[] = []
    const buttons = await buttonsFor('push', {}, { buttons: source }, errors)
    expect(errors).toEqual([expect.stringContaining(said)])
    expect(buttons.map(button => button.text)).toEqual(['Run', 'Commit'])
  })
})
