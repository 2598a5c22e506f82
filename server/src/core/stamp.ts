/**
 * Stamping a sign-off role: the signer's name, the date and the time go into the role's fields, and
 * every statement of the role is checked. Only the value of a field is replaced (its underscores,
 * placeholder or blank), so the key, list markers, bold and table pipes stay as written. A name
 * field holding somebody else's name is an error, not an overwrite; date and time are rewritten.
 */
import { boxEdit, rangeAt, replaceAt } from './edits.js';
import type { Checklist, SignOffField, SignOffRole, TextEdit } from './model.js';
import { trimEndChars } from './trimChars.js';

export interface Stamp {
  name: string;
  /** ISO 8601 with an offset, e.g. 2026-11-27T21:49:32+01:00. */
  at: string;
}

/** Keys of the fields that hold the signer's name (Name, Printed name, Signature, Signed by, Approver). */
export const NAME_KEY = /^(?:(?:print(?:ed)?\s+|full\s+)?name|signature|signed(?:\s+by)?|approved\s+by|approver)$/i;
const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function stampSignOff(checklist: Checklist, roleId: string, stamp: Stamp): { edits: TextEdit[] } | { error: string } {
  const signOff = checklist.signOff;
  if (!signOff)
    return { error: 'This checklist has no sign-off section: add a heading such as "## Sign-Off" with a sub-heading per role.' };
  const role = signOff.roles.find((r) => r.id === roleId);
  if (!role) {
    const known = signOff.roles.map((r) => r.id);
    return {
      error: `No sign-off role '${roleId}' in "${signOff.phase.title}" (${known.length > 0 ? `known roles: ${known.join(', ')}` : 'it lists no roles'}).`,
    };
  }
  if (role.fields.length + role.statements.length === 0) {
    return {
      error: `The sign-off role "${role.name}" has neither fields (Name:, Date:) nor statements (- [ ] ...) to fill in; add them under it.`,
    };
  }
  const name = stamp.name.replace(/\s+/g, ' ').trim();
  if (name === '') return { error: 'The signer has no name: set one (for example git config user.name) and sign again.' };
  const when = ISO.exec(stamp.at.trim());
  if (!when) return { error: `The sign-off time '${stamp.at}' is not ISO 8601 with an offset (like 2026-11-27T21:49:32+01:00).` };
  const date = when[1];
  const offset = when[3].toUpperCase() === 'Z' ? '+00:00' : when[3].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const time = `${when[2]}${offset}`;
  const hasTime = role.fields.some((f) => /^time$/i.test(f.key));
  // A name already written by someone else is theirs: never overwrite it. Date and time record this signing.
  const other = role.fields.find(
    (f) => NAME_KEY.test(f.key) && f.filled && f.value.replace(/\s+/g, ' ').toLowerCase() !== name.toLowerCase(),
  );
  if (other) return { error: `"${role.name}" is already signed (${other.key}: ${other.value}). Clear that field to sign it as ${name}.` };

  const edits: TextEdit[] = [];
  for (const statement of role.statements) {
    const edit = boxEdit(statement, true);
    if (edit) edits.push(edit);
  }
  // Boxes in a sign-off table row (`| QA | [ ] | ____ |`) are statements too.
  if (isTableRole(role)) {
    for (const check of checklist.tableChecks) {
      if (check.box.start.offset >= role.range.start.offset && check.box.end.offset <= role.range.end.offset) {
        const edit = boxEdit(check, true);
        if (edit) edits.push(edit);
      }
    }
  }
  for (const field of role.fields) {
    const value = /^date$/i.test(field.key)
      ? hasTime
        ? date
        : stamp.at.trim()
      : /^time$/i.test(field.key)
        ? time
        : NAME_KEY.test(field.key)
          ? name
          : undefined;
    if (value === undefined) continue;
    const edit = isTableRole(role) ? cellEdit(checklist, field, value) : valueEdit(checklist, field, value);
    if (edit) edits.push(edit);
  }
  return { edits: edits.sort((a, b) => a.range.start.offset - b.range.start.offset) };
}

/** Table roles have no statements and their fields are whole cells (range and value range alike). */
export function isTableRole(role: SignOffRole): boolean {
  return (
    role.statements.length === 0 &&
    role.fields.length > 0 &&
    role.fields.every((f) => f.range.start.offset === f.valueRange.start.offset && f.range.end.offset === f.valueRange.end.offset)
  );
}

/** `Name: ____` -> `Name: Ada`; an empty value gets a space before it, and one after when text follows. */
function valueEdit(checklist: Checklist, field: SignOffField, value: string): TextEdit | undefined {
  const text = checklist.text;
  const from = field.valueRange.start.offset;
  let to = field.valueRange.end.offset;
  if (text.slice(from, to) === value) return undefined;
  if (from < to) return replaceAt(checklist, from, to, value);
  // Nothing after `Name:`: eat trailing blanks up to the end of the line, or leave one before what follows.
  const rest = /^[ \t]*/.exec(text.slice(to))![0];
  const atEnd = /^(?:\r|\n|$)/.test(text.slice(to + rest.length));
  to += atEnd ? rest.length : 0;
  const before = /[ \t]/.test(text[from - 1] ?? '') ? '' : ' ';
  const after = atEnd || /^[ \t]/.test(text.slice(to)) ? '' : ' ';
  return replaceAt(checklist, from, to, `${before}${value}${after}`);
}

/**
 * Offsets of a table cell's inside, padding included. A cell's range runs from its leading pipe to
 * before the next one (the last cell includes the closing pipe).
 */
export function cellInside(checklist: Checklist, field: SignOffField): { from: number; to: number } {
  const text = checklist.text;
  let from = field.valueRange.start.offset;
  let to = field.valueRange.end.offset;
  if (text[from] === '|') from++;
  if (to > from && text[to - 1] === '|' && text[to - 2] !== '\\') to--;
  return { from, to };
}

/** Only the content between the padding is replaced; a `|` in the value is escaped. */
function cellEdit(checklist: Checklist, field: SignOffField, raw: string): TextEdit | undefined {
  const text = checklist.text;
  const value = raw.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const { from, to } = cellInside(checklist, field);
  const inner = text.slice(from, to);
  const lead = /^[ \t]*/.exec(inner)![0].length;
  const trail = inner.length - trimEndChars(inner, ' \t').length;
  if (lead === inner.length) {
    // An empty cell: ` value `, padded to the old width so aligned columns stay aligned.
    const cell = ` ${value} `.padEnd(inner.length, ' ');
    return cell === inner ? undefined : { range: rangeAt(checklist, from, to), newText: cell };
  }
  if (inner.slice(lead, inner.length - trail) === value) return undefined;
  return replaceAt(checklist, from + lead, to - trail, value);
}
