// The release workflow's decisions (.github/workflows/release.yml), kept here so that they are
// tested (test/release.test.ts) rather than written as shell in YAML:
//
//   node scripts/release.mjs check vX.Y.Z   refuses a tag that is not package.json's version, has
//                                           no CHANGELOG.md section, leaves entries under
//                                           [Unreleased], or is not on main (RELEASE_BRANCH,
//                                           default origin/main); one ::error:: line per problem.
//   node scripts/release.mjs notes vX.Y.Z   prints the version's CHANGELOG.md section.
//   node scripts/release.mjs plan vX.Y.Z    prints `major=`, `move-major=` and `latest=` lines
//                                           for $GITHUB_OUTPUT, from the repository's tags.
//
// The functions are pure; only the command at the end reads files and runs git.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** `v1.2.3` as numbers; undefined for anything else (`v1.2`, `1.2.3`, `v1.2.3-rc.1`, `v01.2.3`). */
export function parseTag(tag) {
  const match = TAG.exec(tag)
  return match ? match.slice(1, 4).map(Number) : undefined
}

/** Negative, zero or positive as release tag `a` is older than, the same as or newer than `b`. */
export function compareTags(a, b) {
  const [x = [], y = []] = [parseTag(a), parseTag(b)]
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? -1) - (y[i] ?? -1)
  return 0
}

/**
 * What publishing `tag` does to the tags users follow, given every tag of the repository (the
 * new one included): the major tag (`v1`) moves only when no `v1.*` release is newer, so a
 * backport v1.0.1 tagged after v1.1.0 leaves v1 at v1.1.0; the release is marked latest only
 * when no release at all is newer.
 */
export function releasePlan(tag, tags) {
  const version = parseTag(tag)
  if (!version) throw new Error(`${tag} is not a release tag vX.Y.Z`)
  const releases = tags.filter(other => parseTag(other))
  const newer = releases.filter(other => compareTags(other, tag) > 0)
  return {
    major: `v${version[0]}`,
    moveMajor: !newer.some(other => parseTag(other)?.[0] === version[0]),
    latest: newer.length === 0
  }
}

/** The lines of each `## ` section of a Keep a Changelog file, by heading, up to the link list. */
function sections(changelog) {
  const found = new Map()
  let current
  for (const line of changelog.split(/\r?\n/)) {
    if (line.startsWith('## ')) found.set((current = line), [])
    else if (/^\[[^\]]+\]: /.test(line)) current = undefined
    else if (current) found.get(current).push(line)
  }
  return found
}

/** The notes of `## [version] - YYYY-MM-DD`, without heading or blank edges; undefined if none. */
export function changelogSection(changelog, version) {
  for (const [heading, lines] of sections(changelog)) {
    if (heading.startsWith(`## [${version}] - `)) return lines.join('\n').trim()
  }
  return undefined
}

/** The entries still under `## [Unreleased]`: every line but blanks and empty `###` headings. */
export function unreleasedEntries(changelog) {
  const lines = sections(changelog).get('## [Unreleased]') ?? []
  return lines.filter(line => line.trim() !== '' && !line.startsWith('### '))
}

/** Why `tag` may not be released; empty when it may. */
export function releaseProblems({ tag, packageVersion, lockVersion, changelog, onMain }) {
  if (!parseTag(tag)) return [`${tag} is not a release tag vX.Y.Z`]
  const version = tag.slice(1)
  const problems = []
  if (packageVersion !== version) {
    problems.push(`tag ${tag} but package.json says ${packageVersion}`)
  }
  if (lockVersion !== version) {
    problems.push(`tag ${tag} but package-lock.json says ${lockVersion}`)
  }
  const heading = [...sections(changelog).keys()].find(h => h.startsWith(`## [${version}] - `))
  const notes = changelogSection(changelog, version)
  if (heading === undefined) {
    problems.push(`CHANGELOG.md has no '## [${version}] - YYYY-MM-DD' section`)
  } else if (!/ - \d{4}-\d{2}-\d{2}$/.test(heading)) {
    problems.push(`CHANGELOG.md's heading '${heading}' has no YYYY-MM-DD date`)
  } else if (notes === '') {
    problems.push(`CHANGELOG.md's section for ${version} is empty`)
  }
  const pending = unreleasedEntries(changelog)
  if (pending.length > 0) {
    problems.push(
      `CHANGELOG.md has ${pending.length} line(s) under [Unreleased]: move them under [${version}]`
    )
  }
  if (!onMain) problems.push(`the tagged commit is not on main`)
  return problems
}

function git(...args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

function onBranch(branch) {
  try {
    git('merge-base', '--is-ancestor', 'HEAD', branch)
    return true
  } catch {
    return false
  }
}

function main([command, tag = '']) {
  const changelog = readFileSync('CHANGELOG.md', 'utf8')
  if (command === 'check') {
    const problems = releaseProblems({
      tag,
      packageVersion: JSON.parse(readFileSync('package.json', 'utf8')).version,
      lockVersion: JSON.parse(readFileSync('package-lock.json', 'utf8')).version,
      changelog,
      onMain: onBranch(process.env.RELEASE_BRANCH || 'origin/main')
    })
    for (const problem of problems) console.log(`::error::${problem}`)
    if (problems.length === 0) console.log(`${tag} may be released`)
    return problems.length === 0 ? 0 : 1
  }
  if (command === 'notes') {
    console.log(changelogSection(changelog, tag.slice(1)) ?? '')
    return 0
  }
  if (command === 'plan') {
    const plan = releasePlan(tag, git('tag', '--list', 'v*').split('\n'))
    console.log(`major=${plan.major}\nmove-major=${plan.moveMajor}\nlatest=${plan.latest}`)
    return 0
  }
  console.error('usage: node scripts/release.mjs check|notes|plan vX.Y.Z')
  return 2
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2))
}
