import { execFileSync, spawnSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  changelogSection,
  parseTag,
  releasePlan,
  releaseProblems,
  unreleasedEntries
} from '../scripts/release.mjs'

/** What a release does: scripts/release.mjs's decisions, and release.yml running them. */

const changelog = (unreleased: string, sections: string): string =>
  `# Changelog\n\nIntro.\n\n## [Unreleased]\n${unreleased}\n${sections}\n` +
  '[Unreleased]: https://example.com/compare/v1.1.0...HEAD\n' +
  '[1.1.0]: https://example.com/releases/tag/v1.1.0\n'
const RELEASED =
  '## [1.1.0] - 2027-01-05\n\n### Added\n\n- Buttons.\n\n## [1.0.0] - 2026-12-02\n\n- First.\n'

describe('parseTag', () => {
  it.each([
    ['v1.2.3', [1, 2, 3]],
    ['v0.0.0', [0, 0, 0]],
    ['v10.20.30', [10, 20, 30]],
    ['v1', undefined],
    ['v1.2', undefined],
    ['1.2.3', undefined],
    ['v1.2.3-rc.1', undefined],
    ['v01.2.3', undefined],
    ['v1.2.3\n', undefined]
  ])('%j is %j', (tag, version) => {
    expect(parseTag(tag)).toEqual(version)
  })
})

describe('releasePlan: the major tag never goes back', () => {
  it.each([
    ['the first release', 'v1.0.0', ['v1.0.0'], { moveMajor: true, latest: true }],
    ['a newer minor', 'v1.1.0', ['v1', 'v1.0.0', 'v1.1.0'], { moveMajor: true, latest: true }],
    [
      'a backport v1.0.1 after v1.1.0',
      'v1.0.1',
      ['v1', 'v1.0.0', 'v1.1.0', 'v1.0.1'],
      { moveMajor: false, latest: false }
    ],
    [
      'v1.9.0 beside v1.10.0 (numbers, not text)',
      'v1.9.0',
      ['v1.10.0'],
      { moveMajor: false, latest: false }
    ],
    [
      'a fix of v1 after v2 is out',
      'v1.2.1',
      ['v1.2.0', 'v2.0.0', 'v1.2.1'],
      { moveMajor: true, latest: false }
    ],
    ['a new major', 'v2.0.0', ['v1.5.0', 'v2.0.0'], { moveMajor: true, latest: true }],
    [
      'tags that are no release are ignored',
      'v1.0.0',
      ['v1', 'v9', 'v2.0.0-rc.1', 'latest'],
      { moveMajor: true, latest: true }
    ]
  ])('%s', (_, tag, tags, expected) => {
    expect(releasePlan(tag, tags)).toEqual({
      major: `v${tag.split('.')[0]?.slice(1)}`,
      ...expected
    })
  })

  it('refuses a tag that is no release', () => {
    expect(() => releasePlan('v1.2', ['v1.2'])).toThrow('v1.2 is not a release tag vX.Y.Z')
  })
})

describe('CHANGELOG.md', () => {
  it("changelogSection: the version's notes, without heading, next section or links", () => {
    expect(changelogSection(changelog('', RELEASED), '1.1.0')).toBe('### Added\n\n- Buttons.')
    expect(changelogSection(changelog('', RELEASED), '1.0.0')).toBe('- First.')
    expect(changelogSection(changelog('', RELEASED), '1.0')).toBeUndefined()
  })

  it.each([
    ['nothing', '', []],
    ['empty subsection headings', '\n### Added\n\n### Fixed\n', []],
    [
      'an entry',
      '\n### Fixed\n\n- A bug.\n  Its second line.\n',
      ['- A bug.', '  Its second line.']
    ]
  ])('unreleasedEntries with %s', (_, unreleased, entries) => {
    expect(unreleasedEntries(changelog(unreleased, RELEASED))).toEqual(entries)
  })
})

