/**
 * GitHub's own example answers, from the OpenAPI description GitHub publishes (`@octokit/openapi`):
 * the fake API serves these, with ids, names and results set per test, so its answers have the
 * shape the real API gives, field for field.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type Flavour = 'api.github.com' | 'ghes-3.19'

interface Description {
  components: { examples: Record<string, { value: unknown }> }
}

const loaded = new Map<Flavour, Description>()

function description(flavour: Flavour): Description {
  let found = loaded.get(flavour)
  if (!found) {
    const root = dirname(createRequire(import.meta.url).resolve('@octokit/openapi/package.json'))
    const text = readFileSync(join(root, 'generated', `${flavour}.json`), 'utf8')
    found = JSON.parse(text) as Description
    loaded.set(flavour, found)
  }
  return found
}

function example(flavour: Flavour, name: string): unknown {
  const found = description(flavour).components.examples[name]
  if (!found) throw new Error(`GitHub's ${flavour} description has no example "${name}"`)
  return structuredClone(found.value)
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
  const paths = (description(flavour) as unknown as { paths: Record<string, unknown> }).paths
  const operation = paths['/repos/{owner}/{repo}/actions/jobs/{job_id}/logs'] as {
    get: { responses: { '302': { headers: { Location: { example: string } } } } }
  }
  return new URL(operation.get.responses['302'].headers.Location.example)
}

/** The one annotation of the `check-annotation-items` example (List check run annotations). */
export function exampleAnnotation(flavour: Flavour): Record<string, unknown> {
  const [annotation] = example(flavour, 'check-annotation-items') as Record<string, unknown>[]
  if (!annotation) throw new Error('check-annotation-items has no annotation')
  return annotation
}
