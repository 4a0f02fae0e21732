import { createServer } from 'node:http'
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { DryRun } from '../src/rocketchat/dry-run.js'
import type { TargetResult } from '../src/rocketchat/types.js'
import { Transport } from '../src/rocketchat/transport.js'
import { fileFromBuffer, uploadFile, type FileToSend } from '../src/rocketchat/upload.js'
import { parseRocketUrl } from '../src/rocketchat/url/index.js'
import { useFakeServer } from './support/fake.js'
import { idsOf, send, words } from './support/send.js'

const server = useFakeServer({ rateLimited: false })

const tokenUrl = (path: string) =>
  `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/${path}?mode=token`
const basicUrl = (path: string) => `rocket://bot:bot-password@${server.host}/${path}`

const report = fileFromBuffer('report.txt', Buffer.from('12 passed, 1 failed\n'))
const coverage = fileFromBuffer('coverage.txt', Buffer.from('lines: 87%\n'))

/** The file results of a delivery, as [target, file name, outcome]. */
const fileRows = (results: TargetResult[]) =>
  results.filter(r => r.file).map(r => [r.target, r.file?.name, r.outcome])

/** The bytes the server stored for the file message's upload. */
function storedBytes(messageId: string | undefined): Buffer | undefined {
  const message = server.messages.find(m => m._id === messageId)
  return server.uploads.find(u => u._id === message?.file?._id)?.bytes
}

