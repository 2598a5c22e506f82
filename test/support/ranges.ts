/** Checks that every position a checklist reports lies inside its text and agrees with itself. */
import type { Checklist, Phase, Point, Range } from '../../server/src/core/model.ts';

/** Offsets where lines start, written here independently of server/src/core/lines.ts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      starts.push(i + 2);
      i++;
    } else if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export function rangeProblems(checklist: Checklist): string[] {
  const text = checklist.text;
  const starts = lineStartsOf(text);
  const problems: string[] = [];

  const checkPoint = (what: string, p: Point | undefined) => {
    if (!p) return problems.push(`${what}: missing point`);
    if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) {
      return problems.push(`${what}: offset ${p.offset} outside 0..${text.length}`);
    }
    let line = 0;
    let hi = starts.length - 1;
    while (line < hi) {
      const mid = (line + hi + 1) >> 1;
      if (starts[mid] <= p.offset) line = mid;
      else hi = mid - 1;
    }
    const column = p.offset - starts[line] + 1;
    if (p.line !== line + 1 || p.column !== column) {
      problems.push(`${what}: ${p.line}:${p.column} but offset ${p.offset} is ${line + 1}:${column}`);
    }
  };
  const checkRange = (what: string, r: Range | undefined) => {
    if (!r) return problems.push(`${what}: missing range`);
    checkPoint(`${what}.start`, r.start);
    checkPoint(`${what}.end`, r.end);
    if (r.start.offset > r.end.offset) problems.push(`${what}: start ${r.start.offset} after end ${r.end.offset}`);
  };
  const slice = (r: Range) => text.slice(r.start.offset, r.end.offset);
  const checkBox = (what: string, box: Range, checked: boolean) => {
    checkRange(what, box);
    const s = slice(box);
    const expected = checked ? ['[x]', '[X]'] : ['[ ]'];
    if (!expected.includes(s)) problems.push(`${what}: text ${JSON.stringify(s)} but checked=${checked}`);
  };

  checklist.items.forEach((item, i) => {
    const what = `items[${i}] (line ${item.range.start.line})`;
    checkRange(what, item.range);
    checkBox(`${what}.box`, item.box, item.checked);
    if (item.box.start.offset < item.range.start.offset || item.box.end.offset > item.range.end.offset) {
      problems.push(`${what}: box outside the item`);
    }
    if (!/^(?:[-+*]|\d{1,9}[.)])/.test(text.slice(item.range.start.offset, item.range.start.offset + 10))) {
      problems.push(
        `${what}: does not start at a list marker: ${JSON.stringify(text.slice(item.range.start.offset, item.range.start.offset + 10))}`,
      );
    }
    if (item.parent) checkPoint(`${what}.parent`, item.parent);
    item.commands.forEach((c, j) => {
      checkRange(`${what}.commands[${j}]`, c.range);
      // CommonMark replaces U+0000 with U+FFFD in what it parses (spec 2.3): the command holds the replacement.
      const s = slice(c.range).replaceAll('\0', '\uFFFD');
      if (!s.startsWith('`') || !s.endsWith('`') || !s.includes(c.command))
        problems.push(`${what}.commands[${j}]: range holds ${JSON.stringify(s)}, not \`${c.command}\``);
    });
  });
  const walkPhases = (phases: readonly Phase[], path: string) => {
    phases.forEach((phase, i) => {
      const what = `${path}[${i}] ${JSON.stringify(phase.title)}`;
      checkRange(what, phase.range);
      // An ATX heading's range starts at its `#`; a setext one ends on its `=`/`-` underline.
      if (!/^#/.test(slice(phase.range)) && !/(?:^|[\r\n])[ \t>]*(?:=+|-+)[ \t]*$/.test(slice(phase.range))) {
        problems.push(`${what}: range holds ${JSON.stringify(slice(phase.range).slice(0, 40))}, not a heading`);
      }
      checkPoint(`${what}.sectionEnd`, phase.sectionEnd);
      if (phase.sectionEnd.offset < phase.range.end.offset) problems.push(`${what}: section ends before its heading`);
      walkPhases(phase.phases, `${what}.phases`);
    });
  };
  walkPhases(checklist.phases, 'phases');
  if (checklist.titleHeading) checkRange('titleHeading', checklist.titleHeading.range);
  checklist.code.forEach((c, i) => checkRange(`code[${i}]`, c.range));
  checklist.tableChecks.forEach((c, i) => checkBox(`tableChecks[${i}]`, c.box, c.checked));
  checklist.placeholders.forEach((p, i) => {
    checkRange(`placeholders[${i}]`, p.range);
    if (slice(p.range) !== p.text)
      problems.push(`placeholders[${i}]: range holds ${JSON.stringify(slice(p.range))}, not ${JSON.stringify(p.text)}`);
  });
  checklist.fields.forEach((f, i) => {
    checkRange(`fields[${i}]`, f.range);
    checkRange(`fields[${i}].valueRange`, f.valueRange);
  });
  checklist.metadata.forEach((m, i) => checkRange(`metadata[${i}]`, m.range));
  if (checklist.frontMatter) checkRange('frontMatter', checklist.frontMatter.range);
  checklist.signOff?.roles.forEach((role, i) => {
    checkRange(`signOff.roles[${i}]`, role.range);
    role.fields.forEach((f, j) => {
      checkRange(`signOff.roles[${i}].fields[${j}]`, f.range);
      checkRange(`signOff.roles[${i}].fields[${j}].valueRange`, f.valueRange);
    });
  });
  // The core's binary searches rely on every fact list being in document order.
  const ordered = (name: string, starts: number[]) => {
    const at = starts.findIndex((s, i) => i > 0 && s < starts[i - 1]);
    if (at > 0) problems.push(`${name}[${at}] starts before ${name}[${at - 1}]`);
  };
  ordered(
    'items',
    checklist.items.map((x) => x.range.start.offset),
  );
  ordered(
    'code',
    checklist.code.map((x) => x.range.start.offset),
  );
  ordered(
    'tableChecks',
    checklist.tableChecks.map((x) => x.box.start.offset),
  );
  ordered(
    'placeholders',
    checklist.placeholders.map((x) => x.range.start.offset),
  );
  ordered(
    'fields',
    checklist.fields.map((x) => x.range.start.offset),
  );
  return problems;
}
