/** `node:os` in the web build (scripts/build.mjs): no temporary folder in a browser. */
import { unavailable } from './unavailable.js';

export function tmpdir(): never {
  return unavailable('a temporary folder (os.tmpdir)');
}
