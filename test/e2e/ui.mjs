/* global document -- page.evaluate() callbacks run in the browser */
// What a person sees: drives the code-server workbench in headless Chromium with playwright-core (the
// style of shared/vscode-e2e/drive-ui.js). Each check is a small async function over the `ui` helpers
// below; they run in order in one window and every check ends with a screenshot in test/e2e/artifacts/.
//
// As a module: runUi({ base, folder, devPath }) (test/e2e/run.mjs starts the code-server for it).
// As a script, against a code-server you started:  node test/e2e/ui.mjs <baseUrl> <folder> [extensionDevelopmentPath]
//
// EXTENSION POINTS: add checks to CHECKS. Helpers exist for the explorer, editor lenses, the status bar,
// custom tree views (rows and their checkboxes), the command palette and decorations. Locators wait on
// the DOM; never add sleeps.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, launchChromium } from './lib/paths.mjs';
import { localDate } from './lib/workspace.mjs';
import { workbenchUrl } from './run-extension-tests.mjs';
import { DASHBOARD_CHECKS } from './ui/dashboard.mjs';
import { PREVIEW_CHECKS } from './ui/preview.mjs';

const SEED = 'production-deployment-checklist.md';
const T = 60_000; // a locator's wait: first paint of the workbench and the extension host start take seconds

