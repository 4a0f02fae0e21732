import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { WorkflowContext } from '../src/template/workflow-context.js'
import type { Status } from '../src/rocketchat/types.js'
import { composeNotification, type NotificationInput } from '../src/template/notification.js'
import { notificationInput } from './support/notification-input.js'

const eventFile = join(mkdtempSync(join(tmpdir(), 'notification-')), 'event.json')
writeFileSync(
  eventFile,
  JSON.stringify({ number: 7, pull_request: { number: 7, title: '@all hi' } })
)

/** The context the action builds from the runner's variables, for a pull request. */
const context = (status: Status): WorkflowContext =>
  readWorkflowContext(
    {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '1',
      GITHUB_WORKFLOW: 'CI',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_ACTOR: 'octocat'
    },
    status
  )

const input = (overrides: Partial<NotificationInput> = {}): NotificationInput =>
  notificationInput({ body: 'hello', ...overrides })

describe('composeNotification', () => {
  it('renders the title and body templates', async () => {
    const message = await composeNotification(
      input({ title: 'PR #${{ github.event.pull_request.number }}', body: '${{ job.status }}' }),
      context('success')
    )

    expect(message).toMatchObject({ title: 'PR #7', body: 'success', status: 'success' })
  })

  it('keeps text without {{ }} exactly as written', async () => {
    const message = await composeNotification(
      input({ body: 'plain { text } ${ x } $x' }),
      context('success')
    )

    expect(message.body).toBe('plain { text } ${ x } $x')
  })

  it("writes a literal {{ as {{ '{{' }}", async () => {
    const message = await composeNotification(
      input({ body: "Use {{ '{{' }} name }} in Handlebars" }),
      context('success')
    )

    expect(message.body).toBe('Use {{ name }} in Handlebars')
  })

  it('sends the default message with its attachment when the body is empty', async () => {
    const message = await composeNotification(input({ body: '  ' }), context('failure'))

    expect(message.body).toContain('#7')
    expect(message.body).not.toMatch(/(^|\s)@all\b/)
    expect(message.attachments).toHaveLength(1)
  })

  it.each<[Status, Status[], string]>([
    ['failure', ['failure'], '@alice @devops hello'],
    ['success', ['failure'], 'hello'],
    ['success', ['success', 'failure'], '@alice @devops hello'],
    ['cancelled', [], 'hello']
  ])('on %s with mention-on %j the body is %j', async (status, mentionOn, body) => {
    const message = await composeNotification(
      input({ status, mentionOn, mention: ['alice', '@devops'] }),
      context(status)
    )

    expect(message.body).toBe(body)
  })

  it('replaces the default attachment with the given attachments, rendered', async () => {
    const message = await composeNotification(
      input({ body: '', attachments: '[{"title": "${{ github.repository }}"}]' }),
      context('success')
    )

    expect(message.attachments).toEqual([{ title: 'octo-org/octo-repo' }])
  })

  it('carries the look, thread and update through, templates rendered', async () => {
    const message = await composeNotification(
      input({
        alias: '${{ github.workflow }} bot',
        emoji: ':rocket:',
        avatarUrl: 'https://example.com/a.png',
        thread: 'T1'
      }),
      context('success')
    )

    expect(message).toMatchObject({
      alias: 'CI bot',
      emoji: ':rocket:',
      avatarUrl: 'https://example.com/a.png',
      threadId: 'T1'
    })
    expect(message.updateId).toBeUndefined()
  })

  it('a custom body at failure carries the failure colour and the run link', async () => {
    const message = await composeNotification(
      input({ status: 'failure', body: 'Deploy of {{ github.sha }} failed' }),
      context('failure')
    )

    expect(message.attachments).toEqual([
      expect.objectContaining({
        color: '#d50200',
        title: 'CI failed',
        title_link: 'https://github.com/octo-org/octo-repo/actions/runs/1'
      })
    ])
  })

  it.each<[string, Partial<NotificationInput>]>([
    ['status-attachment is false', { statusAttachment: false }],
    ['attachments are given', { attachments: '{"text": "mine"}' }]
  ])('a custom body has no status attachment when %s', async (_, overrides) => {
    const message = await composeNotification(input(overrides), context('failure'))

    expect(message.attachments?.some(item => 'color' in item) ?? false).toBe(false)
  })

  it('names the input of a broken template', async () => {
    await expect(
      composeNotification(input({ title: '{{ nope( }}' }), context('success'))
    ).rejects.toThrow(/^title: /)
  })

  it('fails on a broken template with the place named', async () => {
    await expect(
      composeNotification(input({ body: 'x ${{ 1 + }}' }), context('success'))
    ).rejects.toThrow(/line 1, column 3/)
  })
})

describe('composeNotification: what it tells the run besides the message', () => {
  /** Composes with every hook recorded. */
  async function compose(overrides: Partial<NotificationInput>, env: Record<string, string> = {}) {
    const heard = { notices: [] as string[], errors: [] as string[] }
    const withEnv = context('success')
    Object.assign(withEnv.env, env)
    const message = await composeNotification(input(overrides), withEnv, {
      notice: notice => heard.notices.push(notice),
      error: error => heard.errors.push(error)
    })
    return { message, ...heard }
  }

  it('a pasted pull request title: inert, and one notice for the whole run', async () => {
    const { message, notices, errors } = await compose({
      title: 'PR: @all hi',
      body: 'again: @all hi',
      attachments: 'text: "@all hi"'
    })

    expect(message.title).toBe('PR: @\u200Ball hi')
    expect(message.body).toBe('again: @\u200Ball hi')
    expect(message.attachments).toEqual([{ text: '@\u200Ball hi' }])
    expect(notices).toEqual([
      expect.stringMatching(
        /^body: the runner filled in \$\{\{ github\.event\.pull_request\.title \}\}/
      )
    ])
    expect(errors).toEqual([])
  })

  it('reads env in body-file only', async () => {
    const env = { DEPLOY_KEY: 'dk-live-0123456789' }
    const inline = await compose({ body: 'key {{ env.DEPLOY_KEY }}' }, env)
    const file = await compose({ body: 'key ${{ env.DEPLOY_KEY }}', bodyFromFile: true }, env)

    expect(inline.message.body).toBe('key {{ env.DEPLOY_KEY }}')
    expect(inline.errors).toEqual([expect.stringMatching(/^body: .*reads env only in body-file/)])
    expect(file.message.body).toBe('key dk-live-0123456789')
    expect(file.errors).toEqual([])
  })

  it('attachments that cannot be read are left out, the message composed all the same', async () => {
    const { message, errors } = await compose({ body: 'hello', attachments: '{"text": ' })

    expect(message.body).toBe('hello')
    // The status attachment a custom body has stays in their place.
    expect(message.attachments).toEqual([expect.objectContaining({ color: '#2eb886' })])
    expect(errors).toEqual([
      expect.stringMatching(
        /^attachments is not valid JSON: .*; the message is sent without these attachments$/
      )
    ])
  })

  it('a broken template in an attachment is named by its path, and the rest is rendered', async () => {
    const { message, errors } = await compose({ attachments: 'title: "{{ nope( }}"\ntext: ok' })

    expect(message.attachments).toEqual([{ title: '{{ nope( }}', text: 'ok' }])
    expect(errors).toEqual([
      expect.stringMatching(/^attachments\[0\]\.title: \{\{ nope\( \}\} at line 1/)
    ])
  })
})
