import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';

/** micromark 4.0.3 copies its event array whenever a container closes: parse time grows with the square of the size. */
const QUADRATIC_MICROMARK = new Set(['4.0.3']);

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as { version?: string; overrides?: Record<string, string> };

test('the micromark that remark-parse loads is not the quadratic release', () => {
  // Node's resolution from mdast-util-from-markdown (the package that calls micromark): nested copy first.
  const nested = join(repoRoot, 'node_modules/mdast-util-from-markdown/node_modules/micromark/package.json');
  const hoisted = join(repoRoot, 'node_modules/micromark/package.json');
  const version = readJson(existsSync(nested) ? nested : hoisted).version ?? '';
  assert.ok(!QUADRATIC_MICROMARK.has(version), `micromark ${version} is quadratic: keep "overrides": {"micromark": …} in package.json`);
  assert.equal(
    readJson(join(repoRoot, 'package.json')).overrides?.micromark,
    version,
    'the installed micromark is the one package.json holds',
  );
});