/** The checks, in order. Each: { name, run(ui) }. */
export const CHECKS = [
  {
    name: 'seed shows a completion code lens',
    async run(ui) {
      await ui.openFile(SEED);
      await ui.lens('done').waitFor({ timeout: T });
    },
  },
  {
    name: 'the Preflight view lists the seed with its phases and counts',
    async run(ui) {
      await ui.openView('Preflight');
      await ui.expandTreeRow('Production Deployment Checklist');
      await ui.expandTreeRow('Pre-Deployment Phase');
      await ui.treeRow(/Pre-Deployment Phase.*0\/98 · 0%/).waitFor({ timeout: T });
      await ui.expandTreeRow('Code Readiness');
      await ui.treeRow(/Code Readiness.*0\/7 · 0%/).waitFor({ timeout: T });
    },
  },
  {
    name: 'ticking a tree checkbox checks the item in the document',
    async run(ui) {
      await ui.tickTreeCheckbox('All features for release merged', '- [x] All features for release merged');
      await ui.treeRow(/Code Readiness.*1\/7 · 14%/).waitFor({ timeout: T });
    },
  },
  {
    name: 'the status bar shows the completion of the active checklist',
    async run(ui) {
      await ui.statusBarItem('Preflight 0% (1/239)').waitFor({ timeout: T });
    },
  },
  {
    name: 'decorations: progress bars after headings, the checked item dimmed',
    async run(ui) {
      // Decorations render as generated CSS rules (::after content, opacity) on spans of the view lines.
      await ui.page.waitForFunction(
        () => {
          const css = [...document.styleSheets].flatMap((sheet) => {
            try {
              return [...sheet.cssRules].map((r) => r.cssText);
            } catch {
              return [];
            }
          });
          return css.some((r) => r.includes('▰▱▱▱▱▱▱▱▱▱ 1/7')) && css.some((r) => /opacity: 0\.55/.test(r));
        },
        undefined,
        { timeout: T },
      );
      // The section's progress lens follows the tick too (the editor asks again after the edit).
      await ui.lens('1/7 done').waitFor({ timeout: T });
      await ui.dismissHover(); // no tooltip in the picture
      await ui.screenshot('seed.png');
    },
  },
  {
    name: 'Review Changes Against… offers the merge base first; the Changes section, the gutter marker and the hover show the tick',
    async run(ui) {
      const { page } = ui;
      await ui.command('Preflight: Review Changes Against…');
      // ws-a has no upstream and no origin: the default is the merge base with main, first and labelled.
      const first = page.locator('.quick-input-widget .monaco-list-row').first();
      await first.filter({ hasText: 'Merge base with main' }).waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await ui.treeRow(/Changes\s*1 checked · since merge base with main \([0-9a-f]{7}\)/).waitFor({ timeout: T });
      await ui.treeRow(/All features for release merged.*checked · not committed · ticked by hand/).waitFor({ timeout: T });
      // The gutter marker: VS Code renders a decoration's gutter icon as a CSS background of a margin glyph.
      await page.waitForFunction(
        () => {
          const css = [...document.styleSheets].flatMap((sheet) => {
            try {
              return [...sheet.cssRules].map((r) => r.cssText);
            } catch {
              return [];
            }
          });
          return css.some((r) => r.includes('change-checked-'));
        },
        undefined,
        { timeout: T },
      );
      await page.locator('.editor-group-container.active .monaco-editor .cgmr').first().waitFor({ timeout: T });
      await ui.dismissHover();
      await ui.editorLine('All features for release merged').hover();
      await page.locator('.monaco-hover', { hasText: 'Checked since merge base with main' }).first().waitFor({ timeout: T });
      await page.locator('.monaco-hover', { hasText: 'Evidence: ticked by hand (no run recorded)' }).first().waitFor({ timeout: T });
      await ui.screenshot('review.png');
      await ui.dismissHover();
      // Stop Reviewing is offered while a review runs, and takes the section away.
      await ui.command('Preflight: Review Changes Against…');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Stop Reviewing' }).first().click();
      await ui.treeRow(/Changes\s*1 checked · since/).waitFor({ state: 'detached', timeout: T });
    },
  },
  {
    name: 'a dangerous step asks first, showing the exact command; Cancel runs nothing',
    async run(ui) {
      mkdirSync(join(ui.folder, 'build-output'), { recursive: true });
      await ui.quickOpen('guarded-steps-runbook.md');
      await ui.runLens(0).click();
      const dialog = ui.page.locator('.monaco-dialog-box');
      await dialog.getByText('deletes files recursively').waitFor({ timeout: T });
      await dialog.getByText('rm -rf ./build-output').waitFor({ timeout: T });
      await ui.screenshot('dangerous-step.png');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached', timeout: T });
    },
  },
  {
    name: 'an unset variable is asked for (masked, its name says TOKEN) and reaches the process environment',
    async run(ui) {
      const seen = join(ui.folder, 'token-seen.txt');
      await ui.runLens(1).click();
      const input = ui.page.locator('.quick-input-widget input');
      await ui.page.locator('.quick-input-widget', { hasText: 'PREFLIGHT_E2E_TOKEN' }).waitFor({ timeout: T });
      if ((await input.getAttribute('type')) !== 'password') throw new Error('the input for a TOKEN is not masked');
      await input.fill('s3cr3t-e2e-value');
      await ui.page.keyboard.press('Enter');
      await until(() => existsSync(seen) && readFileSync(seen, 'utf8') === 's3cr3t-e2e-value\n', `${seen} to hold the value`);
      await ui.editorLine('- [ ] Token handed to the deploy').waitFor({ timeout: T });
      await ui.page
        .locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'preflight:run' })
        .first()
        .waitFor({ timeout: T });
      // The step after the cancelled one has finished: had `rm -rf` run, the folder would be gone by now.
      if (!existsSync(join(ui.folder, 'build-output'))) throw new Error('the cancelled dangerous step ran anyway');
      const text = await ui.page.locator('.editor-group-container.active .monaco-editor .view-lines').innerText();
      if (text.includes('s3cr3t-e2e-value')) throw new Error('the variable value was written into the checklist');
    },
  },
  {
    name: 'signing off with open items in the gate refuses without a reason, and commits nothing',
    async run(ui) {
      const commits = () => execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: ui.folder, encoding: 'utf8' }).trim();
      const before = commits();
      await ui.page.locator(`.tabs-container .tab[aria-label^="${SEED}"]`).click({ timeout: T }); // opened by the first check
      await ui.page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]`).waitFor({ timeout: T });
      const lens = ui.page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', {
        hasText: 'Sign off as Deployment Lead',
      });
      // The sign-off section is near the end: bring its lenses into view (editors render visible lines only).
      const signOff =
        readFileSync(join(ui.folder, SEED), 'utf8')
          .split('\n')
          .findIndex((l) => l.startsWith('## Sign-Off')) + 1;
      await ui.command('Go to Line/Column');
      await ui.page.keyboard.type(String(signOff + 8));
      await ui.page.keyboard.press('Enter');
      await lens.first().click({ timeout: T });
      const dialog = ui.page.locator('.monaco-dialog-box');
      await dialog.getByText('open items in its gate').waitFor({ timeout: T });
      await ui.screenshot('signoff-gate.png');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await ui.page.locator('.notifications-toasts', { hasText: 'not signed' }).waitFor({ timeout: T });
      if (commits() !== before) throw new Error('a commit was made although the sign-off was refused');
      const text = await ui.page.locator('.editor-group-container.active .monaco-editor .view-lines').innerText();
      if (/Name: Preflight E2E/.test(text)) throw new Error('the refused sign-off stamped the role');
    },
  },
  {
    name: 'an ECS rollback proposes the previous revision, confirms from → to, follows the rollout and records it',
    async run(ui) {
      await ui.quickOpen('ecs-rollback-runbook.md');
      await ui.page
        .locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: 'Roll back web' })
        .first()
        .click({ timeout: T });
      // The revisions of the family, the one before the running web:7 proposed first.
      const picker = ui.page.locator('.quick-input-widget');
      await picker.getByText('running web:7').waitFor({ timeout: T });
      await picker.locator('.monaco-list-row', { hasText: 'web:6' }).filter({ hasText: 'proposed' }).waitFor({ timeout: T });
      await ui.page.keyboard.press('Enter');
      const dialog = ui.page.locator('.monaco-dialog-box');
      await dialog.getByText('Roll back web from web:7 to web:6?').waitFor({ timeout: T });
      await dialog.getByText('Cluster: e2e-cluster').waitFor({ timeout: T });
      await ui.screenshot('ecs-rollback.png');
      await dialog.getByRole('button', { name: 'Roll Back' }).click();
      await ui.page.locator('.notifications-toasts', { hasText: 'COMPLETED' }).first().waitFor({ timeout: T });
      // The note sits under the block, below the fold: bring the end of the runbook into view.
      await ui.editorLine('Rolls the web service back').click();
      await ui.page.keyboard.press('Control+End');
      const note = ui.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'preflight:run' }).first();
      await note.waitFor({ timeout: T });
      if (!/"exit":0\b/.test(await note.innerText())) throw new Error(`the run note does not record success: ${await note.innerText()}`);
      const updates = ui.ecs.calls.filter((c) => c.operation === 'UpdateService');
      if (updates.length !== 1) throw new Error(`expected one UpdateService call, saw ${updates.length}`);
      const [{ input }] = updates;
      if (
        !String(input.taskDefinition).endsWith('task-definition/web:6') ||
        input.forceNewDeployment !== true ||
        input.cluster !== 'e2e-cluster' ||
        input.service !== 'web'
      ) {
        throw new Error(`UpdateService asked for ${JSON.stringify(input)}`);
      }
    },
  },
  {
    name: "New Checklist from Template offers the workspace's own templates, asks each placeholder with its default, and opens the result",
    async run(ui) {
      mkdirSync(join(ui.folder, '.preflight', 'templates'), { recursive: true });
      writeFileSync(join(ui.folder, '.preflight', 'templates', 'team-hotfix.md'), HOTFIX_TEMPLATE);
      await ui.command('New Checklist from Template');
      const picker = ui.page.locator('.quick-input-widget');
      await picker
        .locator('.monaco-list-row', { hasText: 'Team hotfix' })
        .filter({ hasText: '.preflight/templates' })
        .waitFor({ timeout: T });
      await picker.locator('.monaco-list-row', { hasText: 'bundled' }).first().waitFor({ timeout: T });
      await ui.page.locator('.quick-input-widget input').fill('Team hotfix');
      await ui.page.keyboard.press('Enter');
      const input = ui.page.locator('.quick-input-widget input');
      const answer = async (placeholder, expectedDefault, value) => {
        await picker.getByText(`fills {{${placeholder}}}`).waitFor({ timeout: T });
        const proposed = await input.inputValue();
        if (proposed !== expectedDefault) throw new Error(`{{${placeholder}}} proposed "${proposed}", expected "${expectedDefault}"`);
        if (value !== undefined) await input.fill(value);
        await ui.page.keyboard.press('Enter');
      };
      const today = localDate();
      await answer('project', '', 'Checkout Service');
      await answer('date', today);
      await answer('lead', 'Preflight E2E'); // git's user.name in ws-a
      const name = `team-hotfix-${today}.md`;
      await ui.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: T });
      await ui.editorLine('Hotfix for Checkout Service').waitFor({ timeout: T });
      await ui.editorLine('Lead: Preflight E2E').waitFor({ timeout: T });
      const written = readFileSync(join(ui.folder, 'checklists', name), 'utf8');
      if (/\{\{/.test(written)) throw new Error(`a placeholder was left in ${name}`);
    },
  },
  {
    name: 'a checklist with env: and cwd: asks first, showing the folder and its variables (secrets masked); Run uses them',
    async run(ui) {
      // In the ui sandbox only (run.mjs), so the trusted suite's tree keeps its five checklists.
      await ui.quickOpen('run-context-runbook.md');
      await ui.runLens(0).click();
      const dialog = ui.page.locator('.monaco-dialog-box');
      await dialog.getByText("Run this step with the checklist's folder and variables?").waitFor({ timeout: T });
      await dialog.getByText(`Working folder: ${realpathSync(join(ui.folder, 'deploy'))}`).waitFor({ timeout: T });
      await dialog.getByText('APP_NAME="shop"').waitFor({ timeout: T });
      await dialog.getByText('DEPLOY_TOKEN=••••••').waitFor({ timeout: T });
      await dialog.getByText('echo "$APP_NAME" > app-seen.txt').waitFor({ timeout: T });
      const shown = await dialog.innerText();
      if (shown.includes('e2e-not-a-real-token')) throw new Error('the modal shows the value of DEPLOY_TOKEN');
      if (shown.includes('BASH_ENV')) throw new Error('the modal lists BASH_ENV, which is never passed on');
      await ui.screenshot('run-context-step.png');
      await dialog.getByRole('button', { name: 'Run' }).click();
      const seen = join(ui.folder, 'deploy', 'app-seen.txt');
      await until(() => existsSync(seen) && readFileSync(seen, 'utf8') === 'shop\n', `${seen} to hold shop`);
    },
  },
  ...PREVIEW_CHECKS,
  ...DASHBOARD_CHECKS,
];

/** A workspace template (.preflight/templates/): its placeholders, in order of use, with their defaults. */
const HOTFIX_TEMPLATE = `---
template:
  name: Team hotfix
  description: The team's short path for an urgent fix.
  placeholders:
    project: { prompt: Service name }
    date: { prompt: Release date, default: today }
    lead: { prompt: Hotfix lead, default: git user.name }
