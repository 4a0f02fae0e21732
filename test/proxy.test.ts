import { describe, expect, it } from 'vitest'
import { proxyFromEnvironment } from '../src/action/proxy.js'

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
