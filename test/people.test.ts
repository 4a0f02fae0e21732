import { describe, expect, it } from 'vitest'
import type { GithubContext } from '../src/template/workflow-context.js'
import { authorLogins, mappedAuthors, toUserMap, UserMapError } from '../src/github/people.js'
import { growthRatio, itGrows, MAX_TWENTYFOLD_GROWTH } from './support/growth.js'

function github(overrides: Partial<GithubContext>): GithubContext {
  return { actor: '', triggering_actor: '', event: {}, ...overrides } as GithubContext
}

describe('user-map', () => {
  it('maps GitHub logins, in any case, to Rocket.Chat usernames, with or without @', () => {
    const { users, warnings } = toUserMap({ OctoCat: 'alice', 'dependabot[bot]': '@ci.bot' })

    expect([...users]).toEqual([
      ['octocat', 'alice'],
      ['dependabot[bot]', 'ci.bot']
    ])
    expect(warnings).toEqual([])
  })

  it('is empty when not given', () => {
    expect(toUserMap(null).users.size).toBe(0)
  })

  it('refuses a list: there is nothing to map', () => {
    expect(() => toUserMap(['octocat'])).toThrow(UserMapError)
  })

  it.each([
    ['all', 'would notify the whole room'],
    ['@here', 'would notify the whole room'],
    ['Channel', 'would notify the whole room'],
    ['@ALL', 'would notify the whole room'],
    ['alice smith', 'does not map to a Rocket.Chat username'],
    ['', 'does not map to a Rocket.Chat username'],
    ['al!ce', 'does not map to a Rocket.Chat username']
  ])('leaves out a login mapped to %j, with a warning naming it', (target, problem) => {
    const { users, warnings } = toUserMap({ octocat: target, hubot: 'bob' })

    expect([...users]).toEqual([['hubot', 'bob']])
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('"octocat"')
    expect(warnings[0]).toContain(problem)
  })

  it.each([
    ['a nested value', { octocat: { name: 'alice' } }, '"octocat"'],
    ['a key that is not a login', { 'octo cat': 'alice' }, '"octo cat"']
  ])('leaves out %s, with a warning naming it', (_, parsed, named) => {
    const { users, warnings } = toUserMap(parsed)
    expect(users.size).toBe(0)
    expect(warnings).toEqual([expect.stringContaining(named)])
  })

  it('says when a login is mapped twice, in two cases', () => {
    const { users, warnings } = toUserMap({ octocat: 'alice', OctoCat: 'bob' })
    expect(users.get('octocat')).toBe('bob')
    expect(warnings).toEqual([expect.stringContaining('OctoCat is mapped twice')])
  })

  itGrows('reads 60,000 entries in work linear in their number (growth, not wall time)', () => {
    const entries = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`user${String(i)}`, `rc${String(i)}`])
      )
    const [small, large] = [entries(3000), entries(60_000)]
    // Linear: about 20x; a quadratic search for repeated logins would be 400x (counted: the
    // login checks, test/support/growth.ts).
    const ratio = growthRatio(
      () => toUserMap(small),
      () => toUserMap(large)
    )
    expect(ratio).toBeLessThan(MAX_TWENTYFOLD_GROWTH)
    expect(toUserMap(large).users.size).toBe(60_000)
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

    expect(mappedAuthors(run, toUserMap({ monalisa: 'mona' }).users)).toEqual(['mona'])
    expect(mappedAuthors(run, toUserMap({ someone: 'carol' }).users)).toEqual([])
    // Two logins of one person are one mention.
    expect(mappedAuthors(run, toUserMap({ octocat: 'mona', monalisa: 'mona' }).users)).toEqual([
      'mona'
    ])
  })
})