---

# Hotfix for {{project}}

Date: {{date}} · Lead: {{lead}}

## Fix

- [ ] Fix reviewed by a second engineer
- [ ] Tests pass: \`npm test\`

## Release

- [ ] Deployed to production
- [ ] Error rate back to normal
`;

/** Polls a condition on the disk (no event to wait on), failing with `what` after T. */
async function until(probe, what) {
  const deadline = Date.now() + T;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(100);
  }
}

function helpers(page, log, folder, ecs) {
  return {
    page,
    log,
    folder,
    /** The fake ECS the window talks to (test/fakes/ecs.mjs), when the launcher started one. */
    ecs,
    /** The n-th Run lens of the visible editor, in document order. */
    runLens: (n) => page.locator('.editor-group-container.active .monaco-editor .codelens-decoration a', { hasText: '▶ Run' }).nth(n),
    /** Click a file in the explorer of the (single-folder) window. Top-level names only. */
    async openFile(name) {
      const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
      await row.waitFor({ timeout: T });
      await row.click();
      await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: T });
    },
    /** Open any file of the window by name through Quick Open (Ctrl+P), e.g. nested ones. */
    async quickOpen(name) {
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: T });
      await input.fill(name);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
      await page.locator(`.tabs-container .tab.active[aria-label^="${name.split('/').pop()}"]`).waitFor({ timeout: T });
    },
    /** A code lens in the visible editor whose text contains `text` (string or RegExp). */
    lens: (text) => page.locator('.monaco-editor .codelens-decoration', { hasText: text }).first(),
    /** A rendered line of the active editor (view lines only: what is scrolled into view). */
    editorLine: (text) => page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: text }).first(),
    /** A status bar entry by its text. */
    statusBarItem: (text) => page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text }).first(),
    /** Open a view container from the activity bar by its title (aria-label starts with it). */
    async openView(title) {
      const item = page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
      await item.waitFor({ timeout: T });
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
    },
    /** A row of any custom tree view (contributed `views`) by its text (label + description). Trees are
     *  virtualised: only rows scrolled into view exist in the DOM. */
    treeRow: (label) => page.locator('.pane-body .monaco-list-row', { hasText: label }).first(),
    /** Expand a collapsed tree row and wait until it is expanded: a click that lands while the tree
     *  re-renders (a scan or an outline arriving) is lost, so it is repeated. */
    async expandTreeRow(label) {
      const row = page.locator('.pane-body .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: T });
      const deadline = Date.now() + T;
      // A row shows aria-expanded once its item is collapsible; wait for it rather than skip the click.
      await page.locator('.pane-body .monaco-list-row[aria-expanded]', { hasText: label }).first().waitFor({ timeout: T });
      while ((await row.getAttribute('aria-expanded')) === 'false') {
        if (Date.now() > deadline) throw new Error(`tree row "${label}" did not expand`);
        await row.locator('.monaco-tl-twistie').click();
        await page
          .locator('.pane-body .monaco-list-row[aria-expanded="true"]', { hasText: label })
          .first()
          .waitFor({ timeout: 2_000 })
          .catch(() => {});
      }
      await this.dismissHover();
    },
    /** Move the pointer off the workbench's lists and wait until no hover is shown: a row's tooltip
     *  opens below the pointer after a delay and would cover the next row's checkbox. */
    async dismissHover() {
      await page.mouse.move(900, 600);
      await page.keyboard.press('Escape');
      await page.locator('.workbench-hover').first().waitFor({ state: 'hidden', timeout: T });
    },
    /** Tick the checkbox of a tree row (TreeItem.checkboxState) and wait for `line` in the editor. VS Code
     *  drops a checkbox click that lands while the view redraws (the extension gets an event with no
     *  items, and the row shows the unticked truth again), so a click whose box is unticked again is
     *  repeated; one that reached the extension stays ticked and is never clicked a second time. */
    async tickTreeCheckbox(label, line) {
      const box = page
        .locator('.pane-body .monaco-list-row', { hasText: label })
        .first()
        .locator('.custom-view-tree-node-item-checkbox')
        .first();
      const deadline = Date.now() + T;
      for (;;) {
        if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
        const ticked = await this.editorLine(line)
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
        if (ticked) return;
        if (Date.now() > deadline) throw new Error(`ticking "${label}" in the tree did not tick "${line}" in the editor`);
      }
    },
    /** Run a command by its palette title. */
    async command(title) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: T });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: T });
      await page.keyboard.press('Enter');
    },
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, name);
      await page.screenshot({ path: file });
      log(`  screenshot: ${file}`);
      return file;
    },
  };
}

