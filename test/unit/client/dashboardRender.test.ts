/// <reference lib="dom" />
/**
 * The dashboard's DOM as the webview script builds it, on a fake document (test/support/fakeDom.ts) that
 * records nodes without parsing anything: the numbers it shows are the CLI's, every item is a labelled
 * checkbox, bars are progressbars with their values, and checklist text, however hostile, only ever becomes
 * text nodes and attribute values, never elements.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dashboardView, type DashboardView } from '../../../client/src/dashboard/dashboardView.ts';
import { defaultDashboardSettings } from '../../../client/src/dashboard/dashboardSettings.ts';
import { renderDashboard, renderEmpty } from '../../../client/src/dashboard/webview/render.ts';
import type { ChecklistReport, PhaseReport } from '../../../server/src/cli/reportModel.ts';
import { parseChecklist } from '../../../server/src/core/checklist.ts';
import { BurnUpCache, burnUp } from '../../../server/src/lsp/features/burnUp.ts';
import { dashboard } from '../../../server/src/lsp/features/dashboard.ts';
import { outline } from '../../../server/src/lsp/features/outline.ts';
import { FakeElement, FakeText, installFakeDocument } from '../../support/fakeDom.ts';
import { seedText } from '../../support/material.ts';
import { repoRoot } from '../../support/paths.ts';
import { withShellParser } from '../../support/shellParser.ts';

withShellParser();
let uninstall: () => void;
before(() => {
  uninstall = installFakeDocument();
});
after(() => uninstall());

const CLI = join(repoRoot, 'server', 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'preflight-dashboard-dom-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const flatten = (phases: readonly PhaseReport[]): PhaseReport[] => phases.flatMap((p) => [p, ...flatten(p.phases)]);

/** The seed with every third open item outside code ticked. */
const ticked = (() => {
  let n = 0;
  let fenced = false;
  return seedText
    .split('\n')
    .map((line) => {
      if (/^ {0,3}(`{3,}|~{3,})/.test(line)) fenced = !fenced;
      return !fenced && /^\s*[-*+] \[ \] \S/.test(line) && n++ % 3 === 0 ? line.replace('[ ]', '[x]') : line;
    })
    .join('\n');
})();

async function viewOf(text: string, trusted = false): Promise<DashboardView> {
  const checklist = parseChecklist(text);
  const uri = 'file:///w/checklist.md';
  return dashboardView({
    outline: outline(checklist, uri, 1),
    dashboard: dashboard(checklist, uri, 1, ['Deployment Day'], 'error'),
    burnUp: await burnUp(checklist, uri, 1, trusted, new BurnUpCache()),
    roles: undefined,
    trusted,
    settings: { ...defaultDashboardSettings, require: ['Deployment Day'] },
  });
}

function render(view: DashboardView): FakeElement {
  const root = new FakeElement('main', '');
  root.append(...(renderDashboard(view) as unknown as FakeElement[]));
  return root;
}

function report(text: string): ChecklistReport {
  const file = join(dir, 'checklist.md');
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [CLI, 'report', '--format', 'json', file], { encoding: 'utf8' });
  assert.ok(r.stdout, `the CLI printed nothing: ${r.stderr}`);
  return JSON.parse(r.stdout) as ChecklistReport;
}

const count = (scope: FakeElement) => scope.all('span').find((s) => s.hasClass('count'))?.textContent;

describe('the dashboard DOM', () => {
  test('overall, by kind and per phase it shows the counts of preflight report', async () => {
    const expected = report(ticked);
    const root = render(await viewOf(ticked));
    const tally = (kind: string) => root.all('div', { 'data-kind': kind })[0];
    assert.equal(count(tally('overall')), `${expected.done}/${expected.total}`);
    for (const kind of ['required', 'optional', 'conditional'] as const)
      assert.equal(count(tally(kind)), `${expected[kind].done}/${expected[kind].total}`, kind);
    const phases = root.all('li', { 'data-phase-id': true });
    assert.deepEqual(
      phases.map((li) => [li.getAttribute('data-phase-id'), count(li.children[0])]),
      flatten(expected.phases).map((p) => [p.id, `${p.done}/${p.total}`]),
    );
  });

  test('each phase row reveals its heading line and is a button; its bar is a progressbar with its values', async () => {
    const expected = flatten(report(ticked).phases);
    const root = render(await viewOf(ticked));
    for (const [i, li] of root.all('li', { 'data-phase-id': true }).entries()) {
      const row = li.children[0];
      assert.equal(Number(row.getAttribute('data-line')) + 1, expected[i].line, 'the heading line (1-based in the report)');
      assert.equal(row.all('button', { type: 'button' })[0].textContent, expected[i].title);
      const [bar] = row.all('div', { role: 'progressbar' });
      assert.equal(bar.getAttribute('aria-label'), expected[i].title);
      assert.equal(Number(bar.getAttribute('aria-valuenow')), expected[i].done);
      assert.equal(Number(bar.getAttribute('aria-valuemax')), Math.max(expected[i].total, 1));
      assert.equal(bar.getAttribute('aria-valuemin'), '0');
    }
  });

  test('every item is a native checkbox with its label and state; ticked ones match the report', async () => {
    const expected = report(ticked);
    const root = render(await viewOf(ticked));
    const boxes = root.all('input', { type: 'checkbox' });
    assert.equal(boxes.length, expected.total);
    assert.equal(boxes.filter((b) => b.attributes.has('checked')).length, expected.done);
    const labels = new Map(root.all('label').map((l) => [l.getAttribute('for'), l]));
    for (const box of boxes) {
      assert.ok(box.getAttribute('data-item-id'), 'the item id the extension toggles');
      assert.ok(labels.get(box.getAttribute('id'))?.textContent, `a label for ${box.getAttribute('id')}`);
    }
    assert.equal(new Set(boxes.map((b) => b.getAttribute('id'))).size, boxes.length, 'ids are unique');
  });

  test('the merge gate lists the required phase with its required items; the burn-up is an image with a summary and a table', async () => {
    const view = await viewOf(ticked);
    const day = flatten(report(ticked).phases).find((p) => p.title === 'Deployment Day')!;
    const root = render(view);
    const [gate] = root.all('section', { id: 'gate' });
    assert.match(gate.textContent, /^Merge gate(Passes|Fails) /);
    assert.ok(gate.all('div', { role: 'progressbar', 'aria-valuenow': String(day.required.done) }).length === 1);
    const [chart] = root.all('svg', { role: 'img' });
    assert.equal(chart.getAttribute('aria-label'), view.burnUp.summary);
    const [table] = root.all('section', { id: 'burnup' })[0].all('table');
    assert.ok(table.hasClass('visually-hidden'));
    assert.equal(table.all('tr').length, 1 + view.burnUp.rows.length, 'a header and a row per point');
    // Restricted Mode (untrusted here): says why there is no history, and that ticking still works.
    assert.ok(root.all('p').some((p) => /trusted workspace/.test(p.textContent)));
    assert.ok(root.all('p').some((p) => p.hasClass('notice') && /Restricted Mode: ticking works/.test(p.textContent)));
  });

  test('hostile checklist text stays text: no element, no attribute comes from it', async () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const text = `# Release ${evil}

## Deploy ${evil} <b>bold</b>

- [ ] Ship it ${evil}
- [x] Check \`<svg onload=alert(3)>\`

## Sign-Off

### QA ${evil}
- [ ] QA done
- Name: ____
`;
    const view = await viewOf(text, true);
    const root = render(view);
    const tags = new Set([...root.walk()].map((e) => e.tagName));
    for (const bad of ['img', 'script', 'b', 'iframe']) assert.ok(!tags.has(bad), `no <${bad}> element`);
    for (const element of root.walk()) {
      for (const name of element.attributes.keys()) assert.ok(!/^on/i.test(name), `no ${name} attribute`);
      const href = element.getAttribute('href') ?? element.getAttribute('src');
      assert.equal(href, null, 'nothing loads anything');
    }
    const texts: string[] = [];
    const collect = (e: FakeElement) => e.childNodes.forEach((n) => (n instanceof FakeText ? texts.push(n.data) : collect(n)));
    collect(root);
    assert.ok(
      texts.some((t) => t.includes('<script>alert(2)</script>')),
      'the text is shown as written, as text',
    );
  });

  test('a file that stopped being a checklist shows a sentence', () => {
    const [p] = renderEmpty('This file is no longer a checklist.') as unknown as FakeElement[];
    assert.equal(p.tagName, 'p');
    assert.equal(p.textContent, 'This file is no longer a checklist.');
  });
});
