/** `node:child_process` in the web build (scripts/build.mjs): git, the only program the server runs, fails. */
import { unavailable } from './unavailable.js';

export function execFile(file: string): never {
  return unavailable(file);
}

export function spawnSync(file: string): never {
  return unavailable(file);
}
