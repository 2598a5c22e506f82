/**
 * No import cycles in server/src or client/src, type-only imports included: a cycle, even of types, means two
 * files each need the other, and the shared part wants a file of its own. Imports are read from the syntax
 * tree (import, import type, export … from, import() calls and import('…').T types); relative specifiers and
 * the @preflight/protocol alias are followed, packages are not.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { repoRoot } from '../../support/paths.ts';

const PROTOCOL = join(repoRoot, 'server/src/protocol/protocol.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file names, whatever kind of import names it. */
export function specifiersOf(fileName: string, text: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      found.push(node.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) found.push(ref.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    )
      found.push(node.arguments[0].text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal))
      found.push(node.argument.literal.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
  return found;
}

/** The file a specifier names: server code writes `./x.js` for x.ts, client code `./x`; a folder means its index.ts. */
export function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (specifier === '@preflight/protocol') return PROTOCOL;
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

/** Each cycle once, as the files along it (first file repeated at the end), found by depth-first search. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const walk = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) walk(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) walk(file);
  return cycles;
}

function importGraph(roots: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = roots.flatMap((root) => sourceFiles(join(repoRoot, root)));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const targets = specifiersOf(file, readFileSync(file, 'utf8'))
      .map((s) => resolveSpecifier(file, s))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
    queue.push(...targets);
  }
  return graph;
}

test('the resolver and the search find a type-only cycle and name its files', () => {
  const a = join(repoRoot, 'server/src/a.ts');
  const b = join(repoRoot, 'server/src/b.ts');
  assert.deepEqual(specifiersOf(a, "import type { B } from './b.js';\nexport type A = import('./c.js').C;\nvoid import('./d.js');"), [
    './b.js',
    './c.js',
    './d.js',
  ]);
  assert.deepEqual(
    findCycles(
      new Map([
        [a, [b]],
        [b, [a]],
      ]),
    ),
    [[a, b, a]],
  );
  assert.equal(resolveSpecifier(join(repoRoot, 'client/src/extension.ts'), '@preflight/protocol'), PROTOCOL);
  assert.equal(
    resolveSpecifier(join(repoRoot, 'server/src/lsp/server.ts'), './documents.js'),
    join(repoRoot, 'server/src/lsp/documents.ts'),
  );
  assert.equal(resolveSpecifier(join(repoRoot, 'client/src/extension.ts'), './commands'), join(repoRoot, 'client/src/commands/index.ts'));
});

test('server/src and client/src have no import cycle, type-only imports included', () => {
  const graph = importGraph(['server/src', 'client/src']);
  // The walk really followed imports: the server's entry reaches the language server, the client the protocol.
  assert.ok(graph.get(join(repoRoot, 'server/src/bin/preflight-ls.ts'))?.length, 'the language server entry imports files');
  assert.ok(
    [...graph.values()].some((targets) => targets.includes(PROTOCOL)),
    'some file imports the protocol',
  );
  const cycles = findCycles(graph).map((cycle) => cycle.map((f) => relative(repoRoot, f)).join(' -> '));
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});
