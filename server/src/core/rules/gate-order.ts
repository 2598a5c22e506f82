import type { Item, Phase } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { itemHead, plural, quote } from './support/source.js';

/**
 * Titles that place a phase in time (Pre-Deployment, Final Week Before, Deployment Day, T+1h, Phase 2).
 * Only such phases are gates: numbered topics ("1. Security", "2. Monitoring") are ticked in any order.
 */
const TEMPORAL = /\b(?:pre|post)[\s-]|\b(?:before|after|during|prior|day|week|hours?|minutes?|phase|stage|cut-?over|go[\s-]?live|launch)\b|\bT\s?[+-]\s?\d/i;

/** The items of a phase and its sub-phases (depth first), except those in the sign-off section. */
function eachItem(phase: Phase, signOff: Phase | undefined, visit: (item: Item) => void): void {
  for (const item of phase.items) {
    if (signOff !== undefined) {
      const at = item.range.start.offset;
      if (at >= signOff.range.start.offset && at < signOff.sectionEnd.offset) continue;
    }
    visit(item);
  }
  for (const child of phase.phases) eachItem(child, signOff, visit);
}

export default defineRule({
  id: 'gate-order',
  description: 'Items are ticked in a later phase while an earlier phase still has open required items (for phases whose titles place them in time: Pre-Deployment, Deployment Day, T+1h).',
  severity: 'warning',
  state: true,
  check(checklist, report) {
    const signOff = checklist.signOff?.phase;
    // Gates are the top-level phases before the sign-off; conditional phases (rollback) are never gates.
    // The first gate with open required items blocks every later phase: until then nothing is reported.
    let blocking: { phase: Phase; open: number } | undefined;
    for (const phase of checklist.phases) {
      if (phase.conditional || phase === signOff || !TEMPORAL.test(phase.title)) continue;
      if (blocking) {
        let checked = 0;
        let first: Item | undefined;
        let firstAt = Infinity;
        eachItem(phase, signOff, (item) => {
          if (!item.checked) return;
          checked++;
          // The earliest checked item; on a tie, the first visited (as a stable sort would keep it).
          const at = item.range.start.offset;
          if (at < firstAt) {
            first = item;
            firstAt = at;
          }
        });
        if (!first) continue;
        report({
          message: `${plural(checked, 'item')} checked in ${quote(phase.title)} while ${quote(blocking.phase.title)} still has ${plural(blocking.open, 'open required item')}: finish ${quote(blocking.phase.title)} first, or mark its remaining items optional.`,
          range: itemHead(checklist, first),
        });
      } else if (signOff === undefined || phase.range.start.offset < signOff.range.start.offset) {
        let open = 0;
        eachItem(phase, signOff, (item) => {
          if (isRequired(item) && !item.checked) open++;
        });
        if (open > 0) blocking = { phase, open };
      }
    }
  },
});
