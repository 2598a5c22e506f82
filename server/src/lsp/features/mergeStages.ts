/**
 * "Merge with Preflight…": the item-by-item merge of `preflight merge`, run on the three stages git keeps in
 * its index for a conflicted file (`:1:` base, `:2:` ours, `:3:` theirs). Git runs read-only with programs
 * pinned (signoffs/pinnedGit.ts): the blobs are read raw (`cat-file blob`, no textconv or filter), so no
 * program the repository names runs. Nothing is staged: the caller only edits the document.
 */
import { basename, dirname } from 'node:path';
import { git, firstLine } from '../../cli/git.js';
import { gitLineMerge } from '../../cli/lineMerge.js';
import { type MergeConflict, type MergeLabels, mergeChecklists } from '../../core/merge/mergeChecklists.js';
import { pinnedArgs } from '../../signoffs/pinnedGit.js';
import { oneLine } from '../../text/plainText.js';

export type StagesMerge = { merged: true; text: string; conflicts: MergeConflict[] } | { merged: false; reason: string };

/** Merges the stages of `file` (an absolute path); `documentText` gives the labels and line endings to keep. */
export async function mergeStages(file: string, documentText: string): Promise<StagesMerge> {
  const name = basename(file);
  const cwd = dirname(file);
  const refused = (reason: string): StagesMerge => ({ merged: false, reason });
  // --literal-pathspecs: a file named `*checklist*.md` names itself, not a glob.
  const listed = await git(cwd, [...pinnedArgs(), '--literal-pathspecs', 'ls-files', '--unmerged', '-z', '--', name]);
  if (!listed.ok)
    return refused(
      `git could not list the conflict of ${name} (${firstLine(listed.stderr) || 'git ls-files failed'}); is the file in a git repository?`,
    );
  const stages = unmergedStages(listed.stdout.toString('utf8'), name);
  if (stages.size === 0) {
    return refused(
      `${name} has no conflict in git's index (the markers were typed by hand, or the merge was already concluded with git add), so there is nothing to merge. Nothing was changed.`,
    );
  }
  if (!stages.has(2) || !stages.has(3)) {
    return refused(
      `${name} was deleted on ${stages.has(2) ? 'their' : 'our'} side of the merge: keep or delete the file by hand (git add or git rm). Nothing was changed.`,
    );
  }
  const texts: string[] = [];
  for (const n of [1, 2, 3]) {
    const blob = stages.get(n);
    // Added on both sides (no stage 1): the common ancestor is empty, as git merge-file takes it.
    if (blob === undefined) {
      texts.push('');
      continue;
    }
    const read = await git(cwd, [...pinnedArgs(), 'cat-file', 'blob', blob]);
    if (!read.ok)
      return refused(`git could not read stage ${n} of ${name} (${firstLine(read.stderr) || 'git cat-file failed'}). Nothing was changed.`);
    const text = decode(read.stdout);
    if (text === undefined)
      return refused(`stage ${n} (${STAGE_NAMES[n]}) of ${name} is not UTF-8 text, so Preflight cannot merge it. Nothing was changed.`);
    texts.push(text);
  }
  const [base, ours, theirs] = texts;
  const result = mergeChecklists(base, ours, theirs, gitLineMerge, labelsOf(documentText));
  return { merged: true, text: followLineEndings(result.text, ours, documentText), conflicts: result.conflicts };
}

const STAGE_NAMES: Record<number, string> = { 1: 'the common ancestor', 2: 'ours', 3: 'theirs' };

/** `git ls-files -u -z` records (`<mode> <blob> <stage>\t<path>\0`) of `name`, by stage. */
export function unmergedStages(output: string, name: string): Map<number, string> {
  const stages = new Map<number, string>();
  for (const record of output.split('\0')) {
    const match = /^\d+ ([0-9a-f]+) ([123])\t(.*)$/s.exec(record);
    if (match && match[3] === name) stages.set(Number(match[2]), match[1]);
  }
  return stages;
}

/** UTF-8 text, or undefined for a binary blob (a NUL byte) or bytes that are not UTF-8. */
function decode(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The labels git wrote on the document's markers (`<<<<<<< HEAD`, `>>>>>>> feature`, `||||||| base`), so
 * that a conflict left by the merge reads like the ones git left; the core's defaults when there are none.
 */
export function labelsOf(text: string): MergeLabels | undefined {
  // Labels reach git merge-file as `-L <label>` values (an argument vector, no shell); still, one plain line,
  // short, and never option-like.
  const label = (marker: RegExp) => {
    const found = oneLine(marker.exec(text)?.[1] ?? '');
    return found.length <= 200 && !found.startsWith('-') ? found : '';
  };
  const ours = label(/^<{7} ([^\r\n]+)\r?$/m);
  const theirs = label(/^>{7} ([^\r\n]+)\r?$/m);
  if (!ours || !theirs) return undefined;
  return { ours, base: label(/^\|{7} ([^\r\n]+)\r?$/m) || 'base', theirs };
}

/**
 * Git stores text as committed; with core.autocrlf or eol attributes the working tree (and so the editor)
 * has CRLF where the blobs have LF. The merge follows ours, the blob: take the editor's CRLF back when the
 * blob had none.
 */
export function followLineEndings(merged: string, ours: string, documentText: string): string {
  const documentCrlf = /\r\n/.test(documentText) && !/(?<!\r)\n/.test(documentText);
  if (!documentCrlf || ours.includes('\r')) return merged;
  return merged.replace(/\r?\n/g, '\r\n');
}
