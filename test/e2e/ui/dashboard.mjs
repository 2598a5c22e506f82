/* global document -- frame.evaluate() callbacks run in the webview */
// UI checks of the dashboard, run after ui.mjs's own CHECKS in the same window (see ui.mjs for the helpers).
// The dashboard is a webview: its content is a nested iframe, found through page.frames(). Its numbers are
// compared with `preflight report --format json` run on the sandbox file after a save, never with constants.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const SEED = 'production-deployment-checklist.md';
const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'server', 'dist', 'cli.js');
const T = 60_000;

/** The CLI's report of the sandbox seed, as saved. */
function report(ui) {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'report', '--format', 'json', join(ui.folder, SEED)], { encoding: 'utf8' }));
}

const flatten = (phases) => phases.flatMap((p) => [p, ...flatten(p.phases)]);

/** What the report says the dashboard must show: overall, each kind of item, each phase, as `done/total`. */
function expectedNumbers(r) {
  const kinds = {};
  for (const kind of ['required', 'optional', 'conditional']) if (r[kind].total > 0) kinds[kind] = `${r[kind].done}/${r[kind].total}`;
  return {
    overall: `${r.done}/${r.total}`,
    kinds,
    phases: Object.fromEntries(flatten(r.phases).map((p) => [p.id, `${p.done}/${p.total}`])),
  };
}

/** What the dashboard shows, read from its DOM in one go. */
function shownNumbers(frame) {
  return frame.evaluate(() => {
    const text = (el) => el?.textContent ?? null;
    const kinds = {};
    for (const el of document.querySelectorAll('#overall .tally[data-kind]')) {
      if (el.dataset.kind !== 'overall') kinds[el.dataset.kind] = text(el.querySelector('.count'));
    }
    const phases = {};
    for (const li of document.querySelectorAll('li[data-phase-id]'))
      phases[li.dataset.phaseId] = text(li.querySelector(':scope > .phase-row .count'));
    return { overall: text(document.querySelector('#overall .tally[data-kind="overall"] .count')), kinds, phases };
  });
}

/** Waits until the dashboard shows exactly `expected`; on timeout names what differs. */
async function untilNumbers(frame, expected) {
  const deadline = Date.now() + T;
  for (;;) {
    const shown = await shownNumbers(frame);
    if (JSON.stringify(shown) === JSON.stringify(expected)) return shown;
    if (Date.now() > deadline) {
      const diff = [];
      if (shown.overall !== expected.overall) diff.push(`overall ${shown.overall} ≠ ${expected.overall}`);
      for (const [k, v] of Object.entries(expected.kinds)) if (shown.kinds[k] !== v) diff.push(`${k} ${shown.kinds[k]} ≠ ${v}`);
      for (const [id, v] of Object.entries(expected.phases)) if (shown.phases[id] !== v) diff.push(`${id} ${shown.phases[id]} ≠ ${v}`);
      for (const id of Object.keys(shown.phases)) if (!(id in expected.phases)) diff.push(`extra phase ${id}`);
      throw new Error(`the dashboard's numbers differ from preflight report: ${diff.slice(0, 6).join('; ')}`);
    }
    await delay(200);
  }
}

