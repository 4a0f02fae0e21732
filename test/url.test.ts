import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RocketChatError } from '../src/rocketchat/errors.js'
import { redact } from '../src/shared/redact.js'
import { describeTarget } from '../src/rocketchat/url/targets.js'
import type { Destination, Mode } from '../src/rocketchat/types.js'
import { parseRocketUrl, parseRocketUrls } from '../src/rocketchat/url/index.js'

/*
 * The URL table: every form Apprise documents and reads, and where this parser reads it otherwise.
 * "difference N" names an entry of "Differences from Apprise" in docs/url-format.md.
 */

/** A real-looking incoming webhook: a 17-character integration id and a 48-character token. */
const ID = 'Hx7pQk2WmZr9Lb4Ta'
const TOKEN = 'oT3kq8ZrX1vN6pLm2sWc9yHb4dFg7jKa5eRu0iQt8nMx3zVb'
const HOOK = `${ID}/${TOKEN}`
/** A personal access token: 43 characters, so token mode is picked on its own. */
const PAT = 'Zk3_q9VxT2mLr8Yb5NcW1pHs7Jd4Fg6Kt0Ae-QuRiOo'

const parse = (url: string): Destination => parseRocketUrl(url).destination
const targetsOf = (url: string): string[] => parse(url).targets.map(describeTarget)
const warningsOf = (url: string): string[] => parseRocketUrl(url).warnings

function errorOf(url: string): string {
  try {
    parseRocketUrl(url)
  } catch (error) {
    expect(error).toBeInstanceOf(RocketChatError)
    return (error as RocketChatError).message
  }
  throw new Error(`accepted, but should be rejected: ${url}`)
}

/** A secret as it could be printed: plain, and percent-encoded as JavaScript and Python do it. */
function printedForms(secret: string): string[] {
  const uri = encodeURIComponent(secret)
  return [
    secret,
    uri,
    uri.replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  ]
}

/** Substitutes the placeholders of Apprise's own Rocket.Chat page (the seed documentation). */
function fill(template: string): string {
  return template
    .replaceAll('{@user}', '@jane')
    .replaceAll('@{user}', '@jane')
    .replaceAll('{user}', 'l2g')
    .replaceAll('{password}', 'awes0m3!')
    .replaceAll('{hostname}', 'rocket.server.local')
    .replaceAll('{port}', '3000')
    .replaceAll('{channel_id}', 'dev-ops')
    .replaceAll('{channel}', 'nuxref')
    .replaceAll('{room_id}', 'GENERAL')
    .replaceAll('{webhook}', HOOK)
}

describe('every syntax form of the seed documentation parses', () => {
  it.each<[string, Mode, string, string[]]>([
    // sample_urls
    [
      'rockets://{user}:{password}@{hostname}/{@user}',
      'basic',
      'https://rocket.server.local',
      ['@jane']
    ],
    [
      'rocket://{user}:{password}@{hostname}/#{channel}',
      'basic',
      'http://rocket.server.local',
      ['#nuxref']
    ],
    [
      'rocket://{user}:{password}@{hostname}/{room_id}',
      'basic',
      'http://rocket.server.local',
      ['GENERAL']
    ],
    ['rocket://{webhook}@{hostname}/{@user}', 'webhook', 'http://rocket.server.local', ['@jane']],
    [
      'rockets://{webhook}@{hostname}/#{channel}',
      'webhook',
      'https://rocket.server.local',
      ['#nuxref']
    ],
    [
      'rockets://{webhook}@{hostname}/{room_id}',
      'webhook',
      'https://rocket.server.local',
      ['GENERAL']
    ],
    // Basic Mode
    [
      'rocket://{user}:{password}@{hostname}:{port}/#{channel}',
      'basic',
      'http://rocket.server.local:3000',
      ['#nuxref']
    ],
    [
      'rocket://{user}:{password}@{hostname}:{port}/{room_id}',
      'basic',
      'http://rocket.server.local:3000',
      ['GENERAL']
    ],
    [
      'rockets://{user}:{password}@{hostname}/#{channel}',
      'basic',
      'https://rocket.server.local',
      ['#nuxref']
    ],
    [
      'rockets://{user}:{password}@{hostname}:{port}/#{channel}',
      'basic',
      'https://rocket.server.local:3000',
      ['#nuxref']
    ],
    [
      'rockets://{user}:{password}@{hostname}/{room_id}',
      'basic',
      'https://rocket.server.local',
      ['GENERAL']
    ],
    [
      'rockets://{user}:{password}@{hostname}:{port}/{room_id}',
      'basic',
      'https://rocket.server.local:3000',
      ['GENERAL']
    ],
    [
      'rocket://{user}:{password}@{hostname}/#{channel_id}/{room_id}',
      'basic',
      'http://rocket.server.local',
      ['#dev-ops', 'GENERAL']
    ],
    // Webhook Mode
    [
      'rocket://{webhook}@{hostname}/#{channel}',
      'webhook',
      'http://rocket.server.local',
      ['#nuxref']
    ],
    [
      'rocket://{webhook}@{hostname}/{room_id}',
      'webhook',
      'http://rocket.server.local',
      ['GENERAL']
    ],
    [
      'rockets://{webhook}@{hostname}:{port}/#{channel}',
      'webhook',
      'https://rocket.server.local:3000',
      ['#nuxref']
    ],
    [
      'rockets://{webhook}@{hostname}:{port}/{room_id}',
      'webhook',
      'https://rocket.server.local:3000',
      ['GENERAL']
    ],
    [
      'rocket://{webhook}@{hostname}:{port}/#{channel_id}/{room_id}/@{user}',
      'webhook',
      'http://rocket.server.local:3000',
      ['#dev-ops', 'GENERAL', '@jane']
    ],
    ['rocket://{webhook}@{hostname}/', 'webhook', 'http://rocket.server.local', []],
    [`rocket://${ID}%2F${TOKEN}@{hostname}/`, 'webhook', 'http://rocket.server.local', []]
  ])('%s', (template, mode, baseUrl, targets) => {
    const destination = parse(fill(template))
    expect(destination).toMatchObject({ mode, baseUrl })
    expect(destination.targets.map(describeTarget)).toEqual(targets)
    if (mode === 'webhook') expect(destination.webhook).toBe(HOOK)
    else expect(destination).toMatchObject({ user: 'l2g', password: 'awes0m3!' })
  })

  it('the example: rocket://l2g:awes0m3!@rocket.server.local/#nuxref', () => {
    expect(parseRocketUrl('rocket://l2g:awes0m3!@rocket.server.local/#nuxref')).toEqual({
      destination: {
        mode: 'basic',
        secure: false,
        host: 'rocket.server.local',
        port: undefined,
        baseUrl: 'http://rocket.server.local',
        user: 'l2g',
        password: 'awes0m3!',
        webhook: undefined,
        targets: [{ kind: 'channel', name: 'nuxref' }],
        rejectedTargets: [],
        avatar: false,
        format: 'markdown',
        overflow: 'upstream',
        verify: true,
        connectTimeout: undefined,
        readTimeout: undefined,
        retry: undefined,
        identity: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
        masked: 'rocket://l2g:****@rocket.server.local/#nuxref',
        secrets: ['awes0m3!', 'awes0m3%21']
      },
      warnings: []
    })
  })
})

