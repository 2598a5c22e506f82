/**
 * The one ShellParser of this process. Loading tree-sitter's WASM is asynchronous I/O, which core may not do:
 * each host (language server, CLI, extension, tests) loads it once at startup (load.ts) and hands it in here,
 * and core reads shell text synchronously through parseShell.
 */
import type { ShellParser, ShellScript } from './model.js';

let current: ShellParser | undefined;

export function useShellParser(parser: ShellParser): void {
  current = parser;
}

export function hasShellParser(): boolean {
  return current !== undefined;
}

/** The script read by the bash parser; throws only when no host loaded one (a bug in that host). */
export function parseShell(text: string): ShellScript {
  if (!current)
    throw new Error(
      'the bash parser is not loaded: the host must await initShellParser() (server/src/shell/load.ts) before reading shell text',
    );
  return current.parse(text);
}
