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
function withoutFinalBackslash(text: string): string {
  const m = /(\\+)(\r?\n)?$/.exec(text);
  return m && m[1].length % 2 === 1 ? `${text.slice(0, m.index + m[1].length - 1)} ${text.slice(m.index + m[1].length)}` : text;
}
