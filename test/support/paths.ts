import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root (this file lives in test/support). */
export const repoRoot = path.resolve(__dirname, '../..');
/** Real checklists shared between projects; read-only, never copied into the repository. */
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const seedPath = path.resolve(repoRoot, '../shared/seed/production-deployment-checklist.md');
export const gfmOraclePath = path.resolve(repoRoot, '../shared/oracles/gfm-count.mjs');

/** Absolute paths of the corpus documents, sorted; empty when the corpus is absent. */
export function corpusFiles(): string[] {
  if (!existsSync(corpusDir)) return [];
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(corpusDir, f));
}

export const corpusMissing = `corpus not found at ${corpusDir} (it lives next to the repository in ../shared/corpus)`;
export const seedMissing = `seed checklist not found at ${seedPath}`;
