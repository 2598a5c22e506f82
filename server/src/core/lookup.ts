/**
 * Lookups by id over a checklist's model: phases (depth first, in document order), their parents and
 * items. Built once per checklist object; a box toggle, which changes no id or phase, hands the index
 * on to the new object (keepLookups).
 */
import type { Checklist, Item, Phase } from './model.js';
import { lastAtOrBefore } from './sorted.js';

interface Lookups {
  phases: Phase[];
  phaseById: Map<string, Phase>;
  parentOf: Map<Phase, Phase>;
  /** Made when first asked for: the rules an edit runs need no item by id, and 30k ids cost a few ms to hash. */
  itemById?: Map<string, Item>;
}

const cache = new WeakMap<Checklist, Lookups>();

function lookups(checklist: Checklist): Lookups {
  let hit = cache.get(checklist);
  if (!hit) {
    const found: Lookups = { phases: [], phaseById: new Map(), parentOf: new Map() };
    const visit = (list: readonly Phase[], parent?: Phase) => {
      for (const phase of list) {
        found.phases.push(phase);
        found.phaseById.set(phase.id, phase);
        if (parent) found.parentOf.set(phase, parent);
        visit(phase.phases, phase);
      }
    };
    visit(checklist.phases);
    hit = found;
    cache.set(checklist, hit);
  }
  return hit;
}

export function keepLookups(from: Checklist, to: Checklist): void {
  const hit = cache.get(from);
  if (hit) cache.set(to, hit);
}

/** Every phase and section, depth first in document order. */
export function phaseList(checklist: Checklist): readonly Phase[] {
  return lookups(checklist).phases;
}

export function phaseById(checklist: Checklist, id: string): Phase | undefined {
  return lookups(checklist).phaseById.get(id);
}

export function parentOf(checklist: Checklist, phase: Phase): Phase | undefined {
  return lookups(checklist).parentOf.get(phase);
}

export function itemById(checklist: Checklist, id: string): Item | undefined {
  const found = lookups(checklist);
  found.itemById ??= new Map(checklist.items.map((i) => [i.id, i]));
  return found.itemById.get(id);
}

/** The phase and its ancestors, outermost first. */
export function phasePath(checklist: Checklist, phase: Phase): Phase[] {
  const path: Phase[] = [];
  for (let p: Phase | undefined = phase; p; p = parentOf(checklist, p)) path.unshift(p);
  return path;
}

/**
 * The innermost phase whose section holds `offset`: the last heading at or before it, whose section
 * runs at least to the next heading.
 */
export function phaseAt(checklist: Checklist, offset: number): Phase | undefined {
  const list = phaseList(checklist);
  const phase = list[lastAtOrBefore(list, offset, (p) => p.range.start.offset)];
  return phase && offset < phase.sectionEnd.offset ? phase : undefined;
}
