/**
 * The workflow file this run runs, read from its commit through the contents API: never from a
 * working copy, which a pull request's checkout could have changed (`pull_request_target` with the
 * head checked out). One request; loaded only by runs whose inputs could act.
 */
import { readFileAt, RunLookupError, type LookupOptions } from './api.js'

export interface WorkflowFileRef {
  apiUrl: string
  token: string
  /** GITHUB_WORKFLOW_REF: `octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main`. */
  workflowRef: string
  /** GITHUB_WORKFLOW_SHA: the commit the run's workflow file was read at. */
  sha: string
}

const WORKFLOW_REF = /^([^/@]+)\/([^/@]+)\/(\.github\/workflows\/[^@]+)@/
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/

/** The workflow file's text; a RunLookupError says why it cannot be read. */
export async function readWorkflowFile(
  ref: WorkflowFileRef,
  options: LookupOptions
): Promise<string> {
  const where = WORKFLOW_REF.exec(ref.workflowRef)
  if (!where || !SHA.test(ref.sha)) {
    throw new RunLookupError(
      'GITHUB_WORKFLOW_REF or GITHUB_WORKFLOW_SHA is not one',
      'rejected',
      undefined
    )
  }
  const [, owner = '', repo = '', path = ''] = where
  return readFileAt(
    { apiUrl: ref.apiUrl, token: ref.token, owner, repo, path, sha: ref.sha },
    options
  )
}
