import type { Checklist, FieldFact } from '../model.js';
import { defineRule, type Report } from './defineRule.js';
import { lastAtOrBefore } from '../sorted.js';
import { templateBlock, templatePlaceholderName } from '../templateText.js';
import { phaseAt, quote } from './support/source.js';

export default defineRule({
  id: 'unfilled-placeholder',
  summary: "`[Name]`, `____` or a template's `{{name}}` still waiting for a value",
  description:
    'A placeholder such as `[Name]` or `____` is still waiting for its value (warning), or a template placeholder such as `{{project}}` was never filled (error; info in a template, whose front matter has `template:`).',
  severity: 'warning',
  details:
    "Placeholders: `[Name]`, `[Set deployment date]`, `________________`, `{{project}}`. The message names the field and whose it is (`Field 'Name' under 'QA Lead' is blank`). `${{ ... }}` CI expressions are not placeholders. A template placeholder such as `{{project}}` left in a checklist (anywhere: code, comments and front matter included) is an error: the checklist was copied by hand, or filled with a value that holds one. In a template itself (front matter has `template:`) its placeholders are info, and none inside the `template:` block is reported. In code, a command's own template language is not a placeholder: Go-template syntax as kubectl `--template`, Helm and `docker --format` take it (`{{ .Values.image }}`, `{{.Names}}`, `{{end}}`); other double-brace text such as `{{VERSION}}` stays a warning.",
  severityNote: 'error for an unfilled `{{name}}`; info in a template',
  example: {
    text: '# Release\n\n**Release Manager:** [Name]\n\n- [ ] Tag the release\n',
  },
  state: false,
  check(checklist, report) {
    findIn(checklist, 0, checklist.text.length, report);
  },
  checkSpan: findIn,
});

interface Context {
  /** Fields by where their value starts. */
  fields: FieldFact[];
  /** Bold fields without a value (`**On-Call Engineer:**`), by start. */
  labels: FieldFact[];
  /** The checklist is a template (front matter `template:`) with template placeholders. */
  isTemplate: boolean;
  /** The placeholders come in document order (a binary search finds a span's first). */
  sorted: boolean;
}

/** What every placeholder is looked up in: made once per checklist, not once per chunk. */
const contexts = new WeakMap<Checklist, Context>();

function contextOf(checklist: Checklist): Context {
  let context = contexts.get(checklist);
  if (!context) {
    context = {
      fields: [...checklist.fields].sort((a, b) => a.valueRange.start.offset - b.valueRange.start.offset),
      labels: checklist.fields.filter((f) => f.bold && f.value === '').sort((a, b) => a.range.start.offset - b.range.start.offset),
      isTemplate: isTemplateChecklist(checklist),
      sorted: checklist.placeholders.every((p, i, all) => i === 0 || all[i - 1].range.start.offset <= p.range.start.offset),
    };
    contexts.set(checklist, context);
  }
  return context;
}

/** A template, whose own `{{placeholders}}` are its point: they are filled when a checklist is made from it. */
export function isTemplateChecklist(checklist: Checklist): boolean {
  return checklist.placeholders.some((p) => p.kind === 'mustache') && templateBlock(checklist.text) !== undefined;
}

/** The findings of the placeholders starting in [from, to). */
function findIn(checklist: Checklist, from: number, to: number, report: Report): void {
  const { fields, labels, isTemplate, sorted } = contextOf(checklist);
  const { placeholders } = checklist;
  const first = sorted ? lastAtOrBefore(placeholders, from - 1, (x) => x.range.start.offset) + 1 : 0;
  for (let i = first; i < placeholders.length && (!sorted || placeholders[i].range.start.offset < to); i++) {
    const p = placeholders[i];
    if (p.range.start.offset < from || p.range.start.offset >= to) continue;
    const candidate = fields[lastAtOrBefore(fields, p.range.start.offset, (f) => f.valueRange.start.offset)];
    const field = candidate && p.range.end.offset <= candidate.valueRange.end.offset ? candidate : undefined;
    // A list field is ambiguous on its own ("Name"): say whose, from a bold label line
    // (`**On-Call Engineer:**`) or else the heading above it.
    const phase = phaseAt(checklist, p.range.start.offset);
    const before = labels[lastAtOrBefore(labels, p.range.start.offset - 1, (f) => f.range.start.offset)];
    const label = before && (!phase || before.range.start.offset > phase.range.start.offset) ? before : undefined;
    const owner = label?.key ?? phase?.title;
    const under = field && owner && !field.bold ? ` under ${quote(owner)}` : '';
    const template = p.kind === 'mustache' ? templatePlaceholderName(p.text) : undefined;
    if (template !== undefined) {
      const where = field ? ` in field ${quote(field.key)}${under}` : '';
      if (isTemplate) {
        report({
          message: `Template placeholder ${p.text}${where}: filled when a checklist is made from this template (New Checklist from Template, \`preflight new\`).`,
          range: p.range,
          severity: 'info',
        });
      } else {
        report({
          message: `Template placeholder ${p.text}${where} is not filled: replace it with its value. Checklists made with New Checklist from Template or \`preflight new\` have every placeholder filled.`,
          range: p.range,
          severity: 'error',
        });
      }
      continue;
    }
    const message =
      p.kind === 'blank'
        ? field
          ? `Field ${quote(field.key)}${under} is blank: fill it in before the checklist is used.`
          : 'A blank (`____`) is waiting to be filled in: replace it with the real value before the checklist is used.'
        : field
          ? `Field ${quote(field.key)}${under} still holds the placeholder ${p.text}: replace it with the real value before the checklist is used.`
          : `Unfilled placeholder ${p.text}: replace it with the real value before the checklist is used.`;
    report({ message, range: p.range });
  }
}
