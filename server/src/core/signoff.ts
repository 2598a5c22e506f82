/**
 * The sign-off section and its roles, in the three shapes real checklists use:
 * roles as sub-headings with statements and `Name:`/`Date:` lines (the seed), a table with a row
 * per role (`| Role | Name | Signature | Date |`), or a task item per role (`- [ ] QA Lead: ___ Date: ___`).
 */
import { slug } from './ids.js';
import { lineEnd, lineStarts, pointAt } from './lines.js';
import type { Facts, Item, Phase, Range, SignOff, SignOffField, SignOffRole, TableFact } from './model.js';
import { allPhases } from './progress.js';
import { between } from './sorted.js';

const SIGN_OFF_TITLE = /^(?:final\s+)?(?:sign[\s-]?offs?|approvals?|signatures?)\b/i;
const FIELD_WORDS =
  '(?:(?:print(?:ed)?\\s{1,16}|full\\s{1,16})?name|date|time|signature|signed(?:\\s{1,16}by)?|approved\\s{1,16}by|approver)';
export const SIGN_OFF_FIELD = new RegExp(`^${FIELD_WORDS}$`, 'i');
/**
 * `QA Lead: Quinn Quality Date: 2026-11-27`: the role label, then its value up to the next known field label
 * (so a name of several words stays whole), then `Field: value` pairs.
 */
export const ROLE_SEGMENT = new RegExp(
  `([\\p{L}][\\p{L}\\p{N} /&.-]{0,40}?)\\s{0,16}:\\s{0,16}([^]*?)(?=\\s{1,16}${FIELD_WORDS}\\s{0,16}:|$)`,
  'giu',
);
const ROLE_COLUMN = /^(?:role|team|function|area|approver role)$/i;

function isSignOffTitle(title: string): boolean {
  return SIGN_OFF_TITLE.test(title.replace(/^[^\p{L}]+/u, ''));
}

export function findSignOff(phases: readonly Phase[], items: readonly Item[], facts: Facts, text: string): SignOff | undefined {
  const section = [...allPhases(phases)].find((p) => isSignOffTitle(p.title));
  if (!section) return undefined;
  const inside = <T>(list: readonly T[], phase: Phase, startOf: (x: T) => number) =>
    between(list, phase.range.start.offset, phase.sectionEnd.offset, startOf);
  const filled = (value: string, range: Range) => isFilled(value, range, facts);

  const signOffTables = (phase: Phase) =>
    inside(facts.tables, phase, (t) => t.range.start.offset).filter((t) => t.rows[0].cells.some((c) => SIGN_OFF_FIELD.test(c.text)));
  const headingRole = (role: Phase) =>
    makeRole(
      role.id,
      role.title,
      role.range,
      inside(items, role, (item) => item.range.start.offset),
      inside(facts.fields, role, (f) => f.range.start.offset)
        .filter((f) => SIGN_OFF_FIELD.test(f.key))
        .map((f) => ({ key: f.key, value: f.value, filled: filled(f.value, f.valueRange), range: f.range, valueRange: f.valueRange })),
    );

  if (section.phases.length > 0) {
    const roles = section.phases.flatMap((role) => {
      const tables = signOffTables(role);
      return tables.length > 0 ? tables.flatMap((t) => rolesFromTable(role, t, filled)) : [headingRole(role)];
    });
    return { phase: section, roles };
  }
  const tables = signOffTables(section);
  if (tables.length > 0) return { phase: section, roles: tables.flatMap((t) => rolesFromTable(section, t, filled)) };
  return {
    phase: section,
    roles: rolesFromItems(
      section,
      items.filter((i) => i.phaseId === section.id),
      text,
      filled,
    ),
  };
}

function makeRole(id: string, name: string, range: Range, statements: Item[], fields: SignOffField[]): SignOffRole {
  return settleRole({ id, name, range, statements, fields, signed: false, complete: false });
}

/** Sets `signed` and `complete` from the role's statements and fields (again after a box toggle). */
export function settleRole(role: SignOffRole): SignOffRole {
  const { statements, fields } = role;
  role.signed = fields.some((f) => f.filled) || statements.some((s) => s.checked);
  role.complete = statements.length + fields.length > 0 && statements.every((s) => s.checked) && fields.every((f) => f.filled);
  return role;
}

function rolesFromTable(section: Phase, table: TableFact, filled: (value: string, range: Range) => boolean): SignOffRole[] {
  const [header, ...rows] = table.rows;
  const titles = header.cells.map((c) => c.text);
  const roleColumn = Math.max(
    0,
    titles.findIndex((t) => ROLE_COLUMN.test(t)),
  );
  return rows.map((row) => {
    const name = row.cells[roleColumn]?.text ?? '';
    const fields = row.cells
      .map((cell, column) => ({ cell, key: titles[column] ?? '' }))
      .filter(({ key, cell }, column) => column !== roleColumn && cell && SIGN_OFF_FIELD.test(key))
      .map(({ key, cell }) => ({
        key,
        value: cell.text,
        filled: filled(cell.text, cell.range),
        range: cell.range,
        valueRange: cell.range,
      }));
    return makeRole(`${section.id}/${slug(name)}`, name, row.range, [], fields);
  });
}

/** `- [ ] QA Lead: ____ Date: ____`: the label names the role, the text after it is the Name. */
function rolesFromItems(
  section: Phase,
  items: readonly Item[],
  text: string,
  filled: (value: string, range: Range) => boolean,
): SignOffRole[] {
  const starts = lineStarts(text);
  const roles: SignOffRole[] = [];
  for (const item of items) {
    const source = text.slice(item.box.end.offset, lineEnd(text, item.box.end.offset));
    const segments = [...source.matchAll(ROLE_SEGMENT)];
    if (segments.length === 0) continue;
    const fields = segments.map((m, index) => {
      const from = item.box.end.offset + m.index + m[0].length - m[2].length;
      const valueRange = { start: pointAt(starts, from), end: pointAt(starts, from + m[2].length) };
      const key = index === 0 ? 'Name' : m[1].trim();
      return { key, value: m[2].trim(), filled: filled(m[2], valueRange), range: valueRange, valueRange };
    });
    const name = segments[0][1].replace(/[*_]/g, '').trim();
    roles.push(
      makeRole(
        `${section.id}/${slug(name)}`,
        name,
        item.range,
        [item],
        fields.filter((f) => SIGN_OFF_FIELD.test(f.key)),
      ),
    );
  }
  return roles;
}

/** Blank, underscores, emphasis around nothing, an unchecked box (`[ ]` in a table cell) or a placeholder: not filled. */
function isFilled(value: string, range: Range, facts: Facts): boolean {
  const bare = value.replace(/[\s_*\\]/g, '');
  if (bare === '' || bare === '[]') return false;
  return !between(facts.placeholders, range.start.offset, range.end.offset, (p) => p.range.start.offset).some(
    (p) => p.range.end.offset <= range.end.offset,
  );
}
