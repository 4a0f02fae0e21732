/**
 * vitest globalSetup: the bundle tests run `node dist/index.js`, so before they start dist/ is
 * made what the source on disk builds. A hash of the build's inputs and of dist/ itself is kept in
 * node_modules/.cache: when neither changed since the last build, nothing is built; otherwise
 * `npm run build` runs once (the command CI checks dist/ with, so the same files), and a build
 * that fails stops the run naming the stale dist/. A run of source-level tests only builds nothing.
 */

import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

/**
 * What `npm run build` reads: the source, its compiler settings, the packages, the licence and
 * ASCII steps.
 */
const BUILD_INPUTS = [
  'src',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'scripts/licenses.mjs',
  'scripts/ascii-dist.mjs'
]
const CACHE_DIR = 'node_modules/.cache/rocketchat-notify'
const STAMP = join(CACHE_DIR, 'dist-build.json')
/** Held while one vitest process builds, so that two runs side by side do not write dist/ at once. */
const LOCK = join(CACHE_DIR, 'dist-build.lock')
/** Longer than any build on a busy 2-core machine (about a minute); a lock older is abandoned. */
const LOCK_WAIT_MS = 5 * 60_000
/** How a test file shows that it runs or reads the bundle (`runVia` runs it when told to). */
const RUNS_THE_BUNDLE = /\bdist\/|\brun(?:Action|Via)\(|\bBUNDLE\b/

interface Stamp {
  inputs: string
  dist: string
}

export default async function setup(project: TestProject): Promise<void> {
  if (!(await selectsBundleTests(project))) return
  if (isFresh()) return
  await withLock(async () => {
    if (isFresh()) return // built by the run that held the lock
    await build()
  })
}

/**
 * Whether the files this run selects include a bundle test. The CLI's file filters are not public
 * API; without them every test file counts, so at worst a build runs that was not needed.
 */
async function selectsBundleTests(project: TestProject): Promise<boolean> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern
  const { testFiles } = await project.globTestFiles(filters)
  return testFiles.some(file => RUNS_THE_BUNDLE.test(readFileSync(file, 'utf8')))
}

function isFresh(): boolean {
  if (!existsSync(STAMP) || !existsSync('dist/index.js')) return false
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as Stamp
  return stamp.inputs === hashOf(BUILD_INPUTS) && stamp.dist === hashOf(['dist'])
}

async function build(): Promise<void> {
  const started = Date.now()
  console.log('dist/ is older than the source: npm run build')
  const failure = await new Promise<string | undefined>(done => {
    execFile('npm', ['run', 'build'], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done(error ? `${stdout}\n${stderr}` : undefined)
    })
  })
  if (failure !== undefined) {
    throw new Error(
      `dist/ is stale (it is not what src/ builds) and \`npm run build\` failed, so the bundle tests would test old code:\n${failure}`
    )
  }
  const stamp: Stamp = { inputs: hashOf(BUILD_INPUTS), dist: hashOf(['dist']) }
  // Written aside and renamed: node_modules may be hard links shared with another checkout.
  writeFileSync(`${STAMP}.${process.pid}`, JSON.stringify(stamp))
  renameSync(`${STAMP}.${process.pid}`, STAMP)
  console.log(`dist/ built in ${Math.round((Date.now() - started) / 1000)} s`)
}

/** SHA-256 over the paths and contents of these files and folders, in a fixed order. */
function hashOf(paths: string[]): string {
  const hash = createHash('sha256')
  const visit = (path: string): void => {
    const entries = readdirSync(path, { withFileTypes: true })
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const child = join(path, entry.name)
      if (entry.isDirectory()) visit(child)
      else hash.update(`${child}\0`).update(readFileSync(child)).update('\0')
    }
  }
  for (const path of paths) {
    if (!existsSync(path)) continue
    if (statSync(path).isDirectory()) visit(path)
    else hash.update(`${path}\0`).update(readFileSync(path)).update('\0')
  }
  return hash.digest('hex')
}

/** Runs `work` holding LOCK (a directory: its creation is atomic), waiting for another holder. */
async function withLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(CACHE_DIR, { recursive: true })
  const giveUp = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      if (Date.now() > giveUp) rmSync(LOCK, { recursive: true, force: true })
      else await new Promise(resolve => setTimeout(resolve, 500))
    }
  }
  try {
    await work()
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}
