/**
 * Differential tests: Apprise 1.2.0 (Debian's, driven as its CLI drives it: the reference client)
 * and this library send the same notification to the same URL, each against a fresh fake server,
 * and what the server received is compared. Traffic may differ only where docs/apprise-url.md section 4 (we follow the newest
 * Apprise) or docs/url-format.md "Differences from Apprise" says so; each such difference is a
 * named function below that asserts both sides of it, then rewrites Apprise's side to ours so the
 * rest compares.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFakeServer, type FakeServer, type FaultOptions } from './fake-server/server.js'
import { Apprise, APPRISE_BIN, exchangesOf, type Exchange } from './support/apprise.js'
import { fakeClock } from './support/fake-clock.js'
import { send, words } from './support/send.js'

const TITLE = 'Build passed'
const BODY = 'main is green'
/** About 2500 characters of short words: past Apprise's 1000, within the server's 5000. */
const LONG_BODY = wordsOf(2500)
const LOGIN = '/api/v1/login'
const LOGOUT = '/api/v1/logout'
/** A webhook that may override its channel, the same on every reset so one URL serves both runs. */
const HOOK = { id: 'DiffHook', token: 'DiffHookToken' }
const WRONG_PASSWORD = 'not-the-password'
/** Apprise 1.2.0 waits this long between two message posts of one URL. */
const APPRISE_THROTTLE_S = 5.5

function wordsOf(length: number): string {
  const words: string[] = []
  while (words.join(' ').length < length) words.push(`word${words.length}`)
  return words.join(' ')
}

/** What one client did to the server. */
interface Side {
  exchanges: Exchange[]
  /** Where the stored messages landed, sorted. */
  rooms: string[]
  /** Apprise: exit code 0. Ours: every target delivered. */
  ok: boolean
  /** Each wait between requests, in milliseconds, as its (fake) clock recorded it. */
  waits: number[]
  /** Apprise's CLI log, or our errors and warnings: what a user reads. */
  log: string
}

/** An allowed difference: asserts what each side did, then makes Apprise's side read as ours. */
type Difference = (apprise: Side, ours: Side) => void

interface Row {
  name: string
  url: () => string
  body?: string
  fault?: FaultOptions
  differences: Difference[]
  /** 1 makes our posts go out in target order, to compare order; otherwise they race. */
  concurrency?: number
}

let server: FakeServer
/** The reference client, one Python process for the file. */
let reference: Apprise | undefined

const basic = (rest: string, password = 'bot-password') =>
  `rocket://bot:${password}@${server.host}/${rest}`
const webhook = (rest: string, separator = '/') =>
  `rocket://${HOOK.id}${separator}${HOOK.token}@${server.host}${rest === '' ? '' : `/${rest}`}`

function prepare(fault: FaultOptions | undefined): void {
  server.reset()
  server.settings.rateLimit.enabled = false
  server.addWebhook({
    ...HOOK,
    channel: ['#general'],
    postAs: 'bot',
    overrideDestinationChannelEnabled: true
  })
  if (fault) server.injectFault(fault)
}

function received(ok: boolean, waits: number[], log: string): Side {
  return {
    exchanges: exchangesOf(server.requests),
    rooms: server.messages.map(message => message.roomName).sort(),
    ok,
    waits,
    log
  }
}

async function runBoth(
  url: string,
  options: { body?: string; fault?: FaultOptions; concurrency?: number } = {}
): Promise<{ apprise: Side; ours: Side }> {
  const message = { title: TITLE, body: options.body ?? BODY }
  prepare(options.fault)
  if (reference === undefined) throw new Error('apprise is not installed')
  const run = await reference.notify(url, message)
  const theirs = received(
    run.exitCode === 0,
    run.waits.map(seconds => seconds * 1000),
    run.log
  )
  prepare(options.fault)
  const clock = fakeClock()
  const { results, warnings } = await send(
    url,
    { ...message, status: 'info' },
    { clock, ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }) }
  )
  const log = [...results.map(r => `${r.url} ${r.target} ${words(r) ?? 'ok'}`), ...warnings]
  const ours = received(
    results.length > 0 && results.every(r => r.outcome === 'delivered'),
    clock.waits,
    log.join('\n')
  )
  return { apprise: theirs, ours }
}