describe('every parameter of the seed documentation', () => {
  it.each<[string, string, Partial<Destination>]>([
    [
      'user and password in the URL',
      'rocket://alice:pw-123@host/#c',
      { user: 'alice', password: 'pw-123' }
    ],
    [
      'user= and password= as parameters',
      'rocket://host/#c?user=alice&password=pw-123',
      { mode: 'basic', user: 'alice', password: 'pw-123' }
    ],
    [
      'pass= as a parameter',
      'rocket://host/#c?user=alice&pass=pw-123',
      { user: 'alice', password: 'pw-123' }
    ],
    ['user= overrides the URL user', 'rocket://bob:pw-123@host/#c?user=alice', { user: 'alice' }],
    [
      'password= overrides the URL password',
      'rocket://alice:old-pw@host/#c?password=pw-123',
      { password: 'pw-123' }
    ],
    [
      'password= beats pass=',
      'rocket://alice@host/#c?pass=other&password=pw-123',
      { password: 'pw-123' }
    ],
    ['webhook in the URL', `rocket://${HOOK}@host/`, { mode: 'webhook', webhook: HOOK }],
    [
      'webhook= as a parameter',
      `rocket://host/#c?webhook=${HOOK}`,
      { mode: 'webhook', webhook: HOOK }
    ],
    ['webhook= with %2F', `rocket://host/#c?webhook=${ID}%2F${TOKEN}`, { webhook: HOOK }],
    [
      'user combined with a webhook overrides the bot name (difference 6)',
      `rocket://deploy-bot:${HOOK}@host/`,
      { mode: 'webhook', user: 'deploy-bot', webhook: HOOK }
    ],
    [
      'user= combined with a webhook',
      `rocket://${HOOK}@host/?user=Deploy%20Bot`,
      { user: 'Deploy Bot' }
    ],
    ['hostname', 'rocket://u:pw-123@chat.example.com/#c', { host: 'chat.example.com' }],
    [
      'port in the URL',
      'rocket://u:pw-123@host:3000/#c',
      { port: 3000, baseUrl: 'http://host:3000' }
    ],
    [
      'port= as a parameter',
      'rocket://u:pw-123@host/#c?port=3000',
      { port: 3000, baseUrl: 'http://host:3000' }
    ],
    [
      'port= beats the URL port',
      'rockets://u:pw-123@host:3000/#c?port=8443',
      { port: 8443, baseUrl: 'https://host:8443' }
    ],
    [
      'no port: the scheme default (80 for rocket://)',
      'rocket://u:pw-123@host/#c',
      { port: undefined, baseUrl: 'http://host' }
    ],
    [
      'no port: the scheme default (443 for rockets://)',
      'rockets://u:pw-123@host/#c',
      { port: undefined, baseUrl: 'https://host' }
    ],
    ['mode=basic', 'rocket://u:pw-123@host/#c?mode=basic', { mode: 'basic' }],
    [
      'mode=token',
      'rocket://userId:pw-123@host/#c?mode=token',
      { mode: 'token', user: 'userId', password: 'pw-123' }
    ],
    ['mode=webhook', `rocket://${HOOK}@host/?mode=webhook`, { mode: 'webhook' }],
    ['mode= is case-insensitive', 'rocket://u:pw-123@host/#c?mode=TOKEN', { mode: 'token' }],
    [
      'a pre-generated token in place of the password',
      `rocket://userId:${PAT}@host/#c`,
      { mode: 'token', password: PAT }
    ],
    ['avatar=yes', 'rocket://u:pw-123@host/#c?avatar=yes', { avatar: true }],
    ['avatar=no', `rocket://${HOOK}@host/?avatar=no`, { avatar: false }]
  ])('%s', (_, url, expected) => {
    expect(parse(url)).toMatchObject(expected)
  })

  it.each<[string, string[]]>([
    ['rocket://u:pw-123@host/#chan', ['#chan']],
    ['rocket://u:pw-123@host/ROOM1', ['ROOM1']],
    ['rocket://u:pw-123@host/@jane', ['@jane']]
  ])('targets: %s', (url, targets) => {
    expect(targetsOf(url)).toEqual(targets)
  })

  it('classifies #channel, room id and @user', () => {
    expect(parse('rocket://u:pw-123@host/#chan/ROOM1/@jane').targets).toEqual([
      { kind: 'channel', name: 'chan' },
      { kind: 'room', id: 'ROOM1' },
      { kind: 'user', name: 'jane' }
    ])
  })
})

describe('as Apprise reads it: shape, scheme, host, port, userinfo, query', () => {
  it.each<[string, string, Partial<Destination>]>([
    [
      'the scheme is case-insensitive',
      'ROCKETS://u:pw-123@host/#c',
      { secure: true, baseUrl: 'https://host' }
    ],
    ['rocket means http', 'rocket://u:pw-123@host/#c', { secure: false }],
    ['rockets means https', 'rockets://u:pw-123@host/#c', { secure: true }],
    [
      "the scheme's default port written out is no port (443)",
      'rockets://u:pw-123@host:443/#c',
      { port: undefined, baseUrl: 'https://host' }
    ],
    [
      "the scheme's default port written out is no port (80)",
      'rocket://u:pw-123@host:80/#c',
      { port: undefined, baseUrl: 'http://host' }
    ],
    ['443 on rocket:// is not a default', 'rocket://u:pw-123@host:443/#c', { port: 443 }],
    [
      'the host is lower-cased',
      'rocket://u:pw-123@Chat.EXAMPLE.com/#c',
      { host: 'chat.example.com', baseUrl: 'http://chat.example.com' }
    ],
    [
      'an IPv6 host is lower-cased',
      'rocket://u:pw-123@[2001:DB8::A]/#c',
      { host: '[2001:db8::a]', baseUrl: 'http://[2001:db8::a]' }
    ],
    [
      'IPv4 address',
      'rocket://u:pw-123@10.0.0.7:3000/#c',
      { host: '10.0.0.7', baseUrl: 'http://10.0.0.7:3000' }
    ],
    [
      'IPv6 keeps its brackets',
      'rocket://u:pw-123@[::1]:3000/#c',
      { host: '[::1]', port: 3000, baseUrl: 'http://[::1]:3000' }
    ],
    [
      'IPv6 without a port',
      'rockets://u:pw-123@[2001:db8::5]/#c',
      { host: '[2001:db8::5]', baseUrl: 'https://[2001:db8::5]' }
    ],
    [
      'labels with - and _',
      'rocket://u:pw-123@my_chat-1.example.org/#c',
      { host: 'my_chat-1.example.org' }
    ],
    ['single-label host', 'rocket://u:pw-123@localhost/#c', { host: 'localhost' }],
    [
      'user and password are percent-decoded',
      'rocket://us%40er:p%40ss%3Aw0rd@host/#c',
      { user: 'us@er', password: 'p@ss:w0rd' }
    ],
    ['a + in the password stays a plus', 'rocket://u:a+b+c@host/#c', { password: 'a+b+c' }],
    ['the password is split off at the first :', 'rocket://u:pa:ss@host/#c', { password: 'pa:ss' }],
    ['a # in the password is kept', 'rocket://u:P#ss-word@host/#c', { password: 'P#ss-word' }],
    ['a malformed escape is kept as written', 'rocket://u:100%zz@host/#c', { password: '100%zz' }],
    ['query keys are lower-cased', 'rocket://u:pw-123@host/#c?FORMAT=text', { format: 'text' }],
    [
      'query values are decoded and trimmed',
      'rocket://u:pw-123@host/#c?format=%20html%20',
      { format: 'html' }
    ],
    [
      '; separates pairs like &',
      'rocket://u:pw-123@host/#c?format=text;verify=no',
      { format: 'text', verify: false }
    ],
    [
      'a + in a query value is not a space',
      'rocket://host/#c?user=u&password=a+b',
      { password: 'a+b' }
    ],
    [
      'a repeated key: the last value wins',
      'rocket://u:pw-123@host/#c?format=text&format=html',
      { format: 'html' }
    ],
    [
      'an empty value is ignored',
      'rocket://u:pw-123@host/#c?format=&avatar=',
      { format: 'markdown', avatar: false }
    ],
    // Extension: Apprise splits at the first '@', which makes this URL unusable there.
    [
      'an unencoded @ in the password (extension)',
      'rocket://u:p@ss@host/#c',
      { password: 'p@ss', host: 'host' }
    ]
  ])('%s', (_, url, expected) => {
    expect(parse(url)).toMatchObject(expected)
  })

  it('a repeated to= adds targets instead of replacing them (difference 11: no target is lost)', () => {
    expect(targetsOf('rocket://u:pw-123@host/?to=#a&to=#b')).toEqual(['#a', '#b'])
  })
})

