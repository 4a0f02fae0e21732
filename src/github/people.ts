/**
 * Who should look: the GitHub people behind a run (actor, commit author, PR author) and the
 * `user-map` that names them in Rocket.Chat. A GitHub login and a Rocket.Chat username are
 * different people, so only a mapped login is ever mentioned.
 */
import type { GithubContext } from '../run/github-context.js'

export class UserMapError extends Error {
  override name = 'UserMapError'
}

/** A GitHub login: up to 39 letters, digits and hyphens, not starting with a hyphen (a bot's ends in `[bot]`). */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/
/** Rocket.Chat's default username rule (UTF8_User_Names_Validation: [0-9a-zA-Z-_.]+). */
const USERNAME = /^[\w.-]+$/
/** Names Rocket.Chat reads as the whole room: `@all`, `@here`, and `@channel` on older servers. */
const ROOM_WIDE = /^(?:all|here|channel)$/i

/** A user-map read: the usable entries, and one warning per entry left out. */
export interface UserMap {
  users: Map<string, string>
  warnings: string[]
}

/**
 * `user-map` as parsed YAML or JSON: `{ octocat: alice, hubot: bob }`. Logins are matched without
 * regard to case, as GitHub does; a Rocket.Chat username may be written with its `@`. An entry that
 * could not be right (not a login, not a username, or a name that pings the whole room) is left
 * out with a warning naming it; the rest still counts. Linear in the number of entries.
 */
export function toUserMap(parsed: unknown): UserMap {
  const users = new Map<string, string>()
  const warnings: string[] = []
  if (parsed === null || parsed === undefined || parsed === '') return { users, warnings }
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UserMapError(
      'user-map must map GitHub logins to Rocket.Chat usernames: login: username'
    )
  }
  for (const [login, value] of Object.entries(parsed)) {
    const username = typeof value === 'string' ? value.trim().replace(/^@/, '') : ''
    const problem = !LOGIN.test(login)
      ? 'is not a GitHub login'
      : ROOM_WIDE.test(username)
        ? `maps to @${username}, which would notify the whole room`
        : !USERNAME.test(username)
          ? 'does not map to a Rocket.Chat username (letters, digits, `.`, `_` and `-`)'
          : undefined
    if (problem) {
      warnings.push(`user-map: ${JSON.stringify(login)} ${problem}; it is left out`)
    } else if (users.has(login.toLowerCase())) {
      warnings.push(`user-map: ${login} is mapped twice; the last one counts`)
      users.set(login.toLowerCase(), username)
    } else users.set(login.toLowerCase(), username)
  }
  return { users, warnings }
}

/** The logins behind this run, in this order: the actor, the commit's author, the PR's author. */
export function authorLogins(github: GithubContext): string[] {
  const event = github.event
  const logins = [
    github.actor,
    github.triggering_actor,
    text(get(event, 'head_commit', 'author', 'username')),
    text(get(event, 'pull_request', 'user', 'login')),
    text(get(event, 'workflow_run', 'actor', 'login')),
    text(get(event, 'workflow_run', 'head_commit', 'author', 'username'))
  ]
  return [...new Set(logins.filter(login => LOGIN.test(login)).map(l => l.toLowerCase()))]
}

/** The Rocket.Chat usernames of the mapped authors; an unmapped login is left out, never guessed. */
export function mappedAuthors(github: GithubContext, userMap: Map<string, string>): string[] {
  const usernames = authorLogins(github).flatMap(login => userMap.get(login) ?? [])
  return [...new Set(usernames)]
}

function get(value: unknown, ...path: string[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
