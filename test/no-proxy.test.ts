import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createProxy } from 'proxy'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readRun } from '../src/github/api.js'
import { readWorkflowFile } from '../src/github/workflow-file.js'
import { Transport } from '../src/rocketchat/transport.js'
import {
  bypassed,
  checkProxySettings,
  proxyFor,
  type ProxySettings
} from '../src/rocketchat/transport/no-proxy.js'
import { RocketChatError } from '../src/rocketchat/errors.js'
import { useFakeGitHub, useFakeServer } from './support/fake.js'
import { send } from './support/send.js'

/**
 * One NO_PROXY rule for every request of a run: the same table decides for the message posts,
 * the room look-ups and the GitHub API, each sent for real through a loopback CONNECT proxy that
 * counts its tunnels.
 */
const server = useFakeServer({ rateLimited: false })
const github = useFakeGitHub()

let proxy: Server
const tunnels: string[] = []
beforeAll(async () => {
  proxy = createProxy(createHttpServer())
  proxy.prependListener('connect', (req: { url?: string }) => tunnels.push(req.url ?? ''))
  await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
})
afterAll(() => new Promise(resolve => proxy.close(resolve)))
beforeEach(() => {
  tunnels.length = 0
})
const proxyUrl = () => `http://127.0.0.1:${String((proxy.address() as AddressInfo).port)}`

describe('NO_PROXY, as curl and Go read it', () => {
  it.each<[string, string, string, boolean]>([
    ['unset: every host through the proxy', '', 'http://example.com/', false],
    ['`*`: no host through the proxy', '*', 'http://example.com/', true],
    ['an exact name', 'example.com', 'http://example.com/', true],
    ['a name covers the names under it', 'example.com', 'http://chat.example.com/', true],
    ['a name is not a bare suffix', 'example.com', 'http://notexample.com/', false],
    [
      'nor a prefix: github.com is not github.com.evil.example',
      'github.com',
      'https://github.com.evil.example/',
      false
    ],
    [
      '`.example.com` covers the name and those under it',
      '.example.com',
      'http://a.example.com/',
      true
    ],
    ['`*.example.com` likewise', '*.example.com', 'http://example.com/', true],
    ['case does not matter', 'Example.COM', 'http://CHAT.example.com/', true],
    ['`host:port` on that port', 'example.com:8080', 'http://example.com:8080/', true],
    ['`host:port` not on another', 'example.com:8080', 'http://example.com/', false],
    ["`host:port` on the scheme's default port", 'example.com:443', 'https://example.com/', true],
    ['an IPv4 address', '10.1.2.3', 'http://10.1.2.3/', true],
    ['an address is not a suffix: 0.0.1 is not 127.0.0.1', '0.0.1', 'http://127.0.0.1/', false],
    ['nor is .0.0.1', '.0.0.1', 'http://127.0.0.1/', false],
    ['an IPv6 address, bare', '::1', 'http://[::1]/', true],
    ['an IPv6 address in brackets', '[::1]', 'http://[::1]:8080/', true],
    ['an IPv6 address with a port', '[::1]:8080', 'http://[::1]:8080/', true],
    ['an IPv6 address written longer', '0:0:0:0:0:0:0:1', 'http://[::1]/', true],
    ['::1 is not 127.0.0.1', '::1', 'http://127.0.0.1/', false],
    ['an IPv4 CIDR block', '10.0.0.0/8', 'http://10.200.3.4/', true],
    ['outside the block', '10.0.0.0/8', 'http://11.0.0.1/', false],
    ['an IPv6 CIDR block', 'fd00::/8', 'http://[fd12:3456::1]/', true],
    ['a CIDR block never matches a name', '10.0.0.0/8', 'http://example.com/', false],
    ['a list, comma and space separated', 'a.test, b.test 10.0.0.0/8', 'http://b.test/', true],
    ['a malformed block is ignored', '10.0.0.0/99,x/', 'http://10.0.0.1/', false],
    [
      'a block length that is not a number is ignored',
      '10.0.0.0/8x,10.0.0.0/x8',
      'http://10.0.0.1/',
      false
    ],
    ['a 16-bit block', '10.1.0.0/16', 'http://10.1.2.3/', true],
    ['a /32 block is its one address', '10.1.2.3/32', 'http://10.1.2.3/', true],
    ['an IPv6 /64 block', 'fd00::/64', 'http://[fd00::1]/', true],
    ['an IPv6 block never holds an IPv4 address', 'fd00::/8', 'http://10.0.0.1/', false],
    ['a name with a final dot', 'example.com.', 'http://chat.example.com/', true],
    ['a host with a final dot', 'example.com', 'http://example.com./', true],
    ['`host:80` for http on its default port', 'example.com:80', 'http://example.com/', true],
    ['`host:443` for https on its default port', 'example.com:443', 'https://example.com/', true],
    ['`host:443` not for http', 'example.com:443', 'http://example.com/', false],
    ['`[v6]` only as the whole entry', 'x[::1],[::1]:8080x', 'http://[::1]:8080/', false]
  ])('%s', (_, noProxy, url, direct) => {
    expect(bypassed(new URL(url), noProxy)).toBe(direct)
    expect(proxyFor(new URL(url), { httpProxy: 'http://proxy.test:3128', noProxy })).toEqual(
      direct ? undefined : new URL('http://proxy.test:3128')
    )
  })

  it.each([
    ['not a URL', { httpProxy: 'http://[bad' }],
    ['no host', { httpsProxy: 'http://' }],
    ['another scheme', { httpsProxy: 'socks5://127.0.0.1:1080' }]
  ])('a proxy setting that is %s is one clear error, never echoed', (_, proxy) => {
    const built = () => new Transport({ proxy })
    expect(built).toThrow(RocketChatError)
    expect(built).toThrow(/proxy setting \(https?_proxy\) is not an http:\/\/ or https:\/\/ URL/)
  })
})

