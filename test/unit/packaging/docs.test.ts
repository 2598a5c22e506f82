/**
 * The documentation against the repository it describes: the README stays a front page, every relative link
 * in README.md and docs/ lands on a file (and heading) that exists, every repository path they name in inline
 * code exists, the marketplace README links to the repository's own files by absolute URL, every contributed
 * setting is in the VS Code guide's settings table with its default and every command a user can reach in
 * its commands table with its keys, and `npm run package` packs the marketplace README instead of README.md
 * and docs/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import type { Heading, Link, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { repoRoot } from '../../support/paths.ts';

const README_MAX_LINES = 250;
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const repositoryUrl = String(manifest.repository.url).replace(/\.git$/, '');

const docs = readdirSync(join(repoRoot, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);

function tree(file: string): Root {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .parse(readFileSync(join(repoRoot, file), 'utf8'));
}

/** Every link and image target of a markdown file; code blocks and inline code hold none. */
function targets(file: string): string[] {
  const found: string[] = [];
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') found.push((node as Link).url);
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(tree(file));
  return found;
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (node.type === 'heading') {
      const base = toString(node as Heading)
        .toLowerCase()
        .trim()
        .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
        .replace(/ /g, '-');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      result.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const child of node.children ?? []) visit(child as { type: string; children?: unknown[] });
  };
  visit(tree(file));
  return result;
}

/** Why `target` (a repository path, maybe with #anchor) does not resolve, or undefined when it does. */
function brokenTarget(path: string, anchor: string | undefined): string | undefined {
  const full = join(repoRoot, path);
  if (!existsSync(full)) return `${path} does not exist`;
  if (anchor && path.endsWith('.md') && !anchors(path).has(anchor)) return `${path} has no heading #${anchor}`;
  return undefined;
}

describe('README.md is a front page', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

  test(`it has at most ${README_MAX_LINES} lines`, () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines; move the depth into docs/`);
  });

  test('it keeps the two commands for a fresh machine, and both are scripts', () => {
    assert.match(readme, /^npm ci && npm run demo$/m, 'the demo command');
    assert.match(readme, /^apt-get update && apt-get install -y cmark-gfm && npm ci && npm test\b/m, 'the test command');
    assert.ok(manifest.scripts.demo && manifest.scripts.test);
  });

  test('it links every page of docs/', () => {
    const linked = new Set(targets('README.md').map((t) => t.split('#')[0]));
    for (const doc of docs) assert.ok(linked.has(doc), `README.md does not link ${doc}`);
  });
});

describe('links', () => {
  for (const file of ['README.md', ...docs]) {
    test(`every relative link in ${file} points at an existing file and heading`, () => {
      const broken: string[] = [];
      for (const target of targets(file)) {
        if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
        const [pathPart, anchor] = target.split('#') as [string, string | undefined];
        const path = pathPart === '' ? file : relative(repoRoot, join(repoRoot, dirname(file), decodeURI(pathPart)));
        const why = brokenTarget(path, anchor);
        if (why) broken.push(`${target}: ${why}`);
      }
      assert.deepEqual(broken, []);
    });
  }

  test('the marketplace README links only to files of the repository, by absolute URL', () => {
    const broken: string[] = [];
    const all = targets('client/MARKETPLACE.md');
    assert.ok(all.length > 0);
    for (const target of all) {
      const match = new RegExp(`^${repositoryUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|raw)/main/([^#]+)(?:#(.+))?$`).exec(
        target,
      );
      if (!match) {
        broken.push(`${target}: not a file of ${repositoryUrl} on main (the Marketplace shows the README away from the repository)`);
        continue;
      }
      const why = brokenTarget(decodeURI(match[1]!), match[2]);
      if (why) broken.push(`${target}: ${why}`);
    }
    assert.deepEqual(broken, []);
  });
});

