/** The newest run note of a step, as the outline and hovers show it. */
import type { Checklist } from '../../core/model.js';
import { runNotesOf } from '../../core/runNote.js';
import type { Step } from '../../core/steps.js';
import type { RunNote } from '../../protocol/protocol.js';

export function lastRunOf(checklist: Checklist, step: Step): RunNote | undefined {
  const last = runNotesOf(checklist, step).notes.at(-1);
  return last && { at: last.at, exitCode: last.exitCode, durationMs: last.durationMs, by: last.by };
}