describe('files after the message', () => {
  it('posts each file once into the room right after the message, with its name as description', async () => {
    const { results } = await send(tokenUrl('#general'), {}, { files: [report, coverage] })

    expect(results.map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['#general', undefined, 'delivered'],
      ['#general', 'report.txt', 'delivered'],
      ['#general', 'coverage.txt', 'delivered']
    ])
    expect(server.messages.map(m => [m.msg, m.file?.name])).toEqual([
      ['# Build failed\nmain is red', undefined],
      ['', 'report.txt'],
      ['', 'coverage.txt']
    ])
    expect(server.messages[1]?.attachments).toMatchObject([{ description: 'report.txt' }])
    expect(storedBytes(idsOf(results[1]).messageId)?.toString()).toBe('12 passed, 1 failed\n')
    expect(storedBytes(idsOf(results[2]).messageId)?.toString()).toBe('lines: 87%\n')
    expect(results[1]).toMatchObject({ file: { name: 'report.txt', size: 20 } })
    // Nothing is left temporary: every stored file was posted.
    expect(server.uploads.every(u => u.expiresAt === undefined)).toBe(true)
  })

  it('sends every file to every target, and logs in once for all of them in basic mode', async () => {
    const { results } = await send(basicUrl('#general/#random'), {}, { files: [report] })

    expect(fileRows(results)).toEqual([
      ['#general', 'report.txt', 'delivered'],
      ['#random', 'report.txt', 'delivered']
    ])
    const paths = server.requests.map(r => r.path)
    expect(paths.filter(p => p === '/api/v1/login')).toHaveLength(1)
    expect(paths.at(-1)).toBe('/api/v1/logout')
    expect(server.messages.filter(m => m.file).map(m => m.roomName)).toEqual(['general', 'random'])
  })

  it('keeps a reply and its files in the same thread', async () => {
    const parent = await send(tokenUrl('#general'), { title: '', body: 'root' })
    const root = idsOf(parent.results[0]).messageId ?? '(no root)'
    const { results } = await send(tokenUrl('#general'), { threadId: root }, { files: [report] })

    expect(fileRows(results)).toEqual([['#general', 'report.txt', 'delivered']])
    const fileMessage = server.messages.find(m => m.file?.name === 'report.txt')
    expect(fileMessage?.tmid).toBe(root)
  })

  it('posts the files of a thread-key reply into the keyed thread of each room', async () => {
    const threadKey = {
      key: 'pr-12',
      subject: 'Pull request #12',
      state: '❌ failed',
      broadcast: 'never' as const
    }
    for (const run of [1, 2]) {
      const { results } = await send(
        basicUrl('#general/#random'),
        { threadKey },
        { files: [report, coverage] }
      )

      const rootOf = (target: string) =>
        results.find(r => r.target === target && !r.file && r.outcome === 'delivered')
      const roots = ['#general', '#random'].map(target => {
        const result = rootOf(target)
        return result?.outcome === 'delivered' ? result.threadId : undefined
      })
      expect(roots.every(root => root !== undefined)).toBe(true)
      const fileMessages = server.messages.filter(m => m.file)
      expect(fileMessages).toHaveLength(4 * run)
      // Rooms are served concurrently: each room's files in order, the rooms in any order.
      const inRoom = (room: string) =>
        fileMessages
          .slice(-4)
          .filter(m => m.roomName === room)
          .map(m => [m.roomName, m.file?.name, m.tmid])
      expect([...inRoom('general'), ...inRoom('random')]).toEqual([
        ['general', 'report.txt', roots[0]],
        ['general', 'coverage.txt', roots[0]],
        ['random', 'report.txt', roots[1]],
        ['random', 'coverage.txt', roots[1]]
      ])
    }
  })

  it('posts the files of an edited reply into its thread, and of an edited root into the room', async () => {
    const parent = await send(tokenUrl('#general'), { title: '', body: 'root' })
    const root = idsOf(parent.results[0]).messageId ?? '(no root)'
    const reply = await send(tokenUrl('#general'), { title: '', body: 'reply', threadId: root })
    const replyId = idsOf(reply.results[0]).messageId ?? '(no reply)'

    await send(tokenUrl('#general'), { updateId: replyId }, { files: [report] })
    await send(tokenUrl('#general'), { updateId: root }, { files: [coverage] })

    const fileMessages = server.messages.filter(m => m.file)
    expect(fileMessages.map(m => [m.file?.name, m.tmid])).toEqual([
      ['report.txt', root],
      ['coverage.txt', undefined]
    ])
  })

  it.each([
    ['a name and its id', (url: (path: string) => string) => url('#general/GENERAL')],
    [
      'a name in two URLs of one user',
      (url: (path: string) => string) => [url('#general'), url('GENERAL')]
    ]
  ])('posts the message and each file once to a room named twice: %s', async (_, urls) => {
    const { results } = await send(urls(basicUrl), {}, { files: [report, coverage] })

    expect(server.messages.map(m => [m.roomName, m.file?.name])).toEqual([
      ['general', undefined],
      ['general', 'report.txt'],
      ['general', 'coverage.txt']
    ])
    expect(results.map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['#general', undefined, 'delivered'],
      ['#general', 'report.txt', 'delivered'],
      ['#general', 'coverage.txt', 'delivered'],
      ['GENERAL', undefined, 'delivered']
    ])
    expect(idsOf(results[3])).toEqual(idsOf(results[0]))
  })

  it('sends 0 bytes, 1 MiB, and a name with spaces and non-ASCII letters exactly', async () => {
    const mebibyte = Buffer.alloc(1024 * 1024)
    for (let i = 0; i < mebibyte.length; i++) mebibyte[i] = (i * 7) % 251
    const files = [
      fileFromBuffer('empty.log', Buffer.alloc(0)),
      fileFromBuffer('big.bin', mebibyte),
      fileFromBuffer('rapport d’été – Ünïcode ✓.txt', Buffer.from('ok'))
    ]
    const { results } = await send(tokenUrl('#general'), {}, { files })

    expect(fileRows(results).map(row => row[2])).toEqual(['delivered', 'delivered', 'delivered'])
    expect(server.uploads.map(u => [u.name, u.size])).toEqual([
      ['empty.log', 0],
      ['big.bin', 1024 * 1024],
      ['rapport d’été – Ünïcode ✓.txt', 2]
    ])
    expect(server.uploads[1]?.bytes.equals(mebibyte)).toBe(true)
    // Typed by extension where Rocket.Chat shows a kind, else left to the server.
    expect(server.uploads.map(u => u.type)).toEqual([
      'text/plain',
      'application/octet-stream',
      'text/plain'
    ])
    expect(server.messages.at(-1)?.attachments).toMatchObject([
      { title: 'rapport d’été – Ünïcode ✓.txt', description: 'rapport d’été – Ünïcode ✓.txt' }
    ])
  })

  it('stores each file under its own name whatever it holds, with a one-line description', async () => {
    const names = ['back\\slash.txt', 'trailing\\', 'quote"d.txt', 'two\r\nlines.txt', '..\\up.txt']
    const files = names.map(name => fileFromBuffer(name, Buffer.from('ok')))
    const { results } = await send(tokenUrl('#general'), {}, { files })

    expect(fileRows(results).map(row => row[2])).toEqual(names.map(() => 'delivered'))
    expect(server.uploads.map(u => u.name)).toEqual(names)
    const fileMessages = server.messages.filter(m => m.file)
    expect(fileMessages.map(m => m.file?.name)).toEqual(names)
    const descriptions = fileMessages.map(
      m => (m.attachments[0] as { description?: string } | undefined)?.description
    )
    expect(descriptions).toEqual([
      'back\\slash.txt',
      'trailing\\',
      'quote"d.txt',
      'two lines.txt',
      '..\\up.txt'
    ])
  })

  it('streams a file from its source, opened again for each attempt', async () => {
    let opened = 0
    const chunks = ['first line\n', 'second line\n']
    const streamed: FileToSend = {
      name: 'streamed.txt',
      size: Buffer.byteLength(chunks.join('')),
      open: () => {
        opened++
        return Readable.from(chunks.map(c => Buffer.from(c)))
      }
    }
    server.injectFault({ path: '/api/v1/rooms.media/GENERAL', fault: 'reset' })
    const { results } = await send(tokenUrl('#general'), {}, { files: [streamed] })

    expect(fileRows(results)).toEqual([['#general', 'streamed.txt', 'delivered']])
    expect(opened).toBe(2)
    expect(server.uploads.at(-1)?.bytes.toString()).toBe(chunks.join(''))
  })
})