describe('which proxy a request takes', () => {
  const both = { httpsProxy: 'http://secure.test:3129', httpProxy: 'http://plain.test:3128' }
  it.each<[string, ProxySettings, string, string | undefined]>([
    ['https by https_proxy', both, 'https://chat.test/', 'http://secure.test:3129/'],
    ['http by http_proxy, never https_proxy', both, 'http://chat.test/', 'http://plain.test:3128/'],
    [
      'https by http_proxy when it has none',
      { httpProxy: both.httpProxy },
      'https://chat.test/',
      'http://plain.test:3128/'
    ],
    [
      'http direct with only https_proxy',
      { httpsProxy: both.httpsProxy },
      'http://chat.test/',
      undefined
    ],
    [
      'a proxy named without a scheme by http',
      { httpProxy: ' plain.test:3128 ' },
      'http://chat.test/',
      'http://plain.test:3128/'
    ],
    [
      'an https proxy',
      { httpsProxy: 'https://secure.test' },
      'https://chat.test/',
      'https://secure.test/'
    ],
    [
      'direct when the setting is blank',
      { httpProxy: '  ', httpsProxy: ' ' },
      'https://chat.test/',
      undefined
    ],
    ['direct with no settings', {}, 'https://chat.test/', undefined]
  ])('%s', (_, settings, url, proxy) => {
    expect(proxyFor(new URL(url), settings)?.href).toBe(proxy)
  })

  it('is checked once, before sending: blank settings and a bare host:port are fine', () => {
    expect(() => {
      checkProxySettings({ httpProxy: ' ', httpsProxy: '\t' })
    }).not.toThrow()
    expect(() => {
      checkProxySettings({ httpProxy: ' plain.test:3128 ', httpsProxy: ' secure.test:3129 ' })
    }).not.toThrow()
  })

  it.each([
    ['http', { httpProxy: 'socks5://127.0.0.1:1080' }, 'http://chat.test/'],
    ['https', { httpsProxy: 'socks5://127.0.0.1:1080' }, 'https://chat.test/']
  ] as const)(
    'names the %s setting that is not a proxy URL, as a refusal',
    (scheme, settings, url) => {
      const error = (() => {
        try {
          proxyFor(new URL(url), settings)
        } catch (caught) {
          return caught
        }
        return undefined
      })()
      expect(error).toBeInstanceOf(RocketChatError)
      expect(error).toMatchObject({
        kind: 'rejected',
        message: `the ${scheme} proxy setting (${scheme}_proxy) is not an http:// or https:// URL with a host`
      })
    }
  )
})

