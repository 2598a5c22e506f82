// UI checks of the preview, run after ui.mjs's own CHECKS in the same window (see ui.mjs for the helpers).
// VS Code's built-in Markdown preview with Preflight's markdown-it plugin: the boxes and badges it draws are
// compared with `preflight report --format json` on the saved file, and "Toggle Item" from a box's context
// menu must tick the source line. The preview is a webview: two nested iframes, reached with page.frames().
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';

const SEED = 'production-deployment-checklist.md';
const T = 60_000;
const CLI = fileURLToPath(new URL('../../../server/dist/cli.js', import.meta.url));

/** `preflight report --format json` of the saved file. */
function report(file) {
  return JSON.parse(execFileSync(process.execPath, [CLI, 'report', '--format', 'json', file], { encoding: 'utf8' }));
}

/** Each phase with items as its badge reads, depth first in document order (the preview's heading order). */
function badgesOf(rep) {
  const walk = (phases) => phases.flatMap((p) => [...(p.total > 0 ? [`${p.done}/${p.total}`] : []), ...walk(p.phases)]);
  return walk(rep.phases);
}

/** Polls `probe` (async, returning a value or undefined) until it gives a value; fails with `what` (a text, or
 *  an async function giving one, for the state at the deadline) after T. */
async function until(probe, what) {
  const deadline = Date.now() + T;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? await what() : what}`);
    await delay(200);
  }
}

/** The frame of a webview whose document holds `selector` (a webview is an iframe in an iframe). */
async function webviewFrame(page, selector) {
  return until(async () => {
    for (const frame of page.frames())
      if (
        (await frame
          .locator(selector)
          .count()
          .catch(() => 0)) > 0
      )
        return frame;
    return undefined;
  }, `a webview holding ${selector}`);
}

/** What the preview shows: item boxes (ticked or not), table check boxes, and the headings' progress badges. */
async function shown(frame) {
  return frame.evaluate(() => {
    /* global document -- runs in the preview's frame */
    const items = [...document.querySelectorAll('li.task-list-item > .preflight-item-text > input.task-list-item-checkbox')];
    return {
      items: items.length,
      ticked: items.filter((box) => box.checked).length,
      tableChecks: document.querySelectorAll('td.preflight-table-check input.task-list-item-checkbox').length,
      badges: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].flatMap((h) =>
        [...h.querySelectorAll('.preflight-badge:not(.preflight-role)')].map((b) => b.textContent),
      ),
    };
  });
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Makes the seed the active editor and saves it; returns the report of the saved file once it shows what the
 * editor shows (the status bar's done/total: a save is written after the key press returns).
 */
async function saveSeed(ui) {
  await ui.page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).first().click({ timeout: T });
  await ui.page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]`).waitFor({ timeout: T });
  await ui.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ timeout: T });
  await ui.page.keyboard.press('Control+S');
  const file = join(ui.folder, SEED);
  const status = ui.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: /Preflight \d+%/ }).first();
  return until(
    async () => {
      const [, done, total] = /\((\d+)\/(\d+)\)/.exec(await status.innerText()) ?? [];
      const saved = report(file);
      return `${saved.done}/${saved.total}` === `${done}/${total}` ? { file, report: saved } : undefined;
    },
    async () => `the saved seed to match the status bar "${await status.innerText()}"`,
  );
}

export const PREVIEW_CHECKS = [
  {
    name: 'the Markdown preview of the seed shows its boxes and the badges of preflight report; Toggle Item ticks the source line',
    async run(ui) {
      const { page } = ui;
      // The seed was opened by the first check; when this check runs alone, open it.
      if ((await page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).count()) === 0) await ui.openFile(SEED);
      const { file, report: before } = await saveSeed(ui);
      await page.keyboard.press('Control+Home');
      await ui.command('Markdown: Open Preview to the Side');
      const frame = await webviewFrame(page, 'li.task-list-item');

      const expected = { items: before.total, ticked: before.done, tableChecks: before.tableChecks.total, badges: badgesOf(before) };
      const seen = await until(
        async () => {
          const now = await shown(frame);
          return same(now, expected) ? now : undefined;
        },
        async () => `the preview to show ${JSON.stringify(expected)}; it shows ${JSON.stringify(await shown(frame))}`,
      );
      ui.log(`  preview: ${seen.items} item boxes (${seen.ticked} ticked), ${seen.tableChecks} table checks, ${seen.badges.length} badges`);
      if (seen.items !== 239) throw new Error(`the seed's preview shows ${seen.items} item boxes, not 239`);

      // Right-click the box of the first open item: the webview's context menu offers Toggle Item.
      const open = frame.locator('li.task-list-item:not(.preflight-checked)').first();
      const text = (await open.locator('.preflight-item-text').innerText()).trim();
      const line = readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('- [ ] ') && l.slice(6).replaceAll('`', '') === text);
      if (!line) throw new Error(`no open item "${text}" in ${file}`);
      // force: the box is disabled and lets the pointer through to its item (preview.css), as for a user.
      await open.locator('input.task-list-item-checkbox').first().click({ button: 'right', force: true, timeout: T });
      // The workbench's menu takes a hovered entry with Enter (a click can land before it is ready).
      await page.locator('.context-view .monaco-menu .action-menu-item', { hasText: 'Toggle Item' }).first().hover({ timeout: T });
      await page.locator('.context-view .monaco-menu .action-item.focused', { hasText: 'Toggle Item' }).waitFor({ timeout: T });
      await page.keyboard.press('Enter');

      // The preview follows the edit: the box ticked and the badges of its sections one further.
      await frame.locator('li.task-list-item.preflight-checked', { hasText: text }).first().waitFor({ timeout: T });
      const { report: after } = await saveSeed(ui);
      const ticked = line.replace('- [ ] ', '- [x] ');
      if (!readFileSync(file, 'utf8').split('\n').includes(ticked)) throw new Error(`"${ticked}" is not in the saved file`);
      if (after.done !== before.done + 1) throw new Error(`report: ${after.done} done after the toggle, expected ${before.done + 1}`);
      const expectedAfter = { items: after.total, ticked: after.done, tableChecks: after.tableChecks.total, badges: badgesOf(after) };
      await until(
        async () => same(await shown(frame), expectedAfter),
        async () => `the preview to show ${JSON.stringify(expectedAfter)}; it shows ${JSON.stringify(await shown(frame))}`,
      );
      await ui.dismissHover();
      await ui.screenshot('preview.png');
    },
  },
];
