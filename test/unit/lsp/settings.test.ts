/** Settings as the server reads them: values of the wrong shape fall back to the defaults. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { analysisBudgetMinMs, defaultSettings } from '../../../server/src/protocol/protocol.ts';
import type { Connection } from 'vscode-languageserver';
import { normalise, SettingsCache } from '../../../server/src/lsp/settings.ts';
import { repoRoot } from '../../support/paths.ts';

test('analysisBudgetMs: taken as given, raised to the minimum, the default for anything not a finite number', () => {
  assert.equal(normalise({}).analysisBudgetMs, defaultSettings.analysisBudgetMs);
  assert.equal(normalise({ analysisBudgetMs: 3000 }).analysisBudgetMs, 3000);
  assert.equal(normalise({ analysisBudgetMs: 1 }).analysisBudgetMs, analysisBudgetMinMs);
  assert.equal(normalise({ analysisBudgetMs: -5 }).analysisBudgetMs, analysisBudgetMinMs);
  for (const wrong of ['3000', null, Number.NaN, Number.POSITIVE_INFINITY, [1000]]) {
    assert.equal(normalise({ analysisBudgetMs: wrong }).analysisBudgetMs, defaultSettings.analysisBudgetMs, String(wrong));
  }
  assert.ok(defaultSettings.analysisBudgetMs >= analysisBudgetMinMs);
});

test('the manifest offers the same minimum for analysisBudgetMs as the server enforces', () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { minimum?: number }> } };
  };
  assert.equal(manifest.contributes.configuration.properties['preflight.analysisBudgetMs'].minimum, analysisBudgetMinMs);
});

test('a preflight.rules entry for a split rule id is kept, and the server warns once which rules it now applies to', async () => {
  const warnings: string[] = [];
  const connection = {
    console: { warn: (message: string) => warnings.push(message) },
    workspace: { getConfiguration: async () => ({ rules: { 'front-matter-invalid': 'off', 'gate-order': 'info' } }) },
  } as unknown as Connection;
  const cache = new SettingsCache(connection, () => true);
  const first = await cache.get('file:///a.md');
  assert.deepEqual(first.rules, { 'front-matter-invalid': 'off', 'gate-order': 'info' });
  await cache.get('file:///b.md');
  cache.changed();
  await cache.get('file:///a.md');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /"front-matter-invalid" was split into front-matter-yaml, .*front-matter-ecs/);
});