describe('as Apprise reads it: the # problem', () => {
  it.each<[string, string, string[]]>([
    [
      'every # after a /',
      'rocket://u:pw-123@host/#general/#random/ROOM1',
      ['#general', '#random', 'ROOM1']
    ],
    ['%23 is a channel marker too', 'rocket://u:pw-123@host/%23general', ['#general']],
    ['# in the query is kept', 'rocket://u:pw-123@host/?to=#general', ['#general']],
    [
      'host#chan keeps its channel (difference 4)',
      'rocket://u:pw-123@host:8065#general',
      ['#general']
    ],
    [
      '/#a,#b keeps both (difference 4)',
      'rocket://u:pw-123@host/#general,#random',
      ['#general', '#random']
    ],
    ['/ #general keeps it (difference 4)', 'rocket://u:pw-123@host/ #general', ['#general']],
    ['#a#b is two channels (difference 4)', 'rocket://u:pw-123@host/#a#b', ['#a', '#b']],
    [
      'ROOM1#chan is a room and a channel (difference 4)',
      'rocket://u:pw-123@host/ROOM1#chan',
      ['ROOM1', '#chan']
    ],
    [
      'host#a,@john with credentials in the query (difference 4)',
      'rocket://host#a,@john?user=u&password=pw-123',
      ['#a', '@john']
    ],
    ['user:pass@host#a,@john (difference 4)', 'rocket://u:pw-123@host#a,@john', ['#a', '@john']]
  ])('%s', (_, url, targets) => {
    expect(targetsOf(url)).toEqual(targets)
    expect(parse(url).host).toBe('host')
  })
})

describe('as Apprise reads it: webhook detection', () => {
  it.each<[string, string, Partial<Destination>]>([
    [
      'id/token before the @',
      `rocket://${HOOK}@host/#c`,
      { mode: 'webhook', webhook: HOOK, user: undefined }
    ],
    ['%2F for the slash', `rocket://${ID}%2F${TOKEN}@host/`, { webhook: HOOK }],
    ['%2f in lower case', `rocket://${ID}%2f${TOKEN}@host/`, { webhook: HOOK }],
    ['case is preserved', 'rocket://ABC123/DEF456@host/', { webhook: 'ABC123/DEF456' }],
    [
      'a USER: prefix is kept as the display name',
      `rocket://botname:${HOOK}@host/`,
      { user: 'botname', webhook: HOOK }
    ],
    [
      'alnum/alnum as a password is a webhook',
      'rocket://user:pass/word@h/#c',
      { mode: 'webhook', user: 'user', webhook: 'pass/word', password: undefined }
    ],
    [
      'mode=basic reads it as the password',
      'rocket://user:pass/word@h/#c?mode=basic',
      { mode: 'basic', password: 'pass/word', webhook: undefined }
    ],
    [
      'mode=token reads it as the token',
      'rocket://user:abc123/def456@h/#c?mode=token',
      { mode: 'token', password: 'abc123/def456' }
    ],
    [
      '%2F in a password with mode=basic',
      'rocket://user:pass%2Fword@h/#c?mode=basic',
      { password: 'pass/word' }
    ],
    [
      'webhook= beats the userinfo webhook',
      `rocket://aaa/bbb@host/?webhook=${HOOK}`,
      { webhook: HOOK }
    ],
    [
      'webhook= selects webhook mode despite user:pass',
      `rocket://user:pw-123@host/#c?webhook=${HOOK}`,
      { mode: 'webhook', user: 'user', password: undefined, webhook: HOOK }
    ],
    [
      'host/@user with webhook= is a host and a user target',
      `rocket://host/@john?webhook=${HOOK}`,
      { host: 'host', webhook: HOOK }
    ],
    // Apprise only takes [A-Za-z0-9] halves and reads anything else as a host.
    [
      'without a user, halves with - and _ work (difference 10)',
      'rocket://abc-123/def_456@host/',
      { mode: 'webhook', webhook: 'abc-123/def_456' }
    ],
    [
      'after a user, only alnum/alnum is a webhook: other text with a / is the password',
      'rocket://user:p%40ss%2Fw0rd!@host/#c',
      { mode: 'basic', user: 'user', password: 'p@ss/w0rd!', webhook: undefined }
    ],
    [
      'the same with the / written as it is',
      'rocket://user:Pa$$/w0rd!@host/#c',
      { mode: 'basic', password: 'Pa$$/w0rd!' }
    ],
    [
      'mode=webhook makes it a webhook',
      'rocket://deploy-bot:abc-123/def_456@host/?mode=webhook',
      { mode: 'webhook', user: 'deploy-bot', webhook: 'abc-123/def_456' }
    ]
  ])('%s', (_, url, expected) => {
    expect(parse(url)).toMatchObject(expected)
  })
})

