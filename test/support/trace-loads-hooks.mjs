// The module hooks of trace-loads.mjs; they run on Node's hooks thread.
import { appendFileSync } from 'node:fs'

let file

export function initialize(traceFile) {
  file = traceFile
}

export async function load(url, context, next) {
  appendFileSync(file, `${url}\n`)
  return next(url, context)
}
