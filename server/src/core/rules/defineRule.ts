import type { Checklist, Range, TextEdit } from '../model.js';

export type Severity = 'error' | 'warning' | 'info';

/** A fix is data: edits against the text the checklist was parsed from. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** The rule id: also the diagnostic code and the README anchor. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

export interface Report {
  (finding: { message: string; range: Range; severity?: Severity; fix?: Fix }): void;
}

export interface Rule {
  /** Equal to the file name under rules/. */
  id: string;
  description: string;
  severity: Severity;
  check(checklist: Checklist, report: Report): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
