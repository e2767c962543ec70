// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** graph/'s import rule: record shapes (ingest/records.ts), types from ingest/ and the `allowed` ingest modules. */
const graphImports = (allowed = []) => [
  'error',
  {
    patterns: [
      {
        group: ['../ingest/*', '!../ingest/records.js', ...allowed.map((m) => `!../ingest/${m}`)],
        allowTypeImports: true,
        message: 'graph/ may import record shapes (ingest/records.ts) and types from ingest/',
      },
      { group: ['../queries/*', '../src/*'], message: 'graph/ does not depend on queries/ or src/' },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-artifacts/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        document: 'readonly',
        window: 'readonly',
        fetch: 'readonly',
        history: 'readonly',
        location: 'readonly',
        URLSearchParams: 'readonly',
        AbortController: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Layering (docs/STYLE): only src/config.ts reads process.env.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config.ts' },
      ],
    },
  },
  // Layering (docs: STYLE.md): data flows corpus → ingest → graph; HTTP/CLI → src → queries → graph.
  {
    files: ['ingest/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../graph/*', '../queries/*', '../src/*'], message: 'ingest/ imports only its own modules' },
          ],
        },
      ],
    },
  },
  { files: ['graph/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': graphImports() } },
  {
    // queries/ see the vector indexes' score scale through graph/ only; the conversion's home is the practice merge
    // and the model thresholds' is the model table (ingest/models.ts), so this one module passes both on.
    files: ['graph/vector-score.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': graphImports(['practice-merge.js', 'models.js']) },
  },
  {
    files: ['queries/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../ingest/*', '../src/*'], message: 'queries/ imports only graph/' }] },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', '.ci/**', 'bin/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // The analysts' page: plain ES modules run by the browser.
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
);