describe('releaseProblems: a tag is accepted only when everything agrees', () => {
  const good = {
    tag: 'v1.1.0',
    packageVersion: '1.1.0',
    lockVersion: '1.1.0',
    changelog: changelog('', RELEASED),
    onMain: true
  }

  it.each([
    ['everything agrees', {}, []],
    ['a tag that is no release', { tag: 'v1.1' }, ['v1.1 is not a release tag vX.Y.Z']],
    [
      'package.json behind',
      { packageVersion: '1.0.0' },
      ['tag v1.1.0 but package.json says 1.0.0']
    ],
    [
      'package-lock.json behind',
      { lockVersion: '1.0.0' },
      ['tag v1.1.0 but package-lock.json says 1.0.0']
    ],
    [
      'no section for the version',
      { tag: 'v1.2.0', packageVersion: '1.2.0', lockVersion: '1.2.0' },
      ["CHANGELOG.md has no '## [1.2.0] - YYYY-MM-DD' section"]
    ],
    [
      'a section without its date',
      { changelog: changelog('', RELEASED.replace('2027-01-05', 'TBD')) },
      ["CHANGELOG.md's heading '## [1.1.0] - TBD' has no YYYY-MM-DD date"]
    ],
    [
      'an empty section',
      {
        changelog: changelog('', '## [1.1.0] - 2027-01-05\n\n## [1.0.0] - 2026-12-02\n\n- First.\n')
      },
      ["CHANGELOG.md's section for 1.1.0 is empty"]
    ],
    [
      'entries left under [Unreleased]',
      { changelog: changelog('\n### Fixed\n\n- A bug.\n- Another.\n', RELEASED) },
      ['CHANGELOG.md has 2 line(s) under [Unreleased]: move them under [1.1.0]']
    ],
    ['a commit that is not on main', { onMain: false }, ['the tagged commit is not on main']]
  ])('%s', (_, change, problems) => {
    expect(releaseProblems({ ...good, ...change })).toEqual(problems)
  })
})

describe("this repository's CHANGELOG.md", () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }

  it("has a section with notes for package.json's version", () => {
    expect(changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version)).toMatch(/^### /)
  })
})

/**
 * release.yml's run steps, run as the runner runs them, in a scratch repository with real git
 * and a `gh` that writes down what it was asked: what a tag pushed there publishes and moves.
 */
