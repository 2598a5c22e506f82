import type { Item, Phase } from '../model.js';
import { allPhases, isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { itemHead, plural, quote } from './support/source.js';

/**
 * Titles that place a phase in time (Pre-Deployment, Final Week Before, Deployment Day, T+1h, Phase 2).
 * Only such phases are gates: numbered topics ("1. Security", "2. Monitoring") are ticked in any order.
 */
const TEMPORAL = /\b(?:pre|post)[\s-]|\b(?:before|after|during|prior|day|week|hours?|minutes?|phase|stage|cut-?over|go[\s-]?live|launch)\b|\bT\s?[+-]\s?\d/i;

export default defineRule({
  id: 'gate-order',
  description: 'Items are ticked in a later phase while an earlier phase still has open required items (for phases whose titles place them in time: Pre-Deployment, Deployment Day, T+1h).',
  severity: 'warning',
  check(checklist, report) {
    const signOff = checklist.signOff?.phase;
    const inSignOff = (item: Item) => signOff !== undefined && item.range.start.offset >= signOff.range.start.offset && item.range.start.offset < signOff.sectionEnd.offset;
    const itemsOf = (phase: Phase) => [...allPhases([phase])].flatMap((p) => p.items).filter((i) => !inSignOff(i));

    // Gates are the top-level phases before the sign-off; conditional phases (rollback) are never gates.
    const gates = checklist.phases.map((phase) => ({
      phase,
      gate: TEMPORAL.test(phase.title) && !phase.conditional && phase !== signOff && (signOff === undefined || phase.range.start.offset < signOff.range.start.offset),
      open: itemsOf(phase).filter((i) => isRequired(i) && !i.checked).length,
    }));

    gates.forEach(({ phase }, index) => {
      if (phase.conditional || phase === signOff || !TEMPORAL.test(phase.title)) return;
      const checked = itemsOf(phase)
        .filter((i) => i.checked)
        .sort((a, b) => a.range.start.offset - b.range.start.offset);
      if (checked.length === 0) return;
      const blocking = gates.slice(0, index).find((g) => g.gate && g.open > 0);
      if (!blocking) return;
      report({
        message: `${plural(checked.length, 'item')} checked in ${quote(phase.title)} while ${quote(blocking.phase.title)} still has ${plural(blocking.open, 'open required item')}: finish ${quote(blocking.phase.title)} first, or mark its remaining items optional.`,
        range: itemHead(checklist, checked[0]),
      });
    });
  },
});
