import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns for the given server/src folders, from anywhere under server/src. */
const products = (folders) => folders.map((folder) => `**/${folder}/**`).concat(folders.map((folder) => `../${folder}`));

/** A rule that files under `folder` import none of `forbidden` (folders of server/src). */
const folderImports = (folder, forbidden, message) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: forbidden
              .map((name) => `**/server/src/${name}/**`)
              .concat(forbidden.flatMap((name) => [`../${name}/*`, `../../${name}/*`, `../${name}/**`, `../../${name}/**`])),
            message,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/.artifacts/**',
      '.scratch/**',
      '.e2e/**',
      '.demo/**',
      'test/e2e/artifacts/**',
    ],
  },
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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'vscode*', 'fs', 'path', 'child_process'], message: 'core is pure: no I/O, no LSP' },
            {
              group: products(['lsp', 'cli', 'action', 'bin', 'protocol', 'signoffs', 'node']),
              message: 'core is the bottom layer: it imports no product',
            },
          ],
        },
      ],
    },
  },
  // The products sit side by side and never import each other; bin/ holds their entry points. The action
  // posts the CLI's report to GitHub, so it builds on cli/ (models and formatters), and the editor's review
  // of changes reuses the CLI's git history walk (cli/history.ts, cli/diffModel.ts).
  folderImports(
    'server/src/protocol',
    ['lsp', 'cli', 'action', 'bin', 'signoffs', 'node', 'shell', 'text'],
    'the protocol holds only message shapes: it imports at most core types',
  ),
  folderImports('server/src/lsp', ['action', 'bin'], 'the language server does not import the action or an entry point'),
  folderImports('server/src/cli', ['lsp', 'action', 'bin'], 'the CLI does not import the language server, the action or an entry point'),
  folderImports('server/src/action', ['lsp', 'bin'], 'the action does not import the language server or an entry point'),
  folderImports('server/src/{signoffs,node}', ['lsp', 'action', 'bin'], 'shared node-side code does not import a product'),
  // The language server's browser host: it builds on lsp/ (whose git-backed features reach cli/ untrusted).
  folderImports('server/src/web', ['cli', 'action', 'bin'], 'the web language server builds on lsp/, not on the other products'),
  {
    // The client renders what the server sends: of the server it may import only the protocol (through the
    // @preflight/protocol alias), the text
    // sanitizers (server/src/text) for what it writes into commit messages, and the env denylist it
    // enforces again at spawn, the bash parser (server/src/shell) for the steps it runs, and the node-side
    // path checks both sides make (server/src/node).
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/src/**',
                '!**/server/src/text',
                '!**/server/src/text/*',
                '!**/server/src/core',
                '**/server/src/core/*',
                '!**/server/src/core/deniedEnv',
                '!**/server/src/shell',
                '!**/server/src/shell/*',
                '!**/server/src/node',
                '!**/server/src/node/*',
              ],
              message:
                'the client imports only @preflight/protocol, server/src/text, server/src/core/deniedEnv.ts, server/src/shell and server/src/node',
            },
          ],
        },
      ],
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
