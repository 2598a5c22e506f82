/**
 * Every regular expression written in the server's sources, read with the TypeScript parser: literals as
 * RegExp objects, and the `new RegExp(…)` call sites (built at run time, so they are named by place; the
 * linear-guard test checks each of those through the module that builds it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';

export const SCANNED = [
  'server/src/core',
  'server/src/text',
  'server/src/signoffs',
  'server/src/shell',
  'server/src/lsp',
  'server/src/cli',
];

export interface Found {
  /** `server/src/core/ids.ts:8` */
  where: string;
  re?: RegExp;
  /** The source text of a `new RegExp(…)` call. */
  call?: string;
}

function filesOf(entry: string): string[] {
  if (entry.endsWith('.ts')) return [entry];
  return readdirSync(entry, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${entry}/${f}`)
    .sort();
}

export function serverRegexes(): Found[] {
  const found: Found[] = [];
  for (const file of SCANNED.flatMap(filesOf)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        found.push({ where: where(node), re: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      } else if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp')
        found.push({ where: where(node), call: node.getText() });
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
