/**
 * Run notes of one step from both sides: the union, each note once, oldest first (the order recordRun
 * writes them in), at most MAX_NOTES with the oldest dropped. Notes are facts about runs that happened on
 * either branch, so neither side's note is lost to the other's.
 */
import { MAX_NOTES, parseRunNote } from '../runNote.js';

const PREFIX = /^[ \t>]*/;

/** `sides` in order of preference for the lines' indentation: the first side with a note gives it. */
export function mergeNotes(sides: readonly (readonly string[])[]): string[] {
  const prefix = sides.flatMap((s) => s.slice(0, 1)).map((line) => PREFIX.exec(line)![0])[0] ?? '';
  const seen = new Set<string>();
  const notes: { body: string; at: number }[] = [];
  for (const side of sides) {
    for (const line of side) {
      const body = line.replace(PREFIX, '').trimEnd();
      if (seen.has(body)) continue;
      seen.add(body);
      notes.push({ body, at: Date.parse(parseRunNote(line)?.at ?? '') });
    }
  }
  // Times order notes from two branches; without a readable time on every note the sides' order stands.
  if (notes.every((n) => Number.isFinite(n.at))) notes.sort((a, b) => a.at - b.at);
  return notes.slice(Math.max(0, notes.length - MAX_NOTES)).map((n) => prefix + n.body);
}