describe('as Apprise reads it: parameters', () => {
  it.each<[string, boolean]>([
    ['yes', true],
    ['Yes', true],
    ['y', true],
    ['true', true],
    ['t', true],
    ['1', true],
    ['on', true],
    ['enable', true],
    ['always', true],
    ['YEAH', true],
    ['no', false],
    ['n', false],
    ['false', false],
    ['f', false],
    ['0', false],
    ['off', false],
    ['disable', false],
    ['deny', false],
    ['never', false],
    ['NOPE', false]
  ])('avatar=%s is an Apprise boolean: %s', (value, avatar) => {
    expect(parse(`rocket://u:pw-123@host/#c?avatar=${value}`).avatar).toBe(avatar)
    expect(parse(`rocket://${HOOK}@host/?verify=${value}`).verify).toBe(avatar)
  })

  it.each<[string, string]>([
    ['garbage', 'avatar'],
    ['yo', 'avatar'],
    ['fx', 'verify'],
    ['2', 'verify']
  ])(
    '%s= an unknown boolean is a warning and the default is used (difference 11)',
    (value, key) => {
      const { destination, warnings } = parseRocketUrl(`rocket://${HOOK}@host/?${key}=${value}`)
      expect(destination.avatar).toBe(true)
      expect(destination.verify).toBe(true)
      expect(warnings).toEqual([
        `Unknown ${key} '${value}' ignored, using the default (valid: yes or no). URL: rocket://****/****@host/`
      ])
    }
  )

  it.each<[string, string[]]>([
    ['to=#a,#b', ['#a', '#b']],
    ['to=#a%20#b', ['#a', '#b']],
    ['to=#a%3B#b', ['#a', '#b']],
    ['to=[#a][@b]', ['#a', '@b']],
    ['to=%23a%2C%40b', ['#a', '@b']],
    ['to=%09ROOM1%0A', ['ROOM1']]
  ])('%s: split on whitespace , ; [ ] and decoded', (query, targets) => {
    expect(targetsOf(`rocket://u:pw-123@host/?${query}`)).toEqual(targets)
  })

  it('to= targets come after the path targets', () => {
    expect(targetsOf('rocket://u:pw-123@host/#z/?to=#a')).toEqual(['#z', '#a'])
  })

  it.each<[string, Partial<Destination>]>([
    ['format=text', { format: 'text' }],
    ['format=html', { format: 'html' }],
    ['format=markdown', { format: 'markdown' }],
    ['format=MARKDOWN', { format: 'markdown' }],
    ['overflow=truncate', { overflow: 'truncate' }],
    ['overflow=split', { overflow: 'split' }],
    ['overflow=Upstream', { overflow: 'upstream' }],
    ['verify=no', { verify: false }],
    ['cto=2.5', { connectTimeout: 2.5 }],
    ['rto=30', { readTimeout: 30 }],
    ['rto=.5', { readTimeout: 0.5 }],
    ['retry=3', { retry: 3 }],
    ['retry=0', { retry: 0 }],
    ['rto=600', { readTimeout: 600 }],
    ['cto=600', { connectTimeout: 600 }]
  ])('%s', (query, expected) => {
    const { destination, warnings } = parseRocketUrl(`rocket://u:pw-123@host/#c?${query}`)
    expect(destination).toMatchObject(expected)
    expect(warnings).toEqual([])
  })

  it('defaults: markdown, upstream, verify on, no timeouts or retry of its own', () => {
    expect(parse('rocket://u:pw-123@host/#c')).toMatchObject({
      format: 'markdown',
      overflow: 'upstream',
      verify: true,
      connectTimeout: undefined,
      readTimeout: undefined,
      retry: undefined
    })
  })

  it.each<[string, Partial<Destination>, string]>([
    [
      'format=invalid',
      { format: 'markdown' },
      "Unknown format 'invalid' ignored, using markdown (valid: markdown, text, html)"
    ],
    [
      'overflow=wrap',
      { overflow: 'upstream' },
      "Unknown overflow 'wrap' ignored, using upstream (valid: upstream, truncate, split)"
    ],
    [
      'cto=soon',
      { connectTimeout: undefined },
      "Invalid cto 'soon' ignored, using the default: a number of seconds above 0"
    ],
    [
      'rto=0',
      { readTimeout: undefined },
      "Invalid rto '0' ignored, using the default: a number of seconds above 0"
    ],
    [
      'retry=-1',
      { retry: undefined },
      "Invalid retry '-1' ignored, using the default: a whole number from 0 to 10"
    ],
    [
      'retry=11',
      { retry: undefined },
      "Invalid retry '11' ignored, using the default: a whole number from 0 to 10"
    ],
    [
      'rto=600.5',
      { readTimeout: undefined },
      "Invalid rto '600.5' ignored, using the default: at most 600 seconds"
    ],
    [
      'rto=3000000',
      { readTimeout: undefined },
      "Invalid rto '3000000' ignored, using the default: at most 600 seconds"
    ],
    [
      'cto=5000000',
      { connectTimeout: undefined },
      "Invalid cto '5000000' ignored, using the default: at most 600 seconds"
    ],
    [
      'mode=fast',
      { mode: 'basic' },
      "Unknown mode 'fast' ignored, using basic (valid: basic, token, webhook)"
    ],
    ['fromat=text', { format: 'markdown' }, "Unknown parameter 'fromat' ignored"],
    ['emojis=yes', {}, "Parameter 'emojis' is an Apprise option this action does not use; ignored"],
    ['wait=2', {}, "Parameter 'wait' is an Apprise option this action does not use; ignored"]
  ])('%s is a warning and the default is used (difference 8)', (query, expected, warning) => {
    const { destination, warnings } = parseRocketUrl(`rocket://u:pw-123@host/#c?${query}`)
    expect(destination).toMatchObject(expected)
    expect(warnings).toEqual([`${warning}. URL: rocket://u:****@host/#c`])
  })

  it.each<[string, string, Mode]>([
    ['a webhook', `rocket://${HOOK}@host/?mode=hook`, 'webhook'],
    ['a long token', `rocket://userId:${PAT}@host/#c?mode=pat`, 'token'],
    ['user:password', 'rocket://u:pw-123@host/#c?mode=Basic-Auth', 'basic']
  ])('an unknown mode= warns and the mode the URL implies is used: %s', (_, url, mode) => {
    const { destination, warnings } = parseRocketUrl(url)
    expect(destination.mode).toBe(mode)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(
      new RegExp(
        `^Unknown mode '[^']+' ignored, using ${mode} \\(valid: basic, token, webhook\\)\\. URL: `
      )
    )
  })

  it('warns once per unknown parameter, naming it but never its value', () => {
    const warnings = warningsOf(
      'rocket://u:pw-123@host/#c?token=Sup3rS3cret&token=x&apikey=Sup3rS3cret'
    )
    expect(warnings).toEqual([
      "Unknown parameter 'token' ignored. URL: rocket://u:****@host/#c",
      "Unknown parameter 'apikey' ignored. URL: rocket://u:****@host/#c"
    ])
  })
})

describe('as Apprise reads it: targets', () => {
  it.each<[string, string, string[]]>([
    [
      'separators: / \\ , space tab CR LF',
      'rocket://u:pw-123@host/#a\\#b,#c #d\t#e\r\n#f',
      ['#a', '#b', '#c', '#d', '#e', '#f']
    ],
    ['empty pieces are dropped', 'rocket://u:pw-123@host//#a//,,ROOM1/', ['#a', 'ROOM1']],
    ['each piece is percent-decoded', 'rocket://u:pw-123@host/%40jane/%23ops', ['@jane', '#ops']],
    [
      'the user order is kept (difference 1)',
      'rocket://u:pw-123@host/#zeta/#alpha/#Mid',
      ['#zeta', '#alpha', '#Mid']
    ],
    [
      'users are not moved first (difference 1)',
      'rocket://u:pw-123@host/ROOM1/#b/@a',
      ['ROOM1', '#b', '@a']
    ],
    [
      'duplicates are dropped, the first kept (difference 1)',
      'rocket://u:pw-123@host/#a/@b/#a?to=@b,#c,#a',
      ['#a', '@b', '#c']
    ],
    ['channel names with . (difference 3)', 'rocket://u:pw-123@host/#bad.name', ['#bad.name']],
    [
      'channel names with - and _ (difference 3)',
      'rocket://u:pw-123@host/#dev-ops_2',
      ['#dev-ops_2']
    ],
    [
      'non-ASCII channel names (difference 3)',
      'rocket://u:pw-123@host/#Général/#日本',
      ['#Général', '#日本']
    ],
    [
      'non-ASCII channel names, percent-encoded (difference 3)',
      'rocket://u:pw-123@host/#G%C3%A9n%C3%A9ral',
      ['#Général']
    ],
    ['user names with . - _', 'rocket://u:pw-123@host/@jane.doe_2-x', ['@jane.doe_2-x']],
    ['#<roomId> is a channel marker too', 'rocket://u:pw-123@host/#GENERAL', ['#GENERAL']]
  ])('%s', (_, url, targets) => {
    expect(targetsOf(url)).toEqual(targets)
  })

  // Apprise drops these with a warning, and the message silently goes nowhere for them. Here each
  // is kept with its reason, to be reported failed, while the valid targets are still sent to.
  it.each<[string, string]>([
    [
      'ROOM-1',
      "expected #channel, @user or a room id (letters and digits); for a channel write '#ROOM-1'"
    ],
    ['!x', 'expected #channel, @user or a room id (letters and digits)'],
    ['#', 'expected #channel, @user or a room id (letters and digits)'],
    ['@', 'expected #channel, @user or a room id (letters and digits)'],
    ['#a!b', 'expected #channel, @user or a room id (letters and digits)'],
    [
      'général',
      "expected #channel, @user or a room id (letters and digits); for a channel write '#général'"
    ]
  ])('an invalid target %s is rejected with its reason, not dropped', (target, reason) => {
    const { destination, warnings } = parseRocketUrl(`rocket://u:pw-123@host/#ok/${target}/ROOM1`)
    expect(destination.targets.map(describeTarget)).toEqual(['#ok', 'ROOM1'])
    expect(destination.rejectedTargets).toEqual([{ target, reason }])
    expect(warnings).toEqual([])
  })

  it('an invalid target among valid ones: #general/!x/ROOM-1', () => {
    const destination = parse('rocket://u:pw-123@host/#general/!x/ROOM-1')
    expect(destination.targets.map(describeTarget)).toEqual(['#general'])
    expect(destination.rejectedTargets.map(r => r.target)).toEqual(['!x', 'ROOM-1'])
    expect(destination.masked).toBe('rocket://u:****@host/#general')
  })

  it('a rejected target written twice is rejected once, in the order written', () => {
    expect(parse('rocket://u:pw-123@host/!x/#a/!x?to=ROOM-1,!x').rejectedTargets).toEqual([
      { target: '!x', reason: 'expected #channel, @user or a room id (letters and digits)' },
      {
        target: 'ROOM-1',
        reason:
          "expected #channel, @user or a room id (letters and digits); for a channel write '#ROOM-1'"
      }
    ])
  })

  it.each<[string, string]>([
    ['basic', 'rocket://u:pw-123@host/!x/ROOM-1'],
    ['token', `rocket://userId:${PAT}@host/!x`],
    ['webhook', `rocket://${HOOK}@host/!x`]
  ])(
    '%s: a URL whose only targets are invalid still parses, every target to be reported failed',
    (_, url) => {
      const destination = parse(url)
      expect(destination.targets).toEqual([])
      expect(destination.rejectedTargets.length).toBeGreaterThan(0)
    }
  )
})

