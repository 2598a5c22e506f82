// Where things are. Everything the e2e layer installs lives in .e2e/ at the repo root (PREFLIGHT_E2E_DIR
// moves it); everything a run makes lives in a fresh temp dir.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E = dirname(dirname(fileURLToPath(import.meta.url))); // test/e2e
export const REPO = resolve(E2E, '..', '..');
export const TOOLS = resolve(process.env.PREFLIGHT_E2E_DIR || join(REPO, '.e2e'));
export const CODE_SERVER = join(TOOLS, 'cs', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.PREFLIGHT_E2E_CHROMIUM || '/usr/bin/chromium';
export const SETUP = join(REPO, 'scripts', 'e2e', 'setup.sh');
export const DIST = join(E2E, 'dist');
export const ARTIFACTS = join(E2E, 'artifacts');
export const SEED_TEMPLATE = join(REPO, 'templates', 'production-deployment-checklist.md');
export const RUNBOOK_FIXTURE = join(E2E, 'fixtures', 'db-failover-runbook.md');
/** Runbooks whose steps the tests run: ws-a/runbooks/<name>. The ECS one talks to test/fakes/ecs.mjs. */
export const STEP_FIXTURES = ['release-steps-runbook.md', 'guarded-steps-runbook.md', 'ecs-rollback-runbook.md'].map((name) =>
  join(E2E, 'fixtures', name),
);

export function toolsInstalled() {
  return (
    existsSync(CODE_SERVER) && existsSync(CHROMIUM) && existsSync(join(TOOLS, 'cs', 'node_modules', 'playwright-core', 'package.json'))
  );
}

/** playwright-core is installed beside code-server (in .e2e), not in the project's node_modules. */
export function playwright() {
  return createRequire(join(TOOLS, 'cs', 'package.json'))('playwright-core');
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium() {
  const { chromium } = playwright();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
