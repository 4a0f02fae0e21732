// Writes dist/licenses.txt for every bundled package. ncc writes one list per chunk to the same
// file, so with lazily loaded chunks the last chunk's list replaced the rest. The production
// tree is what can be bundled: listing all of it errs on the side of crediting too many. Packages
// the lock file does not hold (the Node 24 that `npm run node24` adds for the tests) are left out,
// so the list is the same on every machine.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable', '--long'], {
  encoding: 'utf8'
})
  .trim()
  .split('\n')
  .slice(1)
  .filter(line => !line.endsWith(':EXTRANEOUS'))
  .map(line => line.split(':')[0])
const packages = new Map()
for (const dir of dirs) {
  const { name, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const file = readdirSync(dir).find(entry => /^(licen[cs]e|copying)/i.test(entry))
  const text = file ? readFileSync(join(dir, file), 'utf8').trim() : ''
  packages.set(name, `${name}\n${license}\n${text}`)
}
const names = [...packages.keys()].sort()
writeFileSync('dist/licenses.txt', names.map(name => packages.get(name)).join('\n\n') + '\n')
