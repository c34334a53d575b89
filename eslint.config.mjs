import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * The architecture, as rules: platform → content / library → app → components → pages. Each layer
 * names the layers it may not import, by alias (`@/library/…`) or by relative path (`../library/…`).
 */
const LAYERS = 'platform → content / library → app → components → pages'
const from = (names) => `^(?:@/|(?:\\.\\./)+)(?:${names.join('|')})(?:/|$)`
const zone = (files, forbidden, why, extra = []) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: [{ regex: from(forbidden), message: `${why} (${LAYERS})` }, ...extra] },
    ],
  },
})
const onlySchema = {
  regex: '^(?:@/|(?:\\.\\./)+)content/(?!schema$)',
  message: 'library/ and i18n/ know content only through its schema module',
}
const ARCHITECTURE = [
  zone(
    ['src/platform/**'],
    ['content', 'library', 'i18n', 'card', 'app', 'components', 'pages'],
    'platform/ wraps Taro and imports nothing of the app',
  ),
  zone(
    ['src/card/**'],
    ['platform', 'library', 'app', 'components', 'pages'],
    'card/ lays out and draws the quote card in pure code: its words and measures come in',
    [
      {
        regex: '^(?:@/|(?:\\.\\./)+)content/(?!schema$)',
        message: 'card/ knows content only through its schema module',
      },
      { regex: '^@tarojs/', message: 'card/ is pure code: Taro stays behind platform/' },
    ],
  ),
  zone(
    ['src/content/**'],
    ['library', 'app', 'components', 'pages'],
    'content/ knows nothing of the library, the root or the UI',
  ),
  zone(['src/library/**'], ['app', 'components', 'pages'], 'library/ knows nothing of the root or the UI', [
    onlySchema,
  ]),
  zone(['src/i18n/**'], ['platform', 'library', 'app', 'components', 'pages'], 'i18n/ holds words only', [
    onlySchema,
  ]),
  zone(
    ['src/app/**'],
    ['components', 'pages'],
    'the composition root wires content and library; the UI imports it',
  ),
  zone(
    ['src/components/**'],
    ['app', 'pages'],
    'components are presentational: pages hand them data and actions',
  ),
  zone(['src/pages/**'], ['pages'], 'nothing imports from pages/, not even another page', [
    {
      regex: '^\\.\\./(?!\\.\\./)',
      message: 'a page does not import another page (nothing imports from pages/)',
    },
  ]),
  zone(['src/app.ts', 'src/app.config.ts'], ['pages', 'components'], 'the app entry holds providers only'),
  {
    files: ['scripts/**'],
    rules: {
      // import() and require() too, which no-restricted-imports does not see.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportExpression[source.value=/^(\\.\\.\\/)+tests\\//], CallExpression[callee.name='require'][arguments.0.value=/^(\\.\\.\\/)+tests\\//]",
          message: 'scripts/ never import tests/: share through a folder both may use',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:\\.\\./)+tests(?:/|$)',
              message: 'scripts/ never import tests/: share through a folder both may use',
            },
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'src/content/bundled/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { defineAppConfig: 'readonly', definePageConfig: 'readonly', process: 'readonly' },
    },
  },
  ...ARCHITECTURE,
)
