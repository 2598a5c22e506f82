/** The merge contract shared by the core, the CLI (`preflight merge`) and the editor's quick fix (issue 16). */

/** Conflict-marker labels: `<<<<<<< ours`, `>>>>>>> theirs` (and `||||||| base` in diff3 style). */
export interface MergeLabels {
  ours: string;
  base: string;
  theirs: string;
}

/** A plain three-way line merge with git merge-file's semantics: the merged text and how many conflict hunks it holds. */
export type LineMerge = (base: string, ours: string, theirs: string, labels: MergeLabels) => { text: string; conflicts: number };

export interface MergeConflict {
  kind: 'item' | 'role' | 'front-matter' | 'text';
  /** 1-based line of the conflict's `<<<<<<<` marker in the result. */
  line: number;
  /** One plain line: "item "Deploy to production": reworded differently on both sides". */
  description: string;
}

export interface MergeResult {
  text: string;
  conflicts: MergeConflict[];
}

export const DEFAULT_LABELS: MergeLabels = { ours: 'ours', base: 'base', theirs: 'theirs' };
