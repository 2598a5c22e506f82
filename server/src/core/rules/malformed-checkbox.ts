import type { Checklist, Item } from '../model.js';
import { defineRule, type Report } from './defineRule.js';
import { lastAtOrBefore } from '../sorted.js';
import { masked, point, rangeOf } from './support/source.js';

/** Blockquote markers and indentation in front of a list marker. */
const PREFIX = String.raw`^([ \t>]*)`;
/** A list marker, the spacing after it, a short bracket group, the spacing after that, the rest. */
export const WITH_MARKER = new RegExp(`${PREFIX}([-*+]|\\d{1,9}[.)])([ \\t]*)\\[([^\\]\\r\\n]{0,3})\\](?![(\\[:])([ \\t]*)(.*)$`);
/** A bracket group opening the line with no list marker: `[ ] Step`. */
export const WITHOUT_MARKER = new RegExp(`${PREFIX}\\[([^\\]\\r\\n]{0,3})\\](?![(\\[:])([ \\t]+)(\\S.*)$`);
/** Ballot-box glyphs typed or pasted instead of a markdown box. */
export const GLYPH = new RegExp(`${PREFIX}(?:([-*+]|\\d{1,9}[.)])[ \\t]+)?([☐☑☒])([ \\t]*)(.*)$`);

