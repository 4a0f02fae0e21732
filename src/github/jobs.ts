/**
 * The jobs of a workflow run, as this action understands them: read from the REST API
 * (src/github/api.ts) or from the `needs` context a workflow passes in. No Octokit here: this
 * module is part of every run that derives a status, including those that never call the API.
 */
import type { JobResult, RunJob } from '../run/job-results.js'

export {
  deriveStatus,
  isFailed,
  isFailing,
  jobDurationSeconds,
  runDurationSeconds,
  statusOfConclusion,
  stepDurationSeconds,
  type FailedStep,
  type JobResult,
  type RunAnnotation,
  type RunDetails,
  type RunJob
} from '../run/job-results.js'

export class NeedsError extends Error {
  override name = 'NeedsError'
}

const NEEDS_RESULTS: readonly JobResult[] = ['success', 'failure', 'cancelled', 'skipped']

/**
 * The jobs of `${{ toJSON(needs) }}`: `{ "build": { "result": "success", "outputs": {} } }`. For
 * workflows whose token cannot read the run (`actions: read`): results without steps or links.
 */
export function jobsFromNeeds(text: string): RunJob[] {
  let needs: unknown
  try {
    needs = JSON.parse(text)
  } catch {
    throw new NeedsError('needs must be ${{ toJSON(needs) }}: JSON that could not be parsed')
  }
  if (typeof needs !== 'object' || needs === null || Array.isArray(needs)) {
    throw new NeedsError('needs must be ${{ toJSON(needs) }}: a JSON object of jobs')
  }
  return Object.entries(needs).map(([name, value]) => {
    const result: unknown = (value as { result?: unknown } | null)?.result
    if (typeof result !== 'string' || !NEEDS_RESULTS.includes(result as JobResult)) {
      throw new NeedsError(
        `needs.${name}.result must be one of ${NEEDS_RESULTS.join(', ')}; is the input \${{ toJSON(needs) }}?`
      )
    }
    return {
      id: 0,
      name,
      result: result as JobResult,
      completed: true,
      startedAt: undefined,
      completedAt: undefined,
      failedStep: undefined
    }
  })
}
