/**
 * Text from the event (a pull request title, a commit message) made inert for Rocket.Chat: it reads
 * the same, but nothing in it acts. The rules follow what Rocket.Chat's message parser does
 * (`@rocket.chat/message-parser`, the judge in test/inert.test.ts), not what markdown usually does:
 * - a backslash stops `*`, `_`, `~` and a backtick, but not `[`, `>`, `|` or `@`;
 * - a zero-width space breaks `[label](url)` (a zero-width space between `]` and `(`), a mention (`@all`, `#room`), a spoiler
 *   and a block marker at the start of a line (`# heading`), but not bold, and not `<url|label>`,
 *   where the parser takes it for part of the address: there the bar becomes a look-alike `∣`;
 * - the parser stretches a URL over whatever follows it up to a space, a backslash or a link
 *   included, so links are made only at the start of a run of text.
 */

import type { WorkflowContext } from './workflow-context.js'

/** Where GitHub links point: `@login` to the profile, `#12` to the issue or pull request. */
export interface GithubLinks {
  /** `https://github.com`, or a GitHub Enterprise server. */
  serverUrl: string
  /** `owner/name`; without it `#12` stays text. */
  repository: string
}

/** The links of the run's own server and repository. */
export function githubLinks(context: WorkflowContext): GithubLinks {
  return { serverUrl: context.github.server_url, repository: context.github.repository }
}

export const ZWSP = '\u200B'

