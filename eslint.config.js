import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      'node_modules/',
      'scripts/',
      'eslint.config.js',
      '.stryker-tmp/',
      'reports/',
      // The test suites that wrote the test-report fixtures: material, not this project's code.
      'test/fixtures/test-results/sources/',
      // Rocket.Chat's message parser as its package ships it (scripts/refresh-message-parser.mjs).
      'test/vendor/'
    ]
  },
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
  // The environment is read in src/action/ and src/main.ts only; the libraries are given what they need.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/action/**', 'src/main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment in src/action/ and pass the value down as data.'
        }
      ]
    }
  },
  // Plain-JavaScript helpers (Node module hooks the tests load) have no types to check.
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked }
)
