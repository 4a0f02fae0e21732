import { Evaluator, Lexer, Parser, data, wellKnownFunctions } from '@actions/expressions'
import type { WorkflowContext } from './workflow-context.js'
import { errorMessage } from '../shared/error-message.js'
import type { Status } from '../rocketchat/index.js'
import { defuseRoomMentions, githubLinks, inertText, type GithubLinks } from './inert.js'
import type { PastedSpan } from './pasted.js'
import { RUN_DETAILS_CONTEXT } from './workflow-context.js'

/** A template that cannot be rendered; the message names the input, the expression and where. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

/** GitHub markdown -> Rocket.Chat markdown (markdown.ts), loaded only by templates that call it. */
export type MarkdownConverter = (
  text: string,
  options: { fullText: string; links: GithubLinks; limit?: number }
) => string

export interface RenderOptions {
  /** The input the template comes from, named in errors. */
  input?: string
  /**
   * How an inserted value is written: `markdown` (title, body, attachment text) makes it inert text
   * (inert.ts); `plain` (a URL, a display name) inserts it as it is. Default `markdown`.
   */
  as?: 'markdown' | 'plain'
  /** Provides `markdown(text[, url])` to templates. */
  markdown?: MarkdownConverter
  /**
   * Text of the template the runner pasted in (pasted.ts), in order: inserted as a value is, never
   * evaluated.
   */
  pasted?: readonly PastedSpan[]
  /**
   * Whether `env` can be read. Default true; composeNotification allows it only in `body-file`,
   * where no runner pastes text (README, "Where env is read").
   */
  env?: boolean
  /**
   * Hears each mistake (an expression that fails, a `{{` never closed, a value past the size cap)
   * and the template renders on, the failing expression shown as written; without it, the first
   * mistake throws a TemplateError.
   */
  onError?: (message: string) => void
  /** Hears a path that resolves to nothing where a close key exists: "did you mean `message`?". */
  onWarning?: (message: string) => void
}

type FunctionDefinition =
  NonNullable<ConstructorParameters<typeof Evaluator>[2]> extends Map<string, infer Definition>
    ? Definition
    : never

const CONTEXT_NAMES = [
  'github',
  'env',
  'job',
  'runner',
  RUN_DETAILS_CONTEXT,
  'previous_run',
  'deployment',
  'test_results'
]
const OPEN = '{{'
const CLOSE = '}}'
/**
 * No template renders past this (characters): a message is at most a few thousand, and a nested
 * `format('{0}{0}', ...)` doubles at every level. Checked after every function call too.
 */
const MAX_OUTPUT = 64 * 1024
/**
 * Private-use characters around what `markdown()` returns, so the value it is part of is not made
 * inert again; no event or environment value can hold them (toData removes them).
 */
const TRUSTED_START = '\uE000'
const TRUSTED_END = '\uE001'
const TRUSTED_MARKS = /[\uE000\uE001]/g

/**
 * Renders each `{{ expr }}` and `${{ expr }}` in `template` over the workflow context. A value is
 * inserted as inert text and never evaluated again, so `{{` inside an event field stays literal;
 * so is pasted text. A literal `{{` is written `{{ '{{' }}`.
 */
