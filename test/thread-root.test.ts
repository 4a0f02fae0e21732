/**
 * The keyed thread's root (src/rocketchat/thread-root.ts): its id, and the protocol against the
 * fake Rocket.Chat over real sockets, through the library as the action drives it.
 */
import * as crypto from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { deliver } from '../src/rocketchat/deliver.js'
import { DryRun } from '../src/rocketchat/dry-run.js'
import { runPosition, statusMark, threadRootId } from '../src/rocketchat/thread-root.js'
import type { Message, ThreadKey } from '../src/rocketchat/types.js'
import { parseRocketUrl } from '../src/rocketchat/url/index.js'
import type { StoredMessage } from './fake-server/server.js'
import { useFakeServer } from './support/fake.js'
import { send } from './support/send.js'

/** Every key stretch (scrypt, PBKDF2) the code under test asks of node:crypto, counted. */
const stretches = vi.hoisted(() => ({ count: 0 }))
vi.mock('node:crypto', async original => {
  const real = await original<typeof crypto>()
  const counted =
    <F extends (...args: never[]) => unknown>(f: F) =>
    (...args: Parameters<F>) => {
      stretches.count++
      return f(...args)
    }
  return {
    ...real,
    scrypt: counted(real.scrypt),
    scryptSync: counted(real.scryptSync),
    pbkdf2: counted(real.pbkdf2),
    pbkdf2Sync: counted(real.pbkdf2Sync)
  }
})

const server = useFakeServer({ rateLimited: false })

const ID = /^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/

const tokenUrl = (target = '#general', token = server.seed.botToken) =>
  `rocket://${server.seed.botId}:${token}@${server.host}/${target}?mode=token`
const basicUrl = (target = '#general') => `rocket://bot:bot-password@${server.host}/${target}`

function keyed(state = '❌ Latest: CI run #1 failed', more: Partial<ThreadKey> = {}): ThreadKey {
  return { key: 'pr-12', subject: 'Pull request #12', state, broadcast: 'changed', ...more }
}

function threaded(thread: ThreadKey, more: Partial<Message> = {}): Partial<Message> {
  return { title: '', body: 'the build', threadKey: thread, ...more }
}

const idOf = (url: string, room = 'GENERAL', key = 'pr-12') =>
  threadRootId(parseRocketUrl(url).destination, room, key)
const stored = (id: string | undefined): StoredMessage | undefined =>
  server.messages.find(message => message._id === id)
const threadIdOf = (result: { outcome: string } | undefined): string | undefined =>
  result?.outcome === 'delivered' ? (result as { threadId?: string }).threadId : undefined

/** Plants a message of alice's under `id`, as if someone had guessed a root's id. */
async function plantAsAlice(id: string, roomId: string): Promise<void> {
  const token = 'alice-personal-access-token-0123456789abcdef'
  server.addToken(server.seed.aliceId, token)
  const answer = await fetch(`${server.url}/api/v1/chat.sendMessage`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-user-id': server.seed.aliceId,
      'x-auth-token': token
    },
    body: JSON.stringify({ message: { _id: id, rid: roomId, msg: 'mine' } })
  })
  expect(answer.status).toBe(200)
}

