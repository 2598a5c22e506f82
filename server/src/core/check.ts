import type { Checklist } from './model.js';
import type { Finding, Severity } from './rules/defineRule.js';
import { rules } from './rules/index.js';

export interface CheckOptions {
  /** Per rule id: a severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
}

/** Runs every enabled rule; findings in document order. */
export function check(checklist: Checklist, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    rule.check(checklist, (f) => findings.push({ code: rule.id, severity: setting ?? f.severity ?? rule.severity, message: f.message, range: f.range, ...(f.fix ? { fix: f.fix } : {}) }));
  }
  return findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
}