export function renderTemplate(
  template: string,
  context: WorkflowContext,
  options: RenderOptions = {}
): string {
  const pasted = options.pasted ?? []
  if (!template.includes(OPEN) && pasted.length === 0) return template
  const named = (message: string): string =>
    options.input ? `${options.input}: ${message}` : message
  const mistake = (message: string): void => {
    if (!options.onError) throw new TemplateError(message)
    options.onError(message)
  }
  const functions = templateFunctions(context, options)
  const links = githubLinks(context)
  const readsEnv = options.env !== false
  let output = ''
  const insert = (value: string): void => {
    // A value right after the author's `@` must not complete a mention (`@{{ name }}`), nor one
    // after `#` a room's name; `#{{ number }}` reads as the author wrote it.
    const glued =
      output.endsWith('@') || (output.endsWith('#') && !/^\d/.test(value)) ? '\u200B' : ''
    output += glued + (options.as === 'plain' ? plainValue(value) : inertValue(value, links))
  }
  /** The author's text in [from, to): its expressions evaluated, a failing one kept as written. */
  const renderOwn = (from: number, to: number): void => {
    let cursor = from
    for (let brace = template.indexOf(OPEN, cursor); brace >= 0 && brace + OPEN.length <= to;) {
      const open = template[brace - 1] === '$' && brace - 1 >= cursor ? brace - 1 : brace
      const close = findClose(template, brace + OPEN.length, to)
      if (close < 0) {
        mistake(
          named(
            `${quote(template.slice(open, to))} at ${position(template, open)} has no closing }}`
          )
        )
        break
      }
      const source = template.slice(brace + OPEN.length, close)
      const written = template.slice(open, close + CLOSE.length)
      const where = (): string => named(`${quote(written)} at ${position(template, open)}`)
      output += template.slice(cursor, open)
      cursor = close + CLOSE.length
      brace = template.indexOf(OPEN, cursor)
      let value: string
      try {
        value = evaluate(source, context, functions, where, readsEnv)
        if (value === '' && options.onWarning) {
          const typo = closestKey(source, context)
          if (typo) options.onWarning(`${where()} resolves to nothing: ${typo}`)
        }
      } catch (error) {
        if (!(error instanceof TemplateError) || !options.onError) throw error
        options.onError(error.message)
        output += written
        continue
      }
      const before = output
      insert(value)
      if (output.length > MAX_OUTPUT) {
        output = before + written
        mistake(`${where()}: ${tooLongValue()}`)
      }
    }
    output += template.slice(cursor, to)
  }
  let cursor = 0
  for (const span of pasted) {
    renderOwn(cursor, span.start)
    // No pasted text passes for what markdown() converted.
    const text = template.slice(span.start, span.end).replace(TRUSTED_MARKS, '')
    // Pasted release notes or a pull request body read as `{{ markdown(...) }}` would show them.
    if (span.markdown && options.markdown && options.as !== 'plain') {
      output += options.markdown(text, { fullText: fullTextUrl(text, context), links })
    } else insert(text)
    cursor = span.end
  }
  renderOwn(cursor, template.length)
  if (output.length > MAX_OUTPUT) {
    mistake(tooLong(named))
    output = output.slice(0, MAX_OUTPUT)
  }
  return output
}

function tooLongValue(): string {
  return `its value would take the message past ${MAX_OUTPUT / 1024} KiB; a message is far smaller`
}

function tooLong(named: (message: string) => string): string {
  return named(
    `the template renders to more than ${MAX_OUTPUT / 1024} KiB; a message is far smaller`
  )
}

/** Inert text, except the parts `markdown()` already converted: those are kept as converted. */
function inertValue(value: string, links: GithubLinks): string {
  if (!value.includes(TRUSTED_START)) return inertText(value, links)
  return value
    .split(TRUSTED_START)
    .map((part, index) => {
      if (index === 0) return inertText(part, links)
      const end = part.indexOf(TRUSTED_END)
      return part.slice(0, end) + inertText(part.slice(end + 1), links)
    })
    .join('')
}

/** A URL or a name is not markdown: as it is, only a room-wide mention defused. */
function plainValue(value: string): string {
  return defuseRoomMentions(value.replace(TRUSTED_MARKS, ''))
}

/**
 * The end of an expression before `to`: the first `}}` outside a '...' string literal, as the
 * runner finds it.
 */
function findClose(template: string, from: number, to: number): number {
  let inString = false
  for (let i = from; i + 1 < to; i++) {
    const c = template[i]
    if (c === "'") inString = !inString
    else if (!inString && c === '}' && template[i + 1] === '}') return i
  }
  return -1
}

function evaluate(
  source: string,
  context: WorkflowContext,
  functions: Map<string, FunctionDefinition>,
  where: () => string,
  readsEnv: boolean
): string {
  const names = readsEnv ? CONTEXT_NAMES : CONTEXT_NAMES.filter(name => name !== 'env')
  let result: data.ExpressionData
  try {
    const { tokens } = new Lexer(source).lex()
    // Only the end token: the parser would return no tree at all.
    if (tokens.length <= 1) throw new Error('empty expression')
    const expression = new Parser(tokens, names, [...functions.values()]).parse()
    result = new Evaluator(expression, contextData(context, readsEnv), functions).evaluate()
  } catch (error) {
    throw new TemplateError(`${where()}: ${describe(error, names)}`, { cause: error })
  }
  return toText(result)
}

