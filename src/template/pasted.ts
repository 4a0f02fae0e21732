/**
 * Event text the runner pasted into an input. The runner fills in every `${{ }}` of `with:` before
 * the action starts, so `body: "Pushed: ${{ github.event.head_commit.message }}"` reaches the
 * action as finished text: the commit message is then indistinguishable from the author's words,
 * and any `{{ }}`, `@all` or `<img>` in it would act. The action holds the event payload, so it
 * recognises such text: a string of the payload found in an input (as it is, or in a form the way
 * in gives it: formsToSearch) is a value, never evaluated and made inert as an inserted `{{ }}`
 * value is (render.ts). This is the fallback: where the workflow file can be read, every span a
 * `${{ }}` filled in is known exactly (workflow-source.ts).
 *
 * Which strings count (the README's "Text the runner pasted in"): at least 4 characters (the
 * shortest room-wide mention, `@all`), and holding something that would act: a `{{`, or anything
 * inertText() would change (a mention, markup, a link label, a block marker). A string that would
 * read the same inert changes nothing when treated as pasted, and a shorter one (`*`, `#1`) is as
 * likely the author's own markup, which must keep working.
 *
 * Cost: the inputs are indexed once (a suffix automaton, linear in their length), then each event
 * string is walked through the index at most once, so the whole check is linear in the payload
 * plus the inputs; runs whose inputs hold nothing that could act never get here (couldAct).
 */
import { inertText, type GithubLinks } from './inert.js'

/** Where pasted text lies in a template, `[start, end)`, and the event path it came from. */
export interface PastedSpan {
  start: number
  end: number
  /** As a template writes it: `github.event.head_commit.message`. */
  path: string
  /** GitHub markdown (a release, pull request, issue or comment body): converted, not just inert. */
  markdown: boolean
  /** The author's `${{ }}` that filled it in, when the workflow file says (workflow-source.ts). */
  written?: string
}

