/**
 * `thread-key` through the bundle, as the runner runs it: each run a separate `node dist/index.js`
 * against the fake Rocket.Chat, so nothing but the server connects one run to the next.
 */
import { describe, expect, it } from 'vitest'
import { parseRocketUrl } from '../src/rocketchat/url/index.js'
import { threadRootId } from '../src/rocketchat/thread-root.js'
import type { StoredMessage } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { resultsOf, runAction, type ActionRun } from './support/run-action.js'

const server = useFakeServer({ rateLimited: false })

const tokenUrl = (token = server.seed.botToken) =>
  `rocket://${server.seed.botId}:${token}@${server.host}/#general?mode=token`

const PULL_REQUEST = {
  action: 'synchronize',
  number: 12,
  pull_request: {
    number: 12,
    title: 'Make @all the tests *pass*',
    html_url: 'https://github.com/octo-org/octo-repo/pull/12',
    user: { login: 'octocat' },
    head: { ref: 'feature', sha: 'fedcba9876543210fedcba9876543210fedcba98' },
    base: { ref: 'main' }
  }
}

/** One workflow run on the pull request: its own run id and number, its job's status. */
function runOnPullRequest(
  status: string,
  runId: string,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction(
    {
      url: tokenUrl(),
      status,
      'thread-key': 'pr-{{ github.event.pull_request.number }}',
      ...inputs
    },
    {
      eventName: 'pull_request',
      event: PULL_REQUEST,
      env: { GITHUB_RUN_ID: runId, GITHUB_RUN_NUMBER: runId.slice(-2) }
    }
  )
}

const stored = (id: string | undefined): StoredMessage | undefined =>
  server.messages.find(message => message._id === id)
const repliesTo = (id: string | undefined): StoredMessage[] =>
  server.messages.filter(message => message.tmid !== undefined && message.tmid === id)
const roots = (): StoredMessage[] => server.messages.filter(message => message.tmid === undefined)

