import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'release',
      'test-results',
      'playwright-report',
      'e2e/screenshots',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The desk core must run in plain Node: only the Electron shell may import electron.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only electron/main.ts and electron/preload.ts may import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/shell/**',
      'electron.vite.config.ts',
      'e2e/electron.spec.ts',
    ],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/electron/**', 'better-sqlite3', 'node:*'],
              message: 'The renderer talks to the desk only through renderer/src/api.ts.',
            },
          ],
        },
      ],
    },
  },
);
