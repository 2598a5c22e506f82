/** `node:crypto` in the web build (scripts/build.mjs): hashes of git objects, which the web never reads. */
import { unavailable } from './unavailable.js';

export function createHash(): never {
  return unavailable('node:crypto (createHash)');
}
