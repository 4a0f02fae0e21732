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
    ['correcthorsebattery', 'whole'],
    ['abcdefghij', 'common'],
    ['abcdefghijk', 'whole'],
    ['RATE-LIMIT', 'common'],
    ['CHAT.Example', 'common'],
    ['x9-Q-general', 'whole'],
    // The action's words that are not letters only, or longer than 10 letters.
    ['destination', 'common'],
    ['unconfirmed', 'common'],
    ['invalid-target', 'common'],
    ['not-found', 'common'],
    ['too-large', 'common']
  ])('%s is %s', (secret, kind) => {
    expect(secretKind(secret, visible)).toBe(kind)
  })
})

describe('secretKind: every masked URL counts', () => {
  it('finds a secret in any of the masked URLs, not only in all of them', () => {
    const two = [
      'rockets://bot:****@chat.example.com/#general',
      'rocket://****@other.test/#ops-deploy-9'
    ]
    expect(secretKind('ops-deploy-9', two)).toBe('common')
  })
})

describe('secretWarning: says why, never the secret', () => {
  it('warns of a short and of a common secret, and of nothing else', () => {
    expect(secretWarning('short', 'the password')).toBe(
      'the password has fewer than 4 characters, too short to mask safely: masking it would hide ' +
        'those characters all over the log, so it is not masked. Use a long random secret.'
    )
    expect(secretWarning('common', 'the password')).toBe(
      'the password is a common word, too common to mask safely: the runner hides it wherever it ' +
        "appears in the log (room names, ids, words), while the action's outputs keep their values. " +
        'Use a long random secret.'
    )
    expect(secretWarning('whole', 'the password')).toBeUndefined()
  })
})