describe('threadRootId', () => {
  it("is 17 characters of Rocket.Chat's id alphabet, the same for the same key, room and credentials", () => {
    const id = idOf(tokenUrl())
    expect(id).toMatch(ID)
    expect(idOf(tokenUrl('#random'))).toBe(id)
  })

  it('differs with the key, the room, the token, the user and the server', () => {
    const ids = [
      idOf(tokenUrl()),
      idOf(tokenUrl(), 'GENERAL', 'pr-13'),
      idOf(tokenUrl(), 'OTHER'),
      idOf(tokenUrl('#general', 'another-personal-access-token-0123456789')),
      idOf(basicUrl()),
      idOf(`rocket://alice:bot-password@${server.host}/#general`),
      idOf(`rocket://bot:bot-password@chat.example.org/#general`)
    ]
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(ID)
  })

  it('in token mode cannot be made from the key and room alone: no token, no id', () => {
    const { destination } = parseRocketUrl(tokenUrl())
    expect(threadRootId({ ...destination, password: '' }, 'GENERAL', 'pr-12')).not.toBe(
      idOf(tokenUrl())
    )
  })

  it('in basic mode is the same whatever the password: no number of ids tells a word list anything', () => {
    const words = ['bot-password', 'hunter2', 'correct horse battery staple', '', 'Passw0rd!']
    const ids = words.map(word =>
      idOf(`rocket://bot:${encodeURIComponent(word) || 'x'}@${server.host}/#general`)
    )
    expect(new Set(ids)).toEqual(new Set([idOf(basicUrl())]))
  })

  // Known answers, computed apart from this code with Python's hmac (docs/thread-roots.md).
  it.each([
    [
      'token',
      'rocket://uBotUserId0000:pat-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG@chat.example.org/#general?mode=token',
      'eo6dGQFSdSrvfQ6NR'
    ],
    ['basic', 'rockets://bot:any-password@chat.example.org/#general', 'BfbeKCwuzGbnqWtco'],
    [
      'basic on a port',
      'rocket://bot:any-password@chat.example.org:3000/#general',
      'ppW3S76Qt2RGn6gsH'
    ]
  ])('derives the known id in %s mode', (_, url, id) => {
    expect(idOf(url)).toBe(id)
  })
})

describe('the cost of a keyed thread in basic mode', () => {
  it('20 destinations with one set of credentials: no stretch, one login, two requests more per room', async () => {
    const rooms = Array.from({ length: 20 }, (_, i) => `room-${i}`)
    for (const name of rooms) server.addRoom({ name, type: 'c', members: ['bot'] })
    const urls = rooms.map(name => basicUrl(`#${name}`))
    const paths = () => server.requests.map(request => request.path)

    const plain = await send(urls, { title: '', body: 'the build' })
    const plainRequests = paths().length
    stretches.count = 0
    const keyedRun = await send(urls, threaded(keyed()))

    expect(stretches.count).toBe(0)
    expect(plain.results.map(r => r.outcome)).toEqual(rooms.map(() => 'delivered'))
    expect(keyedRun.results.map(r => threadIdOf(r) !== undefined)).toEqual(rooms.map(() => true))
    const keyedPaths = paths().slice(plainRequests)
    expect(keyedPaths.filter(path => path === '/api/v1/login')).toHaveLength(1)
    // The first run of a thread: a look-up of the root and its creation, per room.
    expect(keyedPaths.length).toBe(plainRequests + 2 * rooms.length)
  })
})

describe('statusMark', () => {
  it("is the first word of a root's last line", () => {
    expect(statusMark('Pull request #12\n⚠️ Latest: CI run #3 finished with warnings')).toBe('⚠️')
    expect(statusMark('one line')).toBe('one')
  })
})

