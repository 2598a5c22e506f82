/** Applies core text edits as an LSP client would, refusing overlapping edits and positions that disagree with their offsets. */
import type { Point, TextEdit } from '../../server/src/core/model.ts';

function checkPoint(text: string, p: Point, what: string): void {
  const before = text.slice(0, p.offset);
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length + 1;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  if (p.line !== line || p.column !== p.offset - lineStart + 1) {
    throw new Error(`${what}: ${p.line}:${p.column} but offset ${p.offset} is ${line}:${p.offset - lineStart + 1}`);
  }
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start.offset - b.range.start.offset || a.range.end.offset - b.range.end.offset);
  sorted.forEach((edit, i) => {
    checkPoint(text, edit.range.start, `edit ${i} start`);
    checkPoint(text, edit.range.end, `edit ${i} end`);
    if (edit.range.end.offset < edit.range.start.offset) throw new Error(`edit ${i} ends before it starts`);
    const next = sorted[i + 1];
    // LSP: edits must not overlap; two insertions at one point would apply in an unspecified order.
    if (next && (next.range.start.offset < edit.range.end.offset || next.range.start.offset === edit.range.start.offset)) {
      throw new Error(`edits overlap at offset ${next.range.start.offset}`);
    }
  });
  let out = text;
  for (const edit of sorted.reverse()) out = out.slice(0, edit.range.start.offset) + edit.newText + out.slice(edit.range.end.offset);
  return out;
}
