import { fetch, FormData } from 'undici'
import { describe, expect, it } from 'vitest'
import { useFakeServer } from './support/fake.js'

/**
 * The fake's rooms.media, rooms.mediaConfirm and chat.syncMessages answer as Rocket.Chat 8.x does
 * (test/fake-server/uploads.ts says where each rule comes from). Bodies are encoded by undici's
 * FormData, a client independent of ours.
 */
const server = useFakeServer({ rateLimited: false })

const auth = () => ({ 'x-user-id': server.seed.botId, 'x-auth-token': server.seed.botToken })

async function call(
  path: string,
  init: {
    method?: string
    body?: FormData | string
    json?: unknown
    headers?: Record<string, string>
  } = {}
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...auth(), ...init.headers }
  let body = init.body
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(init.json)
  }
  const response = await fetch(server.url + path, {
    method: init.method ?? 'POST',
    headers,
    ...(body === undefined ? {} : { body })
  })
  return { status: response.status, json: (await response.json()) as Record<string, unknown> }
}

function form(name: string, bytes: string | Buffer, field = 'file'): FormData {
  const data = new FormData()
  data.append(field, new Blob([bytes]), name)
  return data
}

async function store(name = 'a.txt', bytes: string | Buffer = 'hello', room = 'GENERAL') {
  return call(`/api/v1/rooms.media/${room}`, { body: form(name, bytes) })
}

describe('rooms.media', () => {
  it('stores a temporary file and answers its id and path', async () => {
    const { status, json } = await store('rapport été.txt', 'hello')

    expect(status).toBe(200)
    const upload = server.uploads[0]
    expect(json).toEqual({
      file: { _id: upload?._id, url: `/file-upload/${upload?._id}/rapport%20%C3%A9t%C3%A9.txt` },
      success: true
    })
    expect(upload).toMatchObject({ name: 'rapport été.txt', size: 5, rid: 'GENERAL' })
    expect(upload?.expiresAt).toBeInstanceOf(Date)
    expect(server.messages).toHaveLength(0)
  })

  it('takes a file of exactly FileUpload_MaxFileSize and refuses one byte more', async () => {
    server.settings.maxFileSize = 8
    expect((await store('ok.bin', '12345678')).status).toBe(200)
    expect(await store('over.bin', '123456789')).toEqual({
      status: 400,
      json: {
        success: false,
        error: 'File size exceeds the allowed limit [error-file-too-large]',
        errorType: 'error-file-too-large'
      }
    })
  })

  it('refuses another field name, a body without a file, a room the user cannot read, and no login', async () => {
    expect(
      await call('/api/v1/rooms.media/GENERAL', { body: form('a.txt', 'x', 'upload') })
    ).toEqual({
      status: 400,
      json: { success: false, error: '[invalid-field]', errorType: 'invalid-field' }
    })
    const fieldsOnly = new FormData()
    fieldsOnly.append('description', 'no file')
    expect((await call('/api/v1/rooms.media/GENERAL', { body: fieldsOnly })).json).toMatchObject({
      errorType: 'error-no-file',
      error: 'No file uploaded [error-no-file]'
    })
    const alice = { 'x-user-id': server.seed.aliceId }
    server.addToken(server.seed.aliceId, 'alice-pat')
    expect(
      await call(`/api/v1/rooms.media/${server.seed.secretId}`, {
        body: form('a.txt', 'x'),
        headers: { ...alice, 'x-auth-token': 'alice-pat' }
      })
    ).toEqual({ status: 403, json: { success: false, error: 'unauthorized' } })
    expect(
      (
        await call('/api/v1/rooms.media/GENERAL', {
          body: form('a.txt', 'x'),
          headers: { 'x-auth-token': 'wrong' }
        })
      ).status
    ).toBe(401)
    expect(server.uploads).toHaveLength(0)
  })
  it.each(['8.x', '9.0'] as const)(
    'refuses every file with uploads turned off, on %s as on 8.x',
    async refusals => {
      server.settings.refusals = refusals
      server.settings.uploadsEnabled = false

      expect(await store()).toEqual({
        status: 400,
        json: {
          success: false,
          error: 'File uploads are disabled. [error-file-upload-disabled]',
          errorType: 'error-file-upload-disabled'
        }
      })
      expect(server.uploads).toHaveLength(0)
    }
  )
})

