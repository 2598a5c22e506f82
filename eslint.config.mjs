import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', '.vscode-test/**', 'test/.artifacts/**', '.scratch/**', '.e2e/**', '.demo/**', 'test/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // server/src/text and server/src/shell are pure too: both sides bundle them (shell/load.ts reads the WASM).
    files: ['server/src/core/**/*.ts', 'server/src/text/**/*.ts', 'server/src/shell/**/*.ts'],
    ignores: ['server/src/shell/load.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'vscode*', 'fs', 'path', 'child_process'], message: 'core is pure: no I/O, no LSP' }] }],
    },
  },
  {
    // The client renders what the server sends: of the server it may import only the protocol (through the
    // @preflight/protocol alias), the text
    // sanitizers (server/src/text) for what it writes into commit messages, and the env denylist it
    // enforces again at spawn, the bash parser (server/src/shell) for the steps it runs, and the node-side
    // path checks both sides make (server/src/node).
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/src/**', '!**/server/src/text', '!**/server/src/text/*', '!**/server/src/core', '**/server/src/core/*', '!**/server/src/core/deniedEnv', '!**/server/src/shell', '!**/server/src/shell/*', '!**/server/src/node', '!**/server/src/node/*'], message: 'the client imports only @preflight/protocol, server/src/text, server/src/core/deniedEnv.ts, server/src/shell and server/src/node' }] }],
    },
  },
  {
    // The protocol follows the vscode-languageserver habit: a namespace per message (method + type).
    files: ['server/src/protocol/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
