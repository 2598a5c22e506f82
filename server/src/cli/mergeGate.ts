/**
 * The merge gate for one checklist, as `preflight check --require … --fail-on …` decides it: no finding at or
 * above fail-on, and every required phase present and complete (open items listed, with their lines).
 */
import { check } from '../core/check.js';
import type { Checklist, Count } from '../core/model.js';
import { allPhases } from '../core/progress.js';
import type { Finding, Severity } from '../core/rules/defineRule.js';
import { phaseTitles } from './reportModel.js';
import { findPhase } from './requirePhase.js';

export interface OpenItem {
  text: string;
  /** 1-based, as in the file (and in GitHub's #L anchors). */
  line: number;
  phase: string;
}

export interface RequiredPhase {
  /** As written in the `require` input. */
  query: string;
  /** Absent when no phase (or several) matched. */
  phase?: { id: string; title: string; line: number; required: Count; conditional: boolean };
  problem?: string;
  open: OpenItem[];
}

export interface MergeGate {
  passes: boolean;
  findings: Finding[];
  /** Findings at or above fail-on. */
  failing: Finding[];
  required: RequiredPhase[];
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function atOrAbove(severity: Severity, failOn: Severity): boolean {
  return RANK[severity] >= RANK[failOn];
}

export function mergeGateOf(checklist: Checklist, path: string, require: readonly string[], failOn: Severity): MergeGate {
  const findings = check(checklist);
  const failing = findings.filter((f) => atOrAbove(f.severity, failOn));
  const titles = phaseTitles(checklist.phases);
  const required = require.map((query): RequiredPhase => {
    let phase;
    try {
      phase = findPhase(query, checklist.phases, path);
    } catch (error) {
      const ambiguous = /ambiguous/.test((error as Error).message);
      return { query, problem: ambiguous ? 'matches several phases: name it by its id' : 'no such phase in this checklist', open: [] };
    }
    const within = new Set([...allPhases([phase])].map((p) => p.id));
    const open = checklist.items
      .filter((i) => within.has(i.phaseId) && !i.checked && !i.optional && !i.conditional)
      .map((i) => ({ text: i.textWithCode, line: i.range.start.line, phase: titles.get(i.phaseId) ?? phase.title }));
    return {
      query,
      phase: {
        id: phase.id,
        title: phase.title,
        line: phase.range.start.line,
        required: { ...phase.progress.required },
        conditional: phase.conditional,
      },
      open,
    };
  });
  const passes = failing.length === 0 && required.every((r) => r.phase && r.open.length === 0);
  return { passes, findings, failing, required };
}