/** The dashboard webview's inner frame (the one holding main#dashboard with a title drawn). */
async function dashboardFrame(page) {
  const deadline = Date.now() + T;
  for (;;) {
    for (const frame of page.frames()) {
      const drawn = await frame
        .locator('main#dashboard h1')
        .count()
        .catch(() => 0);
      if (drawn > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('no dashboard webview frame appeared');
    await delay(200);
  }
}

/** Saves the seed's editor (the CLI reads the file) and returns the report of the saved text. */
async function saveAndReport(ui) {
  await ui.page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).first().click({ timeout: T });
  await ui.page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]`).first().waitFor({ timeout: T });
  // Ctrl+S in the focused editor: the palette's first match for "File: Save" can be another File command.
  await ui.page.keyboard.press('Control+S');
  await ui.page.locator(`.tabs-container .tab.active.dirty[aria-label^="${SEED}"]`).waitFor({ state: 'detached', timeout: T });
  return report(ui);
}

/** A line of any editor group (the dashboard keeps the focus, so the checklist's group is not the active one). */
const anyEditorLine = (ui, text) => ui.page.locator('.editor-group-container .monaco-editor .view-line', { hasText: text }).first();

export const DASHBOARD_CHECKS = [
  {
    name: 'Open Dashboard shows the numbers of preflight report, overall, by kind and per phase',
    async run(ui) {
      // A menu or picker left open by an earlier check would take the clicks below.
      await ui.page.keyboard.press('Escape');
      await ui.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: T });
      // Opened by ui.mjs's first check when the whole list runs; on its own (PREFLIGHT_E2E_UI_GREP) it is not.
      const tab = ui.page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).first();
      if ((await tab.count()) > 0) await tab.click();
      else await ui.quickOpen(SEED);
      await ui.page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]`).first().waitFor({ timeout: T });
      // The command is offered once the server's outline made the editor a checklist (preflight.isChecklist).
      await ui.statusBarItem(/^Preflight \d+% /).waitFor({ timeout: T });
      const expected = expectedNumbers(await saveAndReport(ui));
      await ui.command('Preflight: Open Dashboard');
      const frame = await dashboardFrame(ui.page);
      await untilNumbers(frame, expected);
      ui.log(`    dashboard = report: overall ${expected.overall}, ${Object.keys(expected.phases).length} phases`);
      // The gate says what to set; the burn-up is an SVG with a summary for screen readers.
      await frame.locator('#gate', { hasText: 'preflight.dashboard.require' }).waitFor({ timeout: T });
      const label = await frame.locator('#burnup svg.chart[role="img"]').getAttribute('aria-label', { timeout: T });
      if (!/^Burn-up: /.test(label ?? '')) throw new Error(`the burn-up chart's label reads "${label}"`);
      // The README's picture: the editor and the dashboard side by side, without the terminal of earlier checks.
      if (await ui.page.locator('#workbench\\.parts\\.panel').isVisible()) await ui.command('View: Hide Panel');
      await ui.dismissHover();
      await ui.screenshot('dashboard.png');
    },
  },
  {
    name: 'a dashboard checkbox ticks its item in the source, and the numbers follow',
    async run(ui) {
      const frame = await dashboardFrame(ui.page);
      const phase = frame.locator('li[data-phase-id$="/code-readiness"]');
      if (!(await phase.locator('details').evaluate((d) => d.open))) await phase.locator('summary').click();
      const box = phase.locator('input[type="checkbox"]:not(:checked)').first();
      const id = await box.getAttribute('id', { timeout: T });
      const text = (await frame.locator(`label[for="${id}"]`).textContent()).trim();
      const before = await phase.locator(':scope > .phase-row .count').textContent();
      await box.click();
      // Bring the phase into view in the checklist's editor, then look for the ticked line. The label is the
      // item's plain text; the source may hold inline code or emphasis between its words.
      await phase.locator('.phase-row button').click();
      // Monaco shows a long line as several wrapped view lines, with no-break spaces: match its start there.
      const words = text.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const tickedStart = (n) => new RegExp(`^\\s*-\\s\\[x\\]\\s[\`*_]*${words.slice(0, n).join('[`*_]*\\s+[`*_]*')}`);
      const ticked = tickedStart(words.length);
      await anyEditorLine(ui, tickedStart(2)).waitFor({ timeout: T });
      const [done, total] = before.split('/').map(Number);
      await phase.locator(':scope > .phase-row .count', { hasText: `${done + 1}/${total}` }).waitFor({ timeout: T });
      // Every number again, against the CLI on the saved file, which now holds the ticked line.
      const after = await saveAndReport(ui);
      const lines = readFileSync(join(ui.folder, SEED), 'utf8').split('\n');
      if (!lines.some((line) => ticked.test(line))) throw new Error(`no line of ${SEED} matches ${ticked}`);
      await untilNumbers(frame, expectedNumbers(after));
    },
  },
  {
    name: 'a phase of the dashboard (click or Enter) reveals its heading line in the editor',
    async run(ui) {
      const r = report(ui);
      const frame = await dashboardFrame(ui.page);
      const byTitle = (title) => flatten(r.phases).find((p) => p.title === title);
      for (const [title, how] of [
        ['Deployment Day', 'click'],
        ['Rollback Procedures', 'Enter'],
      ]) {
        const phase = byTitle(title);
        const button = frame.locator(`li[data-phase-id="${phase.id}"] > .phase-row button`);
        if (how === 'click') await button.click();
        else {
          await button.focus();
          await ui.page.keyboard.press('Enter');
        }
        // The heading is shown and holds the cursor: its line number is the active one.
        await anyEditorLine(ui, `## ${title}`).waitFor({ state: 'visible', timeout: T });
        await ui.page
          .locator('.editor-group-container .monaco-editor .line-numbers.active-line-number', {
            hasText: new RegExp(`^\\s*${phase.line}\\s*$`),
          })
          .first()
          .waitFor({ timeout: T });
      }
    },
  },
  {
    name: 'the dashboard follows the active editor to another checklist',
    async run(ui) {
      const runbook = join(ui.folder, 'runbooks', 'release-steps-runbook.md');
      const expected = JSON.parse(execFileSync(process.execPath, [CLI, 'report', '--format', 'json', runbook], { encoding: 'utf8' }));
      // Quick Open opens in the active group: make it the checklist's, not the dashboard's.
      await ui.page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).first().click({ timeout: T });
      await ui.quickOpen('release-steps-runbook.md');
      const frame = await dashboardFrame(ui.page);
      await frame.locator('main#dashboard h1', { hasText: expected.title }).waitFor({ timeout: T });
      await frame
        .locator('#overall .tally[data-kind="overall"] .count', { hasText: new RegExp(`^${expected.done}/${expected.total}$`) })
        .waitFor({ timeout: T });
    },
  },
];
