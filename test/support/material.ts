/**
 * Where the tests' documents come from: the one place that decides, once per process, and says so on
 * stderr (a `# material: …` line in the test output).
 *
 * - extended: ../shared sits beside the repository with the seed (seed/production-deployment-checklist.md),
 *   the corpus of real third-party checklists (corpus/*.md) and the GFM reference counter
 *   (oracles/gfm-count.mjs). They are read in place and never copied into the repository.
 * - own: a plain clone. The seed is the production deployment template filled with the seed's values by
 *   `preflight new` (test/support/seedChecklist.mjs, as `npm run demo` makes it); the corpus is the
 *   project's templates, its fixtures and generated checklists; the GFM counter is test/support/cmarkTasks.ts.
 *
 * A ../shared holding only part of the material is an error, not a quiet fallback. PREFLIGHT_SHARED names
 * another folder to read it from; PREFLIGHT_SHARED=none runs the own set even where ../shared exists.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { realisticChecklist } from './generate.ts';
import { repoRoot } from './paths.ts';
import { Rng } from './prng.ts';
import { checklistFromTemplate, SEED_VALUES } from './seedChecklist.mjs';

export type MaterialKind = 'extended' | 'own';

export interface Material {
  kind: MaterialKind;
  /** The model checklist: ../shared's seed, or the production template filled with the seed's values. */
  seedPath: string;
  seedText: string;
  /** What the seed is, for messages: "the seed" or "the filled production template". */
  seedName: string;
  /** Real or project documents to run properties over, sorted by group then name; never empty. */
  corpus: string[];
  /** ../shared/oracles/gfm-count.mjs in the extended set; undefined in the own set (cmarkTasks.ts counts). */
  sharedOracle: string | undefined;
  /** The line printed once per process. */
  line: string;
}

const envShared = process.env.PREFLIGHT_SHARED;
/** The folder shared material is read from; undefined when forced off with PREFLIGHT_SHARED=none. */
export const sharedDir = envShared === 'none' ? undefined : path.resolve(repoRoot, envShared || '../shared');

/** Generated members of the own corpus: realistic checklists shaped like the seed, rebuilt from fixed seeds. */
export const GENERATED = [
  { seed: 101, items: 60 },
  { seed: 202, items: 180 },
  { seed: 303, items: 420 },
] as const;

function mdFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

function extended(shared: string): Material | undefined {
  const seedPath = path.join(shared, 'seed', 'production-deployment-checklist.md');
  const corpusDir = path.join(shared, 'corpus');
  const oracle = path.join(shared, 'oracles', 'gfm-count.mjs');
  const parts: [string, boolean][] = [
    ['seed', existsSync(seedPath)],
    ['corpus', existsSync(corpusDir) && mdFiles(corpusDir).length > 0],
    ['oracle', existsSync(oracle)],
  ];
  const present = parts.filter(([, ok]) => ok).map(([name]) => name);
  if (present.length === 0) return undefined;
  if (present.length < parts.length) {
    const missing = parts.filter(([, ok]) => !ok).map(([name]) => name);
    throw new Error(
      `${shared} holds only part of the shared test material (${present.join(', ')}; missing ${missing.join(', ')}). ` +
        'Restore it, remove the folder to run the own set, or set PREFLIGHT_SHARED=none.',
    );
  }
  const corpus = mdFiles(corpusDir);
  const rel = path.relative(repoRoot, shared) || shared;
  return {
    kind: 'extended',
    seedPath,
    seedText: readFileSync(seedPath, 'utf8'),
    seedName: 'the seed',
    corpus,
    sharedOracle: oracle,
    line: `material: extended (${rel}: seed, corpus ${corpus.length} files, oracle)`,
  };
}

function own(why: string): Material {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-material-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const seedPath = checklistFromTemplate(dir, SEED_VALUES);
  const templates = mdFiles(path.join(repoRoot, 'templates'));
  const fixtures = mdFiles(path.join(repoRoot, 'test', 'fixtures'));
  const generated = GENERATED.map(({ seed, items }) => {
    const file = path.join(dir, `generated-realistic-${seed}-${items}.md`);
    writeFileSync(file, realisticChecklist(new Rng(seed), items));
    return file;
  });
  return {
    kind: 'own',
    seedPath,
    seedText: readFileSync(seedPath, 'utf8'),
    seedName: 'the filled production template',
    corpus: [...templates, ...fixtures, ...generated],
    sharedOracle: undefined,
    line:
      `material: own (${why}: filled production template, ${templates.length} templates and ${fixtures.length} fixtures, ` +
      `${generated.length} generated documents, cmark-gfm counter)`,
  };
}

function decide(): Material {
  if (!sharedDir) return own('PREFLIGHT_SHARED=none');
  return extended(sharedDir) ?? own(`no ${path.relative(repoRoot, sharedDir) || sharedDir}`);
}

export const material: Material = decide();
process.stderr.write(`${material.line}\n`);

export const { seedPath, seedText, corpus } = material;
export const isExtended = material.kind === 'extended';
