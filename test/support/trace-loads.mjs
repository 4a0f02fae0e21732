// `NODE_OPTIONS=--import=<this file>` with TRACE_LOADS=<file>: the process appends the URL of every
// module it loads to that file, so a test can see which parts of dist/ a run pulled in; at exit it
// adds the Node built-ins it loaded (`node:child_process`), which the bundle requires without hooks.
import { appendFileSync } from 'node:fs'
import { register } from 'node:module'
import process from 'node:process'

const trace = process.env.TRACE_LOADS
if (trace) {
  register('./trace-loads-hooks.mjs', import.meta.url, { data: trace })
  process.on('exit', () => {
    const builtins = process.moduleLoadList
      .filter(entry => entry.startsWith('NativeModule ') && !entry.includes(' internal/'))
      .map(entry => `node:${entry.slice('NativeModule '.length)}\n`)
    appendFileSync(trace, builtins.join(''))
  })
}
