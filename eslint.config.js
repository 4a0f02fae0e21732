import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The import direction of docs/architecture.md ("Folders and import rules"): action -> template ->
 * rocketchat, never back. A relative import of a folder, from any depth below src/.
 */
const folder = name => `^(\\./|(\\.\\./)+)${name}(/|$)`
const forbid = (regex, message) => ({ regex, message })
const noCore = forbid('^@actions/core$', 'only src/action/ talks to the runner (@actions/core).')
const rules = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
  // Dynamic import() is not checked by no-restricted-imports.
  'no-restricted-syntax': [
    'error',
    ...patterns.map(({ regex, message }) => ({
      selector: `ImportExpression > Literal[value=/${regex.replaceAll('/', '\\x2F')}/]`,
      message
    }))
  ]
})

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'scripts/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }]
    }
  },
  // Plain-JavaScript helpers (Node module hooks the tests load) have no types to check.
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    // A library: usable outside a workflow, so it knows nothing of the runner or the templates.
    files: ['src/rocketchat/**/*.ts'],
    rules: rules(
      forbid('^@actions/', 'src/rocketchat/ is a library: no @actions/* packages.'),
      forbid(folder('action'), 'src/rocketchat/ may not import src/action/.'),
      forbid(folder('template'), 'src/rocketchat/ may not import src/template/.'),
      forbid(folder('github'), 'src/rocketchat/ may not import src/github/.')
    )
  },
  {
    files: ['src/template/**/*.ts'],
    rules: rules(noCore, forbid(folder('action'), 'src/template/ may not import src/action/.'))
  },
  {
    files: ['src/github/**/*.ts'],
    rules: rules(noCore, forbid(folder('action'), 'src/github/ may not import src/action/.'))
  }
)
