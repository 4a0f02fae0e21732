import { execFile, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { useFakeServer } from './support/fake.js'
import { runAction, type ActionRun } from './support/run-action.js'

/**
 * The workflows' own assertions, run here against the committed bundle's real outputs: each step
 * that uses the action (`uses: ./`) runs with its `with:` inputs against the fake server, and each
 * step that reads its outputs runs its own bash script, jq filters included, with the `env:` the
 * runner would give it. A workflow that asserts a field the outputs no longer have fails here, not
 * on GitHub.
 */

type Step = {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
type Job = { env?: Record<string, unknown>; steps: Step[] }

const server = useFakeServer({ rateLimited: false })

/** The workflows' checks need jq (Debian's, as .ci/run installs it); without it they are skipped. */
const JQ = spawnSync('jq', ['--version']).status === 0
const NO_JQ = JQ ? undefined : 'jq is not installed (apt-get install -y jq)'

const WORKFLOWS = readdirSync('.github/workflows').filter(name => name.endsWith('.yml'))
const jobs = WORKFLOWS.flatMap(file => {
  const workflow = parseYaml(readFileSync(`.github/workflows/${file}`, 'utf8')) as {
    jobs: Record<string, Job>
  }
  return Object.entries(workflow.jobs)
    .filter(([, job]) => job.steps.some(step => step.uses === './'))
    .map(([name, job]) => [`${file}: ${name}`, job] as const)
})

/** What the runner would substitute for `${{ }}`, with this machine's fake server as the host. */
function expressions(outputs: Map<string, ActionRun>): (expression: string) => string {
  const { botId, botToken, webhook } = server.seed
  const known: Record<string, string> = {
    'github.run_id': '1234567890',
    'matrix.rocketchat': 'fake',
    'steps.provision.outputs.bot-id': botId,
    'steps.provision.outputs.bot-password': 'bot-password',
    'steps.provision.outputs.bot-token': botToken,
    'steps.provision.outputs.hook-token': webhook.token,
    'steps.provision.outputs.basic-url': `rocket://bot:bot-password@${server.host}/#general`,
    'steps.provision.outputs.token-url': `rocket://${botId}:${botToken}@${server.host}/#general?mode=token`,
    'steps.provision.outputs.webhook-url': `rocket://${webhook.id}/${webhook.token}@${server.host}/`
  }
  return expression => {
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression)
    const run = output ? outputs.get(output[1] ?? '') : undefined
    const value = run ? run.outputs[output?.[2] ?? ''] : known[expression]
    if (value === undefined) throw new Error(`no value for \${{ ${expression} }} in this test`)
    return value
  }
}

function substitute(value: unknown, evaluate: (expression: string) => string): string {
  return String(value)
    .replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => evaluate(expression))
    .replaceAll('localhost:3000', server.host)
}

/** The step's env as the runner gives it; `API` points at the fake server. */
function stepEnv(job: Job, step: Step, evaluate: (expression: string) => string) {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' }
  for (const [name, value] of Object.entries({ ...job.env, ...step.env })) {
    env[name] = substitute(value, evaluate)
  }
  if ('API' in env) env.API = `http://${server.host}/api/v1`
  return env
}

const readsActionOutputs = (step: Step, ids: Set<string>): boolean =>
  step.run !== undefined &&
  Object.values(step.env ?? {}).some(value =>
    [...ids].some(id => String(value).includes(`steps.${id}.outputs.`))
  )

/** Runs the job's action steps and its checks of their outputs; returns the names of the checks run. */
async function runChecks(job: Job): Promise<string[]> {
  const outputs = new Map<string, ActionRun>()
  const ids = new Set(job.steps.filter(s => s.uses === './').map(s => s.id ?? ''))
  const checked: string[] = []
  for (const step of job.steps) {
    const evaluate = expressions(outputs)
    if (step.uses === './') {
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([name, value]) => [name, substitute(value, evaluate)])
      )
      outputs.set(step.id ?? '', await runAction(inputs))
    } else if (readsActionOutputs(step, ids)) {
      const script = `set -eo pipefail\n${step.run ?? ''}`
      // Not execFileSync: the script's curl talks to the fake server in this process.
      await promisify(execFile)('bash', ['-c', script], {
        env: stepEnv(job, step, evaluate),
        timeout: 30_000
      }).catch((error: unknown) => {
        const { stdout, stderr } = error as { stdout: string; stderr: string }
        throw new Error(`step "${step.name ?? ''}" failed:\n${stdout}${stderr}`)
      })
      checked.push(step.name ?? '')
    }
  }
  return checked
}

describe.each(jobs)('%s', (_, job) => {
  beforeEach(context => {
    context.skip(!JQ, NO_JQ)
  })
  it('passes its own checks of the action outputs, run against the bundle', async () => {
    const checked = await runChecks(job)

    expect(checked.length, 'a job that uses the action checks its outputs').toBeGreaterThan(0)
  })
})

describe('a check of the action outputs', () => {
  beforeEach(context => {
    context.skip(!JQ, NO_JQ)
  })
  it('fails here when it asserts a field the results no longer have', async () => {
    const [, job] = jobs.find(([name]) => name === 'ci.yml: dry-run') ?? expect.fail('no dry run')
    const stale = {
      ...job,
      steps: job.steps.map(step =>
        step.run === undefined
          ? step
          : { ...step, run: step.run.replace('all(.outcome == "planned")', 'all(.ok)') }
      )
    }

    await expect(runChecks(stale)).rejects.toThrow(/a target is not planned/)
  })
})

it('has jq in CI, as .ci/run installs it', context => {
  context.skip(process.env.CI !== 'true', 'a check of CI only (CI=true)')
  expect(NO_JQ).toBeUndefined()
})
