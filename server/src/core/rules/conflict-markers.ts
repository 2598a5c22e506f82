import { splitLines } from '../lines.js';
import { defineRule } from './defineRule.js';
import { masked, rangeOf } from './support/source.js';

const START = /^<{7}(?:[ \t]|$)/;
const BASE = /^\|{7}(?:[ \t]|$)/;
const SEPARATOR = /^={7}[ \t]*$/;
const END = /^>{7}(?:[ \t]|$)/;

interface Marker {
  kind: 'start' | 'base' | 'separator' | 'end';
  line: number;
  from: number;
  to: number;
}

export default defineRule({
  id: 'conflict-markers',
  summary: 'git conflict markers left in the checklist',
  description: 'Git merge conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) were left in the checklist.',
  severity: 'error',
  details:
    "Markers count outside code blocks: `<<<<<<<` and `>>>>>>>`, and `=======` or `|||||||` between them (alone, `=======` is a heading underline). Items inside a conflict may be ticked on one side only, so the message asks to re-check them. There is no text fix; while git has the file in conflict, VS Code offers **Merge with Preflight…** on the markers in a trusted workspace: the same merge as `preflight merge`, on git's three stages of the file.",
  example: {
    text: '# Release\n\n<<<<<<< HEAD\n- [x] Tag v1.2.0\n=======\n- [ ] Tag v1.2.1\n>>>>>>> release\n',
  },
  state: false,
  check(checklist, report) {
    if (!/^(?:<{7}|>{7})/m.test(checklist.text)) return;
    const markers: Marker[][] = [];
    let open: Marker[] | undefined;
    splitLines(masked(checklist, { code: true })).forEach((line, index) => {
      const at = (kind: Marker['kind']): Marker => ({
        kind,
        line: index + 1,
        from: line.start,
        to: line.start + line.text.trimEnd().length,
      });
      if (START.test(line.text)) {
        if (open) markers.push(open);
        open = [at('start')];
      } else if (END.test(line.text)) {
        if (open) {
          open.push(at('end'));
          markers.push(open);
          open = undefined;
        } else markers.push([at('end')]);
      } else if (open && BASE.test(line.text)) open.push(at('base'));
      // `=======` is also a setext underline: it only counts between the other two markers.
      else if (open && SEPARATOR.test(line.text)) open.push(at('separator'));
    });
    if (open) markers.push(open);

    for (const block of markers) {
      const first = block[0];
      const last = block[block.length - 1];
      const closed = first.kind === 'start' && last.kind === 'end';
      for (const marker of block) {
        const sign = checklist.text.slice(marker.from, marker.from + 7);
        let message: string;
        if (closed) {
          message =
            marker.kind === 'start'
              ? `Unresolved merge conflict (lines ${first.line}-${last.line}): choose what to keep, delete the conflict markers, then re-check the items it touches.`
              : `Merge conflict marker \`${sign}\` of the conflict at line ${first.line}: resolve the conflict and delete the marker.`;
        } else if (first.kind === 'start') {
          message =
            marker.kind === 'start'
              ? `Merge conflict marker \`${sign}\` is never closed by \`>>>>>>>\`: resolve the conflict and delete its markers.`
              : `Merge conflict marker \`${sign}\` of the unclosed conflict at line ${first.line}: resolve the conflict and delete the marker.`;
        } else {
          message = `Merge conflict marker \`${sign}\` without an opening \`<<<<<<<\`: delete the leftover marker.`;
        }
        report({ message, range: rangeOf(checklist, marker.from, marker.to) });
      }
    }
  },
});