/** The shortest event string taken for pasted text: `@all`. */
export const MIN_PASTED_LENGTH = 4
/** Checked before anything else: a plain send (`body: Deployed`) pays one regex test per input. */
const COULD_ACT = /\{\{|[@#<>[\]*_~`|\\]/
/** The most distinct pasted strings looked for in a text, longest first: each is one indexOf pass. */
const MAX_STRINGS = 200

/** Whether text holds anything that could act once rendered: only then is pasted text looked for. */
export function couldAct(text: string): boolean {
  return COULD_ACT.test(text)
}

/** Finds pasted event text in the texts rendered from the inputs it was built over. */
export interface PastedFinder {
  spansIn(text: string): PastedSpan[]
  /** Whether any of the text found is GitHub markdown, which needs markdown.ts to convert it. */
  markdown: boolean
}

/** The event's long GitHub-markdown texts: `release.body`, `pull_request.body`, `comment.body`... */
const MARKDOWN_PATH = /\.body$/

/** A container being walked: its keys (none for an array) and the next one to visit. */
interface Frame {
  container: Record<string | number, unknown>
  keys: string[] | undefined
  next: number
  key: string | number
}

/**
 * The event strings that occur in `inputs` and would act, ready to be found in any text rendered
 * from them; undefined when there are none.
 */
export function pastedFinder(
  event: unknown,
  inputs: readonly string[],
  links: GithubLinks
): PastedFinder | undefined {
  const indexed = inputs.filter(couldAct)
  if (indexed.length === 0) return undefined
  // A NUL never ends a real string match across two inputs: every match is re-found per text.
  const contains = substringIndex(indexed.join('\u0000'))
  const longest = Math.max(...indexed.map(text => text.length))
  const found = new Map<string, { keys: (string | number)[]; searched: string[] }>()
  // Depth first without recursion (a payload may nest deeply); only containers get a frame.
  const frames: Frame[] = []
  const enter = (value: unknown, key: string | number): void => {
    if (typeof value === 'object' && value !== null) {
      const keys = Array.isArray(value) ? undefined : Object.keys(value)
      frames.push({ container: value as Record<string, unknown>, keys, next: 0, key })
    }
  }
  enter(event, '')
  while (frames.length > 0) {
    const frame = frames[frames.length - 1] as Frame
    const { container, keys } = frame
    const size = keys ? keys.length : (container as unknown as unknown[]).length
    if (frame.next >= size) {
      frames.pop()
      continue
    }
    const index = frame.next++
    const key = keys ? (keys[index] as string) : index
    const value = container[key]
    if (typeof value !== 'string') {
      enter(value, key)
    } else if (!found.has(value)) {
      const searched = formsToSearch(value, longest, contains, links)
      if (searched) found.set(value, { keys: [...frames.slice(1).map(f => f.key), key], searched })
    }
  }
  if (found.size === 0) return undefined
  const strings = [...found.values()]
    .flatMap(({ keys, searched }) => {
      const path = pathOf(keys)
      const markdown = MARKDOWN_PATH.test(path)
      return searched.map(text => ({ text, path, markdown }))
    })
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, MAX_STRINGS)
  return {
    spansIn: text => spansIn(text, strings),
    markdown: strings.some(string => string.markdown)
  }
}

/**
 * The forms an event string takes on its way into an input, when one of them is in the inputs and
 * it would act: as it is; trimmed (`core.getInput` trims, U+FEFF and U+3000 included); each line of
 * a multi-line string (a commit's subject, through `git log --format=%s` and a step output); and as
 * `toJSON()` writes it, for a string and for an object holding it. Then the forms YAML or JSON
 * unquoting gives it in `attachments` (a title in quotes, a `\u0040`), found in the parsed scalar.
 * A form that is a short end of a mention (`x @` then another field's `all`) counts too: the join
 * is made inert. Undefined when the string is not in the inputs or nothing in it would act.
 */
function formsToSearch(
  value: string,
  longest: number,
  contains: (candidate: string) => boolean,
  links: GithubLinks
): string[] | undefined {
  if (value.length < 2) return undefined
  if (value.length < MIN_PASTED_LENGTH) {
    return value.endsWith('@') && contains(value) ? [value] : undefined
  }
  const escaped = JSON.stringify(value).slice(1, -1)
  if (!couldAct(value) && !couldAct(escaped)) return undefined
  const written = new Set<string>([value, value.trim(), escaped])
  if (value.includes('\n') || value.includes('\r')) {
    for (const line of value.split(LINE_BREAK)) written.add(line).add(line.trim())
  }
  const present = [...written].some(
    form => form.length >= MIN_PASTED_LENGTH && form.length <= longest && contains(form)
  )
  if (!present) return undefined
  const forms = new Set(written)
  for (const form of unquoted(value)) forms.add(form).add(form.trim())
  const acting = (form: string): boolean =>
    form.length >= MIN_PASTED_LENGTH &&
    couldAct(form) &&
    (form.includes('{{') || inertText(form, links) !== form)
  // The escaped form is searched for its string: its backslashes alone say nothing.
  if (![...forms].some(form => (form !== escaped || form === value) && acting(form)))
    return undefined
  return [...forms].filter(form => form.length >= MIN_PASTED_LENGTH && couldAct(form))
}

const LINE_BREAK = /\r\n|\r|\n/

/** What YAML or JSON unquoting makes of a string written into `attachments`. */
function unquoted(value: string): string[] {
  const forms: string[] = []
  const json = (text: string): void => {
    try {
      const parsed: unknown = JSON.parse(text)
      if (typeof parsed === 'string') forms.push(parsed)
    } catch {
      // not a JSON string: YAML would refuse it too, or keep it as it is
    }
  }
  if (value.includes('\\')) json(`"${value}"`)
  const first = value.charAt(0)
  if (first === '"' && value.endsWith('"')) json(value)
  if (first === "'" && value.endsWith("'")) forms.push(value.slice(1, -1).replaceAll("''", "'"))
  return forms
}

/** Every occurrence of every string, overlapping ones merged (the longest names the path). */
function spansIn(
  text: string,
  strings: { text: string; path: string; markdown: boolean }[]
): PastedSpan[] {
  if (!couldAct(text)) return []
  const spans: PastedSpan[] = []
  for (const { text: pasted, path, markdown } of strings) {
    for (let at = text.indexOf(pasted); at >= 0; at = text.indexOf(pasted, at + pasted.length)) {
      spans.push({ start: at, end: at + pasted.length, path, markdown })
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: PastedSpan[] = []
  for (const span of spans) {
    const last = merged[merged.length - 1]
    if (last && span.start <= last.end) {
      // Text partly inside a markdown body is not all markdown: the merged span is made inert.
      if (span.end > last.end) last.markdown = false
      last.end = Math.max(last.end, span.end)
    } else merged.push({ ...span })
  }
  return merged
}

/** `github.event.commits[0].message`; a key that is not a plain name as `['a key']`. */
function pathOf(keys: (string | number)[]): string {
  return keys.reduce<string>(
    (path, key) =>
      typeof key === 'number'
        ? `${path}[${key}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
          ? `${path}.${key}`
          : `${path}['${key.replace(/'/g, "''")}']`,
    'github.event'
  )
}

/**
 * Whether a string occurs in one text, in time linear in the string: a suffix automaton of the
 * text, built in linear time. Its transitions are an open-addressing hash table over typed arrays
 * (a Map of a million entries costs seconds and hundreds of MiB; this, a tenth of either).
 */
function substringIndex(text: string): (candidate: string) => boolean {
  const n = text.length
  const link = new Int32Array(2 * n + 2)
  const length = new Int32Array(2 * n + 2)
  link[0] = -1
  let states = 1
  // Transitions (state, code unit) -> state; at most 3n, the table under three quarters full.
  let bits = 4
  while (1 << bits < 4 * n + 16) bits++
  const mask = (1 << bits) - 1
  const capacity = mask + 1
  const from = new Int32Array(capacity).fill(-1)
  const code = new Int32Array(capacity)
  const to = new Int32Array(capacity)
  // Each state's transitions as a list of slots, for copying a state when it is split.
  const first = new Int32Array(2 * n + 2).fill(-1)
  const nextEdge = new Int32Array(3 * n + 4)
  const edgeSlot = new Int32Array(3 * n + 4)
  let edges = 0

  const slotOf = (state: number, c: number): number => {
    // Neighbouring states land near each other: the table is walked in text order, cache-friendly.
    let slot = (Math.imul(state, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77)) & mask
    while (from[slot] !== -1 && (from[slot] !== state || code[slot] !== c)) {
      slot = (slot + 1) & mask
    }
    return slot
  }
  const get = (state: number, c: number): number => {
    const slot = slotOf(state, c)
    return from[slot] === -1 ? -1 : (to[slot] as number)
  }
  const set = (state: number, c: number, target: number): void => {
    const slot = slotOf(state, c)
    if (from[slot] === -1) {
      from[slot] = state
      code[slot] = c
      edgeSlot[edges] = slot
      nextEdge[edges] = first[state] as number
      first[state] = edges++
    }
    to[slot] = target
  }

  // `last` is the state of the whole text read so far.
  let last = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    const current = states++
    length[current] = (length[last] as number) + 1
    let p = last
    last = current
    while (p !== -1 && get(p, c) < 0) {
      set(p, c, current)
      p = link[p] as number
    }
    if (p === -1) continue
    const q = get(p, c)
    if ((length[p] as number) + 1 === length[q]) {
      link[current] = q
      continue
    }
    const clone = states++
    length[clone] = (length[p] as number) + 1
    link[clone] = link[q] as number
    for (let edge = first[q] as number; edge !== -1; edge = nextEdge[edge] as number) {
      const slot = edgeSlot[edge] as number
      set(clone, code[slot] as number, to[slot] as number)
    }
    while (p !== -1 && get(p, c) === q) {
      set(p, c, clone)
      p = link[p] as number
    }
    link[q] = clone
    link[current] = clone
  }

  return candidate => {
    let state = 0
    for (let i = 0; i < candidate.length && state >= 0; i++) {
      state = get(state, candidate.charCodeAt(i))
    }
    return state >= 0
  }
}
