import type { Item, Range } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { phaseById, plural, quote } from './support/source.js';

const DONE =
  /\b(?:COMPLETE|COMPLETED|DONE|FINISHED|DEPLOYED|RELEASED|SHIPPED|SIGNED[ -]?OFF|APPROVED|READY (?:TO|FOR) (?:DEPLOY|DEPLOYMENT|RELEASE|PRODUCTION|GO[ -]?LIVE|LAUNCH))\b/;
/** Words that turn a claim around when they come right before it: NOT DEPLOYED, PARTIALLY COMPLETE. */
const NEGATED = /\b(?:NOT|NO|NEVER|PARTIALLY|PARTLY|NEARLY|ALMOST|AWAITING|PENDING|TO BE|BEING)$/;
const NOT_STARTED = /\b(?:NOT (?:YET )?STARTED|PENDING|TO ?DO)\b/;

function normalise(value: string): string {
  return value
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

function claimsDone(value: string): boolean {
  const m = DONE.exec(value);
  return m !== null && !NEGATED.test(value.slice(0, m.index).trimEnd());
}

export default defineRule({
  id: 'status-contradiction',
  summary: 'a status line that contradicts the progress ("COMPLETE" with open items)',
  description:
    'A status line claims the checklist is done (COMPLETE, DEPLOYED, APPROVED, READY TO DEPLOY) while required items are open, or claims it has not started while all are done.',
  severity: 'warning',
  details:
    'A status line is `**Status:**` in the text or `status:` in front matter. Claims of completion: COMPLETE, DONE, DEPLOYED, RELEASED, SIGNED OFF, APPROVED, READY TO DEPLOY / FOR PRODUCTION and the like. "READY FOR EXECUTION" and "NOT DEPLOYED" claim nothing.',
  severityNote: 'info when it says not started but all is done',
  example: {
    text: '# Release\n\n**Status:** COMPLETE\n\n## Deploy\n\n- [ ] Deploy the API\n',
  },
  state: true,
  check(checklist, report) {
    const statuses: { key: string; value: string; range: Range }[] = checklist.metadata.filter((m) => /status/i.test(m.key));
    const fmStatus = checklist.frontMatter?.data.status;
    if (checklist.frontMatter && typeof fmStatus === 'string')
      statuses.push({ key: 'status', value: fmStatus, range: checklist.frontMatter.range });

    const claims = statuses.map((status) => {
      const value = normalise(status.value);
      const done = claimsDone(value);
      return { status, done, notStarted: !done && NOT_STARTED.test(value) };
    });
    // Only a claim of done or of not started can contradict the items: without one, they need not be counted.
    if (!claims.some((c) => c.done || c.notStarted)) return;

    let required = 0;
    let open = 0;
    let firstOpen: Item | undefined;
    for (const item of checklist.items) {
      if (!isRequired(item)) continue;
      required++;
      if (item.checked) continue;
      open++;
      firstOpen ??= item;
    }
    if (required === 0) return;
    for (const { status, done, notStarted } of claims) {
      const key = status.key.charAt(0).toUpperCase() + status.key.slice(1);
      if (done && firstOpen) {
        const phase = phaseById(checklist, firstOpen.phaseId);
        const where = `${phase ? `in ${quote(phase.title)}` : 'before the first heading'}, line ${firstOpen.range.start.line}`;
        report({
          message: `${key} says ${quote(status.value)} but ${open} of ${plural(required, 'required item')} ${open === 1 ? 'is' : 'are'} still open (first ${where}): finish them, or change the status.`,
          range: status.range,
        });
      } else if (notStarted && open === 0) {
        report({
          message: `${key} says ${quote(status.value)} but ${required === 1 ? 'the only required item is' : `all ${required} required items are`} checked: update the status.`,
          range: status.range,
          severity: 'info',
        });
      }
    }
  },
});