/** Each kind of request the action makes, sent once; true when it went through the proxy. */
const REQUEST_KINDS: Record<string, (noProxy: (port: number) => string) => Promise<boolean>> = {
  'a message post': async noProxy => {
    const { results } = await send(
      `rocket://${server.seed.webhook.id}/${server.seed.webhook.token}@${server.host}/`,
      {},
      { proxy: { httpProxy: proxyUrl(), noProxy: noProxy(server.port) } }
    )
    expect(results[0]?.outcome).toBe('delivered')
    return tunnels.includes(server.host)
  },
  'a room look-up': async noProxy => {
    const transport = new Transport({
      proxy: { httpProxy: proxyUrl(), noProxy: noProxy(server.port) }
    })
    try {
      const answer = await transport.send(
        {
          method: 'GET',
          url: `${server.url}/api/v1/rooms.info?roomName=general`,
          headers: { 'x-user-id': server.seed.botId, 'x-auth-token': server.seed.botToken }
        },
        { verify: true, connectTimeout: undefined, readTimeout: undefined, retry: undefined }
      )
      expect(answer.status).toBe(200)
    } finally {
      await transport.close()
    }
    return tunnels.includes(server.host)
  },
  'a GitHub API call': async noProxy => {
    github.addJob({ name: 'build', result: 'failure' })
    const { host, port } = new URL(github.apiUrl)
    const lookup = await readRun(
      {
        apiUrl: github.apiUrl,
        owner: 'octo-org',
        repo: 'octo-repo',
        runId: github.runId,
        attempt: github.attempt,
        token: 'ghs_NoProxyTableToken0000000000000000000'
      },
      {
        timeoutMs: 5000,
        userAgent: 'rocketchat-notify',
        annotations: false,
        proxy: { httpProxy: proxyUrl(), noProxy: noProxy(Number(port)) }
      }
    )
    expect(lookup.details.jobs[0]?.name).toBe('build')
    return tunnels.includes(host)
  },
  'a workflow-file read': async noProxy => {
    const sha = '89abcdef0123456789abcdef0123456789abcdef'
    github.addFile('.github/workflows/ci.yml', sha, 'on: push\n')
    const { host, port } = new URL(github.apiUrl)
    const text = await readWorkflowFile(
      {
        apiUrl: github.apiUrl,
        token: 'ghs_NoProxyTableToken0000000000000000000',
        workflowRef: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
        sha
      },
      {
        timeoutMs: 5000,
        userAgent: 'rocketchat-notify',
        annotations: false,
        proxy: { httpProxy: proxyUrl(), noProxy: noProxy(Number(port)) }
      }
    )
    expect(text).toBe('on: push\n')
    return tunnels.includes(host)
  }
}

describe.each(Object.keys(REQUEST_KINDS))('%s to 127.0.0.1 takes the same rule', kind => {
  it.each<[string, (port: number) => string, boolean]>([
    ['no NO_PROXY: through the proxy', () => '', true],
    ['`*`: direct', () => '*', false],
    ['the address: direct', () => '127.0.0.1', false],
    ['the address and its port: direct', port => `127.0.0.1:${String(port)}`, false],
    ['the address on another port: through the proxy', () => '127.0.0.1:1', true],
    ['a bare suffix of the address: through the proxy', () => '0.0.1,.0.0.1', true],
    ['a CIDR block holding it: direct', () => '127.0.0.0/8', false],
    ['a CIDR block not holding it: through the proxy', () => '10.0.0.0/8', true],
    ['the IPv6 loopback: through the proxy', () => '::1,[::1]', true],
    ['a name: through the proxy (names are not resolved)', () => 'localhost', true]
  ])('%s', async (_, noProxy, proxied) => {
    const send = REQUEST_KINDS[kind]
    if (!send) throw new Error(kind)
    expect(await send(noProxy)).toBe(proxied)
  })
})
