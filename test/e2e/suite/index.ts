// Tests module for the suite e2e run: VS Code calls run() in the extension host once the window is up.
import * as path from 'node:path';
import { runMochaIn } from '../support/mocha.ts';

export function run(): Promise<void> {
  return runMochaIn(path.resolve(__dirname), 'suite');
}
