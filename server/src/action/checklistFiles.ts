/**
 * Which files the action checks: on a pull request the checklists changed since the merge base, read at the
 * head commit; otherwise the checklists of the workspace. A file is a checklist as the editor decides:
 * front matter `preflight: true|false` first, else the `files` globs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { matchesAny } from '../core/globs.js';
import { optedIn } from '../core/selector.js';
import { HAS_BREAKING, TERMINAL_ESCAPES } from '../text/plainText.js';
import { blobAt, changedPaths, type ChangedPath, trackedFiles } from './gitRead.js';

export interface ChecklistFile extends ChangedPath {
  /** The file's bytes as checked (at the head commit, or in the workspace). */
  bytes: Buffer;
}

export interface Selection {
  files: ChecklistFile[];
  /** Markdown files left out because their name holds a control character (it would break logs and links). */
  unsafeNames: number;
}

const MARKDOWN = /\.(?:md|markdown)$/i;

export function isChecklist(path: string, bytes: Buffer, globs: readonly string[]): boolean {
  if (!MARKDOWN.test(path)) return false;
  return optedIn(bytes.subarray(0, 64 * 1024).toString('utf8')) ?? matchesAny(path, globs);
}

/** A name with a line break, an escape or another control character is no checklist name. */
export function unsafeName(path: string): boolean {
  TERMINAL_ESCAPES.lastIndex = 0;
  return HAS_BREAKING.test(path) || TERMINAL_ESCAPES.test(path);
}

export async function changedChecklists(cwd: string, mergeBase: string, head: string, globs: readonly string[]): Promise<Selection> {
  const selection: Selection = { files: [], unsafeNames: 0 };
  for (const changed of await changedPaths(cwd, mergeBase, head)) {
    if (!MARKDOWN.test(changed.path)) continue;
    if (unsafeName(changed.path)) {
      selection.unsafeNames++;
      continue;
    }
    const bytes = await blobAt(cwd, head, changed.path);
    if (bytes && isChecklist(changed.path, bytes, globs)) selection.files.push({ ...changed, bytes });
  }
  return selection;
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

export async function workspaceChecklists(cwd: string, globs: readonly string[]): Promise<Selection> {
  const selection: Selection = { files: [], unsafeNames: 0 };
  const paths = (await trackedFiles(cwd)) ?? walk(cwd, cwd);
  for (const path of paths.sort()) {
    if (!MARKDOWN.test(path)) continue;
    if (unsafeName(path)) {
      selection.unsafeNames++;
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(cwd, path));
    } catch {
      continue; // tracked but deleted in the working tree
    }
    if (isChecklist(path, bytes, globs)) selection.files.push({ path, bytes });
  }
  return selection;
}

/** Files under `dir` relative to `top`, with `/`: for a workspace that is not a git clone. */
function walk(top: string, dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(top, join(dir, entry.name), out);
    else if (entry.isFile()) out.push(relative(top, join(dir, entry.name)).split(sep).join('/'));
  }
  return out;
}
