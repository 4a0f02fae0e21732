// Lets the plain-node scripts (npm start, npm run bench) import the TypeScript fake server on
// Node 20, which cannot strip types: `.js` imports fall back to the `.ts` beside them, and `.ts`
// files are transpiled (types removed, nothing checked) with the project's own TypeScript.
import { readFile } from 'node:fs/promises'
import ts from 'typescript'

export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      return next(specifier.slice(0, -3) + '.ts', context)
    }
    throw error
  }
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context)
  const source = await readFile(new URL(url), 'utf8')
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  })
  return { format: 'module', source: outputText, shortCircuit: true }
}
