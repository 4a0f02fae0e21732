// `NODE_OPTIONS=--import=<this file>` with TRACE_LOADS=<file>: the process appends the URL of every
// module it loads to that file, so a test can see which parts of dist/ a run pulled in.
import { register } from 'node:module'
import process from 'node:process'

if (process.env.TRACE_LOADS) {
  register('./trace-loads-hooks.mjs', import.meta.url, { data: process.env.TRACE_LOADS })
}
