/**
 * The allowed-signers file SSH sign-off signatures are checked against. It must not come from the pull
 * request's head (its author would list their own key): the input's file, read at the base branch when it lies
 * in the repository, else the runner's git config, else none (and the comment says so).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { SignersSource } from './comment.js';
import { blobAt, configuredAllowedSigners } from './gitRead.js';

export interface Signers {
  source: SignersSource;
  /** The file to pass to git; undefined: git's own config decides. */
  file?: string;
}

export class SignersProblem extends Error {}

export async function signersFor(input: string | undefined, cwd: string, baseSha: string | undefined): Promise<Signers> {
  if (!input) return { source: (await configuredAllowedSigners(cwd)) ? { kind: 'git-config' } : { kind: 'none' } };
  const abs = resolve(cwd, input);
  const inRepo = relative(cwd, abs);
  if (baseSha && !inRepo.startsWith('..') && !isAbsolute(inRepo)) {
    const path = inRepo.split(sep).join('/');
    const bytes = await blobAt(cwd, baseSha, path);
    if (!bytes)
      throw new SignersProblem(
        `input allowed-signers: ${path} does not exist at the base branch (${baseSha.slice(0, 7)}). A file in the repository is read as the base branch has it, so a pull request cannot change who may sign: merge it to the base branch first, or name a file outside the repository.`,
      );
    const file = join(mkdtempSync(join(process.env.RUNNER_TEMP || tmpdir(), 'preflight-signers-')), 'allowed_signers');
    writeFileSync(file, bytes);
    return { source: { kind: 'base', path }, file };
  }
  if (!existsSync(abs))
    throw new SignersProblem(
      `input allowed-signers: ${input} does not exist. Name a trusted allowed-signers file (lines of "email ssh-ed25519 AAAA…").`,
    );
  return { source: { kind: 'input', path: input }, file: abs };
}