describe('as Apprise reads it: mode selection', () => {
  it.each<[string, string, Mode]>([
    ['mode= wins over a webhook', `rocket://u:pw-123@host/#c?webhook=${HOOK}&mode=basic`, 'basic'],
    ['mode= wins over a long password', `rocket://u:${PAT}@host/#c?mode=basic`, 'basic'],
    ['a webhook in the userinfo', `rocket://${HOOK}@host/`, 'webhook'],
    ['a webhook= parameter', `rocket://host/?webhook=${HOOK}`, 'webhook'],
    ['a password of 33 characters is a token', `rocket://u:${'x'.repeat(33)}@host/#c`, 'token'],
    [
      'a password of exactly 32 characters stays basic',
      `rocket://u:${'x'.repeat(32)}@host/#c`,
      'basic'
    ],
    [
      'length counts code points, not UTF-16 units',
      `rocket://u:${'😀'.repeat(20)}@host/#c`,
      'basic'
    ],
    ['otherwise basic', 'rocket://u:pw-123@host/#c', 'basic']
  ])('%s', (_, url, mode) => {
    expect(parse(url).mode).toBe(mode)
  })
})

describe('as Apprise reads it: rejections, with the URL masked', () => {
  it.each<[string, string, string]>([
    [
      'basic without a password',
      'rocket://alice@host/#c',
      'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host. URL: rocket://****@host/****'
    ],
    [
      'basic without a user',
      'rocket://:pw-123@host/#c',
      'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host. URL: rocket://****@host/#c'
    ],
    [
      'basic without either',
      'rocket://host/#c',
      'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host. URL: rocket://host/****'
    ],
    [
      'forced basic with only a webhook',
      `rocket://${HOOK}@host/#c?mode=basic`,
      'No Rocket.Chat user/pass combo was specified: basic mode needs user:password@ before the host. URL: rocket://****/****@host/#c?mode=basic'
    ],
    [
      'token without a user',
      `rocket://host/#c?mode=token&password=${PAT}`,
      'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host. URL: rocket://host/#c?mode=token&password=****'
    ],
    [
      'token without a token',
      'rocket://userId@host/#c?mode=token',
      'No Rocket.Chat user/apikey was specified: token mode needs userId:token@ before the host. URL: rocket://****@host/****?mode=token'
    ],
    [
      'webhook mode without a webhook',
      'rocket://u:pw-123@host/#c?mode=webhook',
      'No Rocket.Chat Incoming Webhook was specified: webhook mode needs id/token@ before the host, or webhook=id/token. URL: rocket://u:****@host/#c?mode=webhook'
    ],
    [
      'basic with no target at all',
      'rocket://u:pw-123@host/',
      'No Rocket.Chat room and/or channels specified to notify: basic mode needs /#channel, /roomId or /@user after the host. URL: rocket://u:****@host/'
    ],
    [
      'basic with no path',
      'rocket://u:pw-123@host:8065',
      'No Rocket.Chat room and/or channels specified to notify: basic mode needs /#channel, /roomId or /@user after the host. URL: rocket://u:****@host:8065'
    ],
    [
      'token with no target at all (difference 5)',
      `rocket://userId:${PAT}@host/`,
      'No Rocket.Chat room and/or channels specified to notify: token mode needs /#channel, /roomId or /@user after the host. URL: rocket://userId:****@host/'
    ]
  ])('%s', (_, url, message) => {
    expect(errorOf(url)).toBe(message)
  })

  it.each<[string, string]>([
    [
      '@user alone works in basic mode, as a direct message (difference 5)',
      'rockets://alice:pw-123@host/@bob'
    ],
    ['@user alone works in token mode (difference 5)', `rockets://userId:${PAT}@host/@bob`],
    ['webhook mode needs no target: the hook has its own channel', `rocket://${HOOK}@host`]
  ])('%s', (_, url) => {
    expect(() => parseRocketUrl(url)).not.toThrow()
  })
})

describe('as Apprise reads it: avatar default', () => {
  it.each<[string, string, boolean]>([
    ['basic: off', 'rocket://u:pw-123@host/#c', false],
    ['webhook: on', `rocket://${HOOK}@host/`, true],
    [
      'token: off, since a normal user is refused an avatar override (difference 5)',
      `rocket://userId:${PAT}@host/#c`,
      false
    ],
    ['token with avatar=yes: on', `rocket://userId:${PAT}@host/#c?avatar=yes`, true],
    ['webhook with avatar=no: off', `rocket://${HOOK}@host/?avatar=no`, false],
    ['basic with avatar=yes: on', 'rocket://u:pw-123@host/#c?avatar=yes', true]
  ])('%s', (_, url, avatar) => {
    expect(parse(url).avatar).toBe(avatar)
  })
})

