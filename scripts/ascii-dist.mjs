// Writes every non-ASCII character of dist/*.js as a \u escape. Node decodes a source file that is
// all ASCII in one pass and V8 scans it as one-byte text; a single `…` in a message makes the whole
// bundle two-byte, which cost about 10 ms of every cold start (docs/performance.md). An escape means
// the same character in a string, template, regular expression, identifier or comment, except
// after a backslash or in a raw template: both are refused, so the bundle never changes meaning.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const NON_ASCII = /[^\x00-\x7f]/g

for (const name of readdirSync('dist').filter(name => name.endsWith('.js'))) {
  const file = join('dist', name)
  const code = readFileSync(file, 'utf8')
  const escaped = code.replace(NON_ASCII, (char, at) => {
    if (code[at - 1] === '\\')
      throw new Error(`${file}: a non-ASCII character after a backslash at ${at}`)
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  for (const [template] of code.matchAll(/String\.raw\s*`[^`]*`/g)) {
    if (/[^\x00-\x7f]/.test(template))
      throw new Error(`${file}: a raw template holds a non-ASCII character`)
  }
  writeFileSync(file, escaped)
}
