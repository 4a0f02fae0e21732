import { describe, expect, it } from 'vitest'
import type { GithubContext } from '../src/template/context.js'
import { authorLogins, mappedAuthors, toUserMap, UserMapError } from '../src/github/people.js'

function github(overrides: Partial<GithubContext>): GithubContext {
  return { actor: '', triggering_actor: '', event: {}, ...overrides } as GithubContext
}

describe('user-map', () => {
  it('maps GitHub logins, in any case, to Rocket.Chat usernames, with or without @', () => {
    const map = toUserMap({ OctoCat: 'alice', 'dependabot[bot]': '@ci.bot' })

    expect([...map]).toEqual([
      ['octocat', 'alice'],
      ['dependabot[bot]', 'ci.bot']
    ])
  })

  it('is empty when not given', () => {
    expect(toUserMap(null).size).toBe(0)
  })

  it.each([
    ['a list', ['octocat']],
    ['a value that is not a username', { octocat: 'alice smith' }],
    ['a nested value', { octocat: { name: 'alice' } }],
    ['a key that is not a login', { 'octo cat': 'alice' }]
  ])('refuses %s', (_, parsed) => {
    expect(() => toUserMap(parsed)).toThrow(UserMapError)
  })
})

describe('the authors of a run', () => {
  it('are the actor, the commit author and the PR author, each once', () => {
    const push = github({
      actor: 'octocat',
      triggering_actor: 'OctoCat',
      event: { head_commit: { author: { username: 'hubot' } } }
    })
    expect(authorLogins(push)).toEqual(['octocat', 'hubot'])

    const pr = github({
      actor: 'octocat',
      event: { pull_request: { user: { login: 'monalisa' } } }
    })
    expect(authorLogins(pr)).toEqual(['octocat', 'monalisa'])
  })

  it('ignore what is not a login: a commit author without a GitHub account has a name only', () => {
    const push = github({ actor: 'octocat', event: { head_commit: { author: { name: 'A B' } } } })
    expect(authorLogins(push)).toEqual(['octocat'])
  })

  it('are mentioned only when mapped: a GitHub login is not a Rocket.Chat username', () => {
    const run = github({
      actor: 'octocat',
      event: { pull_request: { user: { login: 'monalisa' } } }
    })

    expect(mappedAuthors(run, toUserMap({ monalisa: 'mona' }))).toEqual(['mona'])
    expect(mappedAuthors(run, toUserMap({ someone: 'carol' }))).toEqual([])
    // Two logins of one person are one mention.
    expect(mappedAuthors(run, toUserMap({ octocat: 'mona', monalisa: 'mona' }))).toEqual(['mona'])
  })
})