describe('rooms.mediaConfirm', () => {
  it('posts the file as a message with its description, in a thread when given, and makes it permanent', async () => {
    const root = await call('/api/v1/chat.sendMessage', {
      json: { message: { rid: 'GENERAL', msg: 'root' } }
    })
    const tmid = (root.json.message as { _id: string })._id
    const fileId = ((await store()).json.file as { _id: string })._id
    const { status, json } = await call(`/api/v1/rooms.mediaConfirm/GENERAL/${fileId}`, {
      json: { msg: '', description: 'a.txt', tmid }
    })

    expect(status).toBe(200)
    expect(json.message).toMatchObject({
      rid: 'GENERAL',
      msg: '',
      tmid,
      file: { _id: fileId, name: 'a.txt', size: 5 },
      attachments: [{ title: 'a.txt', description: 'a.txt', fileId, type: 'file' }]
    })
    expect(server.uploads[0]?.expiresAt).toBeUndefined()
  })

  it('posts again when confirmed again: the step a client must never repeat blindly', async () => {
    const fileId = ((await store()).json.file as { _id: string })._id
    const confirm = () =>
      call(`/api/v1/rooms.mediaConfirm/GENERAL/${fileId}`, { json: { description: 'a.txt' } })
    expect((await confirm()).status).toBe(200)
    expect((await confirm()).status).toBe(200)

    expect(server.messages.filter(m => m.file?._id === fileId)).toHaveLength(2)
  })

  it('refuses an unknown upload, an over-long description and a key sendFileMessage does not take', async () => {
    expect(await call('/api/v1/rooms.mediaConfirm/GENERAL/nope', { json: {} })).toEqual({
      status: 400,
      json: { success: false, error: '[invalid-file]', errorType: 'invalid-file' }
    })
    const fileId = ((await store()).json.file as { _id: string })._id
    const path = `/api/v1/rooms.mediaConfirm/GENERAL/${fileId}`
    expect((await call(path, { json: { description: 'x'.repeat(5001) } })).json).toMatchObject({
      errorType: 'error-message-size-exceeded'
    })
    expect((await call(path, { json: { _id: 'mine' } })).json).toEqual({
      success: false,
      error: 'Match error: Unknown key in field _id'
    })
    expect(server.messages).toHaveLength(0)
  })

  it.each([
    ['8.x', 400, { error: 'not-allowed [error-not-allowed]', errorType: 'error-not-allowed' }],
    ['9.0', 403, { error: 'not-allowed', errorType: 'error-forbidden' }]
  ] as const)(
    'refuses a file in a thread with threads turned off, as %s does',
    async (refusals, status, words) => {
      const root = await call('/api/v1/chat.sendMessage', {
        json: { message: { rid: 'GENERAL', msg: 'root' } }
      })
      const tmid = (root.json.message as { _id: string })._id
      const fileId = ((await store()).json.file as { _id: string })._id
      server.settings.refusals = refusals
      server.settings.threadsEnabled = false

      const refused = await call(`/api/v1/rooms.mediaConfirm/GENERAL/${fileId}`, {
        json: { description: 'a.txt', tmid }
      })

      expect(refused.status).toBe(status)
      expect(refused.json).toMatchObject({ success: false, ...words })
      expect(server.messages.filter(m => m.file)).toHaveLength(0)
      expect(server.uploads[0]?.expiresAt).toBeInstanceOf(Date)
    }
  )
})

describe('chat.syncMessages', () => {
  it("lists the room's messages changed after lastUpdate, file messages with their file", async () => {
    const before = new Date(Date.now() - 1000).toISOString()
    const fileId = ((await store()).json.file as { _id: string })._id
    await call(`/api/v1/rooms.mediaConfirm/GENERAL/${fileId}`, { json: { description: 'a.txt' } })
    const { status, json } = await call(
      `/api/v1/chat.syncMessages?roomId=GENERAL&lastUpdate=${encodeURIComponent(before)}`,
      { method: 'GET' }
    )

    expect(status).toBe(200)
    expect(json).toMatchObject({
      result: { updated: [{ file: { _id: fileId } }], deleted: [] },
      success: true
    })
    const later = new Date(Date.now() + 60_000).toISOString()
    const none = await call(
      `/api/v1/chat.syncMessages?roomId=GENERAL&lastUpdate=${encodeURIComponent(later)}`,
      { method: 'GET' }
    )
    expect(none.json).toEqual({ result: { updated: [], deleted: [] }, success: true })
  })

  it('wants a room and a valid date', async () => {
    expect(
      (await call('/api/v1/chat.syncMessages?lastUpdate=x', { method: 'GET' })).json
    ).toMatchObject({
      errorType: 'error-roomId-param-not-provided'
    })
    expect(
      (await call('/api/v1/chat.syncMessages?roomId=GENERAL&lastUpdate=soon', { method: 'GET' }))
        .json
    ).toMatchObject({
      errorType: 'error-roomId-param-invalid'
    })
  })
})
