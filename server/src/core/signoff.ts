import type { Facts, Item, Phase, SignOff, SignOffField } from './model.js';
import { allPhases } from './progress.js';

const SIGN_OFF_TITLE = /^(?:final\s+)?(?:sign[\s-]?offs?|approvals?|signatures?|sign[\s-]?off\s+(?:and|&)\s+approvals?)\b/i;
const SIGN_OFF_FIELD = /^(?:name|date|time|signature|signed(?:\s+by)?|approved\s+by|approver)$/i;

export function isSignOffTitle(title: string): boolean {
  return SIGN_OFF_TITLE.test(title.trim());
}

/** The sign-off section: its sub-headings are the roles, each with statements and Name/Date/Time. */
export function findSignOff(phases: readonly Phase[], items: readonly Item[], facts: Facts): SignOff | undefined {
  let section: Phase | undefined;
  for (const phase of allPhases(phases)) {
    if (isSignOffTitle(phase.title)) {
      section = phase;
      break;
    }
  }
  if (!section) return undefined;
  const within = (offset: number, phase: Phase) => offset >= phase.range.start.offset && offset < phase.sectionEnd.offset;
  const roles = section.phases.map((role) => {
    const statements = items.filter((item) => within(item.range.start.offset, role));
    const fields: SignOffField[] = facts.fields
      .filter((f) => within(f.range.start.offset, role) && SIGN_OFF_FIELD.test(f.key))
      .map((f) => ({
        key: f.key,
        value: f.value,
        filled: isFilled(f.value, f.valueRange.start.offset, f.valueRange.end.offset, facts),
        range: f.range,
        valueRange: f.valueRange,
      }));
    const anyFilled = fields.some((f) => f.filled);
    return {
      id: role.id,
      name: role.title,
      range: role.range,
      statements,
      fields,
      signed: anyFilled || statements.some((s) => s.checked),
      complete: statements.every((s) => s.checked) && fields.every((f) => f.filled) && (statements.length > 0 || fields.length > 0),
    };
  });
  return { phase: section, roles };
}

function isFilled(value: string, from: number, to: number, facts: Facts): boolean {
  if (value.replace(/[\s_]/g, '') === '') return false;
  return !facts.placeholders.some((p) => p.range.start.offset >= from && p.range.end.offset <= to);
}
