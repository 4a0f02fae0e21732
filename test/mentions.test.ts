import { describe, expect, it } from 'vitest'
import { defuseMentions, defuseWithin } from '../src/template/mentions.js'

describe('defuseMentions', () => {
  it.each<[string, string]>([
    ['@all hi', '@\u200Ball hi'],
    ['ping @Here now', 'ping @\u200BHere now'],
    ['@channel.', '@\u200Bchannel.'],
    ['@alice', '@alice'],
    ['@allison', '@allison'],
    ['@\u200Ball', '@\u200Ball']
  ])('%j becomes %j', (text, expected) => {
    expect(defuseMentions(text)).toBe(expected)
  })
})

describe('defuseWithin', () => {
  it.each<[string, string, [number, number][], string]>([
    ['an inserted @all', 'x @all', [[2, 6]], 'x @\u200Ball'],
    ["the author's own @all", '@all x', [[5, 6]], '@all x'],
    ['a mention an inserted value completes', '@all', [[1, 4]], '@\u200Ball'],
    ['nothing inserted', '@here', [], '@here']
  ])('%s', (_, text, inserted, expected) => {
    expect(defuseWithin(text, inserted)).toBe(expected)
  })
})