describe('one destination written two ways has one identity', () => {
  it.each<[string, string, string]>([
    ['host case', 'rocket://u:pw-123@LOCALHOST/#a', 'rocket://u:pw-123@localhost/#b'],
    ['the default port 80', 'rocket://u:pw-123@host:80/#a', 'rocket://u:pw-123@host/#a'],
    ['the default port 443', 'rockets://u:pw-123@host:443/#a', 'rockets://u:pw-123@host/#a'],
    [
      'port= and the port after the host',
      'rocket://u:pw-123@host:3000/#a',
      'rocket://u:pw-123@host/#a?port=3000'
    ],
    [
      'an explicit default option',
      'rocket://u:pw-123@host/#a?format=markdown',
      'rocket://u:pw-123@host/#a'
    ],
    [
      'every default written out',
      'rocket://u:pw-123@host/#a?avatar=no&verify=yes&overflow=upstream&mode=basic',
      'rocket://u:pw-123@host/#a'
    ],
    [
      'the default avatar of a webhook',
      `rocket://${HOOK}@host/?avatar=yes`,
      `rocket://${HOOK}@host/`
    ],
    [
      '%-encoded and plain credentials',
      'rocket://al%69ce:p%40ss@host/#a',
      'rocket://alice:p@ss@host/#a'
    ],
    [
      'credentials in the query',
      'rocket://host/#a?user=alice&password=pw-123',
      'rocket://alice:pw-123@host/#a'
    ],
    ['ID%2FTOKEN and ID/TOKEN', `rocket://${ID}%2F${TOKEN}@host/`, `rocket://${HOOK}@host/#a`],
    [
      'webhook= and the userinfo webhook',
      `rocket://host/?webhook=${HOOK}`,
      `rocket://${HOOK}@host/`
    ],
    ['targets differ', 'rocket://u:pw-123@host/#a/#b', 'rocket://u:pw-123@host/@c/!x'],
    ['the scheme case', 'ROCKETS://u:pw-123@host/#a', 'rockets://u:pw-123@host/#a']
  ])('%s: equal', (_, first, second) => {
    expect(parse(first).identity).toBe(parse(second).identity)
  })

  it.each<[string, string, string]>([
    ['a different password', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-124@host/#a'],
    ['a different user', 'rocket://u:pw-123@host/#a', 'rocket://v:pw-123@host/#a'],
    ['a different host', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host2/#a'],
    ['a different port', 'rocket://u:pw-123@host:3000/#a', 'rocket://u:pw-123@host:3001/#a'],
    ['http and https', 'rocket://u:pw-123@host/#a', 'rockets://u:pw-123@host/#a'],
    ['a different mode', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host/#a?mode=token'],
    ['a different option', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host/#a?format=text'],
    ['avatar', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host/#a?avatar=yes'],
    ['verify', 'rockets://u:pw-123@host/#a', 'rockets://u:pw-123@host/#a?verify=no'],
    ['a timeout', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host/#a?rto=5'],
    ['retry', 'rocket://u:pw-123@host/#a', 'rocket://u:pw-123@host/#a?retry=1'],
    ['a webhook token', `rocket://${HOOK}@host/`, `rocket://${ID}/x${TOKEN}@host/`],
    ['a webhook display name', `rocket://${HOOK}@host/`, `rocket://Bot:${HOOK}@host/`]
  ])('%s: different', (_, first, second) => {
    expect(parse(first).identity).not.toBe(parse(second).identity)
  })

  it('holds no secret in clear', () => {
    const destination = parse('rocket://alice:Sup3rS3cret@host/#a')
    for (const secret of destination.secrets) expect(destination.identity).not.toContain(secret)
  })

  it('the masked URL keeps what the user wrote', () => {
    expect(parse('rockets://u:pw-123@Chat.Example.com:443/#a?format=markdown').masked).toBe(
      'rockets://u:****@Chat.Example.com:443/#a?format=markdown'
    )
  })
})

describe('malformed URLs fail at parse time with a clear message (difference 8)', () => {
  it.each<[string, string, string]>([
    [
      'no host',
      'rocket://u:pw-123@/#c',
      'No host was specified: the server name comes after :// (or after the @ of user:password@). URL: rocket://u:****@/#c'
    ],
    [
      'nothing after the scheme',
      'rocket://',
      'No host was specified: the server name comes after :// (or after the @ of user:password@). URL: rocket://'
    ],
    [
      'a port that is not a number',
      'rocket://u:pw-123@host:http/#c',
      "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing). URL: rocket://u:****@host:****/#c"
    ],
    [
      'an empty port',
      'rocket://u:pw-123@host:/#c',
      "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing). URL: rocket://u:****@host:****/#c"
    ],
    [
      'port 0 (Apprise accepts it and fails to connect): digits after a host are shown',
      'rocket://u:pw-123@host:0/#c',
      'Invalid port: port 0 is out of range (it must be from 1 to 65535). URL: rocket://u:****@host:0/#c'
    ],
    [
      'port 65536 (Apprise crashes later)',
      'rocket://u:pw-123@[::1]:65536/#c',
      'Invalid port: port 65536 is out of range (it must be from 1 to 65535). URL: rocket://u:****@[::1]:65536/#c'
    ],
    [
      'port 99999',
      'rocket://u:pw-123@host:99999/#c',
      'Invalid port: port 99999 is out of range (it must be from 1 to 65535). URL: rocket://u:****@host:99999/#c'
    ],
    [
      'port 99999, the credentials in the query',
      'rocket://host:99999/#c?user=u&password=pw-123',
      'Invalid port: port 99999 is out of range (it must be from 1 to 65535). URL: rocket://host:99999/#c?user=u&password=****'
    ],
    [
      'digits with no userinfo before them may be a password whose @host is missing: hidden',
      'rocket://alice:12345678/#c',
      "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing). URL: rocket://alice:****/****"
    ],
    [
      'a password without its @host',
      'rocket://alice:Sup3rS3cret/#c',
      "Invalid port: it must be a number from 1 to 65535 (a port that is not a number is often a password whose '@host' is missing). URL: rocket://alice:****/****"
    ],
    [
      'port= out of range',
      'rocket://u:pw-123@host/#c?port=70000',
      'Invalid port=70000: it must be a number from 1 to 65535. URL: rocket://u:****@host/#c?port=70000'
    ],
    [
      'a native webhook link: the rockets:// form is suggested, id and token masked',
      `https://chat.example.com/hooks/${ID}/${TOKEN}`,
      'This is a Rocket.Chat webhook link, not a rockets:// URL: write it as rockets://****/****@chat.example.com/ with the id and token that follow /hooks/ in place of ****/****. URL: https://chat.example.com/****'
    ],
    [
      'a native webhook link over http, with a port and a trailing /',
      `http://10.0.0.7:3000/hooks/${ID}/${TOKEN}/`,
      'This is a Rocket.Chat webhook link, not a rocket:// URL: write it as rocket://****/****@10.0.0.7:3000/ with the id and token that follow /hooks/ in place of ****/****. URL: http://10.0.0.7:3000/****'
    ],
    [
      'unknown scheme',
      'https://u:pw-123@host/#c',
      "Unsupported scheme 'https': use rocket:// for http or rockets:// for https. URL: https://u:****@host/#c"
    ],
    [
      'an invalid hostname',
      'rocket://u:pw-123@bad!host/#c',
      'Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address. URL: rocket://u:****@bad!host/#c'
    ],
    [
      'a label starting with -',
      'rocket://u:pw-123@-host.example/#c',
      'Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address. URL: rocket://u:****@-host.example/#c'
    ],
    [
      'a label over 63 characters',
      `rocket://u:pw-123@${'a'.repeat(64)}.example/#c`,
      `Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address. URL: rocket://u:****@${'a'.repeat(64)}.example/#c`
    ],
    [
      'an invalid IPv4 address',
      'rocket://u:pw-123@10.0.0.300/#c',
      'Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address. URL: rocket://u:****@10.0.0.300/#c'
    ],
    [
      'an invalid IPv6 address',
      'rocket://u:pw-123@[::g]/#c',
      'Invalid host: expected a hostname, an IPv4 address or a bracketed IPv6 address. URL: rocket://u:****@[::g]/#c'
    ],
    [
      'an empty webhook token: rocket://a/@host',
      'rocket://a/@host',
      "The webhook's token (after the '/') is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one. URL: rocket://****/@host"
    ],
    [
      'host/@user with no credentials anywhere reads as a webhook with an empty token',
      'rocket://host/@john',
      "The webhook's token (after the '/') is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one. URL: rocket://****/@john"
    ],
    [
      'an empty webhook id: rocket:///b@host',
      `rocket:///${TOKEN}@host`,
      "The webhook's integration id (before the '/') is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one. URL: rocket:///****@host"
    ],
    [
      'an empty webhook half, %2F form',
      `rocket://${ID}%2F@host/`,
      "The webhook's token (after the '/') is empty: a webhook is written id/token@host, and text before the @ that contains a '/' is read as one. URL: rocket://****/@host/"
    ],
    [
      'three webhook segments',
      `rocket://host/?webhook=a/${ID}/${TOKEN}`,
      "The webhook must be integrationId/token, with exactly one '/'. URL: rocket://host/?webhook=****"
    ],
    [
      'a webhook= with no slash',
      `rocket://host/?webhook=${TOKEN}`,
      "The webhook must be integrationId/token, with exactly one '/'. URL: rocket://host/?webhook=****"
    ],
    [
      'webhook characters that cannot go in a path',
      'rocket://Pa$$/w0rd!@host/#c',
      "The webhook id and token may only contain letters, digits, '-', '_', '.' and '~'. URL: rocket://****/****@host/#c"
    ]
  ])('%s', (_, url, message) => {
    expect(errorOf(url)).toBe(message)
  })

  it.each<[string, string]>([
    ['no scheme', 'alice:Sup3rS3cret@host/#c'],
    ['a single slash', 'rocket:/alice:Sup3rS3cret@host/#c'],
    ['an empty string', ''],
    ['a bare token', 'Sup3rS3cret'],
    ['a scheme that starts with a digit', '1rocket://alice:Sup3rS3cret@host/#c']
  ])('garbage (%s) is rejected without showing any of it', (_, url) => {
    expect(errorOf(url)).toBe(
      'Not a Rocket.Chat URL: it must start with rocket:// or rockets:// (the text is not shown, in case it holds a secret; URLs are separated by whitespace, so a space inside one is written %20)'
    )
  })
})

describe('a mangled URL shows none of its credential in the error', () => {
  // Typos move a credential where a host, port or target is expected; the masked URL hides it.
  it.each<[string, string, string]>([
    [
      'a / before the userinfo: no host',
      'rocket:///aa0:Sup3rS3cret%40aa%26@host:x/@alice?mode=token',
      'rocket://****@host:****/****?mode=token'
    ],
    [
      'a # in the user name: no host',
      'rocket://#a:Sup3rS3cret@chat.example.com#x?mode=token',
      'rocket://****@chat.example.com/****?mode=token'
    ],
    [
      'a / between the webhook and the @: no credentials, so the path is hidden',
      'rocket://hookid/Sup3rS3cret/@chat.example.com/#general',
      'rocket://hookid/****'
    ],
    [
      'an @ before the userinfo: the last userinfo @ hides everything before it',
      'rocket://@hookid/Sup3rS3cret@chat.example.com/#general',
      'rocket://****@chat.example.com/****'
    ],
    [
      'a space before the @ of a %2F webhook: the @ reads as a target, the host is hidden',
      'rockets://hookid%2FSup3rS3cret @chat.example.com/@alice?mode=token',
      'rockets://****/****?mode=token'
    ],
    [
      'a stray : after a %2F webhook makes a user name with a /',
      'rocket://hookid%2FSup3rS3cret:x@host/#c',
      'rocket://****:****@host/#c'
    ]
  ])('%s', (_, url, masked) => {
    const message = errorOf(url)
    expect(message.endsWith(`URL: ${masked}`)).toBe(true)
    for (const form of printedForms('Sup3rS3cret')) expect(message).not.toContain(form)
  })

  it.each<[string, string]>([
    ['a / before the userinfo', 'rocket:///alice:Sup3rS3cret@host/#c'],
    ['a # in the user name', 'rocket://al#ice:Sup3rS3cret@host/#c'],
    ['an @ in the user name', 'rocket://al@ice:Sup3rS3cret@host/#c'],
    ['an @ in a lone name', 'rocket://@Sup3rS3cret@host/#c']
  ])('credentials that cannot be read are refused as such: %s', (_, url) => {
    const message = errorOf(url)
    expect(message).toMatch(
      /^The credentials before the host's '@' cannot be read: expected user:password@, userId:token@ or \[name:\]id\/token@ .*\. URL: rocket:\/\/\*\*\*\*@host\/\*\*\*\*$/
    )
  })

  it('a user name with a / is refused: Rocket.Chat names and ids have none', () => {
    expect(errorOf('rocket://hookid%2FSup3rS3cret:x@host/#c')).toMatch(
      /^Invalid user: a Rocket\.Chat user name or id has no '\/'\./
    )
  })
})

describe('masking', () => {
  it.each<[string, string, string]>([
    ['basic', 'rocket://l2g:awes0m3!@host/#general', 'rocket://l2g:****@host/#general'],
    ['token', `rockets://userId:${PAT}@host:3000/@bob`, 'rockets://userId:****@host:3000/@bob'],
    ['webhook', `rocket://${HOOK}@host/`, 'rocket://****/****@host/'],
    ['webhook, %2F form', `rocket://${ID}%2F${TOKEN}@host`, 'rocket://****/****@host/'],
    [
      'webhook with a display name',
      `rocket://Deploy%20Bot:${HOOK}@host/#ops`,
      'rocket://Deploy%20Bot:****/****@host/#ops'
    ],
    ['webhook= parameter', `rocket://host/#ops?webhook=${HOOK}`, 'rocket://****/****@host/#ops'],
    [
      'password= parameter',
      'rocket://host/#ops?user=u&password=pw-123',
      'rocket://u:****@host/#ops'
    ],
    [
      'a forced mode shows',
      'rocket://user:pass/word@h/#c?mode=basic',
      'rocket://user:****@h/#c?mode=basic'
    ],
    [
      'targets in the user order, to= folded into the path',
      'rocket://u:pw-123@host/ROOM1/?to=@bob,#ops',
      'rocket://u:****@host/ROOM1/@bob/#ops'
    ],
    [
      'given options, canonical',
      'ROCKET://u:pw-123@host/#c?Verify=off&format=TEXT&avatar=1&retry=2&rto=9&cto=3&overflow=split&mode=BASIC',
      'rocket://u:****@host/#c?mode=basic&avatar=yes&format=text&overflow=split&verify=no&cto=3&rto=9&retry=2'
    ],
    [
      'unknown and invalid options are left out',
      'rocket://u:pw-123@host/#c?colour=red&format=bold',
      'rocket://u:****@host/#c'
    ],
    ['IPv6 and port', 'rocket://u:pw-123@[::1]:3000/#c', 'rocket://u:****@[::1]:3000/#c']
  ])('%s', (_, url, masked) => {
    expect(parse(url).masked).toBe(masked)
  })

  it('the masked URL parses back to the same destination', () => {
    const url = 'rockets://u:pw-123@host:3000/ROOM1/?to=@bob,#ops&avatar=on&rto=9'
    const again = parse(parse(url).masked.replace('****', 'pw-123'))
    expect(again).toEqual(parse(url))
  })

  it.each<[string, string, string[]]>([
    [
      'basic: plain and percent-encoded',
      'rocket://u:p%40ss%3Aw0rd@host/#c',
      ['p%40ss%3Aw0rd', 'p@ss:w0rd']
    ],
    [
      'JSON-escaped and form-encoded forms',
      'rocket://u:a%22b%20c@host/#c',
      ['a%22b%20c', 'a"b c', 'a%22b+c', 'a\\"b c']
    ],
    [
      'webhook: the whole, %2F form and each half',
      `rocket://${HOOK}@host/`,
      [HOOK, ID, TOKEN, `${ID}%2F${TOKEN}`]
    ],
    [
      'webhook written with %2f: as written too',
      `rocket://${ID}%2f${TOKEN}@host/`,
      [`${ID}%2f${TOKEN}`, HOOK, `${ID}%2F${TOKEN}`, ID, TOKEN]
    ],
    ['token mode: the token', `rocket://userId:${PAT}@host/#c`, [PAT]],
    [
      'every secret given, used or not',
      `rocket://u:first-pw@host/#c?pass=second-pw&password=third-pw&webhook=${HOOK}`,
      ['first-pw', 'second-pw', 'third-pw', HOOK, ID, TOKEN, `${ID}%2F${TOKEN}`]
    ]
  ])('secrets, %s', (_, url, secrets) => {
    expect(new Set(parse(url).secrets)).toEqual(new Set(secrets))
  })

  it('every secret is listed whatever its length', () => {
    const destination = parse('rocket://u:p!@host/#c?webhook=a/bcd')
    expect(new Set(destination.secrets)).toEqual(
      new Set(['p!', 'p%21', 'a/bcd', 'a', 'bcd', 'a%2Fbcd'])
    )
    expect(destination.masked).toBe('rocket://u:****/****@host/#c')
  })

  it('the user name, the host and the targets are not secrets', () => {
    const { secrets } = parse('rocket://alice:Sup3rS3cret@chat.example.com/#ops')
    expect(redact('alice posted to #ops on chat.example.com', secrets)).toBe(
      'alice posted to #ops on chat.example.com'
    )
  })
})

describe('no error or warning ever shows a secret', () => {
  const PASSWORD = 'Sup3r:S3cret/P@ss#!'
  const encoded = encodeURIComponent(PASSWORD)
  it.each<[string, string, string[]]>([
    ['unknown scheme', `http://alice:${encoded}@host/#c`, [PASSWORD]],
    ['no host', `rocket://alice:${encoded}@/#c`, [PASSWORD]],
    ['bad port', `rocket://alice:${encoded}@host:x/#c`, [PASSWORD]],
    ['bad port=', `rocket://alice:${encoded}@host/#c?port=0`, [PASSWORD]],
    ['invalid host', `rocket://alice:${encoded}@ho$t/#c`, [PASSWORD]],
    ['a native webhook link', `https://host/hooks/${ID}/${TOKEN}`, [ID, TOKEN]],
    ['a native webhook link with a bad host', `https://ho$t/hooks/${ID}/${TOKEN}`, [ID, TOKEN]],
    ['basic without a target', `rocket://alice:${encoded}@host/`, [PASSWORD]],
    ['token without a target', `rocket://alice:${PAT}@host/`, [PAT]],
    ['token without a user', `rocket://host/#c?password=${PAT}`, [PAT]],
    ['password= without a user', `rocket://host/#c?password=${encoded}`, [PASSWORD]],
    ['pass= in the error URL', `rocket://alice@host/?pass=${encoded}`, [PASSWORD]],
    [
      'webhook mode without a webhook',
      `rocket://alice:${encoded}@host/#c?mode=webhook`,
      [PASSWORD]
    ],
    ['forced basic with a webhook', `rocket://${HOOK}@host/?mode=basic`, [HOOK, ID, TOKEN]],
    ['bad webhook characters', `rocket://${ID}/${TOKEN}!@host/`, [ID, `${TOKEN}!`]],
    ['empty webhook token', `rocket://${ID}/@host`, [ID]],
    ['empty webhook id', `rocket:///${TOKEN}@host`, [TOKEN]],
    ['three webhook segments', `rocket://host/?webhook=${HOOK}/x`, [HOOK, ID, TOKEN]],
    ['a password without its @host', `rocket://alice:${encoded}/#c`, [PASSWORD]],
    [
      'a password cut at an unencoded ?',
      'rocket://alice:Sup3r?S3cret@host/#c',
      ['Sup3r?S3cret', 'S3cret@host']
    ],
    ['garbage', `alice:${encoded}@host/#c`, [PASSWORD]]
  ])('%s', (_, url, secrets) => {
    const message = errorOf(url)
    for (const secret of secrets) {
      for (const form of printedForms(secret)) expect(message).not.toContain(form)
    }
  })

  it('warnings show the URL masked', () => {
    const warnings = warningsOf(
      `rocket://alice:${encoded}@host/#c?format=bold&x=1&mode=fast&webhook=${HOOK}`
    )
    expect(warnings).toHaveLength(3)
    for (const secret of [PASSWORD, HOOK, ID, TOKEN]) {
      for (const form of printedForms(secret)) expect(warnings.join('\n')).not.toContain(form)
    }
  })
})

describe('parseRocketUrls', () => {
  it('reads URLs separated by whitespace and newlines, in order', () => {
    const parsed = parseRocketUrls(
      `  rocket://u:pw-123@host/#a\n\trockets://${HOOK}@other/  \r\n rocket://v:pw-456@third/#b \n`
    )
    expect(parsed.map(p => p.destination.masked)).toEqual([
      'rocket://u:****@host/#a',
      'rockets://****/****@other/',
      'rocket://v:****@third/#b'
    ])
  })

  it('keeps each URL warnings with it', () => {
    const parsed = parseRocketUrls('rocket://u:pw-123@host/#a?x=1 rocket://u:pw-123@host/#b')
    expect(parsed.map(p => p.warnings.length)).toEqual([1, 0])
  })

  it.each(['', '  \n\t '])('rejects an input with no URL (%j)', text => {
    expect(() => parseRocketUrls(text)).toThrow(
      new RocketChatError(
        'No Rocket.Chat URL was given: expected one or more rocket:// or rockets:// URLs separated by whitespace'
      )
    )
  })

  it('says which URL is wrong', () => {
    expect(() => parseRocketUrls('rocket://u:pw-123@host/#a\nrocket://u:pw-123@host/')).toThrow(
      /^URL 2 of 2: No Rocket\.Chat room and\/or channels specified to notify: .* URL: rocket:\/\/u:\*\*\*\*@host\/$/
    )
  })

  it('a single URL needs no number', () => {
    expect(() => parseRocketUrls('rocket://u:pw-123@host/')).toThrow(/^No Rocket\.Chat room/)
  })

  it('a URL cut by a space is reported as such, without showing the pieces', () => {
    let message = ''
    try {
      parseRocketUrls('rocket://alice:Sup3r S3cret@host/#c')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(
      /^URL 2 of 2: Not a Rocket\.Chat URL: .*a space inside one is written %20\)$/
    )
    expect(message).not.toContain('Sup3r')
    expect(message).not.toContain('S3cret')
  })
})

describe('docs/url-format.md', () => {
  const doc = readFileSync(new URL('../docs/url-format.md', import.meta.url), 'utf8')
  /** The `url:` lines of the Errors section, each with the `error:` or `warning:` line after it. */
  const said = [...doc.matchAll(/^url: +(\S+)\n(error|warning): +(.+)$/gm)].map(
    ([, url = '', kind = '', message = '']) => ({ url, kind, message })
  )
  const shown = new Set(said.map(example => example.url))
  // Masked URLs (`****`) are what the action prints, not what a user writes.
  const examples = [...new Set(doc.match(/\brockets?:\/\/[^\s`'"<>|)]+/gi) ?? [])].filter(
    url => !url.includes('****') && !shown.has(url)
  )

  it('has examples of every form', () => {
    expect(examples.length).toBeGreaterThanOrEqual(20)
    const modes = new Set(examples.map(url => parse(url).mode))
    expect(modes).toEqual(new Set(['basic', 'token', 'webhook']))
  })

  it.each(examples)('%s parses with no warning and no rejected target', url => {
    const { destination, warnings } = parseRocketUrl(url)
    expect(warnings).toEqual([])
    expect(destination.rejectedTargets).toEqual([])
  })

  it('shows errors and warnings for each of its examples', () => {
    expect(said.length).toBeGreaterThanOrEqual(8)
  })

  it.each(said)('$url: the $kind shown is the one given', ({ url, kind, message }) => {
    if (kind === 'error') expect(errorOf(url)).toBe(message)
    else expect(warningsOf(url)).toEqual([message])
  })
})
