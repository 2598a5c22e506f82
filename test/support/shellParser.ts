/**
 * Tests that read shell text, directly or through core (ECS targets, code lenses, the outline), call this at
 * the top of the file: it loads the real bash parser from node_modules before the file's first test, as the
 * language server and the CLI do at startup.
 */
import { before } from 'node:test';
import { initShellParser } from '../../server/src/shell/load.ts';

export function withShellParser(): void {
  before(() => initShellParser());
}
