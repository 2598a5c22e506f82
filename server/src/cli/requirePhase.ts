import type { Phase } from '../core/model.js';
import { allPhases } from '../core/progress.js';
import { plainLine } from '../text/plainText.js';
import { UsageError } from './errors.js';

/**
 * Finds the phase a `--require` value names. Tiers, most exact first: id, title, last id segment,
 * title prefix, part of the title or id. The first tier with any match decides; two matches there is ambiguous.
 */
export function findPhase(query: string, phases: readonly Phase[], file: string): Phase {
  const all = [...allPhases(phases)];
  const q = query.trim().toLowerCase();
  const tiers: ((p: Phase) => boolean)[] = [
    (p) => p.id === q,
    (p) => p.title.toLowerCase() === q,
    (p) => p.id.split('/').pop() === q,
    (p) => p.title.toLowerCase().startsWith(q),
    (p) => p.title.toLowerCase().includes(q) || p.id.includes(q),
  ];
  for (const test of tiers) {
    const found = all.filter(test);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new UsageError(
        `--require "${query}" is ambiguous in ${file}; it matches:\n${found.map(describe).join('\n')}\nUse the phase id to pick one.`,
        'check',
      );
    }
  }
  const list = all.length > 0 ? all.map(describe).join('\n') : '  (the file has no headings, so no phases)';
  throw new UsageError(`--require "${query}": no such phase in ${file}. Available phases (id — title):\n${list}`, 'check');
}

function describe(p: Phase): string {
  return `  ${'  '.repeat(Math.max(0, p.level - 2))}${plainLine(p.id)} — ${plainLine(p.title)}`;
}
