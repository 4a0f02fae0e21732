import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { readRunnerContext } from '../src/action/runner-context.js'
import { resolveAuthors } from '../src/action/user-map.js'
import type { GithubContext } from '../src/template/workflow-context.js'

/**
 * src/action/user-map.ts: `mention: author` names the run's GitHub people by the Rocket.Chat
 * usernames `user-map` gives them; an unmapped login is never mentioned, and a notice or warning
 * says why, while the alert still goes.
 */

let log: string[]

beforeEach(() => {
  log = []
  vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    log.push(String(chunk))
    return true
  })
})

const stdout = () => log.join('')

/** Each use of the YAML parser: JSON is read without it, and a run without a user-map loads it not. */
const yamlReads = vi.hoisted(() => ({ count: 0 }))
vi.mock('yaml', async original => {
  const real = await original<typeof import('yaml')>()
  return {
    ...real,
    parse: (...args: Parameters<typeof real.parse>): unknown => {
      yamlReads.count++
      return real.parse(...args) as unknown
    }
  }
})
beforeEach(() => {
  yamlReads.count = 0
})

/** The `github` context of a run by `actor` on `event`, as the runner gives it. */
function github(event: unknown = {}, actor = 'octocat'): GithubContext {
  const dir = mkdtempSync(join(tmpdir(), 'user-map-'))
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event))
  return readRunnerContext({
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_ACTOR: actor,
    GITHUB_EVENT_PATH: join(dir, 'event.json')
  }).github
}

const push = { head_commit: { author: { username: 'hubot' } } }

describe('author in mention', () => {
  it('stands for the mapped actor and commit author, in that order, each once, beside the other names', async () => {
    const mention = await resolveAuthors(
      ['@devops', 'author', 'jdoe', '@devops'],
      'octocat: jdoe\nhubot: hbot\n',
      github(push)
    )

    expect(mention).toEqual(['@devops', 'jdoe', 'hbot'])
    expect(stdout()).toBe('')
  })

  it.each(['author', '@author', 'Author', '@AUTHOR'])('is written %s', async written => {
    expect(await resolveAuthors([written], 'octocat: jdoe', github())).toEqual(['jdoe'])
  })

  it.each(['authors', 'co-author', 'author2', '@author@example'])(
    'is not %s, which is a name like any other',
    async name => {
      expect(await resolveAuthors([name], 'octocat: jdoe', github())).toEqual([name])
    }
  )

  it('maps logins whatever their case', async () => {
    expect(await resolveAuthors(['author'], 'OctoCat: jdoe', github({}, 'octoCAT'))).toEqual([
      'jdoe'
    ])
  })

  it('mentions no unmapped login, and a notice names the logins it could not map', async () => {
    const mention = await resolveAuthors(['author', '@devops'], '{"someone": "else"}', github(push))

    expect(mention).toEqual(['@devops'])
    expect(stdout()).toBe(
      '::notice::mention: author: user-map maps none of octocat, hubot; no author is mentioned. ' +
        'Add them to user-map as `login: rocketchat-username`.\n'
    )
  })

  it('says the event names no login when there is none to map', async () => {
    const mention = await resolveAuthors(['author'], 'octocat: jdoe', github({}, ''))

    expect(mention).toEqual([])
    expect(stdout()).toBe(
      '::notice::mention: author: the event names no GitHub login; no author is mentioned.\n'
    )
  })

  it('gives no notice when one of the people is mapped', async () => {
    expect(await resolveAuthors(['author'], 'hubot: hbot', github(push))).toEqual(['hbot'])
    expect(stdout()).toBe('')
  })
})

describe('without author in mention', () => {
  it('leaves the mentions as they are, reading no user-map', async () => {
    const mention = ['@devops', '@devops']
    expect(await resolveAuthors(mention, '', github(push))).toBe(mention)
    expect(await resolveAuthors(mention, '  \n', github(push))).toBe(mention)
    expect(stdout()).toBe('')
  })

  it('still reads a user-map it is given, and says what is wrong with it', async () => {
    expect(await resolveAuthors(['@devops'], 'octocat: [alice', github())).toEqual(['@devops'])
    expect(stdout()).toMatch(/^::warning::user-map is neither YAML nor JSON \(.+\); no author/)
  })
})

