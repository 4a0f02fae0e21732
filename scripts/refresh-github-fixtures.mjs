// Refreshes test/fixtures/github/: the example answers the fake GitHub API (test/fake-github/)
// serves, taken from the OpenAPI descriptions GitHub publishes in @octokit/openapi. That package
// is 385 MB, so it is no dependency: this script installs it on demand in a temporary folder.
//
//   node scripts/refresh-github-fixtures.mjs [version]     (default: the version last used)
//
// OCTOKIT_OPENAPI_DIR=<a copy of the package> reads that copy instead of installing one.
//
// Then run the tests of the fake API and the run lookup (npx vitest run test/fake-github.test.ts
// test/run-details.test.ts test/run-lookup.test.ts) and commit the fixtures.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const FIXTURES = 'test/fixtures/github'
const FLAVOURS = ['api.github.com', 'ghes-3.19']
/** The examples the fake serves: a job page, a runs page, an annotation page. */
const EXAMPLES = ['job-paginated', 'workflow-run-paginated', 'check-annotation-items']
const LOGS = '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs'

const lastVersion = JSON.parse(readFileSync(join(FIXTURES, 'api.github.com.json'), 'utf8')).openapi
const version = process.argv[2] ?? lastVersion
const prefix = mkdtempSync(join(tmpdir(), 'octokit-openapi-'))
try {
  let root = process.env.OCTOKIT_OPENAPI_DIR
  if (!root) {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `@octokit/openapi@${version}`
      ],
      { stdio: 'inherit' }
    )
    root = join(prefix, 'node_modules/@octokit/openapi')
  }
  const installed = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
  const written = []
  for (const flavour of FLAVOURS) {
    const description = JSON.parse(readFileSync(join(root, 'generated', `${flavour}.json`), 'utf8'))
    const examples = Object.fromEntries(
      EXAMPLES.map(name => {
        const found = description.components.examples[name]
        if (!found) throw new Error(`GitHub's ${flavour} description has no example "${name}"`)
        return [name, found.value]
      })
    )
    const logLocation = description.paths[LOGS].get.responses['302'].headers.Location.example
    const fixture = { openapi: installed, examples, logLocation }
    const file = join(FIXTURES, `${flavour}.json`)
    writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`)
    written.push(file)
    console.log(`${file}: @octokit/openapi ${installed}`)
  }
  execFileSync('npx', ['prettier', '--write', ...written], { stdio: 'inherit' })
} finally {
  rmSync(prefix, { recursive: true, force: true })
}
