/**
 * The layering of src/ as an allow-list: a row per folder, naming the folders of ours and the
 * packages it may import (Node's own modules are allowed everywhere). Any other import fails
 * `npm run lint`, as does any loop of imports; type-only imports count. docs/architecture.md
 * draws this table and says why; test/layering.test.ts probes every pair it forbids.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const { dependencies } = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8'))
const RUNTIME_PACKAGES = Object.keys(dependencies)

/** @type {Record<string, { ours: string[], packages: string[] }>} */
export const LAYERS = {
  'src/rocketchat/': { ours: ['src/rocketchat/'], packages: ['undici'] },
  'src/run/': { ours: ['src/run/', 'src/rocketchat/'], packages: [] },
  'src/test-results/': {
    ours: ['src/test-results/'],
    packages: ['fast-xml-parser', 'tap-parser', 'yauzl']
  },
  'src/template/': {
    ours: ['src/template/', 'src/run/', 'src/test-results/', 'src/rocketchat/'],
    packages: ['@actions/expressions', 'yaml']
  },
  'src/github/': {
    ours: ['src/github/', 'src/run/', 'src/rocketchat/'],
    packages: ['@actions/github', 'undici']
  },
  'src/action/': {
    ours: [
      'src/action/',
      'src/github/',
      'src/template/',
      'src/run/',
      'src/test-results/',
      'src/rocketchat/'
    ],
    packages: RUNTIME_PACKAGES
  },
  'src/main.ts': {
    ours: [
      'src/action/',
      'src/github/',
      'src/template/',
      'src/run/',
      'src/test-results/',
      'src/rocketchat/'
    ],
    packages: RUNTIME_PACKAGES
  },
  'src/index.ts': { ours: ['src/main.ts'], packages: [] }
}

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A folder of ours and what is under it, or one file. */
const ours = path => `^${escape(path)}${path.endsWith('/') ? '' : '$'}`
/** A package as the resolver finds it, from any depth (the layering test cruises a copy). */
const npmPackage = name => `(^|/)node_modules/${escape(name)}/`

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Modules that import each other, directly or around a loop: split the shared part out.',
      from: {},
      to: { circular: true }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing cannot be checked against the table.',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  allowedSeverity: 'error',
  allowed: Object.entries(LAYERS).flatMap(([from, may]) => [
    { from: { path: ours(from) }, to: { dependencyTypes: ['core'] } },
    { from: { path: ours(from) }, to: { path: may.ours.map(ours) } },
    ...(may.packages.length > 0
      ? [{ from: { path: ours(from) }, to: { path: may.packages.map(npmPackage) } }]
      : [])
  ]),
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings']
    }
  }
}
