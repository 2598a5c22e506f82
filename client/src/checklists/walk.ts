/** Depth-first walks of an outline, in document order. */
import type { Outline, OutlineItem, OutlinePhase } from '@preflight/protocol';

export function* phasesOf(outline: Outline): Generator<OutlinePhase> {
  const walk = function* (phases: readonly OutlinePhase[]): Generator<OutlinePhase> {
    for (const phase of phases) {
      yield phase;
      yield* walk(phase.phases);
    }
  };
  yield* walk(outline.phases);
}

/** Every item, nested ones too, sorted by line. */
export function itemsOf(outline: Outline): OutlineItem[] {
  const all: OutlineItem[] = [];
  const walk = (items: readonly OutlineItem[]) => {
    for (const item of items) {
      all.push(item);
      walk(item.children);
    }
  };
  walk(outline.looseItems);
  for (const phase of phasesOf(outline)) walk(phase.items);
  return all.sort((a, b) => a.range.start.line - b.range.start.line);
}

/** The innermost phase or section whose heading is at or above `line`. */
export function phaseAtLine(outline: Outline, line: number): OutlinePhase | undefined {
  let found: OutlinePhase | undefined;
  for (const phase of phasesOf(outline)) if (phase.range.start.line <= line) found = phase;
  return found;
}
