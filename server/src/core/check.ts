import type { Checklist } from './model.js';
import type { Finding, Rule, Severity } from './rules/defineRule.js';
import { rules } from './rules/index.js';

export interface CheckOptions {
  /** Per rule id: a severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
}

/** Document order: by start offset, then rule id. */
export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code);
}

/** Runs every enabled rule; findings in document order. */
export function check(checklist: Checklist, options: CheckOptions = {}): Finding[] {
  return checkRules(checklist, options, () => true);
}

/** Runs the enabled rules that pass `filter` (after a box toggle: the rules with `state`); findings in document order. */
export function checkRules(checklist: Checklist, options: CheckOptions, filter: (rule: Rule) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    // A degraded model misses most of what the rules read: only too-complex speaks for it.
    if (setting === 'off' || !filter(rule) || (checklist.degraded !== undefined) !== (rule.id === 'too-complex')) continue;
    rule.check(checklist, (f) => findings.push({ code: rule.id, severity: setting ?? f.severity ?? rule.severity, message: f.message, range: f.range, ...(f.fix ? { fix: f.fix } : {}) }));
  }
  return findings.sort(byPosition);
}
