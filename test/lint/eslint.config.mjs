// Lint rules for the whole project (typescript-eslint, eslint-plugin-svelte); formatting is Prettier's job, so no style rules here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'resources/icons/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // `_name` marks a value taken out on purpose (destructuring to drop a field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Playwright fixtures that need no other fixture are written `async ({}, use) => …`: its own documented form.
    files: ['test/e2e/fixtures.ts', 'test/e2e-electron/fixtures.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Only the state classes (src-renderer/src/lib/state) call the bridge; components render what they hold (docs/architecture.md).
    files: ['src-renderer/src/lib/components/**/*', 'src-renderer/src/App.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)bridge/bridge$', message: 'Components ask main through a state class (src-renderer/src/lib/state), never the bridge.' },
          ],
        },
      ],
    },
  },
);
