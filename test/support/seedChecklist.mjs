// "The seed" made from the project's own template: the production deployment template filled by `preflight new`
// with the values of the seed's project (VIVR). `npm run demo`, the e2e sandbox, the action demo and the tests
// without ../shared all make it here, so the values live in this one place. Plain JS: scripts and e2e import it too.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PRODUCTION_TEMPLATE = join(REPO, 'templates', 'production-deployment-checklist.md');
const CLI = join(REPO, 'server', 'dist', 'cli.js');

/** The seed's own project: what its deployment lead fills the production deployment template with. */
export const SEED_VALUES = Object.freeze({
  project: 'VIVR E-Commerce Platform',
  version: '1.0.0',
  date: '2026-12-01',
  lead: 'Dana Deploy',
  url: 'https://vivr.example.com',
  ecs_cluster: 'vivr-prod',
  ecs_service: 'vivr-app',
});

/**
 * `preflight new` of the production deployment template into dir/checklists/; returns the file written.
 * @param {string} dir
 * @param {Record<string, string>} [values]
 * @returns {string}
 */
export function checklistFromTemplate(dir, values = SEED_VALUES) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it for you).`);
  const sets = Object.entries(values).flatMap(([name, value]) => ['--set', `${name}=${value}`]);
  const out = execFileSync(process.execPath, [CLI, 'new', PRODUCTION_TEMPLATE, '--dir', dir, ...sets], { encoding: 'utf8' });
  return /** @type {string} */ (out.trim().split('\n').at(-1));
}