/**
 * @returns {Promise<{ passes: number, failures: number }>}
 */
/** PREFLIGHT_E2E_UI_GREP: run only the checks whose name contains it (one check while working on it). */
const selectedChecks = () => CHECKS.filter((c) => !process.env.PREFLIGHT_E2E_UI_GREP || c.name.includes(process.env.PREFLIGHT_E2E_UI_GREP));

export async function runUi({ base, folder, devPath, ecs, checks = selectedChecks(), log = (l) => console.log(l) }) {
  const browser = await launchChromium();
  let passes = 0;
  let failures = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(base, { folder, devPath }));
    // Ready = the folder is listed in the explorer. Keys pressed before that are lost.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: T });
    const ui = helpers(page, log, folder, ecs);
    for (const check of checks) {
      const started = Date.now();
      try {
        await check.run(ui);
        passes++;
        log(`  ✔ ${check.name} (${Date.now() - started} ms)`);
      } catch (err) {
        failures++;
        // Playwright's call log (what it waited for, what intercepted a click) follows the first line.
        const [first, ...callLog] = String(err?.message ?? err).split('\n');
        log(`  ✘ ${check.name}: ${first}`);
        for (const line of callLog.filter((l) => l.trim()).slice(-8)) log(`      ${line.trim()}`);
        await ui.screenshot(`ui-failure-${failures}.png`).catch(() => {});
      }
    }
  } finally {
    await browser.close();
  }
  return { passes, failures };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [, , base, folder, devPath] = process.argv;
  if (!folder) {
    console.error('usage: node test/e2e/ui.mjs <baseUrl> <folder> [extensionDevelopmentPath]');
    process.exit(2);
  }
  runUi({ base, folder, devPath })
    .then(({ passes, failures }) => {
      console.log(`ui: ${passes} passed, ${failures} failed`);
      process.exit(failures ? 1 : 0);
    })
    .catch((e) => {
      console.error(e);
      process.exit(2);
    });
}
