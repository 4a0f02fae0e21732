import { readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { vi } from 'vitest'
import { run } from '../../src/main.js'
import {
  parseOutputs,
  runAction,
  runnerEnvironment,
  type ActionRun,
  type RunOptions
} from './run-action.js'

/** Proxy settings of this machine: a run in process must see only the ones a test gives it. */
const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap(name => [
  name,
  name.toLowerCase()
])

/** The exit code the run set (core.setFailed sets 1); 0 when it set none, as Node exits. */
function exitCode(): number {
  return Number(process.exitCode ?? 0)
}

/**
 * src/main.ts's `run()` in this process, in the environment the runner gives the bundle
 * (`runnerEnvironment`), read back as `runAction` reads a bundle run: the exit code, the log, the
 * outputs and the summary. For tables of many rows (test/faults.test.ts) that would otherwise start
 * a Node for each; the bundle tests prove the same path through dist/ as the runner runs it. One at
 * a time: it sets process.env and reads process.stdout.
 */
export async function runInProcess(
  inputs: Record<string, string>,
  options: Omit<RunOptions, 'node' | 'bundle'> = {}
): Promise<ActionRun> {
  const { env, files } = runnerEnvironment(inputs, options)
  const log: string[] = []
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    log.push(String(chunk))
    return true
  })
  for (const name of PROXY_VARIABLES) vi.stubEnv(name, env[name])
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  process.exitCode = undefined
  // The toolkit keeps the summary file it found first for the life of the process: a run of its
  // own, as each bundle run is, writes the one this run was given.
  Reflect.set(core.summary, '_filePath', undefined)
  core.summary.emptyBuffer()
  try {
    await run()
    return {
      code: exitCode(),
      stdout: log.join(''),
      stderr: '',
      outputs: parseOutputs(readFileSync(files.outputFile, 'utf8')),
      summary: readFileSync(files.summaryFile, 'utf8')
    }
  } finally {
    process.exitCode = undefined
    write.mockRestore()
    vi.unstubAllEnvs()
  }
}

/**
 * Where a whole run goes: `run()` in this process, or dist/ in a child process as the runner runs
 * it. The tables run in process; the first test of each part, a Node 20 or another bundle, through
 * the bundle.
 */
export type Via = 'process' | 'bundle'

/** The run `via` says, with the same inputs and options; a Node or a bundle asks for the bundle. */
export function runVia(
  via: Via,
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionRun> {
  if (via === 'bundle') return runAction(inputs, options)
  if (options.node !== undefined || options.bundle !== undefined) {
    throw new Error('runVia: a Node or another bundle runs only via the bundle')
  }
  return runInProcess(inputs, options)
}
