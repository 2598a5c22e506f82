/**
 * Annotations on the pull request's files ("Files changed"): each open required item of a required phase, each
 * finding at error (warnings and infos too when fail-on reaches them), a missing required phase, and a
 * checklist that cannot be read. Through @actions/core, which escapes messages and properties.
 */
import * as core from '@actions/core';
import type { Severity } from '../core/rules/defineRule.js';
import { plainLine } from '../text/plainText.js';
import { atOrAbove } from '../cli/mergeGate.js';
import type { ChecklistReview } from './review.js';

export type Level = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: Level;
  message: string;
  file: string;
  line: number;
  title: string;
}

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'notice' };

export function annotationsOf(reviews: readonly ChecklistReview[], failOn: Severity): Annotation[] {
  const out: Annotation[] = [];
  for (const review of reviews) {
    const file = review.path;
    if (!review.gate) {
      out.push({
        level: 'error',
        file,
        line: 1,
        title: 'Preflight: cannot read the checklist',
        message: plainLine(review.problem ?? 'unknown problem'),
      });
      continue;
    }
    for (const r of review.gate.required) {
      if (!r.phase) {
        out.push({
          level: 'error',
          file,
          line: 1,
          title: 'Preflight: required phase missing',
          message: plainLine(`required phase "${r.query}": ${r.problem}`),
        });
        continue;
      }
      for (const item of r.open) {
        out.push({
          level: 'error',
          file,
          line: item.line,
          title: `Preflight: "${plainLine(r.phase.title)}" is incomplete`,
          message: plainLine(`open required item: ${item.text}`),
        });
      }
    }
    for (const f of review.gate.findings) {
      // Errors always; warnings and infos when fail-on counts them.
      if (f.severity !== 'error' && !atOrAbove(f.severity, failOn)) continue;
      out.push({ level: LEVEL[f.severity], file, line: f.range.start.line, title: `Preflight ${f.ruleId}`, message: plainLine(f.message) });
    }
  }
  return out;
}

export function emit(annotations: readonly Annotation[]): void {
  for (const a of annotations) {
    const properties = { file: a.file, startLine: a.line, title: a.title };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }
}
