/**
 * `preflight merge --install [--glob G]…`: makes git use `preflight merge` for checklists in this repository.
 * The repository-local config names the driver, `.gitattributes` at the top assigns it to the checklist
 * globs. Idempotent: what is already there is left alone, and a second run says "already installed".
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { EXIT, InputError } from './errors.js';
import { firstLine, git, gitOk } from './git.js';
import type { Io } from './io.js';

/** Preflight's default checklist globs (the `preflight.files` setting), in .gitattributes' syntax. */
export const DEFAULT_MERGE_GLOBS = ['*checklist*.md', '*CHECKLIST*.md', 'checklists/**/*.md', '*runbook*.md', 'runbooks/**/*.md'];

export const DRIVER_NAME = 'Preflight checklist merge';

export async function runMergeInstall(globs: readonly string[], io: Io): Promise<number> {
  const top = await git(io.cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok)
    throw new InputError(
      `preflight merge --install sets up the repository you are in, and ${io.cwd} is not inside one (git: ${firstLine(top.stderr)}). Run it inside the clone.`,
    );
  const root = top.stdout.toString('utf8').trim();
  const did: string[] = [];

  const driver = `${commandAsFound()} merge %O %A %B --path %P`;
  for (const [key, value] of [
    ['merge.preflight.name', DRIVER_NAME],
    ['merge.preflight.driver', driver],
  ]) {
    const current = await git(root, ['config', '--local', '--get', key]);
    if (current.ok && current.stdout.toString('utf8').replace(/\r?\n$/, '') === value) continue;
    await gitOk(root, ['config', '--local', key, value], `could not set ${key} in the repository's git config`);
    did.push(`git config ${key} = ${value}`);
  }

  const attributes = join(root, '.gitattributes');
  if (existsSync(attributes) && !statSync(attributes).isFile())
    throw new InputError(`${attributes} is not a file; remove it or make it the attributes file.`);
  const text = existsSync(attributes) ? readFileSync(attributes, 'utf8') : '';
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const present = new Set(text.split(/\r?\n/).map((line) => line.trim().split(/\s+/).join(' ')));
  const missing = globs.map((glob) => `${glob} merge=preflight`).filter((line) => !present.has(line));
  if (missing.length > 0) {
    const separator = text === '' || text.endsWith('\n') ? '' : eol;
    writeFileSync(attributes, text + separator + missing.map((line) => line + eol).join(''), 'utf8');
    for (const line of missing) did.push(`.gitattributes: ${line}`);
  }

  io.out(
    did.length === 0
      ? 'preflight merge: already installed.'
      : `preflight merge: installed in ${root}\n${did.map((d) => `  ${d}`).join('\n')}`,
  );
  return EXIT.ok;
}

/**
 * How git's shell should start preflight: `preflight` when it is on PATH, else this very CLI through node
 * (never from npx's cache). git runs the driver with sh, so paths are single-quoted.
 */
function commandAsFound(): string {
  if (onPath('preflight')) return 'preflight';
  const cli = resolve(process.argv[1]);
  // npx runs a package from a cache it may clear; a driver line naming it would fail every later merge.
  if (cli.split(/[\\/]/).includes('_npx')) {
    throw new InputError(
      `this preflight runs from npx's temporary cache (${cli}), which npx may clear, and git would then fail every checklist merge. Install it first (npm install -g @preflight-dev/preflight, or as a devDependency) and run preflight merge --install again.`,
    );
  }
  const node = onPath('node') ? 'node' : shellQuote(process.execPath);
  return `${node} ${shellQuote(cli)}`;
}

function onPath(program: string): boolean {
  const names = process.platform === 'win32' ? [`${program}.cmd`, `${program}.exe`, program] : [program];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && names.some((name) => isFile(join(dir, name))));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
