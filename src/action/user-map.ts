/*
 * `mention: author`: the run's GitHub people (actor, commit author, PR author) as the Rocket.Chat
 * users `user-map` names. An unmapped login is never mentioned, and never silently dropped: a
 * notice names the logins that could not be mapped.
 */
import * as core from '@actions/core'
import { authorLogins, mappedAuthors, toUserMap, UserMapError } from '../github/people.js'
import { errorMessage } from '../shared/error-message.js'
import type { GithubContext } from '../template/workflow-context.js'

const AUTHOR = /^@?author$/i

/** `author` in `mention` stands for the mapped actor, commit author and PR author, if any. */
export async function resolveAuthors(
  mention: string[],
  userMapText: string,
  github: GithubContext
): Promise<string[]> {
  const asked = mention.some(name => AUTHOR.test(name))
  if (userMapText.trim() === '' && !asked) return mention
  const userMap = await parseUserMap(userMapText)
  const authors = mappedAuthors(github, userMap)
  if (asked && authors.length === 0) {
    const logins = authorLogins(github)
    core.notice(
      logins.length === 0
        ? 'mention: author: the event names no GitHub login; no author is mentioned.'
        : `mention: author: user-map maps none of ${logins.join(', ')}; no author is mentioned. ` +
            'Add them to user-map as `login: rocketchat-username`.'
    )
  }
  return [...new Set(mention.flatMap(name => (AUTHOR.test(name) ? authors : name)))]
}

/** A user-map larger than this is read up to its last whole line within it, with a warning. */
const MAX_USER_MAP_BYTES = 256 * 1024

/** A user-map that cannot be read mentions no author, said in a warning: the alert still goes. */
async function parseUserMap(text: string): Promise<Map<string, string>> {
  if (text.trim() === '') return new Map()
  try {
    const { users, warnings } = toUserMap(await parseMapText(text))
    for (const warning of warnings) core.warning(warning)
    return users
  } catch (error) {
    const problem =
      error instanceof UserMapError
        ? error.message
        : `user-map is neither YAML nor JSON (${errorMessage(error)})`
    core.warning(`${problem}; no author is mentioned`)
    return new Map()
  }
}

/**
 * YAML or JSON text, in time linear in its size: JSON by JSON.parse, YAML without its check for
 * repeated keys (quadratic: 34 s for 60,000 keys; toUserMap finds them), and at most 256 KiB of it.
 */
async function parseMapText(text: string): Promise<unknown> {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // YAML's flow style (`{octocat: alice}`) is not JSON.
    }
  }
  let source = text
  if (Buffer.byteLength(text) > MAX_USER_MAP_BYTES) {
    const head = Buffer.from(text).subarray(0, MAX_USER_MAP_BYTES).toString()
    source = head.slice(0, Math.max(0, head.lastIndexOf('\n')))
    core.warning(
      `user-map is ${String(Math.ceil(Buffer.byteLength(text) / 1024))} KiB; ` +
        `only its first ${String(MAX_USER_MAP_BYTES / 1024)} KiB are read`
    )
  }
  // YAML is a superset of JSON: one parser reads both; it is loaded only by runs with a user-map.
  const { parse } = await import('yaml')
  return parse(source, { uniqueKeys: false }) as unknown
}
