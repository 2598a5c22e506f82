/** `node:fs` in the web build (scripts/build.mjs): a browser has no file system to read. */
import { unavailable } from './unavailable.js';

const fs = (name: string) => (): never => unavailable(`the file system (fs.${name})`);

export const existsSync = fs('existsSync');
export const mkdtempSync = fs('mkdtempSync');
export const readFileSync = fs('readFileSync');
export const realpathSync = fs('realpathSync');
export const rmSync = fs('rmSync');
export const statSync = fs('statSync');
export const writeFileSync = fs('writeFileSync');