describe('paths', () => {
  /** A repository path in inline code, e.g. `server/src/core/live.ts`; globs and placeholders (`{a,b}`, `<id>`, `*`, `…`) are patterns, not paths. */
  const REPO_PATH = /`((?:server|client|test|scripts|docs|templates|syntaxes|npm|dist|\.github|\.ci)\/[^`\s]*)`/g;

  for (const file of ['README.md', 'client/MARKETPLACE.md', ...docs]) {
    test(`every repository path ${file} names exists`, () => {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const missing = [...text.matchAll(REPO_PATH)]
        .map((m) => m[1]!)
        .filter((path) => !/[{}<>*…]/.test(path) && !existsSync(join(repoRoot, path)));
      assert.deepEqual(missing, [], `${file} names paths that are not in the repository (renamed or moved?)`);
    });
  }
});

describe('the VS Code guide documents every setting', () => {
  const guide = readFileSync(join(repoRoot, 'docs/vscode.md'), 'utf8');
  const rows = new Map([...guide.matchAll(/^\| `(preflight\.[\w.]+)` \| ([^|]*(?:\\\|[^|]*)*) \|/gm)].map((m) => [m[1]!, m[2]!] as const));
  const properties: Record<string, { default: unknown }> = manifest.contributes.configuration.properties;

  for (const [name, property] of Object.entries(properties)) {
    test(`${name}: a row with its default`, () => {
      const cell = rows.get(name);
      assert.ok(cell !== undefined, `docs/vscode.md has no settings row for ${name}`);
      const values = Array.isArray(property.default) ? property.default : [property.default];
      for (const value of values) {
        const shown = typeof value === 'string' && value !== '' ? value : JSON.stringify(value);
        assert.ok(cell.includes(`\`${shown}\``), `${name}: the default cell "${cell}" does not show \`${shown}\``);
      }
    });
  }

  test('and no setting that is not contributed', () => {
    assert.deepEqual(
      [...rows.keys()].filter((name) => !(name in properties)),
      [],
    );
  });
});

describe('the VS Code guide documents every command a user can reach', () => {
  const guide = readFileSync(join(repoRoot, 'docs/vscode.md'), 'utf8');
  const hidden = new Set(
    (manifest.contributes.menus.commandPalette as { command: string; when?: string }[])
      .filter((entry) => entry.when === 'false')
      .map((entry) => entry.command),
  );
  const keys = manifest.contributes.keybindings as { command: string; key: string }[];

  for (const { command, title } of manifest.contributes.commands as { command: string; title: string }[]) {
    if (hidden.has(command)) continue; // lens and row actions: documented where they appear
    test(`${command}: a row "Preflight: ${title}" with its keys`, () => {
      const row = guide.split('\n').find((line) => line.startsWith(`| Preflight: ${title} |`));
      assert.ok(row, `docs/vscode.md has no row for "Preflight: ${title}" (${command})`);
      for (const { key } of keys.filter((k) => k.command === command)) {
        const shown = key
          .split('+')
          .map((part) => part[0]!.toUpperCase() + part.slice(1))
          .join('+');
        assert.ok(row.includes(`\`${shown}\``), `the row for ${command} does not show its key ${shown}`);
      }
    });
  }
});

describe('the VSIX', () => {
  const script: string = manifest.scripts.package;
  const readmePath = /--readme-path (\S+)/.exec(script)?.[1];

  test('npm run package packs the marketplace README', () => {
    assert.equal(readmePath, 'client/MARKETPLACE.md');
    assert.ok(statSync(join(repoRoot, readmePath)).isFile());
  });

  test('holds the marketplace README, and neither README.md nor docs/', () => {
    const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
    const listed = spawnSync(vsce, ['ls', '--no-dependencies', '--readme-path', readmePath ?? ''], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout.split('\n').filter(Boolean);
    assert.ok(files.includes('client/MARKETPLACE.md'), files.join('\n'));
    assert.deepEqual(
      files.filter((f) => f === 'README.md' || f.startsWith('docs/')),
      [],
    );
  });
});
