/**
 * Core cases on files: test/fixtures/<case>.md is checked and compared with <case>.expected.json.
 * UPDATE_FIXTURES=1 rewrites the expected files instead (then review the diff by eye).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../support/paths.ts';
import { check } from '../../../server/src/core/check.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import type { Finding } from '../../../server/src/core/rules/defineRule.ts';

/** The repository root, from the working directory (works whether tests load as CommonJS or ESM). */

const dir = join(repoRoot, 'test', 'fixtures');
const update = process.env.UPDATE_FIXTURES === '1';

/** The readable shape kept in the expected files (`code` as in the diagnostic the finding becomes). */
export function summarise(finding: Finding) {
  return {
    code: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: finding.range.start.line,
    column: finding.range.start.column,
    ...(finding.fix
      ? {
          fix: {
            title: finding.fix.title,
            edits: finding.fix.edits.map((e) => ({
              line: e.range.start.line,
              column: e.range.start.column,
              endLine: e.range.end.line,
              endColumn: e.range.end.column,
              newText: e.newText,
            })),
          },
        }
      : {}),
  };
}

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort();

test('there are fixtures', () => {
  assert.ok(cases.length > 0, `no fixtures in ${dir}`);
});

for (const file of cases) {
  const name = file.slice(0, -'.md'.length);
  test(`fixture ${name}`, () => {
    const text = readFileSync(join(dir, file), 'utf8');
    const actual = check(parseChecklist(text)).map(summarise);
    const expectedPath = join(dir, `${name}.expected.json`);
    if (update) {
      writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      return;
    }
    assert.ok(existsSync(expectedPath), `missing ${name}.expected.json: run with UPDATE_FIXTURES=1 and review it`);
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}
