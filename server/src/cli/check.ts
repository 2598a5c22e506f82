import { check } from '../core/check.js';
import type { Checklist, Item, Phase } from '../core/model.js';
import { allPhases } from '../core/progress.js';
import type { Finding, Severity } from '../core/rules/defineRule.js';
import { forEachChecklist } from './analyse.js';
import { EXIT } from './errors.js';
import { type Paint, paint } from './format/color.js';
import type { Io } from './io.js';
import { plainLine } from '../text/plainText.js';
import { findPhase } from './requirePhase.js';

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
/** Unchecked items listed under an incomplete required phase before "… and N more". */
const LIST_LIMIT = 20;

export interface CheckOptions {
  require: readonly string[];
  failOn: Severity;
}

/** `preflight check`: 2 beats 1 beats 0, so an unreadable file is never hidden behind a finding. */
export function runCheck(files: readonly string[], options: CheckOptions, io: Io): number {
  const p = paint(io.color);
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let failing = 0;
  let incomplete = 0;
  let checked = 0;
  const code = forEachChecklist(files, io, (file, checklist) => {
    // Resolve every --require before printing anything, so a typo fails fast and alone.
    const required = options.require.map((q) => findPhase(q, checklist.phases, file));
    for (const f of check(checklist)) {
      counts[f.severity]++;
      if (RANK[f.severity] >= RANK[options.failOn]) failing++;
      io.out(formatFinding(file, f, p));
    }
    for (const phase of new Set(required)) {
      if (!reportRequired(file, checklist, phase, io, p)) incomplete++;
    }
    checked++;
  });
  const parts = [`${counts.error} error(s)`, `${counts.warning} warning(s)`, `${counts.info} info`];
  const phases = options.require.length > 0 ? `; ${incomplete} required phase(s) incomplete` : '';
  if (checked > 0) io.out(p.dim(`${checked} file(s) checked: ${parts.join(', ')}${phases}; failing at ${options.failOn} and above.`));
  if (code !== EXIT.ok) return code;
  return failing > 0 || incomplete > 0 ? EXIT.failed : EXIT.ok;
}

export function formatFinding(file: string, f: Finding, p: Paint): string {
  const colour = f.severity === 'error' ? p.red : f.severity === 'warning' ? p.yellow : p.dim;
  return `${plainLine(file)}:${f.range.start.line}:${f.range.start.column}: ${colour(f.severity)} ${f.ruleId} ${plainLine(f.message)}`;
}

/** Prints the state of one required phase; true when every required item is checked. */
function reportRequired(path: string, checklist: Checklist, phase: Phase, io: Io, p: Paint): boolean {
  // Document text (and a file name from a pull request) is printed on one line, without escapes.
  const file = plainLine(path);
  const title = plainLine(phase.title);
  const { done, total } = phase.progress.required;
  const where = `${file}:${phase.range.start.line}:${phase.range.start.column}:`;
  if (done === total) {
    const note = total === 0 ? (phase.conditional ? ' (conditional: nothing is required unless triggered)' : ' (no required items)') : '';
    // Not in file:line:col form, so problem matchers in CI do not take it for a diagnostic.
    io.out(
      `${p.green('✓')} required phase "${title}" (${file}:${phase.range.start.line}) is complete: ${done} of ${total} required items done${note}.`,
    );
    return true;
  }
  io.out(
    `${where} ${p.red('error')} required-phase "${title}" (${plainLine(phase.id)}) is incomplete: ${done} of ${total} required items done.`,
  );
  const within = new Set([...allPhases([phase])].map((x) => x.id));
  const open = checklist.items.filter((i: Item) => within.has(i.phaseId) && !i.checked && !i.optional && !i.conditional);
  for (const item of open.slice(0, LIST_LIMIT))
    io.out(`  ${file}:${item.range.start.line}:${item.box.start.column}: [ ] ${plainLine(item.text)}`);
  if (open.length > LIST_LIMIT) io.out(`  … and ${open.length - LIST_LIMIT} more`);
  return false;
}
