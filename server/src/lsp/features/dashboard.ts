/**
 * What the dashboard shows beyond the outline: the merge gate's verdict, by the same code as
 * `preflight check --require … --fail-on …` and the GitHub Action, and every run note under the steps.
 */
import { mergeGateOf } from '../../cli/mergeGate.js';
import type { Checklist } from '../../core/model.js';
import { runNotesOf } from '../../core/runNote.js';
import { stepsOf } from '../../core/steps.js';
import type { Dashboard, FailOn, GatePhase, MergeGateVerdict, RecordedRun } from '../../protocol/protocol.js';
import { toLspPosition } from './convert.js';

export function dashboard(checklist: Checklist, uri: string, version: number, require: readonly string[], failOn: FailOn): Dashboard {
  return { uri, version, gate: gateVerdict(checklist, uri, require, failOn), runs: recordedRuns(checklist) };
}

function gateVerdict(checklist: Checklist, uri: string, require: readonly string[], failOn: FailOn): MergeGateVerdict {
  const gate = mergeGateOf(checklist, uri, require, failOn);
  return {
    passes: gate.passes,
    failOn,
    failing: gate.failing.length,
    required: gate.required.map((r): GatePhase =>
      r.phase
        ? { query: r.query, title: r.phase.title, line: r.phase.line - 1, done: r.phase.required.done, total: r.phase.required.total }
        : { query: r.query, done: 0, total: 0, problem: r.problem },
    ),
  };
}

/** Failures first (a release lead looks for those), then newest first; notes without a readable time last. */
function recordedRuns(checklist: Checklist): RecordedRun[] {
  const runs = stepsOf(checklist).flatMap((step) =>
    runNotesOf(checklist, step).notes.map((note): RecordedRun => ({
      at: note.at,
      exitCode: note.exitCode,
      durationMs: note.durationMs,
      by: note.by,
      stepId: step.id,
      label: step.kind === 'inline' ? step.command : step.lang,
      line: toLspPosition(step.range.start).line,
      ...(step.item ? { item: step.item.text } : {}),
    })),
  );
  const time = (run: RecordedRun) => Date.parse(run.at) || 0;
  return runs.sort((a, b) => Number(b.exitCode !== 0) - Number(a.exitCode !== 0) || time(b) - time(a));
}
