/**
 * Everything the action says about one checklist: its report at the head, the gate, who changed what since the
 * merge base (with run evidence and signature states) and the sign-off roles. Each part that cannot be had
 * (no history, the workspace at another commit) says why, and the others still stand.
 */
import { analyse } from '../cli/analyse.js';
import { type ChecklistDiff, diffVersions } from '../cli/diffModel.js';
import { loadHistory } from '../cli/history.js';
import { decode } from '../cli/readInput.js';
import { buildReport, type ChecklistReport } from '../cli/reportModel.js';
import { verifyFile } from '../cli/signOffs.js';
import type { SignOffsReport } from '../cli/signOffsReport.js';
import type { Severity } from '../core/rules/defineRule.js';
import type { ChecklistFile } from './checklistFiles.js';
import { type MergeGate, mergeGateOf } from '../cli/mergeGate.js';

export interface Problem {
  problem: string;
}

export interface ChecklistReview {
  path: string;
  previousPath?: string;
  /** Absent when the file cannot be read as a checklist (then `problem` says why and the gate fails). */
  report?: ChecklistReport;
  gate?: MergeGate;
  problem?: string;
  /** Pull requests only: merge base -> head. */
  changes?: ChecklistDiff | Problem;
  signoffs?: SignOffsReport | Problem;
  /** The line of each sign-off role's heading at the head, by role id (for links). */
  roleLines?: Record<string, number>;
}

export interface ReviewOptions {
  /** The workspace: a clone checked out at the commit being reviewed. */
  cwd: string;
  require: readonly string[];
  failOn: Severity;
  /** Pull requests: the merge base and the head commit; absent for the workspace as it is. */
  range?: { from: string; to: string };
  /** Why sign-offs cannot be judged here (the workspace is not at the head), if so. */
  signOffsUnavailable?: string;
  allowedSigners?: string;
}

export async function reviewChecklist(file: ChecklistFile, options: ReviewOptions): Promise<ChecklistReview> {
  const base = { path: file.path, ...(file.previousPath ? { previousPath: file.previousPath } : {}) };
  let review: ChecklistReview;
  let signsOff: boolean;
  try {
    const checklist = analyse(file.path, decode(file.bytes, `"${file.path}"`));
    review = {
      ...base,
      report: buildReport(file.path, checklist),
      gate: mergeGateOf(checklist, file.path, options.require, options.failOn),
    };
    signsOff = checklist.signOff !== undefined;
    if (checklist.signOff) review.roleLines = Object.fromEntries(checklist.signOff.roles.map((r) => [r.id, r.range.start.line]));
  } catch (error) {
    return { ...base, problem: messageOf(error) };
  }
  if (options.range)
    review.changes = await changesOf(file.path, options.cwd, options.range).catch((error: unknown) => ({ problem: messageOf(error) }));
  if (signsOff) {
    review.signoffs = options.signOffsUnavailable
      ? { problem: options.signOffsUnavailable }
      : await verifyFile(file.path, options.cwd, options.allowedSigners).catch((error: unknown) => ({ problem: messageOf(error) }));
  }
  return review;
}

async function changesOf(path: string, cwd: string, range: { from: string; to: string }): Promise<ChecklistDiff> {
  const history = await loadHistory(path, cwd, range.from, range.to);
  return diffVersions(history.versions);
}

export function isProblem(value: object | undefined): value is Problem {
  return value !== undefined && 'problem' in value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