/** GitHub's login rule: letters, digits and single inner hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}(?![A-Za-z0-9_])/
/** Rocket.Chat's room-wide mentions: they ping everyone, so they are never made a link. */
const MASS_MENTION = /^(?:all|here|channel)(?![\p{L}\p{N}_-])/iu
const EMAIL_DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?=$|[\s,;:!?)])/
const ISSUE_NUMBER = /^[0-9]+(?![\p{L}\p{N}_-])/u
/** A URL of ordinary characters up to the next space: the parser links it by itself. */
const PLAIN_URL = /^(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)[A-Za-z0-9\-._~:/?#%&=+,;!$'()]*(?=\s|$)/i
/** Characters that may act somewhere in a value, and block markers the parser reads on a line. */
const ACTIVE = /[*_~`\\@#\]<|]/
const ACTIVE_LINE = /(?:^|[\n\r])(?:>|[-+][ \t]|[0-9]+[.)][ \t]|---)/
/** Block markers the parser reads at the start of a line. */
const BLOCK_START = /^(?:#|>|[-*+][ \t]|[0-9]+[.)][ \t]|```|---|___|\*\*\*)/

/** What the parser has seen of the current run of non-space characters. */
interface Run {
  /** Only opening brackets so far: a link or URL may start here. */
  fresh: boolean
  /** An identifier such as env.SNAKE_CASE so far: a letter or digit, then those and `_.-`. */
  identifier: boolean
  /** A `<` so far: a `|` would make `<url|label>`. */
  angle: boolean
  /** An e-mail local part so far: a letter or digit, then letters, digits and `._%+-`. */
  localPart: boolean
}

const NEW_RUN: Run = { fresh: true, identifier: true, angle: false, localPart: true }
/** After a link this function made, or an address: nothing in the run is fresh any more. */
const AFTER_LINK: Run = { fresh: false, identifier: false, angle: false, localPart: false }

/**
 * One value as it should read in a message: every mention defused (`@login` becomes a link to the
 * GitHub profile that reads `@login`; `@all`, `@here` and `@channel` plain text), no link whose
 * label hides its URL, no bold, italic, strike, code or spoiler, no heading, quote or list.
 * Bare URLs stay links: their label is their address. Without `links` (text inside a link label)
 * no link is made. Linear in the length of the value.
 */
export function inertText(value: string, links?: GithubLinks): string {
  // Most values (a branch, a login, a job name) hold nothing that acts: as they are, at once.
  if (!ACTIVE.test(value) && !ACTIVE_LINE.test(value)) return value
  let out = ''
  let run = NEW_RUN
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i)
    const rest = value.slice(i + 1)
    if (/\s/.test(c)) {
      out += c
      run = NEW_RUN
      continue
    }
    if ((i === 0 || /[\n\r]/.test(value.charAt(i - 1))) && BLOCK_START.test(value.slice(i))) {
      out += ZWSP
    }
    const url = run.fresh ? PLAIN_URL.exec(value.slice(i))?.[0] : undefined
    if (url) {
      // The parser links it whole, label and address the same; an escape in it would show.
      out += url
      i += url.length - 1
      run = AFTER_LINK
      continue
    }
    const linked = c === '@' || c === '#' ? reference(c, rest, run, links) : undefined
    if (linked) {
      out += linked.text
      i += linked.consumed
      run = AFTER_LINK
      continue
    }
    const written = inertChar(c, rest, run)
    out += written
    run = {
      fresh: run.fresh && /[(["']/.test(c),
      identifier: run.fresh ? /[A-Za-z0-9]/.test(c) : run.identifier && /[A-Za-z0-9_.-]/.test(c),
      angle: run.angle || c === '<',
      // An escaped character (`x\_`) ends the address the parser would see: `@` then starts one.
      localPart: run.fresh
        ? /[A-Za-z0-9]/.test(c)
        : run.localPart && written === c && /[A-Za-z0-9._%+-]/.test(c)
    }
  }
  return out
}

/** `@login`, `#12` or an e-mail address at an `@` or `#`: the text to write and what it used up. */
function reference(
  c: string,
  rest: string,
  run: Run,
  links: GithubLinks | undefined
): { text: string; consumed: number } | undefined {
  if (c === '@') {
    const domain = run.localPart && !run.fresh ? EMAIL_DOMAIN.exec(rest)?.[0] : undefined
    if (domain) return { text: c + domain, consumed: domain.length }
    const login = run.fresh && !MASS_MENTION.test(rest) ? LOGIN.exec(rest)?.[0] : undefined
    if (links && login) return { text: profileLink(login, links), consumed: login.length }
  } else if (links?.repository && run.fresh) {
    const number = ISSUE_NUMBER.exec(rest)?.[0]
    if (number) return { text: issueLink(number, links), consumed: number.length }
  }
  return undefined
}

/** One character that starts nothing the parser links. */
function inertChar(c: string, rest: string, run: Run): string {
  switch (c) {
    case '*':
    case '`':
    case '~':
      return `\\${c}`
    case '_':
      // Inside a plain identifier (snake_case after a space) it opens nothing; elsewhere it may.
      return run.identifier && !run.fresh && /^[A-Za-z0-9]/.test(rest) ? c : `\\${c}`
    case '\\':
      // A backslash the parser would take as an escape (`\.`) or as KaTeX (`\(`) stays visible.
      return /^[#.([]/.test(rest) ? `\\${ZWSP}` : c
    case '@':
    case '#':
      // At the end too: the template may go on with a name (`{{ x }}all`).
      return /^\s/.test(rest) ? c : c + ZWSP
    case ']':
      return rest.startsWith('(') ? `]${ZWSP}` : c
    case '<':
      // Breaks a timestamp (`<t:1700000000:R>`).
      return /^\S/.test(rest) ? `<${ZWSP}` : c
    case '|':
      // No invisible character breaks `<url|label>` (the parser reads one as part of the URL), so
      // that bar is written as the look-alike `∣`; a zero-width space breaks `||spoiler||`.
      if (run.angle) return '\u2223'
      return /^\S/.test(rest) ? `|${ZWSP}` : c
    default:
      return c
  }
}

/**
 * Text Rocket.Chat shows as it is (an attachment title, a display name, a URL): only `@all`,
 * `@here` and `@channel` need defusing there. The cheap test first: the Unicode one costs a
 * compile of about half a millisecond, which a plain send should not pay.
 */
export function defuseRoomMentions(text: string): string {
  if (!/@(?:all|here|channel)/i.test(text)) return text
  return text.replace(/@(all|here|channel)(?![\p{L}\p{N}_-])/giu, `@${ZWSP}$1`)
}

/**
 * `@login` as a link to the GitHub profile. The `<url|label>` form: its label is plain text (never
 * a mention), and a stray `[` earlier in the value cannot stretch over it as it can over `[label](url)`.
 */
export function profileLink(login: string, links: GithubLinks): string {
  return `<${links.serverUrl}/${login}|@${login}>`
}

/** `#12` as GitHub shows it, linked; GitHub sends an issue URL of a pull request on to it. */
export function issueLink(number: string, links: GithubLinks): string {
  return `<${links.serverUrl}/${links.repository}/issues/${number}|#${number}>`
}
