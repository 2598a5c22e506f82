import type { Checklist, Item, Range, TextEdit } from '../model.js';

export type Severity = 'error' | 'warning' | 'info';

/** A fix is data: edits against the text the checklist was parsed from. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** The id of the rule that found it: also the LSP diagnostic's `code`. */
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

export interface Report {
  (finding: { message: string; range: Range; severity?: Severity; fix?: Fix; line?: number }): void;
}

/**
 * A reported message with the line it cites written in: `line` replaces the message's last `{line}`. The line
 * is kept apart from the text until then so that a finding cached per chunk moves with its chunk.
 */
export function messageOf(finding: { message: string; line?: number }): string {
  const { message, line } = finding;
  const at = line === undefined ? -1 : message.lastIndexOf('{line}');
  return at < 0 ? message : `${message.slice(0, at)}${line}${message.slice(at + '{line}'.length)}`;
}

/** A small checklist that makes the rule fire: shown on the rule's page, and run by a test so it cannot drift. */
export interface RuleExample {
  text: string;
  /** For a rule that offers a fix: the text after the first finding's fix is applied. */
  fixed?: string;
}

export interface Rule {
  /** Equal to the file name under rules/; names the rule in `preflight.rules`, diagnostics and docs/rules/<id>.md. */
  id: string;
  /** What the rule finds, as a short phrase for the rule tables. */
  summary: string;
  /** One sentence: what the rule finds. */
  description: string;
  /** More for the rule's page (markdown): what counts, what does not, why it matters. */
  details?: string;
  /** The default severity: a finding may report another, which the README table and the page give in `severityNote`. */
  severity: Severity;
  severityNote?: string;
  /** What the rule's quick fix does; absent when it offers none. */
  fixes?: string;
  example: RuleExample;
  /** An id this rule was split from: a `preflight.rules` setting for it still applies to this rule. */
  formerId?: string;
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
  /**
   * For a local rule: reports, in `check`'s order, exactly `check`'s findings that start in [from, to), a run
   * of whole chunks (parse.ts), reading little outside it. A local rule's findings in a chunk depend only on
   * the chunk's text and a little context that chunkFindings.ts checks, so they are cached per chunk.
   */
  checkSpan?(checklist: Checklist, from: number, to: number, report: Report): void;
  /**
   * For a state rule whose findings an item's tick changes only near that item: the re-check after `ticked`
   * items' boxes were rewritten (the model already holds their new states). Without it a toggle re-runs
   * the whole rule.
   */
  recheck?(checklist: Checklist, ticked: readonly Item[]): Recheck;
}

/** A state rule's findings around ticked items: which old ones to drop, and how to find them again. */
export interface Recheck {
  /**
   * Whether an old finding lies where the ticks can change findings. It must take every finding of the rule
   * at the same start offset together, so that kept and new findings never tie in document order.
   */
  covers(finding: Finding): boolean;
  /** Reports the findings `covers` takes, from the model with the new states. */
  check(report: Report): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
