/**
 * GitHub's own example answers, from the OpenAPI description GitHub publishes (`@octokit/openapi`),
 * kept in test/fixtures/github/ (scripts/refresh-github-fixtures.mjs takes them anew): the fake API
 * serves these, with ids, names and results set per test, so its answers have the shape the real
 * API gives, field for field.
 */
import { readFileSync } from 'node:fs'

export type Flavour = 'api.github.com' | 'ghes-3.19'

interface Fixture {
  /** The @octokit/openapi version they were taken from. */
  openapi: string
  examples: Record<string, unknown>
  /** The `Location` example of Download job logs' 302 answer. */
  logLocation: string
}

const loaded = new Map<Flavour, Fixture>()

function fixture(flavour: Flavour): Fixture {
  let found = loaded.get(flavour)
  if (!found) {
    const url = new URL(`../fixtures/github/${flavour}.json`, import.meta.url)
    found = JSON.parse(readFileSync(url, 'utf8')) as Fixture
    loaded.set(flavour, found)
  }
  return found
}

function example(flavour: Flavour, name: string): unknown {
  const found = fixture(flavour).examples[name]
  if (found === undefined) {
    throw new Error(
      `test/fixtures/github/${flavour}.json has no example "${name}": add it to scripts/refresh-github-fixtures.mjs`
    )
  }
  return structuredClone(found)
}

export type ApiJob = Record<string, unknown> & { steps: Record<string, unknown>[] }

/** The one job of the `job-paginated` example (List jobs for a workflow run attempt). */
export function exampleJob(flavour: Flavour): ApiJob {
  const page = example(flavour, 'job-paginated') as { jobs: ApiJob[] }
  const [job] = page.jobs
  if (!job) throw new Error('job-paginated has no job')
  return job
}

/** The one run of the `workflow-run-paginated` example (List workflow runs for a workflow). */
export function exampleWorkflowRun(flavour: Flavour): Record<string, unknown> {
  const page = example(flavour, 'workflow-run-paginated') as { workflow_runs: unknown[] }
  const [run] = page.workflow_runs
  if (typeof run !== 'object' || run === null) throw new Error('workflow-run-paginated has no run')
  return run as Record<string, unknown>
}

/** Where Download job logs redirects: the `Location` example of its 302 answer. */
export function exampleLogLocation(flavour: Flavour): URL {
  return new URL(fixture(flavour).logLocation)
}

/** The one annotation of the `check-annotation-items` example (List check run annotations). */
export function exampleAnnotation(flavour: Flavour): Record<string, unknown> {
  const [annotation] = example(flavour, 'check-annotation-items') as Record<string, unknown>[]
  if (!annotation) throw new Error('check-annotation-items has no annotation')
  return annotation
}
