// Types of scripts/release.mjs, for test/release.test.ts.
export function parseTag(tag: string): [number, number, number] | undefined
export function compareTags(a: string, b: string): number
export function releasePlan(
  tag: string,
  tags: string[]
): { major: string; moveMajor: boolean; latest: boolean }
export function changelogSection(changelog: string, version: string): string | undefined
export function unreleasedEntries(changelog: string): string[]
export function releaseProblems(release: {
  tag: string
  packageVersion: string
  lockVersion: string
  changelog: string
  onMain: boolean
}): string[]
