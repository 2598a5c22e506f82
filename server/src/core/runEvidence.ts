/**
 * Run evidence: an item is backed by a recorded run when one of its steps has a run note under it. The
 * newest note stands for the item. A note is text in the file, written by the Run lens: it records a run,
 * it does not prove one cryptographically (only a signed commit does that).
 */
import type { Checklist, Item } from './model.js';
import { type RunNote, runNotesOf } from './runNote.js';
import { stepsOf } from './steps.js';

export type RunEvidence = Pick<RunNote, 'at' | 'exitCode' | 'durationMs' | 'by'>;

/** The newest run note of each item's steps, by item. */
export function runEvidence(checklist: Checklist): Map<Item, RunEvidence> {
  const found = new Map<Item, RunEvidence>();
  for (const step of stepsOf(checklist)) {
    if (!step.item) continue;
    const note = runNotesOf(checklist, step).notes.at(-1);
    if (!note) continue;
    const known = found.get(step.item);
    if (!known || Date.parse(note.at) > Date.parse(known.at))
      found.set(step.item, { at: note.at, exitCode: note.exitCode, durationMs: note.durationMs, by: note.by });
  }
  return found;
}