describe('thread-key through the bundle', () => {
  it('starts the thread on the first run and replies in it on the next, the root showing the latest status', async () => {
    const first = await runOnPullRequest('failure', '1000000011')
    const rootId = first.outputs['thread-id']

    expect(first.code).toBe(0)
    expect(rootId).toMatch(/^[23456789A-HJ-NP-TW-Za-km-z]{17}$/)
    expect(roots().map(message => message._id)).toEqual([rootId])
    expect(repliesTo(rootId).map(message => message._id)).toEqual([first.outputs['message-id']])
    expect(stored(rootId)?.msg).toMatch(/❌ Latest: CI <[^>]*\/runs\/1000000011\|run #11> failed$/)

    const second = await runOnPullRequest('success', '1000000022')

    expect(second.code).toBe(0)
    expect(second.outputs['thread-id']).toBe(rootId)
    expect(roots()).toHaveLength(1)
    const replies = repliesTo(rootId)
    expect(replies.map(message => message._id)).toEqual([
      first.outputs['message-id'],
      second.outputs['message-id']
    ])
    const root = stored(rootId)
    expect(root?.msg).toMatch(/✅ Latest: CI <[^>]*\/runs\/1000000022\|run #22> succeeded$/)
    expect(root?.msg).not.toContain('1000000011')
    expect(root?.tcount).toBe(2)
    // Fixed after broken: the reply is also shown in the channel; the first one had nothing before it.
    expect(replies.map(message => message.tshow ?? false)).toEqual([false, true])
    expect(resultsOf(second)[0]).toMatchObject({ outcome: 'delivered', threadId: rootId })
    // A root that takes the edit needs no reading of the thread.
    expect(server.requests.map(request => request.path)).not.toContain(
      '/api/v1/chat.getThreadMessages'
    )
  })

  it('says what the thread is about with the pull request, its title inert and its author linked', async () => {
    const run = await runOnPullRequest('success', '1000000033')
    const root = stored(run.outputs['thread-id'])?.msg ?? ''

    expect(root.split('\n')[0]).toBe(
      'Pull request <https://github.com/octo-org/octo-repo/pull/12|#12>: Make @\u200Ball the tests \\*pass\\* by <https://github.com/octocat|@octocat>'
    )
  })

  it('uses thread-title as the subject when given', async () => {
    const run = await runOnPullRequest('success', '1000000044', {
      'thread-title': 'Review of {{ github.event.pull_request.title }}'
    })

    expect(stored(run.outputs['thread-id'])?.msg.split('\n')[0]).toBe(
      'Review of Make @\u200Ball the tests \\*pass\\*'
    )
  })

  it('starts another thread when the URL holds other credentials', async () => {
    const rotated = 'rotated-personal-access-token-0123456789abcdef'
    server.addToken(server.seed.botId, rotated)

    const before = await runOnPullRequest('success', '1000000055')
    const after = await runOnPullRequest('success', '1000000066', { url: tokenUrl(rotated) })

    expect(after.code).toBe(0)
    expect(after.outputs['thread-id']).not.toBe(before.outputs['thread-id'])
    expect(roots()).toHaveLength(2)
  })

  it.each([
    ['as they come', false],
    ['both looking up before either makes the root', true]
  ])(
    'leaves one root and both replies in it when two runs start the thread at once, %s',
    async (_case, bothMiss) => {
      // Both look-ups find nothing, as when both runs ask before either has made the root.
      if (bothMiss) {
        server.injectFault({
          path: '/api/v1/chat.getMessage',
          fault: { status: 400, body: '{"success":false}', contentType: 'application/json' },
          times: 2
        })
      }

      const [a, b] = await Promise.all([
        runOnPullRequest('failure', '1000000077'),
        runOnPullRequest('failure', '1000000088')
      ])

      expect([a.code, b.code]).toEqual([0, 0])
      const rootId = a.outputs['thread-id']
      expect(b.outputs['thread-id']).toBe(rootId)
      expect(roots().map(message => message._id)).toEqual([rootId])
      expect(
        repliesTo(rootId)
          .map(message => message._id)
          .sort()
      ).toEqual([a.outputs['message-id'], b.outputs['message-id']].sort())
      if (bothMiss) {
        const creations = server.requests.filter(
          request =>
            request.path === '/api/v1/chat.sendMessage' &&
            request.rawBody.includes(`"_id":"${rootId}"`)
        )
        expect(creations).toHaveLength(2)
      }
    }
  )

  it("never uses another user's message in another room that has the root's id", async () => {
    const { destination } = parseRocketUrl(tokenUrl())
    const rootId = threadRootId(destination, 'GENERAL', 'pr-12')
    const { roomId } = server.addRoom({ name: 'alice-room', type: 'c', members: ['alice'] })
    const aliceToken = 'alice-personal-access-token-0123456789abcdef'
    server.addToken(server.seed.aliceId, aliceToken)
    const planted = await fetch(`${server.url}/api/v1/chat.sendMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user-id': server.seed.aliceId,
        'x-auth-token': aliceToken
      },
      body: JSON.stringify({ message: { _id: rootId, rid: roomId, msg: 'mine' } })
    })
    expect(planted.status).toBe(200)

    const run = await runOnPullRequest('failure', '1000000099')

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::thread-key: message \w{17} is not this thread's root/)
    expect(run.outputs['thread-id']).toBe('')
    expect(stored(rootId)).toMatchObject({ rid: roomId, msg: 'mine', u: { username: 'alice' } })
    expect(stored(rootId)?.editedAt).toBeUndefined()
    const posted = stored(run.outputs['message-id'])
    expect(posted).toMatchObject({ rid: 'GENERAL', u: { username: 'bot' } })
    expect(posted?.tmid).toBeUndefined()
    expect(server.messages).toHaveLength(2)
  })

  it('posts once in webhook mode and warns that only token and basic modes keep threads', async () => {
    const run = await runAction(
      {
        url: `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`,
        'thread-key': 'pr-12',
        body: 'hi'
      },
      { eventName: 'pull_request', event: PULL_REQUEST }
    )

    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/::warning::thread-key needs token or basic mode/)
    expect(server.messages.map(message => message.msg)).toEqual(['hi'])
  })

  it('replies to thread when thread-key comes with it, a mistake that fails the step after sending', async () => {
    const root = await runOnPullRequest('success', '1000000098', { 'thread-key': '' })
    const rootId = root.outputs['message-id']

    const run = await runOnPullRequest('success', '1000000100', { thread: rootId ?? '' })

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::give thread-key or thread, not both: .*; replying to thread, thread-key ignored/
    )
    expect(repliesTo(rootId).map(message => message._id)).toEqual([run.outputs['message-id']])
    expect(roots()).toHaveLength(1)
  })

  it('takes pr- from a push, whose event has no pull request number, as a mistake: the message goes outside any thread', async () => {
    const run = await runAction(
      {
        url: tokenUrl(),
        status: 'success',
        'thread-key': 'pr-{{ github.event.pull_request.number }}'
      },
      { eventName: 'push', event: { head_commit: { message: 'Fix' } } }
    )

    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(
      /::error::thread-key: \{\{ github\.event\.pull_request\.number \}\} rendered empty, so the key "pr-" would put unrelated runs in one thread; the message is posted outside any thread/
    )
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]?.tmid).toBeUndefined()
    expect(run.outputs['thread-id']).toBeFalsy()
  })

  it('compares keys in Unicode NFC: café typed composed and decomposed is one thread', async () => {
    const composed = await runOnPullRequest('failure', '1000000031', { 'thread-key': 'caf\u00e9' })
    const decomposed = await runOnPullRequest('failure', '1000000032', {
      'thread-key': 'cafe\u0301'
    })

    expect(composed.code).toBe(0)
    expect(decomposed.code).toBe(0)
    expect(decomposed.outputs['thread-id']).toBe(composed.outputs['thread-id'])
    expect(roots()).toHaveLength(1)
    expect(repliesTo(composed.outputs['thread-id'])).toHaveLength(2)
  })

  it.each(['8.x', '9.0'] as const)(
    'with root edits refused on Rocket.Chat %s, a fix is shown in the channel and repeated failures are not, each reply saying the root was not updated',
    async refusals => {
      server.settings.refusals = refusals
      const first = await runOnPullRequest('success', '1000000051')
      const rootId = first.outputs['thread-id']
      server.settings.editsAllowed = false

      const later = []
      for (const [status, runId] of [
        ['failure', '1000000052'],
        ['failure', '1000000053'],
        ['success', '1000000054'],
        ['success', '1000000055']
      ] as const) {
        later.push(await runOnPullRequest(status, runId))
      }

      expect(later.map(run => [run.code, run.outputs['thread-id']])).toEqual(
        later.map(() => [0, rootId])
      )
      expect(stored(rootId)?.msg).toMatch(/✅ Latest: CI <[^>]*\|run #51> succeeded$/)
      const replies = repliesTo(rootId)
      // Broken, still broken, fixed, still fixed: only the changes are shown in the channel.
      expect(replies.map(message => message.tshow ?? false)).toEqual([
        false,
        true,
        false,
        true,
        false
      ])
      expect(replies.slice(1).map(message => message.msg.split('\n').at(-1))).toEqual(
        [52, 53, 54, 55].map((number): unknown =>
          expect.stringMatching(
            new RegExp(
              `^(❌|✅) Latest: CI <[^>]*\\|run #${number}> (failed|succeeded) · the thread's root could not be updated$`
            )
          )
        )
      )
      for (const run of later) {
        expect(run.stdout).toMatch(/::warning::thread-key: the root \w{17} was not updated: /)
      }
      const reads = server.requests.filter(
        request => request.path === '/api/v1/chat.getThreadMessages'
      )
      expect(reads).toHaveLength(later.length)
    }
  )

  it.each(['8.x', '9.0'] as const)(
    'with threads off on Rocket.Chat %s, posts outside any thread with a warning, and the step passes',
    async refusals => {
      server.settings.refusals = refusals
      server.settings.threadsEnabled = false

      const run = await runOnPullRequest('failure', '1000000041')

      expect(run.code).toBe(0)
      expect(run.outputs.sent).toBe('1')
      expect(stored(run.outputs['message-id'])?.msg).toMatch(/❌ CI failed/)
      expect(server.messages.filter(message => message.tmid !== undefined)).toEqual([])
      expect(run.stdout).toMatch(/::warning::thread-key: the server refused a reply in thread/)
    }
  )

  describe('on workflow_run', () => {
    const HEAD_SHA = 'feedface00000000000000000000000000000000'
    const finished = (runNumber: number, conclusion: string) =>
      runAction(
        {
          url: tokenUrl(),
          status: 'auto',
          'thread-key': 'ci-{{ github.event.workflow_run.workflow_id }}'
        },
        {
          eventName: 'workflow_run',
          event: {
            action: 'completed',
            workflow_run: {
              id: 7_000_000_000 + runNumber,
              run_number: runNumber,
              run_attempt: 1,
              name: 'CI',
              workflow_id: 161335,
              event: 'push',
              head_branch: 'release-2',
              head_sha: HEAD_SHA,
              head_repository: { full_name: 'octo-org/octo-repo' },
              pull_requests: [],
              conclusion
            }
          },
          env: { GITHUB_RUN_ID: `55500${runNumber}`, GITHUB_WORKFLOW: 'Notify' }
        }
      )

    it('the root names the triggering run’s branch and commit, and run #101 finishing after #102 leaves it at #102, unbroadcast', async () => {
      const newer = await finished(102, 'failure')
      const rootId = newer.outputs['thread-id']

      expect(stored(rootId)?.msg).toMatch(
        /^CI in octo-org\/octo-repo on release-2 at <[^|]+\/commit\/feedface[^|]*\|feedfac>/
      )
      expect(stored(rootId)?.msg).not.toContain('main')

      const older = await finished(101, 'success')

      expect(older.code).toBe(0)
      expect(older.outputs['thread-id']).toBe(rootId)
      expect(stored(rootId)?.msg).toMatch(/❌ Latest: CI <[^>]*\|run #102> failed$/)
      const reply = stored(older.outputs['message-id'])
      expect(reply?.tmid).toBe(rootId)
      expect(reply?.tshow).toBeUndefined()
    })
  })
})