/** What only the runner can read, and why: the hint to write `${{ }}` for it. */
const RUNNER_CONTEXTS: Record<string, string> = {
  steps: "a step's outputs live in the runner",
  matrix: "the matrix is the runner's, decided per job",
  needs: "other jobs' outputs reach a step only through the runner",
  vars: "configuration variables are the runner's, never given to an action",
  inputs: "a workflow's inputs are the runner's, never given to an action",
  secrets: 'secrets are never given to an action unless written into its inputs',
  strategy: "the job's strategy is the runner's"
}

function describe(error: unknown, names: string[]): string {
  const message = errorMessage(error)
  if (message === "Unrecognized named-value: 'env'") {
    return (
      `${message}: the action reads env only in body-file; inline, write \${{ env.NAME }} and ` +
      'the runner fills it in (README, "Where env is read")'
    )
  }
  const runnerOnly = /^Unrecognized named-value: '([a-z]+)'$/.exec(message)?.[1]
  const why = runnerOnly === undefined ? undefined : RUNNER_CONTEXTS[runnerOnly]
  if (runnerOnly !== undefined && why !== undefined) {
    return (
      `${message}: ${why}; write \${{ ${runnerOnly}.NAME }} and the runner fills it in ` +
      '(its text is then sent as text, never evaluated)'
    )
  }
  return message.startsWith('Unrecognized named-value')
    ? `${message} (templates can read ${names.join(', ')})`
    : message
}

/** A plain path into a context the action knows: `github.event.head_commit.mesage`. */
const KNOWN_PATH =
  /^\s*(github\.event|run_details|previous_run)((?:\.[A-Za-z_][A-Za-z0-9_-]{0,99}|\[\d{1,9}\]){1,32})\s*$/
const PATH_STEP = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]/g
/** Keys compared for a typo, at most: an object of the event has a few dozen. */
const MAX_KEYS = 500

/**
 * Where a plain path stops resolving, if a key close to the missing one exists: "github.event.
 * head_commit has no `mesage`; did you mean `message`?". Undefined for any other expression, a
 * path that resolves, or a missing key with no close one (a pull request's fields on a push).
 */
function closestKey(source: string, context: WorkflowContext): string | undefined {
  const match = KNOWN_PATH.exec(source)
  if (!match) return undefined
  const [, root = '', rest = ''] = match
  let value: unknown =
    root === 'github.event' ? context.github.event : context[root as keyof WorkflowContext]
  let at = root
  for (const [, key, index] of rest.matchAll(PATH_STEP)) {
    if (typeof value !== 'object' || value === null) return undefined
    const name = key ?? index ?? ''
    const next = (value as Record<string, unknown>)[name]
    if (next === undefined && key !== undefined && !Array.isArray(value)) {
      const keys = Object.keys(value).slice(0, MAX_KEYS)
      const best = nearest(key, keys)
      return best === undefined ? undefined : `${at} has no \`${key}\`; did you mean \`${best}\`?`
    }
    value = next
    at = key === undefined ? `${at}[${name}]` : `${at}.${name}`
  }
  return undefined
}

/** The key closest to `word` within a small edit distance (2, or a third of a long word). */
function nearest(word: string, keys: string[]): string | undefined {
  const bound = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3))
  let best: string | undefined
  let bestDistance = bound + 1
  for (const key of keys) {
    if (Math.abs(key.length - word.length) > bound || key.length > 100) continue
    const distance = editDistance(word.toLowerCase(), key.toLowerCase())
    if (distance < bestDistance) {
      best = key
      bestDistance = distance
    }
  }
  return best
}

/** Levenshtein distance of two short words (at most 100 characters each). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution)
      )
    }
    previous = current
  }
  return previous[b.length] as number
}

/**
 * Strings as GitHub prints them (null is empty, numbers without a trailing `.0`), except objects
 * and arrays, which GitHub prints as `Object` and `Array`: JSON says more in a message.
 */
function toText(result: data.ExpressionData): string {
  return result.primitive ? result.coerceString() : JSON.stringify(result, data.replacer)
}

