/**
 * What a keyed thread's root says (src/template/thread.ts), for GitHub's own example payloads,
 * judged by Rocket.Chat's message parser: the subject, then the latest state on the last line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import { statusMark } from '../src/rocketchat/thread-root.js'
import type { Status } from '../src/rocketchat/types.js'
import type { WorkflowContext } from '../src/template/workflow-context.js'
import { composeNotification, type NotificationInput } from '../src/template/notification.js'
import { notificationInput } from './support/notification-input.js'
import { threadRootText } from '../src/template/thread.js'
import { linksIn, mentionsIn, visibleText } from './support/parser.js'

type Payload = Record<string, unknown>

const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string
  examples: Payload[]
}[]

function example(name: string): Payload {
  const found = definitions.find(definition => definition.name === name)?.examples[0]
  if (!found) throw new Error(`no ${name} example`)
  return structuredClone(found)
}

const dir = mkdtempSync(join(tmpdir(), 'thread-test-'))
let files = 0

function contextFor(
  eventName: string,
  payload: Payload,
  status: Status = 'success'
): WorkflowContext {
  const path = join(dir, `event-${++files}.json`)
  writeFileSync(path, JSON.stringify(payload))
  return readWorkflowContext(
    {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_NUMBER: '42',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_SHA: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main'
    },
    status
  )
}

const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/1234567890'

describe('threadRootText', () => {
  it('names a pull request by number, title and author, linked, the title inert', () => {
    const payload = example('pull_request')
    const pr = payload.pull_request as Payload
    pr.title = '@all look at *this* [x](https://evil.example)'
    const { subject } = threadRootText(contextFor('pull_request', payload), 'success')

    expect(mentionsIn(subject)).toEqual([])
    expect(linksIn(subject).map(link => link.src)).toEqual([
      pr.html_url,
      'https://github.com/Codertocat'
    ])
    expect(visibleText(subject)).toContain(`Pull request #${String(pr.number)}: @`)
    expect(visibleText(subject)).toContain(
      'look at *this* [x](https://evil.example) by @Codertocat'
    )
  })

  it('names a release by its tag, linked, and its name', () => {
    const payload = example('release')
    const release = payload.release as Payload
    release.name = 'The big one'
    const { subject } = threadRootText(contextFor('release', payload), 'success')

    expect(visibleText(subject)).toBe(
      `Release ${String(release.tag_name)}: The big one of Codertocat/Hello-World`
    )
    expect(linksIn(subject)[0]?.src).toBe(release.html_url)
  })

  it('names a deploy by its commit and environment', () => {
    const payload = example('deployment')
    const deployment = payload.deployment as Payload
    const { subject } = threadRootText(contextFor('deployment', payload), 'success')

    expect(visibleText(subject)).toBe(
      `Deploy of ${String(deployment.sha).slice(0, 7)} to ${String(deployment.environment)} in Codertocat/Hello-World`
    )
    expect(linksIn(subject)[0]?.src).toBe(
      `https://github.com/Codertocat/Hello-World/commit/${String(deployment.sha)}`
    )
  })

  it('names any other run by workflow, repository, branch and commit', () => {
    const { subject } = threadRootText(contextFor('push', {}), 'success')
    expect(visibleText(subject)).toBe('CI in Codertocat/Hello-World on main at 6113728')
  })

  it('takes a given title instead, cut to a size a root can hold', () => {
    expect(threadRootText(contextFor('push', {}), 'success', ' Nightly ').subject).toBe('Nightly')
    const long = threadRootText(contextFor('push', {}), 'success', 'x'.repeat(5000)).subject
    expect(Array.from(long)).toHaveLength(1000)
  })

  it.each([
    ['success', '✅ Latest: CI run #42 succeeded'],
    ['failure', '❌ Latest: CI run #42 failed'],
    ['cancelled', '⚪ Latest: CI run #42 was cancelled'],
    ['warning', '⚠️ Latest: CI run #42 finished with warnings'],
    ['info', 'ℹ️ Latest: CI run #42']
  ] as const)('states %s on one line, its emoji first, linked to the run', (status, words) => {
    const { state } = threadRootText(contextFor('push', {}), status)
    expect(state).not.toContain('\n')
    expect(visibleText(state)).toBe(words)
    expect(linksIn(state).map(link => link.src)).toEqual([RUN])
  })

  it('gives every status its own mark, so a change of status is seen', () => {
    const statuses: Status[] = ['success', 'failure', 'cancelled', 'warning', 'info']
    const marks = statuses.map(status =>
      statusMark(threadRootText(contextFor('push', {}), status).state)
    )
    expect(new Set(marks).size).toBe(statuses.length)
  })
})

describe('composeNotification with thread-key', () => {
  const input = (overrides: Partial<NotificationInput>): NotificationInput =>
    notificationInput({ body: 'hello', status: 'failure', mentionOn: [], ...overrides })
  const pr = (): WorkflowContext => contextFor('pull_request', example('pull_request'))

  it('renders the key and the title, and keeps the broadcast rule', async () => {
    const message = await composeNotification(
      input({
        threadKey: 'pr-{{ github.event.pull_request.number }}',
        threadTitle: 'Review {{ github.event.pull_request.title }}',
        threadBroadcast: 'always'
      }),
      pr()
    )
    expect(message.threadKey).toEqual({
      key: `pr-${String((example('pull_request').pull_request as Payload).number)}`,
      subject: `Review ${String((example('pull_request').pull_request as Payload).title)}`,
      state: `❌ Latest: CI <${RUN}|run #42> failed`,
      broadcast: 'always'
    })
  })

  it('posts outside any thread, with a warning, when the key renders empty or fails', async () => {
    const warnings: string[] = []
    const empty = await composeNotification(
      input({ threadKey: '{{ github.event.nothing }}' }),
      pr(),
      { warn: warning => warnings.push(warning) }
    )
    const broken = await composeNotification(
      input({ threadKey: 'pr-{{ github.event.number' }),
      pr(),
      { warn: warning => warnings.push(warning) }
    )

    expect(empty.threadKey).toBeUndefined()
    expect(broken.threadKey).toBeUndefined()
    expect(broken.body).toBe('hello')
    expect(warnings).toEqual([
      'thread-key rendered empty; the message is posted outside any thread',
      expect.stringMatching(
        /^thread-key: .*has no closing }}; the message is posted outside any thread$/
      )
    ])
  })

  it('takes an expression that renders empty inside the key as a mistake: outside any thread', async () => {
    const errors: string[] = []
    const message = await composeNotification(
      input({ threadKey: 'pr-${{ github.event.nothing }}-{{ github.event.number }}' }),
      pr(),
      { error: error => errors.push(error) }
    )

    expect(message.threadKey).toBeUndefined()
    expect(errors).toEqual([
      expect.stringMatching(
        /^thread-key: \$\{\{ github\.event\.nothing \}\} rendered empty, so the key "pr--\d+" would put unrelated runs in one thread; the message is posted outside any thread$/
      )
    ])
  })

  it('keys a thread by the NFC form of the rendered key', async () => {
    const composed = await composeNotification(input({ threadKey: 'caf\u00e9-{{ 1 }}' }), pr())
    const decomposed = await composeNotification(input({ threadKey: 'cafe\u0301-{{ 1 }}' }), pr())

    expect(decomposed.threadKey?.key).toBe('caf\u00e9-1')
    expect(composed.threadKey?.key).toBe(decomposed.threadKey?.key)
  })

  it("shows the event's subject when the title fails", async () => {
    const warnings: string[] = []
    const message = await composeNotification(
      input({ threadKey: 'pr-1', threadTitle: '{{ nope( }}' }),
      pr(),
      { warn: warning => warnings.push(warning) }
    )
    expect(message.threadKey?.subject).toMatch(/^Pull request /)
    expect(warnings[0]).toMatch(/^thread-title: .*; the thread's root shows the event instead$/)
  })
})
