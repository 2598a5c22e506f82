import type { Checklist } from './model.js';
import type { Finding, Rule, Severity } from './rules/defineRule.js';
import { rules } from './rules/index.js';

export interface CheckOptions {
  /** Per rule id: a severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** Run only the rules whose id passes (after a box toggle: the rules with `state`). */
  only?: (id: string) => boolean;
}

/** Runs every enabled rule; findings in document order. */
export function check(checklist: Checklist, options: CheckOptions = {}): Finding[] {
  return checkRules(checklist, options, () => true);
}

/** Runs the enabled rules that pass `filter` (and `options.only`); findings in document order. */
export function checkRules(checklist: Checklist, options: CheckOptions, filter: (rule: Rule) => boolean): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off' || !filter(rule) || (options.only && !options.only(rule.id))) continue;
    rule.check(checklist, (f) => findings.push({ code: rule.id, severity: setting ?? f.severity ?? rule.severity, message: f.message, range: f.range, ...(f.fix ? { fix: f.fix } : {}) }));
  }
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
}
