// What the harness (test/e2e/run.mjs) tells the tests, through the environment of the code-server (or
// VS Code) process, which the extension host inherits. Read lazily so a missing variable fails the
// test that needs it with a message, not the whole bundle at load.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const EXTENSION_ID = 'preflight.preflight';
export const SEED_NAME = 'production-deployment-checklist.md';
export const RUNBOOK_PATH = 'runbooks/db-failover-runbook.md';

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e layer through \`node test/e2e/run.mjs\``);
  return value;
}

export const e2e = {
  /** Repository root (the project under test). */
  get repo(): string {
    return need('PREFLIGHT_E2E_REPO');
  },
  /** The run's temporary root: ws-a/, ws-b/, multi.code-workspace. */
  get ws(): string {
    return need('PREFLIGHT_E2E_WS');
  },
  /** Folder ws-a: the seed checklist, a README.md that is not a checklist; a git repository with one commit. */
  get wsA(): string {
    return path.join(this.ws, 'ws-a');
  },
  /** Folder ws-b: runbooks/db-failover-runbook.md. */
  get wsB(): string {
    return path.join(this.ws, 'ws-b');
  },
  get seed(): string {
    return path.join(this.wsA, SEED_NAME);
  },
  /** The seed as the launcher made it from the template, outside the workspace folders: never edited. */
  get pristineSeed(): string {
    return path.join(this.ws, 'seed-pristine.md');
  },
  get readme(): string {
    return path.join(this.wsA, 'README.md');
  },
  get runbook(): string {
    return path.join(this.wsB, RUNBOOK_PATH);
  },
  /** ws-a/runbooks/release-steps-runbook.md: `echo ok`, `exit 3`, a long `sleep`. */
  get releaseSteps(): string {
    return path.join(this.wsA, 'runbooks', 'release-steps-runbook.md');
  },
  /** ws-a/runbooks/guarded-steps-runbook.md: `rm -rf`, and a variable nothing sets. */
  get guardedSteps(): string {
    return path.join(this.wsA, 'runbooks', 'guarded-steps-runbook.md');
  },
  /** ws-a/runbooks/ecs-rollback-runbook.md: front matter `ecs:` (e2e-cluster/web) and an `aws ecs update-service` block. */
  get ecsRollback(): string {
    return path.join(this.wsA, 'runbooks', 'ecs-rollback-runbook.md');
  },
  /** The extension under test as a folder (extensionDevelopmentPath); the repo root unless the harness was pointed elsewhere. */
  get extension(): string {
    return process.env.PREFLIGHT_E2E_EXTENSION || this.repo;
  },
  /** The --extensions-dir the packaged VSIX was installed into (packaged run only). */
  get extensionsDir(): string {
    return need('PREFLIGHT_E2E_EXT_DIR');
  },
  /** Which run this is: trusted | restricted | packaged | electron. */
  get run(): string {
    return process.env.PREFLIGHT_E2E_RUN ?? 'unknown';
  },
};

export interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main?: string;
  activationEvents?: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string } };
}

/** The package.json of the extension under test, read from disk (not through the API, which may not know it). */
export function sourceManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(e2e.extension, 'package.json'), 'utf8')) as Manifest;
}

/** Same file either way: compares real paths (the temp dir may sit behind a symlink). */
export function samePath(a: string, b: string): boolean {
  return fs.realpathSync(a) === fs.realpathSync(b);
}

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(fs.realpathSync(parent), fs.realpathSync(child));
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
