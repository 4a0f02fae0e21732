import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import type { WorkflowContext } from './context.js'
import type { Status } from '../rocketchat/types.js'
import { defuseWithin } from './mentions.js'
import { errorMessage } from '../rocketchat/errors.js'

/** A template that cannot be rendered; the message names the expression and where it is. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

export interface RenderOptions {
  /** Make `@all`, `@here` and `@channel` inside inserted values unable to ping. Default true. */
  defuse?: boolean
}

type FunctionDefinition =
  NonNullable<ConstructorParameters<typeof Evaluator>[2]> extends Map<string, infer Definition>
    ? Definition
    : never

const CONTEXT_NAMES = ['github', 'env', 'job', 'runner']
const OPEN = '${{'
const CLOSE = '}}'

/**
 * Renders each `${{ expr }}` in `template` over the workflow context. A value is inserted as text
 * and never evaluated again, so `${{` inside an event field stays literal.
 */
export function renderTemplate(
  template: string,
  context: WorkflowContext,
  options: RenderOptions = {}
): string {
  if (!template.includes(OPEN)) return template
  const functions = statusFunctions(context.job.status)
  let output = ''
  const inserted: [start: number, end: number][] = []
  let cursor = 0
  for (let open = template.indexOf(OPEN); open >= 0; open = template.indexOf(OPEN, cursor)) {
    const close = findClose(template, open + OPEN.length)
    if (close < 0) {
      throw new TemplateError(
        `${quote(template.slice(open))} at ${position(template, open)} has no closing }}`
      )
    }
    output += template.slice(cursor, open)
    const source = template.slice(open + OPEN.length, close)
    const where = (): string =>
      `${quote(template.slice(open, close + CLOSE.length))} at ${position(template, open)}`
    const value = evaluate(source, context, functions, where)
    inserted.push([output.length, output.length + value.length])
    output += value
    cursor = close + CLOSE.length
  }
  output += template.slice(cursor)
  return options.defuse === false ? output : defuseWithin(output, inserted)
}

/** The end of an expression: the first `}}` outside a '...' string literal, as the runner finds it. */
function findClose(template: string, from: number): number {
  let inString = false
  for (let i = from; i < template.length; i++) {
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
  where: () => string
): string {
  let result: data.ExpressionData
  try {
    const { tokens } = new Lexer(source).lex()
    // Only the end token: the parser would return no tree at all.
    if (tokens.length <= 1) throw new Error('empty expression')
    const expression = new Parser(tokens, CONTEXT_NAMES, [...functions.values()]).parse()
    result = new Evaluator(expression, contextData(context), functions).evaluate()
  } catch (error) {
    throw new TemplateError(`${where()}: ${describe(error)}`, { cause: error })
  }
  return toText(result)
}

function describe(error: unknown): string {
  const message = errorMessage(error)
  return message.startsWith('Unrecognized named-value')
    ? `${message} (templates can read ${CONTEXT_NAMES.join(', ')})`
    : message
}

/**
 * Strings as GitHub prints them (null is empty, numbers without a trailing `.0`), except objects
 * and arrays, which GitHub prints as `Object` and `Array`: JSON says more in a message.
 */
function toText(result: data.ExpressionData): string {
  return result.primitive ? result.coerceString() : JSON.stringify(result, data.replacer)
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

function contextData(context: WorkflowContext): data.Dictionary {
  let dictionary = converted.get(context)
  if (!dictionary) {
    dictionary = new data.Dictionary(
      ...CONTEXT_NAMES.map(key => ({ key, value: toData(context[key as keyof WorkflowContext]) }))
    )
    converted.set(context, dictionary)
  }
  return dictionary
}

function toData(value: unknown): data.ExpressionData {
  if (typeof value === 'string') return new data.StringData(value)
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
