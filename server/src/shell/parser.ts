/** A ShellParser over a loaded web-tree-sitter parser: never throws, frees every tree it makes. */
import type { Parser } from 'web-tree-sitter';
import { scriptFromTree } from './fromTree.js';
import type { ShellParser, ShellScript } from './model.js';

export function shellParserFrom(parser: Parser): ShellParser {
  return {
    parse(text: string): ShellScript {
      const tree = parser.parse(withoutFinalBackslash(text));
      if (!tree) return { commands: [], variables: [], assignments: [], code: text, errors: [0] };
      try {
        return scriptFromTree(tree.rootNode, text);
      } finally {
        tree.delete();
      }
    },
  };
}

/**
 * A script ending in `\` continues onto nothing: bash running it as a file ignores the backslash, tree-sitter
 * calls it an error. Replaced by a blank, so offsets and lines stay those of the text.
 */
export function withoutFinalBackslash(text: string): string {
  // Scanned from the end: `/(\\+)(\r?\n)?$/` would retry every start in a long run of backslashes.
  let end = text.length;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r' && end < text.length) end--;
  let start = end;
  while (start > 0 && text[start - 1] === '\\') start--;
  return (end - start) % 2 === 1 ? `${text.slice(0, end - 1)} ${text.slice(end)}` : text;
}
