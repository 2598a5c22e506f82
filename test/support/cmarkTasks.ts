/**
 * The project's own GFM reference count: task list items as cmark-gfm (GitHub's C parser, `apt-get install
 * cmark-gfm`) sees them, read from its XML output. Used when ../shared (and its oracles/gfm-count.mjs) is
 * absent; with ../shared present, conformance.test.ts checks that both counters agree.
 *
 * cmark-gfm 0.29 marks an item checked when `[x]` appears anywhere later on its first line, so with `strict`
 * the state is re-read from the box that follows the item's list marker, at the item's source position.
 */
import { execFile, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TaskItem {
  /** 1-based line of the item's list marker. */
  line: number;
  checked: boolean;
}

export interface TaskCount {
  total: number;
  checked: number;
  items: TaskItem[];
}

export const CMARK_GFM = 'cmark-gfm';
export const INSTALL_CMARK = 'install it: apt-get install -y cmark-gfm (.ci/run does it on CI)';

/** Why cmark-gfm cannot run here, or undefined when it can. */
export function cmarkMissing(): string | undefined {
  const probe = spawnSync(CMARK_GFM, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return `${CMARK_GFM} is not on PATH (${probe.error?.message ?? `exit ${probe.status}`}): ${INSTALL_CMARK}`;
  return undefined;
}

/** `<tasklist sourcepos="L:C-…" completed="…">`: text content is escaped in the XML, so only elements match. */
const TASKLIST = /<tasklist sourcepos="(\d+):(\d+)-\d+:\d+" completed="(true|false)"/g;
/** A list marker, spaces or tabs, the box: what cmark-gfm's tasklist extension accepts at the item's start. */
const MARKER_AND_BOX = /^(?:[-+*]|\d{1,9}[.)])[ \t]+\[([ xX])\]/;

/** Task items of a markdown file per cmark-gfm, in document order. */
export async function cmarkTasks(file: string, strict = true): Promise<TaskCount> {
  const [{ stdout }, bytes] = await Promise.all([
    run(CMARK_GFM, ['--extension', 'tasklist', '--to', 'xml', '--sourcepos', file], { encoding: 'utf8', maxBuffer: 256 << 20 }),
    readFile(file),
  ]);
  // cmark-gfm counts lines at LF, CRLF and a lone CR, and columns in bytes: so do we, on the raw bytes.
  const lines = bytes.toString('latin1').split(/\r\n|\r|\n/);
  const items: TaskItem[] = [];
  for (const m of stdout.matchAll(TASKLIST)) {
    const line = Number(m[1]);
    let checked = m[3] === 'true';
    if (strict) {
      const at = (lines[line - 1] ?? '').slice(Number(m[2]) - 1);
      const box = MARKER_AND_BOX.exec(at);
      if (!box)
        throw new Error(
          `${file}:${line}:${m[2]}: cmark-gfm reports a task item, but no list marker and box start there: ${JSON.stringify(at.slice(0, 40))}`,
        );
      checked = box[1] !== ' ';
    }
    items.push({ line, checked });
  }
  return { total: items.length, checked: items.filter((i) => i.checked).length, items };
}