describe('a source that breaks its word', () => {
  it('fails the file, not the run, when it yields fewer bytes than its size says', async () => {
    const short: FileToSend = {
      name: 'shrunk.log',
      size: 100,
      open: () => Readable.from([Buffer.from('only 18 bytes here')])
    }
    // Told at once, not when an answer fails to come: waiting out this 60 s timeout would outlast
    // the test's own limit.
    const { results } = await send(
      tokenUrl('#general'),
      {},
      { files: [short], retries: 0, timeout: 60 }
    )

    expect(results[0]?.outcome).toBe('delivered')
    expect(results[1]).toMatchObject({
      outcome: 'failed',
      kind: 'rejected',
      file: { name: 'shrunk.log' },
      error:
        'storing shrunk.log: shrunk.log gave 18 bytes, not the 100 it had when opened: it changed while it was sent'
    })
    expect(server.messages.filter(m => m.file)).toHaveLength(0)
  })

  it('fails the file when its stream errors', async () => {
    const broken: FileToSend = {
      name: 'gone.log',
      size: 10,
      open: () =>
        new Readable({
          read() {
            this.destroy(new Error('EIO: i/o error, read'))
          }
        })
    }
    const { results } = await send(tokenUrl('#general'), {}, { files: [broken], retries: 0 })

    expect(results[0]?.outcome).toBe('delivered')
    expect(results[1]).toMatchObject({ outcome: 'failed' })
    expect(words(results[1])).toMatch(/the body could not be read: EIO/)
  })
})

