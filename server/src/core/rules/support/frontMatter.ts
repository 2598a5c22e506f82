/**
 * Where a value of the front matter sits in the file, for findings about one key: the model keeps the
 * parsed data only, so the YAML between the `---` lines is parsed again (only when there is a finding).
 */
import { isCollection, isMap, isScalar, parseDocument, type Node } from 'yaml';
import type { Checklist, Range } from '../../model.js';
import type { Report, Severity } from '../defineRule.js';
import { lineEnd, rangeOf } from './source.js';

/**
 * The range of the value at `path` (keys and list indexes from the root), or of its key when `key` is set
 * or the value is empty; a mapping or list gives its first line. Undefined when the path is not found.
 */
export function frontMatterRange(checklist: Checklist, path: readonly (string | number)[], key = false): Range | undefined {
  const fm = checklist.frontMatter;
  if (!fm || path.length === 0) return undefined;
  const text = checklist.text;
  // The YAML starts on the line after the opening `---` and ends before the line of the closing one.
  const from = text.indexOf('\n', fm.range.start.offset) + 1;
  const to = text.lastIndexOf('\n', fm.range.end.offset - 1) + 1;
  if (from <= 0 || to < from) return undefined;
  const doc = parseDocument(text.slice(from, to));
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === last) : undefined;
  const keyNode = pair?.key as Node | undefined;
  const value = doc.getIn(path, true) as Node | undefined;
  const node = key || !value?.range || value.range[0] === value.range[1] ? (keyNode ?? value) : value;
  if (!node?.range) return undefined;
  const start = from + node.range[0];
  const end = isCollection(node) ? Math.min(lineEnd(text, start), from + node.range[1]) : from + node.range[1];
  return rangeOf(checklist, start, Math.max(start, end));
}

/** A mistake under one front-matter key, at the key or value `path` names. */
export interface KeyProblem {
  message: string;
  path: readonly (string | number)[];
  key?: boolean;
  severity?: Severity;
}

/**
 * Reports each problem at the key or value it names, or on the whole front matter when that is not found.
 * Only for front matter that parses: front-matter-yaml speaks for the rest.
 */
export function reportKeyProblems(checklist: Checklist, problems: readonly KeyProblem[], report: Report): void {
  const fm = checklist.frontMatter;
  if (!fm || fm.error) return;
  for (const problem of problems) {
    report({
      message: `Front matter ${problem.message}.`,
      range: frontMatterRange(checklist, problem.path, problem.key) ?? fm.range,
      ...(problem.severity ? { severity: problem.severity } : {}),
    });
  }
}
