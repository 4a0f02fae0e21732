// Refreshes test/vendor/message-parser/: Rocket.Chat's own message parser, the judge of what a
// message displays (test/support/parser.ts). It is kept as the package ships it rather than
// installed by `npm ci` because every release declares one exact Node version in `engines`
// (0.32.0: 22.22.3), so installing it warns EBADENGINE on every other Node, 20 and 24 included.
// The package is one self-contained ESM file (tldts bundled) and its type declarations; MIT, as
// its package.json says.
//
//   node scripts/refresh-message-parser.mjs [version]     (default: the version kept now)
//
// Then run the tests that judge by it (npx vitest run test/inert.test.ts test/markdown.test.ts)
// and commit the folder.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const VENDOR = 'test/vendor/message-parser'
const kept = JSON.parse(readFileSync(join(VENDOR, 'package.json'), 'utf8')).version
const version = process.argv[2] ?? kept
const temp = mkdtempSync(join(tmpdir(), 'message-parser-'))
try {
  const tarball = execFileSync(
    'npm',
    ['pack', '--silent', '--pack-destination', temp, `@rocket.chat/message-parser@${version}`],
    { encoding: 'utf8' }
  ).trim()
  execFileSync('tar', ['-xzf', join(temp, tarball), '-C', temp])
  rmSync(VENDOR, { recursive: true, force: true })
  // Source maps point at sources the package does not ship.
  cpSync(join(temp, 'package'), VENDOR, {
    recursive: true,
    filter: source => !source.endsWith('.map')
  })
  // The package's `exports` name its types after its code, so TypeScript finds none for an import
  // of the file itself: this one line, ours, points it at the package's declarations.
  writeFileSync(join(VENDOR, 'dist/messageParser.d.ts'), "export * from './index.js'\n")
  const installed = JSON.parse(readFileSync(join(VENDOR, 'package.json'), 'utf8')).version
  console.log(`${VENDOR}: @rocket.chat/message-parser ${installed}`)
} finally {
  rmSync(temp, { recursive: true, force: true })
}
