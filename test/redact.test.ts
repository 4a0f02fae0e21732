import { describe, expect, it } from 'vitest'
import { redact } from '../src/shared/redact.js'

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    expect(redact('token abc, again abc; pass xyz', ['abc', 'xyz'])).toBe(
      'token ****, again ****; pass ****'
    )
  })

  it('replaces the longest secret first, so no fragment of it survives', () => {
    // The password contains the token: replacing the token first would leave "hunter" and "99".
    expect(redact('login hunter2abc99', ['2abc', 'hunter2abc99'])).toBe('login ****')
  })

  it('ignores an empty secret instead of starring every gap', () => {
    expect(redact('nothing to hide', [''])).toBe('nothing to hide')
  })
})