const GLYPHS = /[☐☑☒]/;
const CANDIDATE = /[[☐☑☒]/g;
const EOL = /[\r\n]/g;

/** The items' box offsets, sorted; made once per items list (a box toggle keeps the list). */
const boxesCache = new WeakMap<readonly Item[], number[]>();

function boxesOf(items: readonly Item[]): number[] {
  let boxes = boxesCache.get(items);
  if (!boxes) {
    boxes = items.map((i) => i.box.start.offset);
    if (boxes.some((at, i) => i > 0 && at < boxes![i - 1])) boxes.sort((a, b) => a - b);
    boxesCache.set(items, boxes);
  }
  return boxes;
}

/** Whether a checklist's masked text has ballot-box glyphs and carriage returns: asked once per checklist, not per chunk. */
const shapeCache = new WeakMap<Checklist, { glyphs: boolean; crs: boolean }>();

function shapeOf(checklist: Checklist, text: string): { glyphs: boolean; crs: boolean } {
  let shape = shapeCache.get(checklist);
  if (!shape) {
    shape = { glyphs: GLYPHS.test(text), crs: text.includes('\r') };
    shapeCache.set(checklist, shape);
  }
  return shape;
}

/** The offset of the next `[` or ballot-box glyph from an offset, or -1; a plain search when the text has no glyph. */
function candidates(text: string, glyphs: boolean): (from: number) => number {
  if (!glyphs) return (from) => text.indexOf('[', from);
  return (from) => {
    CANDIDATE.lastIndex = from;
    return CANDIDATE.exec(text)?.index ?? -1;
  };
}

/** The end of the line holding an offset (before CR or LF); a plain search when the text has no CR. */
function lineEnds(text: string, crs: boolean): (from: number) => number {
  if (!crs) {
    return (from) => {
      const end = text.indexOf('\n', from);
      return end < 0 ? text.length : end;
    };
  }
  return (from) => {
    EOL.lastIndex = from;
    return EOL.exec(text)?.index ?? text.length;
  };
}

type State = 'open' | 'done';

/** What a bracket group's content means, or undefined when it is not a box at all (`[1]`, `[ab]`). */
function boxState(content: string): { state: State; valid: boolean; why?: string } | undefined {
  if (content === ' ') return { state: 'open', valid: true };
  if (content === 'x' || content === 'X') return { state: 'done', valid: true };
  const inner = content.trim();
  if (inner === '') return { state: 'open', valid: false, why: 'a task box holds exactly one character, a space or an x' };
  if (inner === 'x' || inner === 'X')
    return { state: 'done', valid: false, why: 'a task box holds exactly one character, with no spaces around the x' };
  if (['*', '✓', '✔'].includes(inner)) return { state: 'done', valid: false, why: `only x marks a task done, not ${inner}` };
  if (['-', '/', '~'].includes(inner)) {
    return {
      state: 'open',
      valid: false,
      why: `markdown task lists know only open [ ] and done [x], not [${inner}] (to skip a step, strike its text through with ~~ so it counts as optional)`,
    };
  }
  return undefined;
}

export default defineRule({
  id: 'malformed-checkbox',
  summary: 'a line that tries to be a task but is not one in GitHub markdown (`- []`, `- [ x]`, `☐`)',
  description:
    'A line that tries to be a task (`- []`, `- [ x]`, `-[ ]`, `[ ] step`, `☐ step`) but is not a markdown task, so it is neither counted nor tickable.',
  severity: 'warning',
  details:
    'Caught: `- []`, `- [ x]`, `- [x ]`, `- [*]`, `- [-]`, `-[ ]`, `- [x]text`, `[ ] step` without a list marker, and `☐`/`☑`/`☒` glyphs. `[-]`, `[/]` and `[~]` (in progress or cancelled in other tools) become open tasks; to make a step optional, strike it through with `~~`. Code blocks and HTML comments are ignored.',
  fixes: 'Rewrites the start of the line to `- [ ] ` or `- [x] `, keeping the list marker (`*`, `+` or `1.`).',
  example: {
    text: '# Release\n\n- [] Tag the release\n',
    fixed: '# Release\n\n- [ ] Tag the release\n',
  },
  state: true,
  // A line whose first `[` is an item's box is skipped, so an item's tick never shows in a finding.
  itemState: false,
  check(checklist, report) {
    findIn(checklist, 0, checklist.text.length, report);
  },
  checkSpan: findIn,
});

/** The findings in [spanStart, spanEnd), a span of whole lines. */
function findIn(checklist: Checklist, spanStart: number, spanEnd: number, report: Report): void {
  const text = masked(checklist, { code: true, comments: true, frontMatter: true });
  const boxes = boxesOf(checklist.items);
  const isBox = (at: number) => boxes[lastAtOrBefore(boxes, at)] === at;
  const found = (from: number, to: number, why: string, state: State, marker: string | undefined, canFix: boolean) => {
    const original = checklist.text.slice(from, to).trimEnd();
    const wanted = `${marker ?? '-'} [${state === 'done' ? 'x' : ' '}] `;
    report({
      message: `Malformed task \`${original}\`: ${why}. Expected \`${wanted.trimEnd()}\` followed by the step's text; as written it is plain text, not a checkbox.`,
      range: rangeOf(checklist, from, from + original.length),
      ...(canFix
        ? { fix: { title: `Rewrite as \`${wanted.trimEnd()}\``, edits: [{ range: rangeOf(checklist, from, to), newText: wanted }] } }
        : {}),
    });
  };

  // Only lines holding `[` or a glyph can match; visit those, each once, from its first such character.
  // A line whose first one opens a task's box matches nothing: every pattern would take that bracket.
  const shape = shapeOf(checklist, text);
  const next = candidates(text, shape.glyphs);
  const lineEnd = lineEnds(text, shape.crs);
  let at = next(spanStart);
  while (at >= 0 && at < spanEnd) {
    const first = at;
    const end = lineEnd(first);
    at = next(end);
    if (isBox(first)) continue;
    const start = first - point(checklist, first).column + 1;
    const line = { start, text: text.slice(start, end) };
    const m = WITH_MARKER.exec(line.text);
    if (m) {
      const [, prefix, marker, gap, content, after, rest] = m;
      const from = line.start + prefix.length;
      const boxAt = from + marker.length + gap.length;
      if (isBox(boxAt)) continue;
      const box = boxState(content);
      if (!box) continue;
      const to = boxAt + content.length + 2 + after.length;
      if (rest.trim() === '') {
        // `- [ ]` with no text is item-without-text's business; a malformed empty one is reported here, without a fix.
        if (!box.valid) found(from, to, box.why!, box.state, marker, false);
        continue;
      }
      if (!box.valid) found(from, to, box.why!, box.state, marker, true);
      else if (gap === '') found(from, to, 'the list marker needs a space before the box', box.state, marker, true);
      else if (after === '') found(from, to, 'the box needs a space before the text', box.state, marker, true);
      continue;
    }
    const bare = WITHOUT_MARKER.exec(line.text);
    if (bare) {
      const [, prefix, content, after] = bare;
      const box = boxState(content);
      const from = line.start + prefix.length;
      if (!box || isBox(from)) continue;
      const why = box.valid
        ? 'a task needs a list marker (- ) before the box'
        : `${box.why}, and a task needs a list marker (- ) before the box`;
      found(from, from + content.length + 2 + after.length, why, box.state, undefined, true);
      continue;
    }
    const glyph = GLYPH.exec(line.text);
    if (glyph) {
      const [, prefix, marker, sign, after, rest] = glyph;
      const from = line.start + prefix.length;
      const to = from + (marker ? line.text.slice(from - line.start).indexOf(sign) : 0) + sign.length + after.length;
      const state: State = sign === '☐' ? 'open' : 'done';
      found(from, to, `the ${sign} glyph is not a markdown checkbox`, state, marker, rest.trim() !== '');
    }
  }
}
