/**
 * The bash parser from the bytes of its two WASM files. Node hosts read them from disk (load.ts), the web
 * language server fetches them (web/server.ts); both end here, so this module does no I/O of its own.
 */
import { Language, Parser } from 'web-tree-sitter';
import { useShellParser } from './current.js';
import type { ShellParser } from './model.js';
import { shellParserFrom } from './parser.js';

/** A parser over the runtime and the grammar (their ABI must match: web-tree-sitter 0.25 reads ABI 13–15). */
export async function shellParserFromBytes(runtime: Uint8Array, grammar: Uint8Array): Promise<ShellParser> {
  await Parser.init({ wasmBinary: runtime });
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammar));
  return shellParserFrom(parser);
}

/** shellParserFromBytes, made the one parseShell uses. */
export async function initShellParserFromBytes(runtime: Uint8Array, grammar: Uint8Array): Promise<ShellParser> {
  const parser = await shellParserFromBytes(runtime, grammar);
  useShellParser(parser);
  return parser;
}
