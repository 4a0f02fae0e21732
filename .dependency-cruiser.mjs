/**
 * The layering of src/ as an allow-list: a row per folder, naming the folders of ours and the
 * packages it may import (Node's own modules are allowed everywhere). Any other import fails
 * `npm run lint`, as does any loop of imports; type-only imports count. docs/architecture.md
 * draws this table and says why; test/layering.test.ts probes every pair it forbids. A library folder
 * with a front door (FRONT_DOORS) is reached from elsewhere only through that one file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const { dependencies } = JSON.parse(readFileSync(join(import.meta.dirname, 'package.json'), 'utf8'))
const RUNTIME_PACKAGES = Object.keys(dependencies)

/** @type {Record<string, { ours: string[], packages: string[] }>} */
export const LAYERS = {
  'src/shared/': { ours: ['src/shared/'], packages: [] },
  'src/rocketchat/': { ours: ['src/rocketchat/', 'src/shared/'], packages: ['undici'] },
  'src/run/': { ours: ['src/run/', 'src/rocketchat/', 'src/shared/'], packages: [] },
  'src/test-results/': {
    ours: ['src/test-results/', 'src/shared/'],
    packages: ['fast-xml-parser', 'tap-parser', 'yauzl']
  },
  'src/template/': {
    ours: ['src/template/', 'src/run/', 'src/test-results/', 'src/rocketchat/', 'src/shared/'],
    packages: ['@actions/expressions', 'yaml']
  },
  'src/github/': {
    ours: ['src/github/', 'src/run/', 'src/rocketchat/', 'src/shared/'],
    packages: ['@actions/github', 'undici']
  },
  'src/action/': {
    ours: [
      'src/action/',
      'src/github/',
      'src/template/',
      'src/run/',
      'src/test-results/',
      'src/rocketchat/',
      'src/shared/'
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
      'src/rocketchat/',
      'src/shared/'
    ],
    packages: RUNTIME_PACKAGES
  },
  'src/index.ts': { ours: ['src/main.ts'], packages: [] }
}

/** A library folder that the others may import only through its front door, type-only imports too. */
export const FRONT_DOORS = { 'src/rocketchat/': 'src/rocketchat/index.ts' }

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
    ...Object.entries(FRONT_DOORS).map(([folder, door]) => ({
      name: 'front-door',
      severity: 'error',
      comment: `From outside ${folder}, import only its front door ${door}: export what you need there.`,
      from: { pathNot: ours(folder) },
      to: { path: ours(folder), pathNot: ours(door) }
    })),
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