describe('the user-map text', () => {
  it.each([
    ['YAML', 'octocat: jdoe'],
    ['YAML with quotes and an @', 'octocat: "@jdoe"'],
    ['YAML flow style, which starts like JSON', '{octocat: jdoe}'],
    ['JSON', '{"octocat": "jdoe"}'],
    ['JSON after blank lines', '\n  {"octocat": "jdoe"}']
  ])('is read as %s', async (_, text) => {
    expect(await resolveAuthors(['author'], text, github())).toEqual(['jdoe'])
    expect(stdout()).toBe('')
  })

  it.each([
    ['JSON', '{"octocat": "jdoe"}', 0],
    ['JSON after blank lines', '\n  {"octocat": "jdoe"}', 0],
    ['YAML flow style', '{octocat: jdoe}', 1],
    ['YAML', 'octocat: jdoe', 1]
  ])('as %s is read with the YAML parser only if it is not JSON', async (_, text, reads) => {
    expect(await resolveAuthors(['author'], text, github())).toEqual(['jdoe'])
    expect(yamlReads.count).toBe(reads)
  })

  it('blank, with author asked for, maps no one without reading it', async () => {
    expect(await resolveAuthors(['author'], ' \n ', github())).toEqual([])
    expect(yamlReads.count).toBe(0)
  })

  it('that cannot be read mentions no author, in a warning, and keeps the other names', async () => {
    const mention = await resolveAuthors(['author', '@devops'], 'octocat: [unclosed', github(push))

    expect(mention).toEqual(['@devops'])
    expect(stdout()).toMatch(
      /^::warning::user-map is neither YAML nor JSON \(.+\); no author is mentioned\n::notice::/
    )
  })

  it('that is not a map of logins says so, in a warning', async () => {
    expect(await resolveAuthors(['author'], '- octocat\n- hubot', github(push))).toEqual([])
    expect(stdout()).toMatch(
      /^::warning::user-map must map GitHub logins to Rocket.Chat usernames: login: username; no author is mentioned\n/
    )
  })

  it('warns of each entry it leaves out, and maps the rest', async () => {
    const mention = await resolveAuthors(
      ['author'],
      'octocat: all\nhubot: hbot\nHubot: hbot2\n',
      github(push)
    )

    expect(mention).toEqual(['hbot2'])
    expect(stdout()).toContain(
      '::warning::user-map: "octocat" maps to @all, which would notify the whole room; it is left out\n'
    )
    expect(stdout()).toContain('::warning::user-map: Hubot is mapped twice; the last one counts\n')
  })

  it('is read up to its last whole line within 256 KiB, with a warning that gives its size', async () => {
    const text = `octocat: jdoe\n# ${'x'.repeat(300 * 1024)}\nhubot: hbot\n`
    const kib = Math.ceil(Buffer.byteLength(text) / 1024)

    // hubot's line is past the limit: only the actor is mentioned.
    expect(await resolveAuthors(['author'], text, github(push))).toEqual(['jdoe'])
    expect(stdout()).toBe(`::warning::user-map is ${kib} KiB; only its first 256 KiB are read\n`)
  })

  it('is read whole at exactly 256 KiB, with no warning', async () => {
    const head = 'octocat: jdoe\nhubot: hbot\n# '
    const text = head + 'x'.repeat(256 * 1024 - head.length)

    expect(Buffer.byteLength(text)).toBe(256 * 1024)
    expect(await resolveAuthors(['author'], text, github(push))).toEqual(['jdoe', 'hbot'])
    expect(stdout()).toBe('')
  })

  it('cut at its limit keeps no part of the line it cuts, which would map a login wrongly', async () => {
    const [start, end] = ['octocat: jdoe\n# ', '\nhubot: hb']
    const head = start + 'x'.repeat(256 * 1024 - start.length - end.length) + end
    const text = `${head}otlong\n`

    expect(Buffer.byteLength(head)).toBe(256 * 1024)
    expect(await resolveAuthors(['author'], text, github(push))).toEqual(['jdoe'])
  })
})