describe('posting into a keyed thread', () => {
  it('creates the root under its id on the first run, with the reply in it, in three requests', async () => {
    const { results, warnings } = await send(tokenUrl(), threaded(keyed()))

    const rootId = idOf(tokenUrl())
    expect(warnings).toEqual([])
    expect(results[0]).toMatchObject({ outcome: 'delivered', threadId: rootId, roomId: 'GENERAL' })
    expect(stored(rootId)).toMatchObject({
      rid: 'GENERAL',
      msg: 'Pull request #12\n❌ Latest: CI run #1 failed',
      u: { username: 'bot' },
      tcount: 1
    })
    expect(server.messages.filter(message => message.tmid === rootId)).toHaveLength(1)
    expect(server.requests.map(request => request.path)).toEqual([
      '/api/v1/rooms.info',
      '/api/v1/chat.getMessage',
      '/api/v1/chat.sendMessage',
      '/api/v1/chat.sendMessage'
    ])
  })

  it('adds two requests on a later run, both before the reply: the look-up and the update of the root', async () => {
    await send(tokenUrl(), threaded(keyed()))
    const before = server.requests.length

    const { results } = await send(tokenUrl(), threaded(keyed('✅ Latest: CI run #2 succeeded')))

    expect(server.requests.slice(before).map(request => request.path)).toEqual([
      '/api/v1/rooms.info',
      '/api/v1/chat.getMessage',
      '/api/v1/chat.update',
      '/api/v1/chat.sendMessage'
    ])
    const rootId = threadIdOf(results[0])
    expect(stored(rootId)?.msg).toBe('Pull request #12\n✅ Latest: CI run #2 succeeded')
    expect(stored(results[0]?.outcome === 'delivered' ? results[0].messageId : '')?.msg).toBe(
      'the build'
    )
  })

  it('puts the root back when the reply was refused: the thread never shows a state it did not hear', async () => {
    const { results } = await send(tokenUrl(), threaded(keyed()))
    const rootId = threadIdOf(results[0])
    server.injectFault({
      path: '/api/v1/chat.sendMessage',
      fault: {
        status: 400,
        body: '{"success":false,"error":"You_have_been_muted"}',
        contentType: 'application/json'
      }
    })

    const refused = await send(tokenUrl(), threaded(keyed('✅ Latest: CI run #2 succeeded')), {
      retries: 0
    })

    expect(refused.results[0]).toMatchObject({ outcome: 'failed' })
    expect(stored(rootId)?.msg).toBe('Pull request #12\n❌ Latest: CI run #1 failed')
    // So the fix is still news to the next run, and shown in the channel.
    await send(tokenUrl(), threaded(keyed('✅ Latest: CI run #3 succeeded')))
    expect(server.messages.filter(message => message.tmid === rootId).at(-1)?.tshow).toBe(true)
  })

  it.each([
    ['changed', ['❌', '❌', '✅', '✅', '❌'], [false, false, true, false, true]],
    ['always', ['❌', '❌', '✅'], [true, true, true]],
    ['never', ['❌', '✅', '❌'], [false, false, false]]
  ] as const)(
    'thread-broadcast %s: which replies are also shown in the channel',
    async (broadcast, marks, shown) => {
      for (const [i, mark] of marks.entries()) {
        await send(tokenUrl(), threaded(keyed(`${mark} Latest: run #${i}`, { broadcast })))
      }
      const replies = server.messages.filter(message => message.tmid !== undefined)
      expect(replies.map(message => message.tshow ?? false)).toEqual(shown)
    }
  )

  describe('a run older than the one the root names', () => {
    const state = (mark: string, number: number, attempt = 1) =>
      `${mark} Latest: CI <https://github.com/o/r/actions/runs/${9000 + number}${attempt > 1 ? `/attempts/${attempt}` : ''}|run #${number}> ${mark === '✅' ? 'succeeded' : 'failed'}`

    it.each([
      ['run #101 finishing after #102', state('❌', 102), state('✅', 101)],
      ['attempt 1 finishing after attempt 2', state('❌', 102, 2), state('✅', 102)]
    ])(
      '%s replies, leaves the root at the newer run and is not shown in the room',
      async (_, newer, older) => {
        const { results } = await send(tokenUrl(), threaded(keyed(newer)))
        const rootId = threadIdOf(results[0])

        await send(tokenUrl(), threaded(keyed(older)))

        expect(stored(rootId)?.msg).toBe(`Pull request #12\n${newer}`)
        const replies = server.messages.filter(message => message.tmid === rootId)
        expect(replies).toHaveLength(2)
        expect(replies.map(message => message.tshow ?? false)).toEqual([false, false])
        expect(server.requests.map(request => request.path)).not.toContain('/api/v1/chat.update')
      }
    )

    it('a newer run, or another workflow’s, takes the root over as before', async () => {
      const { results } = await send(tokenUrl(), threaded(keyed(state('❌', 101))))
      const rootId = threadIdOf(results[0])

      await send(tokenUrl(), threaded(keyed(state('✅', 102))))
      expect(stored(rootId)?.msg).toBe(`Pull request #12\n${state('✅', 102)}`)

      const deploy = state('❌', 5).replace('Latest: CI', 'Latest: Deploy')
      await send(tokenUrl(), threaded(keyed(deploy)))
      expect(stored(rootId)?.msg).toBe(`Pull request #12\n${deploy}`)
    })
  })

  it.each([
    [
      '❌ Latest: CI <https://github.com/o/r/actions/runs/7|run #12> failed',
      { workflow: 'CI', number: 12, attempt: 1 }
    ],
    [
      'subject\n✅ Latest: My CI <https://x/runs/7/attempts/3|run #12> succeeded',
      { workflow: 'My CI', number: 12, attempt: 3 }
    ],
    ['❌ Latest: CI run #12 failed', undefined],
    ['❌ Latest: CI <https://x/runs/7|run #1x> failed', undefined],
    ['plain text |run #3>', undefined]
  ])('runPosition(%j) is %j', (text, position) => {
    expect(runPosition(text)).toEqual(position)
  })

  it('keeps one root per room, each in its own room', async () => {
    const { results } = await send(tokenUrl('#general/#random'), threaded(keyed()))

    const [general, random] = results.map(threadIdOf)
    expect(general).toBe(idOf(tokenUrl()))
    expect(random).toBe(idOf(tokenUrl(), server.seed.randomId))
    expect(stored(random)?.rid).toBe(server.seed.randomId)
    expect(server.messages.filter(message => message.tmid === random)[0]?.rid).toBe(
      server.seed.randomId
    )
  })

  it('works in basic mode, logging out after', async () => {
    const { results } = await send(basicUrl(), threaded(keyed()))

    expect(threadIdOf(results[0])).toBe(idOf(basicUrl()))
    expect(server.requests.at(-1)?.path).toBe('/api/v1/logout')
  })

  it.each([
    ['another user in the same room', () => 'GENERAL'],
    ['another user in a room the bot cannot read', () => server.seed.secretId]
  ])('never uses a message of %s under the root id', async (_case, room) => {
    const rootId = idOf(tokenUrl())
    const secretRoom = server.addRoom({ name: 'alices', type: 'p', members: ['alice'] }).roomId
    await plantAsAlice(rootId, room() === 'GENERAL' ? 'GENERAL' : secretRoom)

    const { results, warnings } = await send(tokenUrl(), threaded(keyed()))

    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^thread-key: message ${rootId} is not this thread's root \\(.+\\); posted to room GENERAL of .* outside any thread$`
        )
      )
    ])
    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(threadIdOf(results[0])).toBeUndefined()
    expect(stored(rootId)?.msg).toBe('mine')
    expect(server.messages.filter(message => message.tmid !== undefined)).toEqual([])
    expect(server.requests.some(request => request.path === '/api/v1/chat.update')).toBe(false)
  })

  it('in basic mode, where anyone can work out the root id, never uses a root someone else planted first', async () => {
    // The id comes from public data: alice needs no password to know it.
    const rootId = idOf(`rocket://bot:a-guess@${server.host}/#general`)
    await plantAsAlice(rootId, 'GENERAL')

    const { results, warnings } = await send(basicUrl(), threaded(keyed()))

    expect(rootId).toBe(idOf(basicUrl()))
    expect(warnings).toEqual([
      expect.stringMatching(
        /^thread-key: message \w{17} is not this thread's root \(another user posted it\)/
      )
    ])
    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(threadIdOf(results[0])).toBeUndefined()
    expect(stored(rootId)?.msg).toBe('mine')
    expect(server.messages.filter(message => message.tmid !== undefined)).toEqual([])
  })

  it("gives the root the notification's look: its alias and emoji, as the reply has", async () => {
    const { results } = await send(
      tokenUrl(),
      threaded(keyed(), { alias: 'CI', emoji: ':rocket:' })
    )

    const root = stored(threadIdOf(results[0]))
    expect(root).toMatchObject({ alias: 'CI', emoji: ':rocket:' })
    expect(stored(results[0]?.outcome === 'delivered' ? results[0].messageId : '')).toMatchObject({
      alias: 'CI',
      emoji: ':rocket:'
    })
  })

  it("never uses the bot's own message under the root id in another room", async () => {
    const rootId = idOf(tokenUrl())
    const planted = await fetch(`${server.url}/api/v1/chat.sendMessage`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-user-id': server.seed.botId,
        'x-auth-token': server.seed.botToken
      },
      body: JSON.stringify({
        message: { _id: rootId, rid: server.seed.randomId, msg: 'elsewhere' }
      })
    })
    expect(planted.status).toBe(200)

    const { results, warnings } = await send(tokenUrl(), threaded(keyed()))

    expect(warnings).toEqual([
      expect.stringMatching(/is not this thread's root \(it is in another room\)/)
    ])
    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(threadIdOf(results[0])).toBeUndefined()
    expect(server.messages.filter(message => message.tmid !== undefined)).toEqual([])
  })

  it('posts outside the thread, with a warning, when the look-up fails', async () => {
    server.injectFault({
      path: '/api/v1/chat.getMessage',
      fault: {
        status: 500,
        body: '{"success":false,"error":"boom"}',
        contentType: 'application/json'
      }
    })

    const { results, warnings } = await send(tokenUrl(), threaded(keyed()), { retries: 0 })

    expect(results[0]).toMatchObject({ outcome: 'delivered' })
    expect(warnings[0]).toMatch(
      /^thread-key: looking up the thread's root failed \(HTTP 500: boom\)/
    )
    expect(server.messages.map(message => message.msg)).toEqual(['the build'])
  })

  it('settles a root whose answer was lost by asking for it: one root, the reply in it', async () => {
    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', processFirst: true })

    const { results, warnings } = await send(tokenUrl(), threaded(keyed()), { retries: 0 })

    const rootId = idOf(tokenUrl())
    expect(warnings).toEqual([])
    expect(threadIdOf(results[0])).toBe(rootId)
    expect(server.messages.filter(message => message._id === rootId)).toHaveLength(1)
    expect(server.messages.filter(message => message.tmid === rootId)).toHaveLength(1)
  })

  it('keeps the reply when the root cannot be updated, with a warning', async () => {
    await send(tokenUrl(), threaded(keyed()))
    server.injectFault({
      path: '/api/v1/chat.update',
      fault: {
        status: 400,
        body: '{"success":false,"error":"error-action-not-allowed"}',
        contentType: 'application/json'
      }
    })

    const { results, warnings } = await send(tokenUrl(), threaded(keyed('✅ Latest: run #2')))

    expect(results[0]).toMatchObject({ outcome: 'delivered' })
    expect(warnings).toEqual([
      expect.stringMatching(
        /^thread-key: the root \w{17} was not updated: HTTP 400: error-action-not-allowed$/
      )
    ])
    expect(server.messages.filter(message => message.tmid !== undefined)).toHaveLength(2)
  })

  it('posts outside the thread, with a warning, when the server has threads turned off', async () => {
    server.settings.threadsEnabled = false

    const { results, warnings } = await send(tokenUrl(), threaded(keyed()))

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(warnings).toEqual([
      expect.stringMatching(
        /^thread-key: the server refused a reply in thread \w{17} \(HTTP 400: not-allowed \[error-not-allowed\]\); posted to room GENERAL/
      )
    ])
    expect(server.messages.filter(message => message.msg === 'the build')).toHaveLength(1)
  })

  it('posts a message in parts outside the thread, every part once, when the server has threads turned off', async () => {
    server.settings.threadsEnabled = false
    const body = `${'a'.repeat(4000)}\n\n${'b'.repeat(4000)}`

    const { results, warnings } = await send(
      tokenUrl('#general?overflow=split'),
      threaded(keyed(), { body })
    )

    expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
    expect(warnings).toEqual([
      expect.stringMatching(
        /^thread-key: the server refused a reply in thread \w{17} \(part 1 of 2: HTTP 400: not-allowed \[error-not-allowed\]\); posted to room GENERAL/
      )
    ])
    const parts = server.messages.filter(message => /^[ab]{4000}/.test(message.msg))
    expect(parts.map(message => [message.msg.slice(0, 1), message.tmid])).toEqual([
      ['a', undefined],
      ['b', undefined]
    ])
  })

  describe.each([
    [
      '8.x',
      'HTTP 400: (?:not-allowed \\[error-not-allowed\\]|Message editing not allowed \\[error-action-not-allowed\\])'
    ],
    ['9.0', 'HTTP 403: [^)]* \\[error-forbidden\\]']
  ] as const)('refusals as Rocket.Chat %s answers them', (refusals, refusal) => {
    it('threads off: the message is posted outside the thread, with a warning', async () => {
      server.settings.refusals = refusals
      server.settings.threadsEnabled = false

      const { results, warnings } = await send(tokenUrl(), threaded(keyed()))

      expect(results[0]).toMatchObject({ outcome: 'delivered', roomId: 'GENERAL' })
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(
            `^thread-key: the server refused a reply in thread \\w{17} \\(${refusal}\\); posted to room GENERAL`
          )
        )
      ])
      expect(server.messages.filter(message => message.msg === 'the build')).toHaveLength(1)
    })

    it('edits refused: a fix is shown in the channel and repeated failures are not; each reply says the root was not updated', async () => {
      server.settings.refusals = refusals
      const marks = ['✅', '❌', '❌', '✅', '✅', '❌']
      const runs = []
      for (const [i, mark] of marks.entries()) {
        runs.push(await send(tokenUrl(), threaded(keyed(`${mark} Latest: CI run #${i + 1}`))))
        // The first run made the root; from then on the server refuses to edit it.
        server.settings.editsAllowed = false
      }

      const rootId = threadIdOf(runs[0]?.results[0])
      expect(runs.map(run => threadIdOf(run.results[0]))).toEqual(marks.map(() => rootId))
      expect(stored(rootId)?.msg).toBe('Pull request #12\n✅ Latest: CI run #1')
      const replies = server.messages.filter(message => message.tmid === rootId)
      expect(replies.map(message => message.tshow ?? false)).toEqual([
        false,
        true,
        false,
        true,
        false,
        true
      ])
      expect(replies.map(message => message.msg)).toEqual([
        'the build',
        ...marks
          .slice(1)
          .map(
            (mark, i) =>
              `the build\n${mark} Latest: CI run #${i + 2} · the thread's root could not be updated`
          )
      ])
      for (const run of runs.slice(1)) {
        expect(run.warnings).toEqual([
          expect.stringMatching(
            new RegExp(`^thread-key: the root \\w{17} was not updated: ${refusal}$`)
          )
        ])
      }
    })

    it('edits refused: the thread is read once per run, one page of ten, newest first', async () => {
      server.settings.refusals = refusals
      await send(tokenUrl(), threaded(keyed()))
      server.settings.editsAllowed = false
      const before = server.requests.length

      await send(tokenUrl(), threaded(keyed('✅ Latest: CI run #2')))

      const asked = server.requests.slice(before)
      expect(asked.map(request => request.path)).toEqual([
        '/api/v1/rooms.info',
        '/api/v1/chat.getMessage',
        '/api/v1/chat.update',
        '/api/v1/chat.getThreadMessages',
        '/api/v1/chat.sendMessage'
      ])
      expect(asked[3]?.query).toEqual({
        tmid: idOf(tokenUrl()),
        count: '10',
        sort: '{"ts":-1}'
      })
    })

    it('edits refused: the reply stays in the thread, and the root not updated is a warning', async () => {
      server.settings.refusals = refusals
      await send(tokenUrl(), threaded(keyed()))
      server.settings.editsAllowed = false

      const { results, warnings } = await send(tokenUrl(), threaded(keyed('✅ Latest: run #2')))

      expect(results[0]).toMatchObject({ outcome: 'delivered' })
      expect(warnings).toEqual([
        expect.stringMatching(
          new RegExp(`^thread-key: the root \\w{17} was not updated: ${refusal}$`)
        )
      ])
      expect(server.messages.filter(message => message.tmid !== undefined)).toHaveLength(2)
    })
  })

  it('lets an explicit thread id win over a key, posting where it says', async () => {
    const parent = await send(tokenUrl(), { body: 'parent' })
    const parentId = parent.results[0]?.outcome === 'delivered' ? parent.results[0].messageId : ''

    await send(tokenUrl(), threaded(keyed(), { threadId: parentId ?? '' }))

    expect(server.messages.at(-1)?.tmid).toBe(parentId)
    expect(server.messages).toHaveLength(2)
  })

  it('plans a first run in a dry run: the root under its id, then the reply in it', async () => {
    const dryRun = new DryRun([server.seed.botToken])
    const destination = parseRocketUrl(tokenUrl()).destination
    const message: Message = { title: '', body: 'the build', status: 'failure', threadKey: keyed() }

    const results = await deliver([destination], message, { sender: dryRun })

    expect(results[0]?.outcome).toBe('planned')
    const bodies = dryRun.plan.filter(r => r.url.endsWith('chat.sendMessage')).map(r => r.body)
    const rootId = threadRootId(destination, '(room of the target)', 'pr-12')
    expect(bodies).toEqual([
      {
        message: expect.objectContaining({
          _id: rootId,
          msg: 'Pull request #12\n❌ Latest: CI run #1 failed'
        }) as unknown
      },
      { message: expect.objectContaining({ tmid: rootId, msg: 'the build' }) as unknown }
    ])
    expect(server.requests).toHaveLength(0)
  })
})
