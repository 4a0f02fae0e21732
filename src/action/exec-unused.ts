/**
 * Bundled in place of `@actions/exec` (tsconfig `paths`, as src/action/http-client-unused.ts):
 * @actions/core imports it only for `platform.getDetails()`, which this action never calls, and it
 * would bundle @actions/io and load node:child_process on every run. Calling it is a bug, said plainly.
 */
export function getExecOutput(): never {
  throw new Error('@actions/exec is not bundled: this action runs no programs')
}
