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
  /**
   * True when findings can change when a box is ticked or cleared, i.e. the rule reads `item.checked`,
   * progress, `role.signed`/`complete`, or the box characters; such rules are re-run after a toggle,
   * the others' findings are kept.
   */
  state: boolean;
  /**
   * False for a state rule that reads only the box characters of lines that are not task items: ticking an
   * item's box cannot change its findings, so a toggle of items keeps them (a table cell's toggle re-parses).
   */
  itemState?: false;
  check(checklist: Checklist, report: Report): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
