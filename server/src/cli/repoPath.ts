import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { firstLine, git } from './git.js';

export interface RepoPath {
  /** The file as an absolute path, as given (symlinks not resolved). */
  abs: string;
  /** The repository's top directory: run git there, so pathspecs and `rev:path` agree. */
  top: string;
  /** Path relative to the top, with `/`. */
  path: string;
}

/** Where `file` sits in its git repository; `command` names the command in the advice. */
export async function repoPathOf(file: string, cwd: string, command: string): Promise<RepoPath> {
  const abs = resolve(cwd, file);
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `"${file}": the directory ${dir} does not exist. Check the path; relative paths are resolved from the current directory.`,
    );
  }
  if (existsSync(abs) && statSync(abs).isDirectory())
    throw new InputError(`"${file}" is a directory, not a markdown file. Pass the checklist file itself.`);
  // git reports the top through symlinks resolved (macOS /tmp -> /private/tmp), so resolve ours too.
  const real = join(realpathSync(dir), basename(abs));
  const topResult = await git(dirname(real), ['rev-parse', '--show-toplevel']);
  if (!topResult.ok) {
    throw new InputError(
      `"${file}" is not inside a git repository (git: ${firstLine(topResult.stderr)}). Run preflight ${command} inside a clone where the checklist is committed.`,
    );
  }
  const top = topResult.stdout.toString('utf8').trim();
  const path = relative(top, real).split(sep).join('/');
  if (path.startsWith('../')) throw new InputError(`"${file}" is outside the repository at ${top}.`);
  return { abs, top, path };
}
