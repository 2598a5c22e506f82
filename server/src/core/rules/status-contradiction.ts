import type { Range } from '../model.js';
import { isRequired } from '../progress.js';
import { defineRule } from './defineRule.js';
import { phaseById, plural, quote } from './support/source.js';

const DONE = /\b(?:COMPLETE|COMPLETED|DONE|FINISHED|DEPLOYED|RELEASED|SHIPPED|SIGNED[ -]?OFF|APPROVED|READY (?:TO|FOR) (?:DEPLOY|DEPLOYMENT|RELEASE|PRODUCTION|GO[ -]?LIVE|LAUNCH))\b/;
/** Words that turn a claim around when they come right before it: NOT DEPLOYED, PARTIALLY COMPLETE. */
const NEGATED = /\b(?:NOT|NO|NEVER|PARTIALLY|PARTLY|NEARLY|ALMOST|AWAITING|PENDING|TO BE|BEING)\s*$/;
const NOT_STARTED = /\b(?:NOT (?:YET )?STARTED|PENDING|TO ?DO)\b/;

function normalise(value: string): string {
  return value.replace(/[^\p{L}\p{N}\s-]/gu, ' ').replace(/\s+/g, ' ').trim().toUpperCase();
}

function claimsDone(value: string): boolean {
  const m = DONE.exec(value);
  return m !== null && !NEGATED.test(value.slice(0, m.index));
}

export default defineRule({
  id: 'status-contradiction',
  description: 'A status line claims the checklist is done (COMPLETE, DEPLOYED, APPROVED, READY TO DEPLOY) while required items are open, or claims it has not started while all are done.',
  severity: 'warning',
  check(checklist, report) {
    const statuses: { key: string; value: string; range: Range }[] = checklist.metadata.filter((m) => /status/i.test(m.key));
    const fmStatus = checklist.frontMatter?.data.status;
    if (checklist.frontMatter && typeof fmStatus === 'string') statuses.push({ key: 'status', value: fmStatus, range: checklist.frontMatter.range });

    const required = checklist.items.filter(isRequired);
    const open = required.filter((i) => !i.checked);
    if (required.length === 0) return;
    for (const status of statuses) {
      const key = status.key.charAt(0).toUpperCase() + status.key.slice(1);
      const value = normalise(status.value);
      if (claimsDone(value) && open.length > 0) {
        const phase = phaseById(checklist, open[0].phaseId);
        const where = `${phase ? `in ${quote(phase.title)}` : 'before the first heading'}, line ${open[0].range.start.line}`;
        report({
          message: `${key} says ${quote(status.value)} but ${open.length} of ${plural(required.length, 'required item')} ${open.length === 1 ? 'is' : 'are'} still open (first ${where}): finish them, or change the status.`,
          range: status.range,
        });
      } else if (!claimsDone(value) && NOT_STARTED.test(value) && open.length === 0) {
        report({
          message: `${key} says ${quote(status.value)} but ${required.length === 1 ? 'the only required item is' : `all ${required.length} required items are`} checked: update the status.`,
          range: status.range,
          severity: 'info',
        });
      }
    }
  },
});
