import type { Checklist, Item } from './model.js';
import { type Finding, messageOf, type Recheck, type Report, type Rule, type Severity } from './rules/defineRule.js';
import { rules } from './rules/index.js';

export interface CheckOptions {
  /** Per rule id: a severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
}

/** Document order: by start offset, then rule id. */
export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId);
}

/** Runs a local rule (one with `checkSpan`) chunk by chunk, re-using what it found before (chunkFindings.ts). */
export interface CheckSpans {
  check(rule: Rule, report: Report): void;
}

/** Runs every enabled rule, the local ones through `spans` when given; findings in document order. */
export function check(checklist: Checklist, options: CheckOptions = {}, spans?: CheckSpans): Finding[] {
  return checkRules(checklist, options, () => true, spans);
}

/** Runs the enabled rules that pass `filter`; findings in document order. */
export function checkRules(checklist: Checklist, options: CheckOptions, filter: (rule: Rule) => boolean, spans?: CheckSpans): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!enabled(rule, checklist, options) || !filter(rule)) continue;
    const report = reporter(rule, options, findings);
    if (spans && rule.checkSpan) spans.check(rule, report);
    else rule.check(checklist, report);
  }
  return findings.sort(byPosition);
}

/**
 * The findings after the boxes of `ticked` items were rewritten in place (`findings` are those from before):
 * rules no item tick changes keep theirs, a rule with a scoped recheck finds again only what lies around the
 * ticked items, any other state rule runs again over the whole checklist.
 */
export function recheckTicked(
  checklist: Checklist,
  findings: readonly Finding[],
  ticked: readonly Item[],
  options: CheckOptions,
): Finding[] {
  const rechecks = new Map<string, Recheck>();
  const rerun = new Set<string>();
  for (const rule of rules) {
    if (!rule.state || rule.itemState === false || !enabled(rule, checklist, options)) continue;
    if (rule.recheck) rechecks.set(rule.id, rule.recheck(checklist, ticked));
    else rerun.add(rule.id);
  }
  const kept = findings.filter((f) => !rerun.has(f.ruleId) && !rechecks.get(f.ruleId)?.covers(f));
  const found: Finding[] = [];
  for (const rule of rules) {
    const scoped = rechecks.get(rule.id);
    if (scoped) scoped.check(reporter(rule, options, found));
    else if (rerun.has(rule.id)) rule.check(checklist, reporter(rule, options, found));
  }
  return merge(kept, found.sort(byPosition));
}

/** The setting for the rule: under its id, or else under the id it was split from. */
function settingOf(rule: Rule, options: CheckOptions): Severity | 'off' | undefined {
  const settings = options.rules;
  if (!settings) return undefined;
  return settings[rule.id] ?? (rule.formerId !== undefined ? settings[rule.formerId] : undefined);
}

function enabled(rule: Rule, checklist: Checklist, options: CheckOptions): boolean {
  // A degraded model misses most of what the rules read: only too-complex speaks for it.
  return settingOf(rule, options) !== 'off' && (checklist.degraded !== undefined) === (rule.id === 'too-complex');
}

function reporter(rule: Rule, options: CheckOptions, into: Finding[]): Report {
  const setting = settingOf(rule, options);
  return (f) =>
    into.push({
      ruleId: rule.id,
      severity: setting && setting !== 'off' ? setting : (f.severity ?? rule.severity),
      message: messageOf(f),
      range: f.range,
      ...(f.fix ? { fix: f.fix } : {}),
    });
}

/** Two lists in document order merged into one, as a stable sort of both would order them. */
export function merge(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
