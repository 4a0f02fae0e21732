import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The import rules of docs/architecture.md, as `npm run lint` enforces them: the table in the doc
 * is the specification, .dependency-cruiser.mjs must hold the same rows, and a probe tree (a file
 * in each folder importing every folder of ours and every runtime package) is cruised with the
 * project's own configuration: a violation exactly where the table says no.
 */

type Layers = Record<string, { ours: string[]; packages: string[] }>

const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>
}
const RUNTIME = Object.keys(dependencies)
const CONFIG = resolve('.dependency-cruiser.mjs')
const CLI = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
const { LAYERS, FRONT_DOORS } = (await import(CONFIG)) as {
  LAYERS: Layers
  FRONT_DOORS: Record<string, string>
}

/** The rows of the doc's table, as { 'src/x/': { ours, packages } }. */
function documentedLayers(): Layers {
  const doc = readFileSync('docs/architecture.md', 'utf8')
  const section = doc.slice(doc.indexOf('<!-- layering table'))
  const rows = section.split('\n').filter(line => /^\| `src\//.test(line))
  const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1] ?? '')
  return Object.fromEntries(
    rows.map(row => {
      const [, folder = '', , ours = '', packages = ''] = row.split('|').map(cell => cell.trim())
      const listed = packages === 'every runtime dependency' ? RUNTIME : names(packages)
      return [names(folder)[0] ?? '', { ours: names(ours), packages: listed }]
    })
  )
}

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A tree of probe files in a temporary folder, with this project's node_modules and tsconfig. */
function probeTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layering-'))
  dirs.push(dir)
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'), 'dir')
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync('tsconfig.json'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

interface Violation {
  from: string
  to: string
  rule: { name: string }
  cycle?: { name: string }[]
}

/** Runs dependency-cruiser as `npm run lint` does, with the project's configuration. */
async function cruise(dir: string): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CLI, 'src', '--config', CONFIG, '--output-type', 'json'],
    { cwd: dir, maxBuffer: 64 * 1024 * 1024 }
  ).catch((error: unknown) => error as { stdout: string })
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } }
  return result.summary.violations
}

/** How the probe of `from` imports `target`: a plain, a type-only or a dynamic import in turn. */
function importOf(specifier: string, i: number): string {
  if (i % 3 === 0) return `import * as m${i} from '${specifier}'\nexport { m${i} }`
  if (i % 3 === 1) return `import type * as m${i} from '${specifier}'\nexport type { m${i} }`
  return `export const m${i} = () => import('${specifier}')`
}

const documented = documentedLayers()
const sources = Object.keys(documented)
const folders = sources.filter(s => s.endsWith('/'))
const targets = [...folders, 'src/main.ts', ...RUNTIME]

/** Where a probe sits for a folder or file, and the relative specifier from it to a target. */
const probeFile = (source: string): string => (source.endsWith('/') ? `${source}probe.ts` : source)
/** The file a probe imports to reach a folder: its front door, if it has one. */
const targetFile = (folder: string): string => FRONT_DOORS[folder] ?? `${folder}target.ts`
function specifier(from: string, target: string): string {
  if (!target.startsWith('src/')) return target
  const path = (target.endsWith('/') ? targetFile(target) : target).replace(/\.ts$/, '.js')
  const relative = path.slice('src/'.length)
  const depth = from.slice('src/'.length).split('/').length - 1
  return `${depth === 0 ? './' : '../'.repeat(depth)}${relative}`
}

/** The folder, file or package a resolved path belongs to. */
function targetOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)
  if (pkg) return pkg[1] ?? ''
  return targets.find(t => path === t || (t.endsWith('/') && path.startsWith(t))) ?? path
}

describe('the layering table', () => {
  it('in docs/architecture.md has the rows .dependency-cruiser.mjs enforces', () => {
    expect(sources).toEqual([
      'src/shared/',
      'src/rocketchat/',
      'src/run/',
      'src/test-results/',
      'src/template/',
      'src/github/',
      'src/action/',
      'src/main.ts',
      'src/index.ts'
    ])
    expect(LAYERS).toEqual(documented)
  })

  it('forbids exactly the pairs it does not list, in plain, type-only and dynamic imports', async () => {
    const files: Record<string, string> = {}
    for (const folder of folders) files[targetFile(folder)] = 'export const target = 1\n'
    files['src/main.ts'] = ''
    for (const source of sources) {
      const from = probeFile(source)
      const imports = targets.filter(t => probeFile(t) !== from)
      files[from] = imports.map((t, i) => importOf(specifier(from, t), i)).join('\n') + '\n'
    }
    const violations = await cruise(probeTree(files))

    const refused = new Set(
      violations
        .filter(v => v.from.startsWith('src/') && !folders.some(f => v.from === targetFile(f)))
        .map(v => `${sources.find(s => v.from === probeFile(s)) ?? v.from} -> ${targetOf(v.to)}`)
    )
    const forbidden = sources.flatMap(source =>
      targets
        .filter(t => probeFile(t) !== probeFile(source))
        .filter(t => {
          const may = documented[source] ?? { ours: [], packages: [] }
          return !may.ours.includes(t) && !may.packages.includes(t)
        })
        .map(t => `${source} -> ${t}`)
    )
    expect(violations.filter(v => v.rule.name !== 'not-in-allowed')).toEqual([])
    expect([...refused].sort()).toEqual(forbidden.sort())
    // Not a vacuous table: some pairs are allowed, and src/rocketchat/ may import no package.
    expect(forbidden).toContain('src/rocketchat/ -> @actions/core')
    expect(forbidden).toContain('src/template/ -> src/github/')
    expect(forbidden).toContain('src/github/ -> src/template/')
    expect(forbidden).toContain('src/template/ -> src/action/')
    expect(forbidden).not.toContain('src/template/ -> src/run/')
    expect(forbidden).toContain('src/shared/ -> src/rocketchat/')
    expect(forbidden).toContain('src/rocketchat/ -> src/run/')
    expect(forbidden).not.toContain('src/rocketchat/ -> src/shared/')
  })

  it('lets other folders reach src/rocketchat/ only through its front door, even by type only', async () => {
    expect(FRONT_DOORS).toEqual({ 'src/rocketchat/': 'src/rocketchat/index.ts' })
    const doc = readFileSync('docs/architecture.md', 'utf8').replace(/\s+/g, ' ')
    expect(doc).toContain('only through its front door `src/rocketchat/index.ts`')
    // One probe per kind of import (a plain, a type-only, a dynamic one), as the cruiser reports
    // one violation per pair of files.
    const forms = ['plain', 'type-only', 'dynamic']
    const files: Record<string, string> = {
      'src/rocketchat/errors.ts': 'export class RocketChatError extends Error {}\n',
      'src/rocketchat/transport/exchange.ts': "export { RocketChatError } from '../errors.js'\n",
      'src/rocketchat/index.ts': "export { RocketChatError } from './transport/exchange.js'\n",
      'src/main.ts': "export * from './rocketchat/index.js'\n"
    }
    forms.forEach((form, i) => {
      files[`src/template/${form}.ts`] = importOf('../rocketchat/errors.js', i)
      files[`src/github/${form}.ts`] = importOf('../rocketchat/transport/exchange.js', i)
      files[`src/action/${form}.ts`] = importOf('../rocketchat/index.js', i)
    })

    const violations = await cruise(probeTree(files))

    expect(violations.map(v => `${v.rule.name}: ${v.from} -> ${v.to}`).sort()).toEqual(
      forms
        .flatMap(form => [
          `front-door: src/template/${form}.ts -> src/rocketchat/errors.ts`,
          `front-door: src/github/${form}.ts -> src/rocketchat/transport/exchange.ts`
        ])
        .sort()
    )
  })

  it('refuses modules that import each other in a loop, even by type only', async () => {
    const dir = probeTree({
      'src/template/a.ts': "import type { B } from './b.js'\nexport type A = B[]\n",
      'src/template/b.ts': "import { c } from './c.js'\nexport type B = typeof c\n",
      'src/template/c.ts': "import type { A } from './a.js'\nexport const c: A = []\n"
    })

    const violations = await cruise(dir)

    expect(violations.map(v => v.rule.name)).toContain('no-circular')
    expect(violations.every(v => v.rule.name === 'no-circular')).toBe(true)
  })

  it('holds for src/ as it is', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      'src',
      '--config',
      CONFIG,
      '--output-type',
      'err'
    ])

    expect(stdout).toMatch(/no dependency violations found/)
  })
})

describe('the environment', () => {
  it('is read in src/action/ and src/main.ts only: the linter refuses process.env in every other folder', async () => {
    const { ESLint, Linter } = await import('eslint')
    const eslint = new ESLint()
    const linter = new Linter({ configType: 'flat' })
    const code = 'export const proxy = process.env.HTTPS_PROXY\n'
    const refused = async (path: string): Promise<boolean> => {
      const config = (await eslint.calculateConfigForFile(path)) as {
        rules?: Record<string, unknown>
      }
      const rule = config.rules?.['no-restricted-properties']
      if (rule === undefined) return false
      const messages = linter.verify(code, { rules: { 'no-restricted-properties': rule } } as never)
      return messages.some(m => m.ruleId === 'no-restricted-properties')
    }
    const folders = Object.keys(LAYERS).filter(layer => layer.endsWith('/'))
    const libraries = folders.filter(folder => folder !== 'src/action/')

    for (const folder of libraries) expect(await refused(`${folder}probe.ts`), folder).toBe(true)
    expect(await refused('src/index.ts')).toBe(true)
    expect(await refused('src/action/probe.ts')).toBe(false)
    expect(await refused('src/main.ts')).toBe(false)
  })
})
