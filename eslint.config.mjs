// Lint: typescript-eslint recommended, plus the one architectural rule that matters most:
// the engine is pure TypeScript and must not import the editor or the LSP libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.package/**', '.bench/**', 'node_modules/**', 'out/**', '.test-artifacts/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', __filename: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode', 'vscode-*', 'vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'The engine must not depend on the editor or the LSP (keep the arrows one-way).' },
            { group: ['**/lsp/**', '**/cli*', '**/client/**'], message: 'The engine must not import the server, CLI or client layers.' },
          ],
        },
      ],
    },
  },
);
