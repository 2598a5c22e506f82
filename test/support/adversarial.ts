/**
 * Adversarial checklists: shapes on which a markdown parser or a regular expression can go super-linear,
 * each at a size that takes seconds (or overflows the stack) on micromark's path. `degrades` says whether
 * core must take the line-scanner path for it (complexity.ts); the others must stay on the normal path
 * and still finish quickly (the bench prints their times against the seed's).
 */
export interface AdversarialCase {
  name: string;
  text: string;
  /** The pre-scan must send this text to the line scanner. */
  degrades: boolean;
  /** Task lines in the text: what the report must count, degraded or not. */
  tasks: number;
}

const head = '# Hostile checklist\n\n## Phase one\n\n- [ ] First real step\n- [x] Second real step\n\n';
const tail = '\n\n## Phase two\n\n- [ ] Last real step\n';
/** Three task lines come from head and tail. */
const FRAME_TASKS = 3;

function framed(name: string, body: string, degrades: boolean, tasks = 1): AdversarialCase {
  return { name, text: head + body + tail, degrades, tasks: tasks + FRAME_TASKS };
}

/** Every class; `scale` (default 1) shrinks or grows them alike. */
export function adversarialCases(scale = 1): AdversarialCase[] {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  // Each level indented to the content column of the one before, so every item nests.
  const ladder = (depth: number, marker: string) =>
    Array.from({ length: depth }, (_, i) => `${' '.repeat((marker.length + 1) * i)}${marker} [ ] level ${i}`).join('\n');
  return [
    framed('emphasis run *a_', `- [ ] ${'*a_'.repeat(n(8000))}`, true),
    framed('strong run **a', `- [ ] ${'**a'.repeat(n(31000))}`, true),
    framed('strike run ~a', `- [ ] ${'~a'.repeat(n(20000))}`, true),
    framed('emphasis over many lines', `${'*a_ '.repeat(n(20)).concat('\n').repeat(n(200))}`, true, 0),
    framed('bracket run a]', `- [ ] ${'a]'.repeat(n(8000))}`, true),
    framed('link opener run [a](', `- [ ] ${'[a]('.repeat(n(8000))}`, true),
    framed('list markers on one line', `${'- '.repeat(n(8000))}[ ] deep`, true),
    framed('list indentation ladder', ladder(n(500), '-'), true, n(500)),
    framed('ordered list ladder', ladder(n(400), '1.'), true, n(400)),
    framed('nested block quotes', `${'>'.repeat(n(30000))} - [ ] quoted`, true),
    // Each kind stays under its own limit; together they nest 8,000 deep. The line scanner does not read a
    // task behind a quote that opens after a list marker (nor does cmark-gfm at any depth): no task counted.
    framed('quotes and list items interleaved', `${'- > '.repeat(n(4000))}- [ ] deep`, true, 0),
    framed('long line', `- [ ] ${'word '.repeat(n(200000))}`, true),
    framed('very long heading', `### ${'title '.repeat(n(200000))}\n\n- [ ] under it`, true),
    framed('huge table', `| step | done |\n|---|---|\n${'| check | [ ] |\n'.repeat(n(20000))}`, true, 0),
    framed('wide table', `${'|a'.repeat(n(4000))}|\n${'|-'.repeat(n(4000))}|\n${'|[ ]'.repeat(n(4000))}|`, true, 0),
    framed('scheme-like run a:a:', `- [ ] ${'a:'.repeat(n(47000))}`, false),
    framed('dot run a.a.', `- [ ] ${'a.'.repeat(n(47000))}`, false),
    framed('backtick runs', `- [ ] ${Array.from({ length: n(3000) }, (_, i) => `${'`'.repeat((i % 50) + 1)}a`).join('')}`, false),
    framed('angle bracket run <a', `- [ ] ${'<a'.repeat(n(30000))}`, false),
    {
      name: 'mixed CRLF, LF and CR',
      text: `# Mixed\r\n\r\n## A\n\r- [ ] one\r\n- [x] two\n- [ ] three\r${'\r\n- [ ] more\n- [x] more\r'.repeat(n(300))}`,
      degrades: false,
      tasks: 3 + 2 * n(300),
    },
    {
      name: 'hostile item in mixed CRLF',
      text: `# Mixed\r\n\r\n## A\r\n\r\n- [ ] one\r\n- [x] two\n- [ ] ${'*a_'.repeat(n(8000))}\r\n\r\n## B\r- [ ] three\r\n`,
      degrades: true,
      tasks: 4,
    },
  ];
}