describe('exactly once', () => {
  it('stores again after a lost answer to rooms.media: the extra upload stays temporary and unseen', async () => {
    server.injectFault({
      path: '/api/v1/rooms.media/GENERAL',
      fault: 'reset',
      processFirst: true
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    expect(fileRows(results)).toEqual([['#general', 'report.txt', 'delivered']])
    expect(server.uploads).toHaveLength(2)
    expect(server.uploads.filter(u => u.expiresAt === undefined)).toHaveLength(1)
    expect(server.messages.filter(m => m.file)).toHaveLength(1)
  })

  it('finds the file message after a lost answer to rooms.mediaConfirm and never confirms twice', async () => {
    server.injectFault({
      path: /^\/api\/v1\/rooms\.mediaConfirm\//,
      fault: 'reset',
      processFirst: true
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    const file = results.find(r => r.file)
    expect(file?.outcome).toBe('delivered')
    const copies = server.messages.filter(m => m.file?.name === 'report.txt')
    expect(copies).toHaveLength(1)
    expect(idsOf(file).messageId).toBe(copies[0]?._id)
    expect(
      server.requests.filter(r => r.path.startsWith('/api/v1/rooms.mediaConfirm/'))
    ).toHaveLength(1)
    expect(server.requests.some(r => r.path === '/api/v1/chat.syncMessages')).toBe(true)
  })

  it('finds the file message after a lost confirm when the server lists its file only in `files`', async () => {
    server.settings.fileField = false
    server.injectFault({
      path: /^\/api\/v1\/rooms\.mediaConfirm\//,
      fault: 'reset',
      processFirst: true
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    const copies = server.messages.filter(m => m.files?.[0]?.name === 'report.txt')
    expect(copies).toHaveLength(1)
    expect(copies[0]?.file).toBeUndefined()
    const file = results.find(r => r.file)
    expect(file?.outcome).toBe('delivered')
    expect(idsOf(file).messageId).toBe(copies[0]?._id)
  })

  it('reports the file unconfirmed when a confirm was lost and its message is not in the room', async () => {
    server.injectFault({ path: /^\/api\/v1\/rooms\.mediaConfirm\//, fault: 'close' })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    const file = results.find(r => r.file)
    expect(file?.outcome).toBe('unconfirmed')
    expect(words(file)).toMatch(/not posted again/)
    expect(server.messages.filter(m => m.file)).toHaveLength(0)
    expect(
      server.requests.filter(r => r.path.startsWith('/api/v1/rooms.mediaConfirm/'))
    ).toHaveLength(1)
  })

  it('counts a confirm the server failed on after posting it, and fails one it never posted', async () => {
    const crash = { status: 500, body: '{"success":false,"error":"Internal server error"}' }
    server.injectFault({
      path: /^\/api\/v1\/rooms\.mediaConfirm\//,
      fault: crash,
      processFirst: true
    })
    server.injectFault({ path: /^\/api\/v1\/rooms\.mediaConfirm\//, fault: crash })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report, coverage] })

    expect(fileRows(results)).toEqual([
      ['#general', 'report.txt', 'delivered'],
      ['#general', 'coverage.txt', 'failed']
    ])
    expect(results[2]).toMatchObject({ kind: 'rejected', status: 500 })
    expect(server.messages.filter(m => m.file).map(m => m.file?.name)).toEqual(['report.txt'])
  })

  it('reports the file unconfirmed when asking after a lost confirm fails too', async () => {
    server.injectFault({
      path: /^\/api\/v1\/rooms\.mediaConfirm\//,
      fault: 'reset',
      processFirst: true
    })
    server.injectFault({
      path: '/api/v1/chat.syncMessages',
      fault: { status: 500, body: '{}' },
      times: 3
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    const file = results.find(r => r.file)
    expect(file?.outcome).toBe('unconfirmed')
    expect(words(file)).toMatch(/asking whether it arrived failed too/)
    expect(server.messages.filter(m => m.file)).toHaveLength(1)
  })
})

describe('a large upload over a slow link', () => {
  const big = fileFromBuffer('build.log', Buffer.alloc(40 * 1024, 'x'))
  const media = () => server.requests.filter(r => r.path === '/api/v1/rooms.media/GENERAL')

  it('waits for its answer as long as its size needs at the slowest rate: stored and posted once', async () => {
    // The server reads at 64 KiB/s; its answer comes about 0.6 s after the body has left
    // (loopback buffers take it whole at once): past the 0.25 s timeout, within 0.25 s + 40 KiB at
    // 16 KiB/s. The same run at the scale: 400 KB, 16 KiB/s, timeout 5.
    const link = await slowLink(64 * 1024)
    try {
      const { results } = await send(
        `rocket://${server.seed.botId}:${server.seed.botToken}@${link.host}/#general?mode=token`,
        {},
        { files: [big], timeout: 0.25, retries: 2, uploadBytesPerSecond: 16 * 1024 }
      )

      expect(fileRows(results)).toEqual([['#general', 'build.log', 'delivered']])
      expect(media()).toHaveLength(1)
      expect(server.uploads).toHaveLength(1)
      expect(server.messages.filter(m => m.file)).toHaveLength(1)
    } finally {
      await link.close()
    }
  })

  it('is not sent again when its answer is lost after it left whole: one copy, not posted', async () => {
    server.injectFault({ path: '/api/v1/rooms.media/GENERAL', fault: 'hang', processFirst: true })
    const { results } = await send(
      tokenUrl('#general'),
      {},
      { files: [big], timeout: 0.5, retries: 2, uploadBytesPerSecond: 1024 ** 3 }
    )

    const file = results.find(r => r.file)
    expect(file).toMatchObject({ outcome: 'failed', kind: 'timeout' })
    expect(words(file)).toMatch(/not sent again/)
    expect(media()).toHaveLength(1)
    expect(server.uploads).toHaveLength(1)
    expect(server.messages.filter(m => m.file)).toHaveLength(0)
  })
})

/**
 * A loopback relay to the fake server that takes what the client sends at `bytesPerSecond`, in
 * twentieths of a second, as a slow link does; answers come back at once.
 */
async function slowLink(bytesPerSecond: number): Promise<{ host: string; close(): Promise<void> }> {
  const [host = '127.0.0.1', port = '0'] = server.host.split(':')
  const sockets = new Set<Socket>()
  const relay = createTcpServer(client => {
    const upstream = connect(Number(port), host)
    sockets.add(client).add(upstream)
    upstream.pipe(client)
    const slice = Math.max(1, Math.round(bytesPerSecond / 20))
    const pump = setInterval(() => {
      const chunk = client.read(Math.min(slice, client.readableLength)) as Buffer | null
      if (chunk) upstream.write(chunk)
    }, 50)
    const end = () => {
      clearInterval(pump)
      client.destroy()
      upstream.destroy()
    }
    client.on('close', end).on('error', end)
    upstream.on('close', end).on('error', end)
  })
  await new Promise<void>(resolve => relay.listen(0, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${String((relay.address() as AddressInfo).port)}`,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => relay.close(resolve))
    }
  }
}

describe('the message is never lost to a file', () => {
  it("reports the server's size refusal as too-large and keeps the message", async () => {
    server.settings.maxFileSize = 10
    const { results } = await send(tokenUrl('#general'), {}, { files: [report, coverage] })

    expect(results[0]?.outcome).toBe('delivered')
    expect(results[1]).toMatchObject({ outcome: 'failed', kind: 'too-large', status: 400 })
    expect(words(results[1])).toMatch(/error-file-too-large/)
    // The next file is still tried: 11 bytes is over 10 too.
    expect(results[2]).toMatchObject({ outcome: 'failed', kind: 'too-large' })
    expect(server.messages.map(m => m.msg)).toEqual(['# Build failed\nmain is red'])
  })

  it("reports a proxy's 413 as too-large", async () => {
    server.injectFault({
      path: '/api/v1/rooms.media/GENERAL',
      fault: {
        status: 413,
        body: '<html>413 Request Entity Too Large</html>',
        contentType: 'text/html'
      }
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    expect(results[0]?.outcome).toBe('delivered')
    expect(results[1]).toMatchObject({ outcome: 'failed', kind: 'too-large', status: 413 })
  })

  it('stops sending at a refusal that comes before the body is read, and reports it too-large', async () => {
    // A proxy with a body limit answers 413 on the headers and closes.
    const proxy = createServer((_req, res) => {
      res.writeHead(413, { 'content-type': 'text/html', connection: 'close' })
      res.end('<html>413 Request Entity Too Large</html>')
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    const { port } = proxy.address() as AddressInfo
    const destination = parseRocketUrl(`rocket://u:p@127.0.0.1:${port}/#a`).destination
    const sender = new Transport({ timeout: 5, retries: 2, backoffMs: 5 })
    try {
      const big = fileFromBuffer('big.bin', Buffer.alloc(8 * 1024 * 1024))
      const outcome = await uploadFile({ sender, destination, headers: {} }, 'ROOM', big)

      expect(outcome).toMatchObject({ outcome: 'failed', kind: 'too-large', status: 413 })
    } finally {
      await sender.close()
      proxy.close()
    }
  })

  it('sends no file to a target the message did not reach, and says so per file', async () => {
    const { results } = await send(tokenUrl('#general/#nowhere'), {}, { files: [report] })

    expect(results.map(r => [r.target, r.file?.name, r.outcome])).toEqual([
      ['#general', undefined, 'delivered'],
      ['#general', 'report.txt', 'delivered'],
      ['#nowhere', undefined, 'failed'],
      ['#nowhere', 'report.txt', 'failed']
    ])
    expect(words(results[3])).toMatch(/the message did not reach this target/)
  })

  it('sends the files after an edited message too, into its room', async () => {
    const { results: first } = await send(tokenUrl('#general'))
    const { results } = await send(
      tokenUrl('#general'),
      { updateId: idsOf(first[0]).messageId ?? '' },
      { files: [report] }
    )

    expect(fileRows(results)).toEqual([['#general', 'report.txt', 'delivered']])
    expect(server.messages.map(m => m.file?.name)).toEqual([undefined, 'report.txt'])
  })

  it('gives a file the failure of the message it follows, or a refusal when the message is unconfirmed', async () => {
    const { results } = await send(tokenUrl('#nowhere'), {}, { files: [report] })
    expect(results.map(r => [r.outcome, r.outcome === 'failed' ? r.kind : ''])).toEqual([
      ['failed', 'not-found'],
      ['failed', 'not-found']
    ])

    server.injectFault({ path: '/api/v1/chat.sendMessage', fault: 'reset', times: 5 })
    const lost = await send(tokenUrl('#general'), {}, { files: [report], retries: 1 })
    expect(lost.results.map(r => [r.outcome, r.outcome === 'failed' ? r.kind : ''])).toEqual([
      ['unconfirmed', ''],
      ['failed', 'rejected']
    ])
  })

  it('fails a file whose storing answer names no file, and keeps the message', async () => {
    server.injectFault({
      path: /\/api\/v1\/rooms\.media\//,
      fault: { status: 200, body: '{"success":true,"file":{}}' }
    })
    const { results } = await send(tokenUrl('#general'), {}, { files: [report] })

    expect(results.map(r => r.outcome)).toEqual(['delivered', 'failed'])
    expect(words(results[1])).toMatch(/storing report.txt: no file id in the answer/)
  })

  it('stores each file with the type its name says, or the one it was given', async () => {
    const files = [
      fileFromBuffer('junit.XML', Buffer.from('<x/>')),
      fileFromBuffer('screen.png', Buffer.from('png')),
      fileFromBuffer('trace', Buffer.from('bytes')),
      fileFromBuffer('notes.md', Buffer.from('# x'), 'text/plain')
    ]
    await send(tokenUrl('#general'), {}, { files })

    expect(server.uploads.map(u => [u.name, u.type])).toEqual([
      ['junit.XML', 'application/xml'],
      ['screen.png', 'image/png'],
      ['trace', 'application/octet-stream'],
      ['notes.md', 'text/plain']
    ])
  })

  it('posts a webhook message without its files, with a warning', async () => {
    const hook = `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}`
    const { results, warnings } = await send(hook, {}, { files: [report] })

    expect(results.map(r => r.outcome)).toEqual(['delivered'])
    expect(warnings).toEqual([expect.stringMatching(/a webhook cannot upload files/)])
    expect(server.uploads).toHaveLength(0)
  })
})

describe('a refusal answered as Rocket.Chat 9.0 does', () => {
  // 9.0 answers 403 `error-forbidden` where 8.x said 400 `error-not-allowed` (rocketchat-server.md
  // §16): the file's row is the same, only the status and the type the server gave differ.
  it.each([
    ['8.x', 400, 'not-allowed [error-not-allowed]'],
    ['9.0', 403, 'not-allowed [error-forbidden]']
  ] as const)(
    '%s: a file in a thread the server no longer allows fails as rejected, with its reason, and the message is still updated',
    async (refusals, status, said) => {
      const root = await send(tokenUrl('#general'), { title: '', body: 'root' })
      const rootId = idsOf(root.results[0]).messageId ?? '(no root)'
      const reply = await send(tokenUrl('#general'), { title: '', body: 'reply', threadId: rootId })
      const replyId = idsOf(reply.results[0]).messageId ?? '(no reply)'
      server.settings.refusals = refusals
      server.settings.threadsEnabled = false

      const { results } = await send(
        tokenUrl('#general'),
        { title: '', body: 'reply, edited', updateId: replyId },
        { files: [report] }
      )

      expect(results.map(r => [r.target, r.file?.name, r.outcome])).toEqual([
        ['#general', undefined, 'updated'],
        ['#general', 'report.txt', 'failed']
      ])
      expect(results[1]).toMatchObject({
        outcome: 'failed',
        kind: 'rejected',
        status,
        error: `posting report.txt: HTTP ${status}: ${said}`
      })
      expect(server.messages.find(m => m._id === replyId)?.msg).toBe('reply, edited')
      expect(server.messages.filter(m => m.file)).toHaveLength(0)
    }
  )

  it.each(['8.x', '9.0'] as const)(
    '%s: uploads turned off fail each file as rejected, with the reason, and the message is still delivered',
    async refusals => {
      server.settings.refusals = refusals
      server.settings.uploadsEnabled = false

      const { results } = await send(tokenUrl('#general'), {}, { files: [report, coverage] })

      expect(results.map(r => [r.file?.name, r.outcome, r.outcome === 'failed' && r.kind])).toEqual(
        [
          [undefined, 'delivered', false],
          ['report.txt', 'failed', 'rejected'],
          ['coverage.txt', 'failed', 'rejected']
        ]
      )
      expect(words(results[1])).toBe(
        'storing report.txt: HTTP 400: File uploads are disabled. [error-file-upload-disabled]'
      )
      expect(server.messages.map(m => m.msg)).toEqual(['# Build failed\nmain is red'])
    }
  )
})

describe('dry run', () => {
  it('plans each upload by name and size without reading it', async () => {
    let opened = 0
    const file: FileToSend = { ...report, open: () => (opened++, report.open()) }
    const dryRun = new DryRun([])
    const { results } = await send(tokenUrl('#general'), {}, { files: [file], sender: dryRun })

    expect(results.map(r => [r.file?.name, r.outcome])).toEqual([
      [undefined, 'planned'],
      ['report.txt', 'planned']
    ])
    expect(opened).toBe(0)
    expect(dryRun.plan.map(r => new URL(r.url).pathname)).toEqual(
      [
        '/api/v1/rooms.info',
        '/api/v1/chat.sendMessage',
        '/api/v1/rooms.media/(room of the target)',
        '/api/v1/rooms.mediaConfirm/(room of the target)/(file id)'
      ].map(encodeURI)
    )
    expect(dryRun.plan[2]?.body).toEqual({ file: 'report.txt', size: 20 })
    expect(dryRun.plan[3]?.body).toMatchObject({ description: 'report.txt' })
    expect(server.requests).toHaveLength(0)
  })
})
