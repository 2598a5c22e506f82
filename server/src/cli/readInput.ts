import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from './errors.js';

export interface Input {
  /** As the user wrote it, for messages and `file:line:col` output. */
  name: string;
  text: string;
}

export interface ReadOptions {
  /** `git diff` compares against an empty file happily; report and check have nothing to say about one. */
  allowEmpty?: boolean;
}

/** Reads a checklist as strict UTF-8 text; every failure becomes a message saying what to do. `-` is stdin. */
export function readInput(name: string, cwd: string, options: ReadOptions = {}): Input {
  const path = name === '-' ? 0 : resolve(cwd, name);
  const shown = name === '-' ? 'standard input' : `"${name}"`;
  if (path !== 0) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      throw new InputError(fsMessage(error, shown, path));
    }
    if (isDir)
      throw new InputError(
        `${shown} is a directory, not a markdown file. Pass the checklist file itself, e.g. ${name.replace(/\/$/, '')}/CHECKLIST.md.`,
      );
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(fsMessage(error, shown, path === 0 ? 'stdin' : path));
  }
  return { name, text: decode(bytes, shown, options) };
}

export function decode(bytes: Uint8Array, shown: string, options: ReadOptions = {}): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new InputError(
      `${shown} looks like a binary file (NUL byte at offset ${nul}). Preflight reads markdown text; pass the .md checklist instead.`,
    );
  let text: string;
  try {
    // fatal: a wrong encoding must not be silently turned into U+FFFD and "pass" the check.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${shown} is not valid UTF-8 text. Re-save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8\`) and try again.`);
  }
  if (!options.allowEmpty && text.trim() === '') {
    throw new InputError(
      `${shown} is empty: there is no checklist in it. Add tasks such as "- [ ] Back up the database", or check that you passed the right file.`,
    );
  }
  return text;
}

function fsMessage(error: unknown, shown: string, path: string | number): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `${shown} does not exist (looked for ${String(path)}). Check the path; relative paths are resolved from the current directory.`;
    case 'EACCES':
    case 'EPERM':
      return `${shown} cannot be read: permission denied. Check the file's permissions.`;
    case 'ENOTDIR':
      return `${shown} does not exist: a part of its path is a file, not a directory. Check the path.`;
    case 'EISDIR':
      return `${shown} is a directory, not a markdown file. Pass the checklist file itself.`;
    default:
      return `${shown} cannot be read: ${(error as Error).message}.`;
  }
}