// Each test builds a repository and runs the workflow's steps in bash: a minute on a busy 2-core
// machine is not a hang.
describe('release.yml, on a pushed tag', { timeout: 120_000 }, () => {
  type Step = { id?: string; name?: string; run?: string; env?: Record<string, string> }
  const workflow = parseYaml(readFileSync('.github/workflows/release.yml', 'utf8')) as {
    jobs: Record<string, { steps: Step[] }>
  }
  const steps = Object.values(workflow.jobs)
    .flatMap(job => job.steps)
    .filter(step => step.run?.includes('release.mjs') || step.run?.includes('gh '))

  function scratchRepository() {
    const dir = mkdtempSync(join(tmpdir(), 'release-'))
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          GIT_AUTHOR_NAME: 'a',
          GIT_AUTHOR_EMAIL: 'a@example.com',
          GIT_COMMITTER_NAME: 'a',
          GIT_COMMITTER_EMAIL: 'a@example.com'
        }
      }).trim()
    git('init', '-q', '-b', 'main')
    mkdirSync(join(dir, 'scripts'))
    copyFileSync('scripts/release.mjs', join(dir, 'scripts/release.mjs'))
    /** Commits a release of `version` whose CHANGELOG.md holds `sections`, and tags it. */
    const release = (version: string, sections: string, unreleased = '') => {
      const json = JSON.stringify({ name: 'x', version })
      writeFileSync(join(dir, 'package.json'), json)
      writeFileSync(join(dir, 'package-lock.json'), json)
      writeFileSync(join(dir, 'CHANGELOG.md'), changelog(unreleased, sections))
      git('add', '-A')
      git('commit', '-qm', version)
      git('tag', `v${version}`)
    }
    return { dir, git, release }
  }

  /** Runs the steps for `tag` checked out, as the runner would; returns gh's calls and the log. */
  function push(dir: string, git: (...args: string[]) => string, tag: string) {
    git('checkout', '-q', tag)
    git('update-ref', 'refs/remotes/origin/main', 'main')
    const temp = mkdtempSync(join(tmpdir(), 'runner-'))
    const ghLog = join(temp, 'gh.log')
    mkdirSync(join(temp, 'bin'))
    writeFileSync(join(temp, 'bin/gh'), `#!/bin/sh\necho "gh $*" >> "${ghLog}"\n`)
    chmodSync(join(temp, 'bin/gh'), 0o755)
    writeFileSync(ghLog, '')
    const outputs: Record<string, string> = {}
    const sha = git('rev-parse', 'HEAD')
    let log = ''
    for (const step of steps) {
      const output = join(temp, 'output')
      writeFileSync(output, '')
      const env: Record<string, string> = {
        PATH: `${join(temp, 'bin')}:${process.env.PATH ?? ''}`,
        GITHUB_REPOSITORY: 'octo-org/rocketchat-notify',
        GITHUB_SHA: sha,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: temp
      }
      for (const [name, value] of Object.entries(step.env ?? {})) {
        env[name] = value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
          if (expression === 'github.ref_name') return tag
          if (expression === 'github.token') return 'ghs_token'
          const [, name = ''] = /^steps\.plan\.outputs\.([\w-]+)$/.exec(expression) ?? []
          return outputs[name] ?? expect.fail(`no value for ${expression}`)
        })
      }
      const run = spawnSync('bash', ['-eo', 'pipefail', '-c', step.run ?? ''], {
        cwd: dir,
        env,
        encoding: 'utf8'
      })
      log += run.stdout + run.stderr
      if (run.status !== 0) return { gh: readFileSync(ghLog, 'utf8'), log, failed: step.name }
      for (const line of readFileSync(output, 'utf8').split('\n')) {
        const [name = '', ...value] = line.split('=')
        if (step.id === 'plan' && name) outputs[name] = value.join('=')
      }
    }
    return { gh: readFileSync(ghLog, 'utf8'), log, failed: undefined }
  }

  it('publishes the newest release as latest, with its notes, and moves the major tag to it', () => {
    const { dir, git, release } = scratchRepository()
    release('1.0.0', '## [1.0.0] - 2026-12-02\n\n- First.\n')
    release('1.1.0', RELEASED)

    const { gh, log, failed } = push(dir, git, 'v1.1.0')

    expect(failed, log).toBeUndefined()
    expect(gh).toContain('gh release create v1.1.0 --repo octo-org/rocketchat-notify')
    expect(gh).toContain('--latest=true')
    expect(gh).toContain(`refs/tags/v1 -f sha=${git('rev-parse', 'v1.1.0')}`)
  })

  it('a backport v1.0.1 tagged after v1.1.0 is published, not as latest, and leaves v1 alone', () => {
    const { dir, git, release } = scratchRepository()
    release('1.0.0', '## [1.0.0] - 2026-12-02\n\n- First.\n')
    release('1.1.0', RELEASED)
    // The fix is made on v1.0.0 and its branch merged into main, so the tagged commit is on main.
    git('checkout', '-q', '-b', 'v1.0.x', 'v1.0.0')
    release('1.0.1', '## [1.0.1] - 2027-01-09\n\n- A fix.\n\n## [1.0.0] - 2026-12-02\n\n- First.\n')
    git('checkout', '-q', 'main')
    git('merge', '-q', '-s', 'ours', '-m', 'Merge v1.0.x', 'v1.0.x')

    const { gh, log, failed } = push(dir, git, 'v1.0.1')

    expect(failed, log).toBeUndefined()
    expect(gh).toContain('gh release create v1.0.1')
    expect(gh).toContain('--latest=false')
    expect(gh).not.toContain('refs/tags/v1')
    expect(log).toContain('v1 stays where it is: a newer v1.* release exists than v1.0.1')
  })

  it.each([
    [
      'entries left under [Unreleased]',
      (r: ReturnType<typeof scratchRepository>) => {
        r.release('1.0.0', '## [1.0.0] - 2026-12-02\n\n- First.\n', '\n- Not yet moved.\n')
      },
      'CHANGELOG.md has 1 line(s) under [Unreleased]: move them under [1.0.0]'
    ],
    [
      'a commit off main',
      (r: ReturnType<typeof scratchRepository>) => {
        r.git('commit', '-q', '--allow-empty', '-m', 'main')
        r.git('checkout', '-q', '-b', 'elsewhere')
        r.release('1.0.0', '## [1.0.0] - 2026-12-02\n\n- First.\n')
        r.git('checkout', '-q', 'main')
      },
      'the tagged commit is not on main'
    ]
  ])('refuses %s before anything is published', (_, prepare, error) => {
    const repository = scratchRepository()
    prepare(repository)

    const { gh, log, failed } = push(repository.dir, repository.git, 'v1.0.0')

    expect(failed).toBe("The tag is package.json's version, released in CHANGELOG.md, on main")
    expect(log).toContain(`::error::${error}`)
    expect(gh).toBe('')
  })
})
