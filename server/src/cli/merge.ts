/**
 * `preflight merge BASE OURS THEIRS [--path NAME]`: git's merge-driver interface (%O %A %B %P). The merged
 * checklist goes into OURS; exit 0 when clean, 1 when a conflict remains (listed on stderr, one per line),
 * 2 when an input cannot be read (OURS is then left as it was).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeChecklists } from '../core/merge/mergeChecklists.js';
import { quoted } from '../core/merge/plainLabel.js';
import { EXIT, InputError } from './errors.js';
import type { Io } from './io.js';
import { gitLineMerge } from './lineMerge.js';
import { readInput } from './readInput.js';
import { oneLine } from '../text/plainText.js';

export interface MergeFiles {
  base: string;
  ours: string;
  theirs: string;
  /** The checklist's path in the repository (git's %P), for messages; OURS's name otherwise. */
  path?: string;
}

export function runMerge(files: MergeFiles, io: Io): number {
  // A path from git names a file someone else may have named: one line, nothing a terminal acts on.
  const name = oneLine(files.path ?? files.ours);
  // Every input is read and checked before anything is written: a bad input leaves OURS untouched.
  const read = (file: string, side: string) => {
    try {
      return readInput(file, io.cwd, { allowEmpty: true }).text;
    } catch (error) {
      if (error instanceof InputError)
        throw new InputError(`cannot merge ${quoted(name)}, ${side} version: ${error.message} OURS was left as it was.`);
      throw error;
    }
  };
  const base = read(files.base, 'base');
  const ours = read(files.ours, 'ours');
  const theirs = read(files.theirs, 'theirs');
  const result = mergeChecklists(base, ours, theirs, gitLineMerge);
  try {
    writeFileSync(resolve(io.cwd, files.ours), result.text, 'utf8');
  } catch (error) {
    throw new InputError(`cannot write the merged ${quoted(name)} to "${files.ours}": ${(error as Error).message}`);
  }
  if (result.conflicts.length === 0) return EXIT.ok;
  const lines = result.conflicts.map((c) => `${name}:${c.line}: merge conflict (${c.kind}): ${c.description}`);
  const count = result.conflicts.length;
  io.err(
    `${lines.join('\n')}\npreflight merge: ${count} conflict${count === 1 ? '' : 's'} left in ${quoted(name)}; resolve the marked lines, then git add it.`,
  );
  return EXIT.failed;
}
