import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  credentialsInEnvironment,
  networkFromEnvironment,
  proxyFromEnvironment,
  withExtraCaCerts
} from '../src/action/network.js'

describe("the runner's proxy variables", () => {
  it.each<[string, NodeJS.ProcessEnv, ReturnType<typeof proxyFromEnvironment>]>([
    ['none set: no proxy', {}, {}],
    [
      'upper case',
      { HTTP_PROXY: 'http://p:3128', HTTPS_PROXY: 'http://s:3128', NO_PROXY: 'internal' },
      { httpProxy: 'http://p:3128', httpsProxy: 'http://s:3128', noProxy: 'internal' }
    ],
    [
      'lower case wins, as curl reads them',
      { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:1', no_proxy: 'a', NO_PROXY: 'b' },
      { httpProxy: 'http://lower:1', noProxy: 'a' }
    ],
    [
      'an empty variable is unset',
      { https_proxy: '', HTTPS_PROXY: 'http://s:1' },
      { httpsProxy: 'http://s:1' }
    ]
  ])('%s', (_, env, expected) => {
    expect(proxyFromEnvironment(env)).toEqual(expected)
  })
})

describe('the network settings of a run, decided once', () => {
  it('holds the proxy of the environment, the user agent and the 180 s deadline', () => {
    expect(networkFromEnvironment({ https_proxy: 'http://p:3128', NO_PROXY: 'internal' })).toEqual({
      proxy: { httpsProxy: 'http://p:3128', noProxy: 'internal' },
      userAgent: 'rocketchat-notify',
      deadlineMs: 180_000
    })
  })

  it('refuses a proxy variable that is not a URL, naming it and not its value', () => {
    expect(() => networkFromEnvironment({ HTTPS_PROXY: 'http://u:Pa55@[bad' })).toThrow(
      /^https_proxy \(or HTTPS_PROXY\) is not an http:\/\/ or https:\/\/ URL/
    )
  })
})

describe('credentials in URLs of the environment, masked before anything can print them', () => {
  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    ['none', { HTTPS_PROXY: 'http://proxy:3128', GITHUB_API_URL: 'https://api.github.com' }, []],
    [
      'a proxy password, as written, decoded, and with its user',
      { https_proxy: 'http://me:p%40ss@proxy:3128' },
      ['p%40ss', 'p@ss', 'me:p%40ss', 'me:p@ss']
    ],
    [
      'a password in GITHUB_API_URL',
      { GITHUB_API_URL: 'http://api-user:Api-Pa55@ghes.example/api/v3' },
      ['Api-Pa55', 'api-user:Api-Pa55']
    ],
    ['a token standing alone as the user', { HTTP_PROXY: 'http://tok3n@proxy:1' }, ['tok3n']],
    [
      'a proxy written without a scheme',
      { http_proxy: 'me:secret@proxy:3128' },
      ['secret', 'me:secret']
    ],
    ['an unescaped @ in the password', { ALL_PROXY: 'http://me:a@b@proxy:1' }, ['a@b', 'me:a@b']]
  ])('%s', (_, env, expected) => {
    expect(credentialsInEnvironment(env).sort()).toEqual(expected.sort())
  })
})

describe('the CAs trusted with ca-cert', () => {
  const extraFile = () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ca-')), 'extra.pem')
    writeFileSync(file, 'EXTRA PEM')
    return file
  }

  it.each<[string, () => NodeJS.ProcessEnv, string]>([
    ['the given CA alone', () => ({}), 'GIVEN PEM'],
    [
      "the runner's NODE_EXTRA_CA_CERTS kept beside it",
      () => ({ NODE_EXTRA_CA_CERTS: extraFile() }),
      'GIVEN PEM\nEXTRA PEM'
    ],
    [
      'an unreadable NODE_EXTRA_CA_CERTS ignored, as Node does',
      () => ({ NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' }),
      'GIVEN PEM'
    ]
  ])('%s', (_, env, expected) => {
    expect(withExtraCaCerts('GIVEN PEM', env())).toBe(expected)
  })
})
