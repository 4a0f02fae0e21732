import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

/**
 * The import rules of docs/architecture.md, as `npm run lint` enforces them: probe files are linted
 * with the project's own eslint.config.js, at paths inside each folder. Only the layering rules
 * run, so a probe that is not on disk needs no type information.
 */
const eslint = new ESLint({
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) =>
    ruleId === 'no-restricted-imports' || ruleId === 'no-restricted-syntax'
})

async function lintErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map(m => `${String(m.line)}: ${m.message}`)
}

const probe = (...sources: string[]): string =>
  sources.map((source, i) => `import * as m${String(i)} from '${source}'\n`).join('')

describe('src/rocketchat/ is a library', () => {
  it('may not import @actions/*, src/action/, src/template/ or src/github/', async () => {
    const errors = await lintErrors(
      'src/rocketchat/probe.ts',
      probe(
        '@actions/core',
        '../action/inputs.js',
        '../template/render.js',
        '../github/run.js',
        '@actions/github'
      )
    )

    expect(errors).toEqual([
      expect.stringMatching(/^1: .*no @actions\/\* packages/),
      expect.stringMatching(/^2: .*may not import src\/action\//),
      expect.stringMatching(/^3: .*may not import src\/template\//),
      expect.stringMatching(/^4: .*may not import src\/github\//),
      expect.stringMatching(/^5: .*no @actions\/\* packages/)
    ])
  })

  it('is held to it from a subfolder, in type imports, dynamic imports and re-exports', async () => {
    const errors = await lintErrors(
      'src/rocketchat/url/probe.ts',
      [
        "import type { Settings } from '../../action/inputs.js'",
        "export const load = () => import('../../template/render.js')",
        "export const core = () => import('@actions/core')",
        "export { renderTemplate } from '../../template/render.js'"
      ].join('\n')
    )

    expect(errors).toEqual([
      expect.stringMatching(/^1: .*may not import src\/action\//),
      expect.stringMatching(/^2: .*may not import src\/template\//),
      expect.stringMatching(/^3: .*no @actions\/\* packages/),
      expect.stringMatching(/^4: .*may not import src\/template\//)
    ])
  })

  it('may import its own modules, Node and its own dependencies', async () => {
    const errors = await lintErrors(
      'src/rocketchat/probe.ts',
      probe('./errors.js', '../rocketchat/types.js', './url/tokens.js', 'node:tls', 'undici')
    )

    expect(errors).toEqual([])
  })
})

describe('src/template/ renders; it does not run the action', () => {
  it('may not import src/action/ or @actions/core', async () => {
    const errors = await lintErrors(
      'src/template/probe.ts',
      probe('../action/context.js', '@actions/core')
    )

    expect(errors).toEqual([
      expect.stringMatching(/^1: .*may not import src\/action\//),
      expect.stringMatching(/^2: .*only src\/action\/ talks to the runner/)
    ])
  })

  it('may import the sender and GitHub expressions', async () => {
    const errors = await lintErrors(
      'src/template/probe.ts',
      probe('../rocketchat/types.js', './context.js', '@actions/expressions', 'yaml')
    )

    expect(errors).toEqual([])
  })
})

describe('src/github/ reads the API; only src/action/ talks to the runner', () => {
  it('may not import @actions/core or src/action/', async () => {
    const errors = await lintErrors(
      'src/github/probe.ts',
      probe('@actions/core', '../action/inputs.js', '@actions/github')
    )

    expect(errors).toHaveLength(2)
  })

  it.each(['src/action/probe.ts', 'src/main.ts', 'src/index.ts'])(
    '%s may import @actions/core and every folder',
    async filePath => {
      const errors = await lintErrors(
        filePath,
        probe('@actions/core', './template/render.js', '../rocketchat/url.js')
      )

      expect(errors).toEqual([])
    }
  )
})