/** Concurrent posts arrive in any order: within each run of posts, compare them as a set. */
function comparable(side: Side) {
  const exchanges: Exchange[] = []
  let batch: Exchange[] = []
  const flush = () => {
    exchanges.push(...batch.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)))
    batch = []
  }
  for (const exchange of side.exchanges) {
    if (exchange.path === LOGIN || exchange.path === LOGOUT) {
      flush()
      exchanges.push(exchange)
    } else batch.push(exchange)
  }
  flush()
  return { exchanges, rooms: side.rooms, ok: side.ok }
}

function isPost(exchange: Exchange): exchange is Exchange & { body: { text: string } } {
  const { body } = exchange
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { text?: unknown }).text === 'string'
  )
}

function posts(side: Side) {
  return side.exchanges.filter(isPost)
}

function texts(side: Side): string[] {
  return posts(side).map(post => post.body.text)
}

function targetsOf(side: Side): unknown[] {
  return posts(side).map(({ body }) =>
    'roomId' in body ? body.roomId : 'channel' in body ? body.channel : undefined
  )
}

function paths(side: Side): string[] {
  return side.exchanges.map(exchange => exchange.path)
}

/** The composed text, the heading line ended as the given Apprise version does. */
function composed(body: string, newline: '\r\n' | '\n'): string {
  return `# ${TITLE}${newline}${body}`
}

/**
 * docs/apprise-url.md 5.12: Apprise logs in with a form body (`username`, `password`); we send the
 * same credentials as JSON (`user`, `password`), as Rocket.Chat documents.
 */
const loginAsJson: Difference = (apprise, ours) => {
  const logins = (side: Side) => side.exchanges.filter(exchange => exchange.path === LOGIN)
  expect(logins(apprise)).not.toHaveLength(0)
  for (const login of logins(apprise)) {
    expect(login.contentType).toBe('application/x-www-form-urlencoded')
    expect(Object.keys(login.body as object).sort()).toEqual(['password', 'username'])
  }
  for (const login of logins(ours)) {
    expect(login.contentType).toBe('application/json')
    expect(Object.keys(login.body as object).sort()).toEqual(['password', 'user'])
  }
  for (const login of logins(apprise)) {
    const { username, password } = login.body as Record<string, string>
    Object.assign(login, { contentType: 'application/json', body: { user: username, password } })
  }
}

