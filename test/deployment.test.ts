/**
 * A deployment followed in one thread, from GitHub's own `deployment_status` payloads
 * (@octokit/webhooks-examples): through the bundle against the fake Rocket.Chat in token mode and
 * as a webhook, and the message each state gets, hostile values included.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readWorkflowContext } from '../src/action/runner-context.js'
import type { StoredMessage } from './fake-server/types.js'
import { composeNotification } from '../src/template/notification.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { notificationInput } from './support/notification-input.js'
import { linksIn, mentionsIn, serverMentionsIn } from './support/parser.js'
import { runAction, type ActionRun } from './support/run-action.js'

const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()

type Payload = Record<string, unknown>
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string
  examples: Payload[]
}[]
/** GitHub's example of a deployment_status event: deployment 145988746 to production. */
const EXAMPLE = definitions
  .find(definition => definition.name === 'deployment_status')
  ?.examples.find(example => (example.deployment as Payload).environment === 'production')
if (!EXAMPLE) throw new Error('no deployment_status example')
const SHA = String((EXAMPLE.deployment as Payload).sha)
const SITE = 'https://hello-world.example.com'
const LOG = 'https://deploys.example.com/hello-world/145988746'

/** The example with another status: its state, id, time and URLs. */
function statusEvent(state: string, id: number, time: string, status: Payload = {}): Payload {
  const event = structuredClone(EXAMPLE) as Payload
  event.deployment_status = {
    ...(event.deployment_status as Payload),
    state,
    id,
    created_at: time,
    updated_at: time,
    environment_url: SITE,
    log_url: LOG,
    ...status
  }
  return event
}

