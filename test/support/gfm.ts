/** An independent GFM task count: a plain remark-gfm parse, nothing of Preflight's own code. */
import type { Nodes } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const withFrontMatter = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const plain = unified().use(remarkParse).use(remarkGfm).freeze();

/**
 * micromark-extension-frontmatter#5: an opening `---` that never closes keeps every later list from
 * opening. Front matter needs its closing fence, so without one the reference parses without the extension.
 */
function closesFrontMatter(text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  return /^\uFEFF?---[ \t]*$/.test(lines[0]) && lines.length > 1 && lines.slice(1).some((l) => /^---[ \t]*$/.test(l));
}

export interface TaskCount {
  total: number;
  done: number;
  /** 1-based start line of each task item, in document order. */
  lines: number[];
}

export function remarkTaskCount(text: string): TaskCount {
  const count: TaskCount = { total: 0, done: 0, lines: [] };
  const walk = (node: Nodes) => {
    if (node.type === 'listItem' && typeof node.checked === 'boolean') {
      count.total++;
      if (node.checked) count.done++;
      count.lines.push(node.position?.start.line ?? 0);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk((closesFrontMatter(text) ? withFrontMatter : plain).parse(text));
  return count;
}
