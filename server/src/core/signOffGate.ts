/**
 * Sign-off gates: the required items a role must see done before it signs. Front matter `gates:` maps
 * role names to the phases the role owns (`QA Lead: [Testing]`); a role without an entry owns every
 * required item above the sign-off section, conditional phases (rollback) excluded as always.
 */
import type { Checklist, Item, Phase, SignOffRole } from './model.js';
import { allPhases, isRequired } from './progress.js';
import { isMapping } from './yamlShapes.js';

export interface SignOffGate {
  /** The phases named for the role and found, in document order; empty for the default gate. */
  phases: Phase[];
  /** The gate's required items (their sub-sections included, sign-off statements never), in document order. */
  items: Item[];
  /** Titles in the role's entry that name no phase, as written. */
  unknown: string[];
}

export interface GateEntry {
  /** The key as written in front matter. */
  role: string;
  titles: string[];
}

/** A `gates:` entry that cannot be applied as written; `near` is the text to point at in the front matter. */
export interface GateProblem {
  message: string;
  near?: string;
}

/** Case and runs of whitespace do not matter in role names and phase titles. */
export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The entries of front matter `gates:`, skipping values that are neither a title nor a list of titles. */
export function gateEntries(checklist: Checklist): GateEntry[] {
  const gates = checklist.frontMatter?.data.gates;
  if (!isMapping(gates)) return [];
  const entries: GateEntry[] = [];
  for (const [role, value] of Object.entries(gates)) {
    const titles = titlesOf(value);
    if (titles) entries.push({ role, titles });
  }
  return entries;
}

export function gateOf(checklist: Checklist, role: Pick<SignOffRole, 'id' | 'name'>): SignOffGate {
  const titles = gateEntries(checklist)
    .filter((e) => namesRole(e.role, role))
    .flatMap((e) => e.titles);
  const phases = new Set<Phase>();
  const unknown: string[] = [];
  for (const title of titles) {
    const found = phasesTitled(checklist, title);
    if (found.length === 0) unknown.push(title);
    for (const phase of found) phases.add(phase);
  }
  const signOff = checklist.signOff?.phase;
  const inSignOff = (item: Item) =>
    signOff !== undefined && item.range.start.offset >= signOff.range.start.offset && item.range.start.offset < signOff.sectionEnd.offset;
  // An entry naming nothing that exists (typos, an empty list) keeps the default gate: a typo must not
  // make a sign-off look free. front-matter-gates reports the entry.
  if (phases.size > 0) {
    const ids = new Set([...allPhases([...phases])].map((p) => p.id));
    const ordered = [...phases].sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { phases: ordered, items: checklist.items.filter((i) => ids.has(i.phaseId) && isRequired(i) && !inSignOff(i)), unknown };
  }
  const before = signOff?.range.start.offset ?? Infinity;
  return { phases: [], items: checklist.items.filter((i) => i.range.start.offset < before && isRequired(i)), unknown };
}

/** Every phase or section, at any depth, whose title (or id) is `title`. */
export function phasesTitled(checklist: Checklist, title: string): Phase[] {
  const wanted = normalise(title);
  return [...allPhases(checklist.phases)].filter((p) => normalise(p.title) === wanted || p.id === wanted);
}

/** A `gates:` key names a role by its name (or its id), case- and whitespace-insensitively. */
export function namesRole(key: string, role: Pick<SignOffRole, 'id' | 'name'>): boolean {
  const k = normalise(key);
  return k === normalise(role.name) || k === role.id.toLowerCase();
}

/** What is wrong with `gates:` as written: a wrong shape, roles the sign-off lacks, titles no heading has. */
export function gateProblems(checklist: Checklist): GateProblem[] {
  const gates = checklist.frontMatter?.data.gates;
  if (gates === undefined || gates === null) return [];
  if (!isMapping(gates)) {
    return [{ message: '`gates:` should map sign-off role names to phase titles (for example `QA Lead: [Testing]`)', near: 'gates' }];
  }
  const problems: GateProblem[] = [];
  const roles = checklist.signOff?.roles ?? [];
  for (const [key, value] of Object.entries(gates)) {
    const titles = titlesOf(value);
    if (!titles) {
      problems.push({ message: `\`gates: ${key}\` should be a phase title or a list of titles, like \`${key}: [Testing]\``, near: key });
      continue;
    }
    if (!roles.some((r) => namesRole(key, r))) {
      const known =
        roles.length > 0 ? `its roles are ${roles.map((r) => `"${r.name}"`).join(', ')}` : 'the checklist has no sign-off section';
      problems.push({ message: `\`gates:\` names the role "${key}", which the sign-off does not have (${known})`, near: key });
    }
    const unknown = titles.filter((t) => phasesTitled(checklist, t).length === 0);
    // With nothing found the role keeps the default gate; with some found the rest is merely left out.
    const consequence =
      unknown.length === titles.length
        ? `until one does, "${key}" keeps the default gate (every required item above the sign-off)`
        : 'it is left out of the gate';
    for (const title of unknown) {
      const hint = similarTitle(checklist, title);
      problems.push({
        message: `\`gates: ${key}\` names the phase "${title}", which no heading has${hint ? ` (did you mean "${hint}"?)` : ''}: ${consequence}`,
        near: title,
      });
    }
    if (titles.length === 0)
      problems.push({
        message: `\`gates: ${key}\` lists no phase, so "${key}" keeps the default gate (every required item above the sign-off)`,
        near: key,
      });
  }
  return problems;
}

/** A heading title that starts with, or contains, what was written: the likely intended one. */
function similarTitle(checklist: Checklist, title: string): string | undefined {
  const wanted = normalise(title);
  if (wanted === '') return undefined;
  const all = [...allPhases(checklist.phases)];
  const hit =
    all.find((p) => normalise(p.title).startsWith(wanted)) ??
    all.find((p) => normalise(p.title).includes(wanted) || wanted.includes(normalise(p.title)));
  return hit?.title;
}

/** A title or a list of titles (numbers are titles too: `Phase: [1, 2]`); undefined for any other shape. */
function titlesOf(value: unknown): string[] | undefined {
  const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  if (scalar(value)) return [String(value)];
  if (Array.isArray(value) && value.every(scalar)) return value.map(String);
  return undefined;
}
