import type { Item, Phase } from '../model.js';
import { lastAtOrBefore } from '../sorted.js';
import { defineRule } from './defineRule.js';
import { itemHead, plural, quote } from './support/source.js';

/**
 * Titles that place a phase in time (Pre-Deployment, Final Week Before, Deployment Day, T+1h, Phase 2).
 * Only such phases are gates: numbered topics ("1. Security", "2. Monitoring") are ticked in any order.
 */
const TEMPORAL =
  /\b(?:pre|post)[\s-]|\b(?:before|after|during|prior|day|week|hours?|minutes?|phase|stage|cut-?over|go[\s-]?live|launch)\b|\bT\s?[+-]\s?\d/i;

/** The phase's items (its sub-phases' included) outside the sign-off section: open required ones, and checked ones. */
function counts(phase: Phase, signOff: Phase | undefined): { open: number; checked: number } {
  // Progress already counts the phase's whole section; the sign-off section, when nested in it, is taken out.
  const { progress } = phase;
  let open = progress.required.total - progress.required.done;
  let checked = progress.done;
  if (
    signOff !== undefined &&
    signOff.range.start.offset > phase.range.start.offset &&
    signOff.range.start.offset < phase.sectionEnd.offset
  ) {
    open -= signOff.progress.required.total - signOff.progress.required.done;
    checked -= signOff.progress.done;
  }
  return { open, checked };
}

/** The first checked item in the phase's section outside the sign-off section: items come in document order. */
function firstChecked(items: readonly Item[], phase: Phase, signOff: Phase | undefined): Item | undefined {
  for (let i = lastAtOrBefore(items, phase.range.start.offset - 1, (x) => x.range.start.offset) + 1; i < items.length; i++) {
    const item = items[i];
    const at = item.range.start.offset;
    if (at >= phase.sectionEnd.offset) return undefined;
    if (signOff !== undefined && at >= signOff.range.start.offset && at < signOff.sectionEnd.offset) continue;
    if (item.checked) return item;
  }
  return undefined;
}

export default defineRule({
  id: 'gate-order',
  summary: 'items ticked in a later phase while an earlier one has open required items',
  description:
    'Items are ticked in a later phase while an earlier phase still has open required items (for phases whose titles place them in time: Pre-Deployment, Deployment Day, T+1h).',
  severity: 'warning',
  details:
    'Reported once per later phase, at its first ticked item. Only top-level phases whose titles place them in time (Pre-Deployment, Final Week Before, Deployment Day, Post-…, T+1h, Phase 2) are gates: topic sections such as "1. Security" are ticked in any order, and conditional phases (rollback) are never gates.',
  example: {
    text: '# Release\n\n## Pre-Deployment\n\n- [ ] Freeze the branch\n\n## Deployment Day\n\n- [x] Deploy the API\n',
  },
  state: true,
  check(checklist, report) {
    const signOff = checklist.signOff?.phase;
    // Gates are the top-level phases before the sign-off; conditional phases (rollback) are never gates.
    // The first gate with open required items blocks every later phase: until then nothing is reported.
    let blocking: { phase: Phase; open: number } | undefined;
    for (const phase of checklist.phases) {
      if (phase.conditional || phase === signOff || !TEMPORAL.test(phase.title)) continue;
      const { open, checked } = counts(phase, signOff);
      if (blocking) {
        if (checked === 0) continue;
        const first = firstChecked(checklist.items, phase, signOff)!;
        report({
          message: `${plural(checked, 'item')} checked in ${quote(phase.title)} while ${quote(blocking.phase.title)} still has ${plural(blocking.open, 'open required item')}: finish ${quote(blocking.phase.title)} first, or mark its remaining items optional.`,
          range: itemHead(checklist, first),
        });
      } else if (signOff === undefined || phase.range.start.offset < signOff.range.start.offset) {
        if (open > 0) blocking = { phase, open };
      }
    }
  },
});
