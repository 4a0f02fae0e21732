import { describe, expect, it } from 'vitest'
import { secretKind, secretWarning } from '../src/action/secrets.js'

const visible = ['rockets://bot:****@chat.example.com/#general-alerts']

describe('secretKind: which secrets can be masked without hiding ordinary text', () => {
  it.each([
    ['a', 'short'],
    ['a1/', 'short'],
    ['x9-Q', 'whole'],
    ['abcd', 'common'],
    ['general', 'common'],
    ['PASSWORD', 'common'],
    ['Sécurité', 'common'],
    ['delivered', 'common'],
    ['rate-limit', 'common'],
    ['alerts', 'common'],
    ['chat.example', 'common'],
    ['Sup3r-Secret-pw', 'whole'],
    ['pa55/w0rd-Long', 'whole'],
    ['correcthorsebattery', 'whole']
  ])('%s is %s', (secret, kind) => {
    expect(secretKind(secret, visible)).toBe(kind)
  })
})

describe('secretWarning: says why, never the secret', () => {
  it('warns of a short and of a common secret, and of nothing else', () => {
    expect(secretWarning('short', 'the password')).toMatch(
      /^the password has fewer than 4 characters, too short to mask safely/
    )
    expect(secretWarning('common', 'the password')).toMatch(
      /^the password is a common word, too common to mask safely/
    )
    expect(secretWarning('whole', 'the password')).toBeUndefined()
  })
})
