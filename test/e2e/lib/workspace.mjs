// Builds one run's sandbox under a temp root:
//   ws-a/  production-deployment-checklist.md (made from the template with the seed's values, as a deployment
//          lead would with `preflight new`), README.md (not a checklist); a git repo
//   ws-b/  runbooks/db-failover-runbook.md
//   multi.code-workspace  (ws-a + ws-b)
//   user-data/User/settings.json, extensions/, xdg/ (code-server's config.yaml lands here, not in ~)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { checklistFromTemplate } from '../../support/seedChecklist.mjs';
import { RUNBOOK_FIXTURE, STEP_FIXTURES } from './paths.mjs';

/** Today's local date, YYYY-MM-DD: what the extension and the CLI propose for `today`. */
export function localDate(now = new Date()) {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

const README = `# Team notes

This folder holds the release checklist. This file is plain documentation, not a checklist:
it has a list, but no task boxes.

- Ask in #releases before changing the checklist.
- Sign-offs are commits.
`;

/** Quiet, deterministic user settings; `trust` decides whether workspace trust is on at all. */
export function userSettings({ trust }) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never',
    'security.workspace.trust.enabled': trust,
    // No modal "Do you trust the authors?" at startup: the window simply opens in Restricted Mode.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

/** @param {{ trust?: boolean, settings?: Record<string, unknown> }} options  settings: extra user settings */
export function makeSandbox(root, { trust = true, settings = {} } = {}) {
  const wsA = join(root, 'ws-a');
  const wsB = join(root, 'ws-b');
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  for (const d of [wsA, join(wsB, 'runbooks'), join(userData, 'User'), extensions, join(root, 'xdg')]) mkdirSync(d, { recursive: true });

  // The seed as made from the template, kept pristine beside the folders for tests that compare with it.
  const made = join(root, 'made');
  mkdirSync(made, { recursive: true });
  copyFileSync(checklistFromTemplate(made), join(root, 'seed-pristine.md'));
  rmSync(made, { recursive: true, force: true });
  copyFileSync(join(root, 'seed-pristine.md'), join(wsA, 'production-deployment-checklist.md'));
  writeFileSync(join(wsA, 'README.md'), README);
  copyFileSync(RUNBOOK_FIXTURE, join(wsB, 'runbooks', 'db-failover-runbook.md'));
  mkdirSync(join(wsA, 'runbooks'), { recursive: true });
  for (const fixture of STEP_FIXTURES) copyFileSync(fixture, join(wsA, 'runbooks', basename(fixture)));
  const workspaceFile = join(root, 'multi.code-workspace');
  writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'ws-a' }, { path: 'ws-b' }], settings: {} }, null, 2));
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings({ trust }), ...settings }, null, 2));

  // ws-a is a git repository with one commit, so sign-off (a commit) has somewhere to go.
  const git = (...args) => spawnSync('git', args, { cwd: wsA, stdio: 'ignore' });
  const gitOk =
    git('init', '-q', '-b', 'main').status === 0 &&
    git('-c', 'user.name=Preflight E2E', '-c', 'user.email=e2e@preflight.invalid', 'add', '-A').status === 0 &&
    git('-c', 'user.name=Preflight E2E', '-c', 'user.email=e2e@preflight.invalid', 'commit', '-q', '-m', 'seed').status === 0;
  if (gitOk) {
    git('config', 'user.name', 'Preflight E2E');
    git('config', 'user.email', 'e2e@preflight.invalid');
  }

  return {
    root,
    wsA,
    wsB,
    workspaceFile,
    userData,
    extensions,
    xdg: join(root, 'xdg'),
    git: gitOk,
    seed: join(wsA, 'production-deployment-checklist.md'),
  };
}
