// The web language server's bundle (server/dist/web/*.js, built by scripts/build.mjs) runs in a browser
// worker: no Node. The server's git-backed modules still import a few Node built-ins at module level (they
// run only for a trusted client, which the web client never is); this esbuild plugin resolves each to an
// explicit module under server/src/web/node/ (real POSIX paths and file: URLs, the rest throwing), and fails
// the build on any other built-in, so none reaches the bundle unnoticed.
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';

/** Built-in name -> its web module in server/src/web/node/. */
export const WEB_BUILTINS = {
  path: 'path.ts',
  url: 'url.ts',
  child_process: 'childProcess.ts',
  fs: 'fs.ts',
  'fs/promises': 'fsPromises.ts',
  os: 'os.ts',
  crypto: 'crypto.ts',
};

const names = builtinModules.filter((name) => !name.startsWith('_')).map((name) => name.replace(/[/]/g, '\\/'));
const builtin = new RegExp(`^(?:node:.*|${names.join('|')})$`);

export const webBuiltins = {
  name: 'web-builtins',
  setup(build) {
    build.onResolve({ filter: builtin }, ({ path, importer }) => {
      const file = WEB_BUILTINS[path.replace(/^node:/, '')];
      if (file) return { path: resolve('server/src/web/node', file) };
      return {
        errors: [
          {
            text: `${path}, imported by ${importer}, is a Node built-in: the web language server cannot have it. Keep it out of the web graph, or give it a module in server/src/web/node/ (scripts/webBuiltins.mjs).`,
          },
        ],
      };
    });
  },
};