/** The functions a template can call besides GitHub's own; GitHub's expanding ones are capped. */
function templateFunctions(
  context: WorkflowContext,
  options: RenderOptions
): Map<string, FunctionDefinition> {
  const functions = statusFunctions(context.job.status)
  for (const name of ['format', 'join', 'tojson']) {
    const builtIn = wellKnownFunctions[name]
    if (!builtIn) continue
    functions.set(name, {
      name: builtIn.name,
      minArgs: builtIn.minArgs,
      maxArgs: builtIn.maxArgs,
      call: (...args) => {
        const result = builtIn.call(...args)
        if (result.primitive && result.coerceString().length > MAX_OUTPUT) {
          throw new Error(`${builtIn.name}() gives more than ${MAX_OUTPUT / 1024} KiB`)
        }
        return result
      }
    })
  }
  const convert = options.markdown
  if (convert) {
    functions.set('markdown', {
      name: 'markdown',
      minArgs: 1,
      maxArgs: 2,
      call: (...args) => {
        const [text, url] = args
        const source = text?.coerceString() ?? ''
        const converted = convert(source, {
          fullText: url?.coerceString() || fullTextUrl(source, context),
          links: githubLinks(context)
        })
        return new data.StringData(TRUSTED_START + converted + TRUSTED_END)
      }
    })
  }
  return functions
}

/** Where the event's long texts can be read whole: the link when `markdown()` has to cut one. */
const LONG_TEXTS: [text: string[], url: string[]][] = [
  [
    ['release', 'body'],
    ['release', 'html_url']
  ],
  [
    ['pull_request', 'body'],
    ['pull_request', 'html_url']
  ],
  [
    ['issue', 'body'],
    ['issue', 'html_url']
  ],
  [
    ['comment', 'body'],
    ['comment', 'html_url']
  ],
  [
    ['discussion', 'body'],
    ['discussion', 'html_url']
  ],
  [
    ['head_commit', 'message'],
    ['head_commit', 'url']
  ]
]

function fullTextUrl(text: string, context: WorkflowContext): string {
  const at = (path: string[]): unknown =>
    path.reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      context.github.event
    )
  const found = LONG_TEXTS.find(([textPath]) => at(textPath) === text)
  const url = found ? at(found[1]) : undefined
  return typeof url === 'string' ? url : ''
}

/**
 * `success()` and friends follow the `status` input, the only job status a step can know; `warning`
 * and `info` are neither success nor failure. Keys are lower case, as the evaluator looks them up.
 */
function statusFunctions(status: Status): Map<string, FunctionDefinition> {
  const truth = {
    success: status === 'success',
    failure: status === 'failure',
    cancelled: status === 'cancelled',
    always: true
  }
  return new Map(
    Object.entries(truth).map(([name, value]) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) }
    ])
  )
}

/** The converted contexts, once per context: the event payload can be large. */
const converted = new WeakMap<WorkflowContext, data.Dictionary>()
const convertedWithoutEnv = new WeakMap<WorkflowContext, data.Dictionary>()

function contextData(context: WorkflowContext, readsEnv: boolean): data.Dictionary {
  const cache = readsEnv ? converted : convertedWithoutEnv
  let dictionary = cache.get(context)
  if (!dictionary) {
    const names = readsEnv ? CONTEXT_NAMES : CONTEXT_NAMES.filter(name => name !== 'env')
    dictionary = new data.Dictionary(
      ...names.map(key => ({ key, value: toData(context[key as keyof WorkflowContext]) }))
    )
    cache.set(context, dictionary)
  }
  return dictionary
}

function toData(value: unknown): data.ExpressionData {
  if (typeof value === 'string') return new data.StringData(value.replace(TRUSTED_MARKS, ''))
  if (typeof value === 'number') return new data.NumberData(value)
  if (typeof value === 'boolean') return new data.BooleanData(value)
  if (Array.isArray(value)) return new data.Array(...value.map(toData))
  if (typeof value === 'object' && value !== null) {
    return new data.Dictionary(
      ...Object.entries(value).map(([key, item]) => ({ key, value: toData(item) }))
    )
  }
  return new data.Null()
}

/** 1-based `line L, column C` of an offset, counted in characters as editors do. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

function quote(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ')
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine
}