/** Section 4: the heading line ends in `\r\n` in 1.2.0 and in `\n` in the newest Apprise. */
const headingNewline: Difference = (apprise, ours) => {
  const headings = (side: Side) =>
    texts(side).flatMap(text => text.match(/^# [^\r\n]*\r?\n/)?.[0] ?? [])
  expect(headings(apprise)).not.toHaveLength(0)
  expect(headings(apprise)).toEqual(headings(apprise).map(() => `# ${TITLE}\r\n`))
  expect(headings(ours)).toEqual(headings(apprise).map(() => `# ${TITLE}\n`))
  for (const post of posts(apprise)) {
    post.body.text = post.body.text.replace(`# ${TITLE}\r\n`, `# ${TITLE}\n`)
  }
}

/** Section 4: 1.2.0's logout leaks `Content-Type: application/json`; newest sends no such header. */
const logoutWithoutContentType: Difference = (apprise, ours) => {
  const logouts = (side: Side) => side.exchanges.filter(exchange => exchange.path === LOGOUT)
  expect(logouts(apprise)).not.toHaveLength(0)
  expect(logouts(apprise).map(logout => logout.contentType)).toEqual(
    logouts(apprise).map(() => 'application/json')
  )
  expect(logouts(ours).map(logout => logout.contentType)).toEqual(
    logouts(ours).map(() => undefined)
  )
  for (const logout of logouts(apprise)) logout.contentType = undefined
}

/**
 * "Better than Apprise" 1: targets keep the user's order, de-duplicated; Apprise sorts them and
 * posts users first, then channels, then room ids.
 */
function targetOrder(appriseOrder: string[], ourOrder: string[]): Difference {
  return (apprise, ours) => {
    expect(targetsOf(apprise)).toEqual(appriseOrder)
    expect(targetsOf(ours)).toEqual(ourOrder)
  }
}

/**
 * "Better than Apprise" 1: no 5.5 s sleep between posts. Both clocks are fake, so what each client
 * chose to wait is compared, none of it sat out.
 */
const noSleepBetweenPosts: Difference = (apprise, ours) => {
  const extraPosts = posts(apprise).length - 1
  expect(extraPosts).toBeGreaterThan(0)
  expect(apprise.waits).toEqual(Array.from({ length: extraPosts }, () => APPRISE_THROTTLE_S * 1000))
  expect(ours.waits).toEqual([])
}

/** "Better than Apprise" 6: the `user:` before a webhook is sent as the display name. */
const webhookUserAsAlias: Difference = (apprise, ours) => {
  expect(posts(apprise).map(post => 'alias' in post.body)).not.toContain(true)
  expect(posts(ours).map(post => (post.body as { alias?: unknown }).alias)).toEqual(
    posts(apprise).map(() => 'notifier')
  )
  for (const post of posts(apprise)) Object.assign(post.body, { alias: 'notifier' })
}

/** "Better than Apprise" 2: a 200 whose body says `success: false` is a failure, not a delivery. */
const successJudgedByBody: Difference = (apprise, ours) => {
  expect(apprise.ok).toBe(true)
  expect(ours.ok).toBe(false)
  expect(ours.log).toContain('HTTP 200: invalid-channel')
  apprise.ok = false
}

/**
 * Section 4 and "Better than Apprise" 9: 1.2.0 truncates at exactly 1000 characters, mid-word; we
 * cut at the last word boundary within 1000. (Covers the heading newline of section 4 as well.)
 */
const truncateOnWord: Difference = (apprise, ours) => {
  // The text is ASCII, so Apprise's code points are JavaScript's UTF-16 units.
  expect(texts(apprise)).toEqual([composed(LONG_BODY, '\r\n').slice(0, 1000)])
  const whole = composed(LONG_BODY, '\n')
  const [text = ''] = texts(ours)
  expect(texts(ours)).toHaveLength(1)
  expect(whole.startsWith(text)).toBe(true)
  expect(text.length).toBeLessThanOrEqual(1000)
  expect(text.length).toBeGreaterThan(1000 - 'word999 '.length)
  expect(whole.charAt(text.length)).toBe(' ')
  for (const post of posts(apprise)) post.body.text = text
}

/**
 * Section 4 and "Better than Apprise" 9: 1.2.0 splits into consecutive 1000-character slices,
 * mid-word; we split on word boundaries, the heading kept with the first words. (Covers the
 * heading newline of section 4 as well.)
 */
const splitOnWords: Difference = (apprise, ours) => {
  const slices = composed(LONG_BODY, '\r\n').match(/[^]{1,1000}/g)
  expect(texts(apprise)).toEqual(slices)
  const chunks = texts(ours)
  expect(chunks).toHaveLength(texts(apprise).length)
  expect(chunks.join(' ')).toBe(composed(LONG_BODY, '\n'))
  for (const chunk of chunks) {
    expect(chunk.length).toBeLessThanOrEqual(1000)
    expect(chunk).toMatch(/^\S.*\S$/s)
  }
  expect(chunks[0]).toMatch(new RegExp(`^# ${TITLE}\\nword0 `))
  posts(apprise).forEach((post, index) => {
    post.body.text = chunks[index] ?? ''
  })
}

/**
 * "Better than Apprise" 9: basic mode logs in once for all chunks; 1.2.0 (and newest) log in and
 * out around each chunk, so each chunk has its own token.
 */
const oneLoginForAllChunks: Difference = (apprise, ours) => {
  const chunks = posts(apprise).length
  const cycle = [LOGIN, '/api/v1/chat.postMessage', LOGOUT]
  expect(paths(apprise)).toEqual(Array.from({ length: chunks }, () => cycle).flat())
  expect(paths(ours)).toEqual([
    LOGIN,
    ...Array.from({ length: chunks }, () => '/api/v1/chat.postMessage'),
    LOGOUT
  ])
  expect(new Set(apprise.exchanges.map(exchange => exchange.auth?.token)).size).toBe(chunks + 1)
  apprise.exchanges = apprise.exchanges.filter(
    (exchange, index, all) =>
      !(exchange.path === LOGOUT && index < all.length - 1) &&
      !(exchange.path === LOGIN && index > 0)
  )
  for (const exchange of apprise.exchanges) {
    if (exchange.auth) exchange.auth.token = 'token 1'
  }
}

/**
 * Exactly once (issue 10): we post through `chat.sendMessage` under a message id of our own, into
 * a room id looked up first for a `#channel` (`rooms.info`) or an `@user` (`im.create`); Apprise
 * posts through `chat.postMessage` by name. Asserts the lookups and the fresh ids, then rewrites our
 * side into Apprise's form (lookups dropped, each post by the target as written) so the rest
 * compares.
 */
const postedByIdIntoRooms: Difference = (_apprise, ours) => {
  const lookups = server.requests.filter(
    r => r.path === '/api/v1/rooms.info' || r.path === '/api/v1/im.create'
  )
  const channels = new Set(lookups.flatMap(r => r.query.roomName ?? []))
  const users = new Set(lookups.flatMap(r => (r.body as { username?: string }).username ?? []))
  const ids = new Set<unknown>()
  ours.exchanges = ours.exchanges.flatMap(exchange => {
    if (exchange.path === '/api/v1/rooms.info' || exchange.path === '/api/v1/im.create') return []
    if (exchange.path !== '/api/v1/chat.sendMessage') return [exchange]
    const { message } = exchange.body as { message: Record<string, unknown> }
    const { _id, rid, msg, ...look } = message
    expect(_id).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/)
    expect(ids.has(_id)).toBe(false)
    ids.add(_id)
    const label = server.messages.find(m => m._id === _id)?.roomName ?? ''
    const key =
      label.startsWith('@') && users.has(label.slice(1))
        ? { channel: label }
        : channels.has(label)
          ? { channel: `#${label}` }
          : { roomId: rid }
    return [{ ...exchange, path: '/api/v1/chat.postMessage', body: { ...key, text: msg, ...look } }]
  })
}

/**
 * The same, for a channel the server does not know: our lookup is refused, so nothing is posted;
 * Apprise's post by name is refused instead.
 */
const unknownChannelLookedUp: Difference = (apprise, ours) => {
  const post = apprise.exchanges.find(e => e.path === '/api/v1/chat.postMessage')
  const lookup = ours.exchanges.findIndex(e => e.path === '/api/v1/rooms.info')
  expect(post).toBeDefined()
  expect(ours.exchanges[lookup]).toMatchObject({ method: 'GET' })
  expect(paths(ours)).not.toContain('/api/v1/chat.sendMessage')
  ours.exchanges[lookup] = structuredClone(post as Exchange)
}

const rows: Row[] = [
  {
    name: "webhook, to the hook's own channel",
    url: () => webhook(''),
    differences: [headingNewline]
  },
  { name: 'webhook, to a #channel', url: () => webhook('#random'), differences: [headingNewline] },
  {
    name: 'webhook, to a room id',
    url: () => webhook(server.seed.randomId),
    differences: [headingNewline]
  },
  { name: 'webhook, to an @user', url: () => webhook('@alice'), differences: [headingNewline] },
  {
    name: 'webhook written with %2F',
    url: () => webhook('#random', '%2F'),
    differences: [headingNewline]
  },
  {
    name: 'webhook with a user: before it',
    url: () => `rocket://notifier:${webhook('#random').slice('rocket://'.length)}`,
    differences: [headingNewline, webhookUserAsAlias]
  },
  {
    name: 'webhook with to= targets (# kept in the query)',
    url: () => webhook(`?to=#random,${server.seed.randomId}`),
    differences: [headingNewline, noSleepBetweenPosts]
  },
  {
    name: 'basic mode, one channel, on an explicit port',
    url: () => basic('#general'),
    differences: [postedByIdIntoRooms, loginAsJson, headingNewline, logoutWithoutContentType]
  },
  {
    name: 'basic mode, a channel, a user and a room id, one repeated',
    url: () => basic('#random/@alice/GENERAL/#random'),
    concurrency: 1,
    differences: [
      postedByIdIntoRooms,
      loginAsJson,
      headingNewline,
      logoutWithoutContentType,
      targetOrder(['@alice', '#random', 'GENERAL'], ['#random', '@alice', 'GENERAL']),
      noSleepBetweenPosts
    ]
  },
  {
    name: 'avatar=yes in basic mode (off by default)',
    url: () => basic('#general?avatar=yes'),
    differences: [postedByIdIntoRooms, loginAsJson, headingNewline, logoutWithoutContentType]
  },
  {
    name: 'avatar=no in webhook mode (on by default)',
    url: () => webhook('#random?avatar=no'),
    differences: [headingNewline]
  },
  {
    name: 'format=text: the title on its own line, no heading',
    url: () => basic('#general?format=text'),
    differences: [postedByIdIntoRooms, loginAsJson, logoutWithoutContentType]
  },
  {
    name: 'overflow=upstream sends a long text whole',
    url: () => basic('#general?overflow=upstream'),
    body: LONG_BODY,
    differences: [postedByIdIntoRooms, loginAsJson, headingNewline, logoutWithoutContentType]
  },
  {
    name: 'overflow=truncate keeps the first 1000 characters',
    url: () => basic('#general?overflow=truncate'),
    body: LONG_BODY,
    differences: [postedByIdIntoRooms, loginAsJson, truncateOnWord, logoutWithoutContentType]
  },
  {
    name: 'overflow=split sends every 1000 characters',
    url: () => basic('#general?overflow=split'),
    body: LONG_BODY,
    differences: [
      postedByIdIntoRooms,
      oneLoginForAllChunks,
      loginAsJson,
      splitOnWords,
      logoutWithoutContentType,
      noSleepBetweenPosts
    ]
  },
  {
    name: 'a channel the server does not know (400)',
    url: () => basic('#nowhere'),
    differences: [loginAsJson, logoutWithoutContentType, unknownChannelLookedUp]
  },
  {
    name: 'a wrong password (401): no post, no logout',
    url: () => basic('#general', WRONG_PASSWORD),
    differences: [loginAsJson]
  },
  {
    name: 'a 200 answer whose body says success: false',
    url: () => webhook('#random'),
    fault: {
      path: `/hooks/${HOOK.id}/${HOOK.token}`,
      fault: { status: 200, body: '{"success":false,"error":"invalid-channel"}' }
    },
    differences: [headingNewline, successJudgedByBody]
  }
]

/** URLs Apprise 1.2.0 refuses before sending anything, and which we deliver. */
const refusedByApprise = [
  {
    name: 'token mode (newest Apprise only, section 4)',
    url: () =>
      `rocket://${server.seed.botId}:${server.seed.botToken}@${server.host}/#general?mode=token`,
    appriseSays: 'The authentication mode specified (token) is invalid.',
    ours: (): Partial<Exchange>[] => [
      {
        method: 'GET',
        path: '/api/v1/rooms.info',
        auth: { userId: server.seed.botId, token: server.seed.botToken }
      },
      {
        method: 'POST',
        path: '/api/v1/chat.sendMessage',
        contentType: 'application/json',
        auth: { userId: server.seed.botId, token: server.seed.botToken },
        // "Better than Apprise" 5: token mode has the avatar off by default.
        body: { message: { rid: 'GENERAL', msg: composed(BODY, '\n') } }
      }
    ],
    rooms: ['general']
  },
  {
    name: 'basic mode to an @user only ("Better than Apprise" 5)',
    url: () => basic('@alice'),
    appriseSays: 'No Rocket.Chat room and/or channels specified to notify.',
    ours: (): Partial<Exchange>[] => [
      { path: LOGIN, body: { user: 'bot', password: 'bot-password' } },
      { path: '/api/v1/im.create', body: { username: 'alice' } },
      {
        path: '/api/v1/chat.sendMessage',
        auth: { userId: server.seed.botId, token: 'token 1' },
        body: { message: { msg: composed(BODY, '\n') } }
      },
      { path: LOGOUT, auth: { userId: server.seed.botId, token: 'token 1' } }
    ],
    rooms: ['@alice']
  }
]

describe('in CI', () => {
  it('has Apprise, the reference client, installed', context => {
    context.skip(process.env.CI !== 'true', 'a check of CI only (CI=true)')
    expect(
      APPRISE_BIN,
      'Apprise is not installed; the differential tests need it: apt-get install -y apprise'
    ).toBeDefined()
  })
})

describe('Apprise 1.2.0 and this library on the same URL', () => {
  beforeEach(context => {
    context.skip(APPRISE_BIN === undefined, 'apprise is not installed (apt-get install -y apprise)')
  })
  beforeAll(async () => {
    server = await startFakeServer()
    if (APPRISE_BIN !== undefined) reference = new Apprise(APPRISE_BIN)
  })
  afterAll(() => {
    reference?.close()
    return server.close()
  })

  for (const row of rows) {
    it(`send the same traffic: ${row.name}`, async () => {
      const { apprise, ours } = await runBoth(row.url(), row)
      for (const difference of row.differences) difference(apprise, ours)

      expect(comparable(ours), apprise.log).toEqual(comparable(apprise))
      for (const secret of ['bot-password', WRONG_PASSWORD, HOOK.token]) {
        expect(ours.log).not.toContain(secret)
      }
    })
  }

  it.each(refusedByApprise)('deliver what Apprise refuses: $name', async row => {
    const { apprise, ours } = await runBoth(row.url())

    expect(apprise.ok).toBe(false)
    expect(apprise.log).toContain(row.appriseSays)
    expect(apprise.exchanges).toEqual([])
    expect(ours.ok, ours.log).toBe(true)
    expect(ours.exchanges).toMatchObject(row.ours())
    expect(ours.rooms).toEqual(row.rooms)
  })
})
