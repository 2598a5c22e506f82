/**
 * Finds and reads tree-sitter's and its bash grammar's WASM files for the Node hosts (language server, CLI,
 * extension, tests); init.ts makes the parser from the bytes. The bundles find the files beside themselves
 * (scripts/build.mjs copies them to server/dist); run from source, they come from node_modules.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useShellParser } from './current.js';
import { shellParserFromBytes } from './init.js';
import type { ShellParser } from './model.js';

/** The runtime and the grammar: both are needed, and their ABI must match (web-tree-sitter 0.25 reads ABI 13–15). */
export const SHELL_WASM_FILES = ['tree-sitter.wasm', 'tree-sitter-bash.wasm'] as const;

let loading: Promise<ShellParser> | undefined;

/** Loads the parser once per process and makes it the one parseShell uses. `dir` holds both WASM files. */
export function initShellParser(dir?: string): Promise<ShellParser> {
  loading ??= loadShellParser(dir).then(
    (parser) => (useShellParser(parser), parser),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

export async function loadShellParser(dir?: string): Promise<ShellParser> {
  const [runtime, grammar] = SHELL_WASM_FILES.map((file) => locate(file, dir));
  try {
    return await shellParserFromBytes(await readFile(runtime), await readFile(grammar));
  } catch (error) {
    throw new Error(
      `could not load the bash parser (${runtime}, ${grammar}): ${error instanceof Error ? error.message : String(error)}. Rebuild with "npm run build", or reinstall Preflight`,
    );
  }
}

/** `dir` when given, else beside this bundle, else the file in its npm package. */
function locate(file: string, dir: string | undefined): string {
  if (dir !== undefined) return join(dir, file);
  const beside = typeof __dirname === 'string' ? join(__dirname, file) : undefined;
  if (beside && existsSync(beside)) return beside;
  try {
    return require.resolve(file === 'tree-sitter.wasm' ? 'web-tree-sitter/tree-sitter.wasm' : 'tree-sitter-bash/tree-sitter-bash.wasm');
  } catch {
    // Neither beside the bundle nor installed: name the place a build puts it, so the message says what is missing.
    return beside ?? file;
  }
}
