/** `node:fs/promises` in the web build (scripts/build.mjs): web-tree-sitter reads a grammar by path on Node only. */
import { unavailable } from './unavailable.js';

export function readFile(): never {
  return unavailable('the file system (fs/promises.readFile)');
}
