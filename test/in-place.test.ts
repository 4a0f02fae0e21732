/**
 * One message kept up to date in place under a derived id (src/rocketchat/in-place.ts), against
 * the fake Rocket.Chat over real sockets, through the library as the action drives it.
 */
import { describe, expect, it } from 'vitest'
import { deliver } from '../src/rocketchat/deliver.js'
import { DryRun } from '../src/rocketchat/dry-run.js'
import { threadRootId } from '../src/rocketchat/thread-root.js'
import type { Message, ThreadKey } from '../src/rocketchat/types.js'
import { parseRocketUrl } from '../src/rocketchat/url/index.js'
import { useFakeServer } from './support/fake.js'
import { send } from './support/send.js'

const server = useFakeServer({ rateLimited: false })

const tokenUrl = () =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`

/** A step of the deploy: its text from the message's text before it, as deployment.ts makes it. */
function step(text: string, more: Partial<ThreadKey> = {}): Partial<Message> {
  const inPlace = (previous: string | undefined) => `${text} (was: ${previous ?? 'nothing'})`
  return {
    title: '',
    body: text,
    attachments: [{ title: 'Deploy to production' }],
    threadKey: { key: 'deploy 1', subject: '', state: '', broadcast: 'never', inPlace, ...more }
  }
}

describe('postInPlace', () => {
  it('creates the message whole under its derived id, then edits its text in place', async () => {
    const first = await send(tokenUrl(), step('deploying'))
    const second = await send(tokenUrl(), step('deployed'))

    const id = threadRootId(parseRocketUrl(tokenUrl()).destination, 'GENERAL', 'deploy 1')
    expect(first.results[0]).toMatchObject({ outcome: 'delivered', messageId: id })
    expect(second.results[0]).toMatchObject({ outcome: 'updated', messageId: id })
    expect(server.messages).toHaveLength(1)
    expect(server.messages[0]).toMatchObject({
      _id: id,
      msg: 'deployed (was: deploying (was: nothing))',
      attachments: [{ title: 'Deploy to production' }]
    })
  })

  it('leaves the message as it is when this state is older than the one it shows', async () => {
    await send(tokenUrl(), step('attempt 2'))

    const late = await send(tokenUrl(), step('attempt 1', { isNewerThan: () => false }))

    expect(late.results[0]).toMatchObject({ outcome: 'delivered' })
    expect(server.messages.map(message => message.msg)).toEqual(['attempt 2 (was: nothing)'])
    expect(server.messages[0]?.editedAt).toBeUndefined()
  })

  it("posts a new message, with a warning, when the id holds someone else's message", async () => {
    const id = threadRootId(parseRocketUrl(tokenUrl()).destination, 'GENERAL', 'deploy 1')
    const token = 'alice-personal-access-token-0123456789abcdef'
    server.addToken(server.seed.aliceId, token)
    const planted = await fetch(`${server.url}/api/v1/chat.sendMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user-id': server.seed.aliceId,
        'x-auth-token': token
      },
      body: JSON.stringify({ message: { _id: id, rid: 'GENERAL', msg: 'mine' } })
    })
    expect(planted.status).toBe(200)

    const run = await send(tokenUrl(), step('deploying'))

    expect(run.warnings).toEqual([expect.stringMatching(/is not this deploy's .*as a new message/)])
    expect(server.messages.map(message => message.msg)).toEqual([
      'mine',
      'deploying (was: nothing)'
    ])
  })

  it('a dry run plans the first step: the message whole under its id, nothing sent', async () => {
    const dryRun = new DryRun([server.seed.botToken])
    const destination = parseRocketUrl(tokenUrl()).destination
    const message = { ...step('deploying'), status: 'info' } as Message

    const results = await deliver([destination], message, { sender: dryRun })

    expect(results[0]?.outcome).toBe('planned')
    const bodies = dryRun.plan.filter(r => r.url.endsWith('chat.sendMessage')).map(r => r.body)
    const id = threadRootId(destination, '(room of the target)', 'deploy 1')
    expect(bodies).toEqual([
      {
        message: expect.objectContaining({
          _id: id,
          msg: 'deploying (was: nothing)',
          attachments: [{ title: 'Deploy to production' }]
        }) as unknown
      }
    ])
    expect(server.messages).toEqual([])
  })
})