const tokenUrl = () =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`

function deliver(
  event: Payload,
  url = tokenUrl(),
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction(
    { url, ...inputs },
    {
      eventName: 'deployment_status',
      event,
      env: { GITHUB_REPOSITORY: 'Codertocat/Hello-World', GITHUB_SHA: SHA }
    }
  )
}

const roots = (): StoredMessage[] => server.messages.filter(message => message.tmid === undefined)
const repliesTo = (id: string | undefined): StoredMessage[] =>
  server.messages.filter(message => message.tmid !== undefined && message.tmid === id)
const buttonsOf = (message: StoredMessage | undefined) =>
  ((message?.attachments ?? []) as { actions?: { text: string; url: string }[] }[]).flatMap(
    attachment => attachment.actions ?? []
  )

describe('deployment_status through the bundle (token mode)', () => {
  it('queued, in_progress, success: one root ending at success, three replies, the last shown in the channel', async () => {
    const runs = [
      await deliver(statusEvent('queued', 1001, '2026-12-07T10:00:00Z')),
      await deliver(statusEvent('in_progress', 1002, '2026-12-07T10:00:05Z')),
      await deliver(statusEvent('success', 1003, '2026-12-07T10:02:00Z'))
    ]

    for (const run of runs) expect(run.code).toBe(0)
    const [root, ...others] = roots()
    expect(others).toEqual([])
    expect(runs.map(run => run.outputs['thread-id'])).toEqual([root?._id, root?._id, root?._id])
    expect(root?.msg).toMatch(
      /^Deploy of .* \(master\) to production in Codertocat\/Hello-World by Codertocat\n/
    )
    expect(root?.msg.split('\n').at(-1)).toBe('✅ Live since 2026-12-07 10:02:00 UTC · status 1003')
    const replies = repliesTo(root?._id)
    expect(replies.map(reply => reply.msg.split(' ', 1)[0])).toEqual(['⏳', '🚀', '✅'])
    expect(replies.map(reply => reply.tshow === true)).toEqual([false, false, true])
    expect(buttonsOf(replies.at(-1))).toEqual([
      {
        type: 'button',
        text: 'Commit',
        url: `https://github.com/Codertocat/Hello-World/commit/${SHA}`
      },
      { type: 'button', text: 'Environment', url: SITE },
      { type: 'button', text: 'Log', url: LOG }
    ])
  })

  it('a failure for an older status arriving after success does not change the root', async () => {
    await deliver(statusEvent('in_progress', 2001, '2026-12-07T11:00:00Z'))
    await deliver(statusEvent('success', 2003, '2026-12-07T11:01:00Z'))
    const [root] = roots()
    const before = { msg: root?.msg, editedAt: root?.editedAt }

    const late = await deliver(statusEvent('failure', 2002, '2026-12-07T11:00:30Z'))

    expect(late.code).toBe(0)
    const [after] = roots()
    expect({ msg: after?.msg, editedAt: after?.editedAt }).toEqual(before)
    expect(after?.msg).toMatch(/✅ Live since .* · status 2003$/)
    // Still heard in the thread, but not shown in the channel as if it were news.
    const replies = repliesTo(root?._id)
    expect(replies).toHaveLength(3)
    expect(replies.at(-1)?.msg).toMatch(/^❌ Deploy of .* failed/)
    expect(replies.at(-1)?.tshow).toBeUndefined()
  })

  it('in webhook mode posts one message per status, with a notice instead of a warning', async () => {
    const webhook = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`
    const first = await deliver(statusEvent('in_progress', 3001, '2026-12-07T12:00:00Z'), webhook)
    await deliver(statusEvent('success', 3002, '2026-12-07T12:01:00Z'), webhook)

    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/::notice::.*a webhook cannot keep one thread per deployment/)
    expect(first.stdout).not.toMatch(/::warning::/)
    expect(server.messages.map(message => message.msg.split(' ', 1)[0])).toEqual(['🚀', '✅'])
    expect(server.messages.every(message => message.tmid === undefined)).toBe(true)
  })
})

const dir = mkdtempSync(join(tmpdir(), 'deployment-test-'))
let files = 0

async function compose(event: Payload, body = '') {
  const path = join(dir, `event-${++files}.json`)
  writeFileSync(path, JSON.stringify(event))
  const context = readWorkflowContext(
    {
      GITHUB_EVENT_NAME: 'deployment_status',
      GITHUB_EVENT_PATH: path,
      GITHUB_REPOSITORY: 'Codertocat/Hello-World',
      GITHUB_SHA: SHA,
      GITHUB_RUN_ID: '1',
      GITHUB_WORKFLOW: 'Notify'
    },
    'success'
  )
  const errors: string[] = []
  const message = await composeNotification(notificationInput({ body }), context, {
    error: error => errors.push(error)
  })
  return { message, errors }
}

describe('the default message per state', () => {
  it.each([
    ['queued', '⏳ Deploy of Codertocat/Hello-World to production queued at', 'info'],
    ['in_progress', '🚀 Deploying Codertocat/Hello-World to production at', 'info'],
    ['success', '✅ Deployed Codertocat/Hello-World to production at', 'success'],
    ['failure', '❌ Deploy of Codertocat/Hello-World to production failed at', 'failure'],
    ['error', '❌ Deploy of Codertocat/Hello-World to production errored at', 'failure'],
    ['inactive', '💤 Deploy of Codertocat/Hello-World to production superseded at', 'cancelled']
  ])('%s reads "%s" with status %s', async (state, line, status) => {
    const { message } = await compose(statusEvent(state, 1, '2026-12-07T10:00:00Z'))
    expect(message.body.startsWith(line)).toBe(true)
    expect(message.body).toContain('(master) by Codertocat')
    expect(message.status).toBe(status)
    expect(message.threadKey?.key).toBe('deployment Codertocat/Hello-World 145988746')
  })

  it('templates read the deployment context', async () => {
    const { message, errors } = await compose(
      statusEvent('success', 7, '2026-12-07T10:00:00Z'),
      '{{ deployment.environment }} is {{ deployment.state }} at {{ deployment.url }} ({{ deployment.id }}, {{ deployment.ref }}, {{ deployment.creator }}, {{ deployment.log_url }})'
    )
    expect(errors).toEqual([])
    expect(message.body).toBe(
      `production is success at ${SITE} (145988746, master, Codertocat, ${LOG})`
    )
  })
})

describe('hostile deployment text stays data', () => {
  const hostile = (): Payload => {
    const event = statusEvent('success', 9, '2026-12-07T10:00:00Z', {
      description: '@all **deployed** {{ github.token }} [click](javascript:alert(1))',
      environment: '@here [prod](javascript:alert(1))',
      environment_url: 'javascript:alert(1)',
      log_url: 'javascript:alert(2)',
      creator: { login: 'all' }
    })
    ;(event.deployment as Payload).environment = '@here [prod](javascript:alert(1))'
    ;(event.deployment as Payload).ref = '@channel *main*'
    return event
  }

  it('in the default message and the root: no mention, no markup, no javascript: link or button', async () => {
    const { message } = await compose(hostile())
    const attachments = message.attachments ?? []
    const texts = [
      message.body,
      message.threadKey?.subject ?? '',
      message.threadKey?.state ?? '',
      ...attachments.flatMap(attachment => [
        typeof attachment.text === 'string' ? attachment.text : '',
        ...((attachment.fields ?? []) as { value: string }[]).map(field => field.value)
      ])
    ]
    for (const text of texts) {
      expect(mentionsIn(text)).toEqual([])
      expect(serverMentionsIn(text)).toEqual([])
      expect(linksIn(text).filter(l => !/^https?:/.test(l.src))).toEqual([])
    }
    // The title is shown as it is: only room-wide mentions need defusing there.
    expect(JSON.stringify(attachments.map(a => a.title))).not.toMatch(/@(all|here|channel)\b/)
    const actions = attachments.flatMap(a => (a.actions as { url: string }[] | undefined) ?? [])
    expect(actions.map(action => action.url).filter(url => !url.startsWith('https://'))).toEqual([])
    expect(actions.map(action => action.url)).not.toContain('javascript:alert(1)')
  })

  it('in a template: inserted as text, never evaluated', async () => {
    const { message } = await compose(
      hostile(),
      'Deployed: {{ deployment.description }} to {{ deployment.environment }}'
    )
    expect(message.body).toContain('{{ github.token }}')
    expect(mentionsIn(message.body)).toEqual([])
    expect(serverMentionsIn(message.body)).toEqual([])
    expect(linksIn(message.body).filter(l => !/^https?:/.test(l.src))).toEqual([])
  })
})

describe('a deploy job followed in one message (deploy:)', () => {
  const TOKEN = 'ghs_d3pl0yT0k3nN0b0dyM4yS33xxxxxxxxxxxxx'
  /** One step of the deploy job `deploy` of run `github.runId`, in attempt `attempt`. */
  function step(inputs: Record<string, string>, attempt = 1): Promise<ActionRun> {
    return runAction(
      {
        url: tokenUrl(),
        deploy: 'production',
        'environment-url': SITE,
        'github-token': TOKEN,
        ...inputs
      },
      {
        env: {
          GITHUB_API_URL: github.apiUrl,
          GITHUB_RUN_ID: String(github.runId),
          GITHUB_RUN_ATTEMPT: String(attempt),
          GITHUB_JOB: 'deploy'
        }
      }
    )
  }

  it('says deploying, then failed with the failing step and the duration; a re-run adds no second message', async () => {
    const job = github.addJob({
      name: 'deploy',
      result: 'in_progress',
      failedStep: 3,
      steps: ['Set up job', 'Notify', 'Deploy to production', 'Notify result']
    })

    const start = await step({})
    expect(start.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toMatch(
      /^🚀 Deploying octo-org\/octo-repo to production · .*run #42.* · started .* UTC · attempt 1$/
    )

    const end = await step({ 'deploy-result': 'failure' })

    expect(end.code).toBe(0)
    expect(end.outputs['message-id']).toBe(start.outputs['message-id'])
    expect(server.messages).toHaveLength(1)
    const [message] = server.messages
    const stepLog = `https://github.com/octo-org/octo-repo/actions/runs/${github.runId}/job/${job}#step:3:1`
    expect(message?.msg).toMatch(
      /^❌ Deploy of octo-org\/octo-repo to production failed at step 3: /
    )
    expect(message?.msg).toContain(`<${stepLog}|Deploy to production>`)
    expect(message?.msg).toMatch(/ after (\d+m )?\d+s · /)
    expect(buttonsOf(message).map(button => button.text)).toEqual(['Run', 'Commit', 'Environment'])

    // The job re-run: attempt 2 finds the same message and brings it to its own result.
    await step({}, 2)
    const rerun = await step({ 'deploy-result': 'success' }, 2)

    expect(rerun.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toMatch(
      /^✅ Deployed octo-org\/octo-repo to production in (\d+m )?\d+s · <https:\/\/hello-world\.example\.com\|hello-world\.example\.com> · .*\(attempt 2\) · started .* · attempt 2$/
    )

    // An earlier attempt's last word, arriving late, never takes the message back.
    const late = await step({ 'deploy-result': 'failure' }, 1)
    expect(late.code).toBe(0)
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.msg).toMatch(/^✅ .* · attempt 2$/)
  })
})
