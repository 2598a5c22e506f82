// Shared body of the tests modules (suite/index.ts, restricted/index.ts, packaged/index.ts): mocha with
// the TDD ui (suite/test/setup/teardown), spec reporter to console.log (which reaches the harness through
// codeAutomationLog under code-server, and stdout under @vscode/test-electron), over the bundled
// *.test.js beside the entry.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The launcher reads this line to count tests per part. */
export const RESULT_MARKER = 'PREFLIGHT_E2E_RESULT';

export async function runMochaIn(dir: string, label: string): Promise<void> {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
  if (files.length === 0) throw new Error(`${label}: no *.test.js in ${dir}; build them with \`node test/e2e/build.mjs\``);

  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.PREFLIGHT_E2E_TIMEOUT_MS) || 60_000,
    ...(process.env.PREFLIGHT_E2E_GREP ? { grep: process.env.PREFLIGHT_E2E_GREP } : {}),
  });
  for (const file of files) mocha.addFile(file);

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
    } catch (err) {
      reject(err);
    }
  });
  console.log(`${RESULT_MARKER} ${JSON.stringify({ label, passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
  if (stats.failures > 0) throw new Error(`${label}: ${stats.failures} e2e test(s) failed`);
  if (stats.passes === 0)
    throw new Error(`${label}: no test ran${process.env.PREFLIGHT_E2E_GREP ? ` (grep ${process.env.PREFLIGHT_E2E_GREP})` : ''}`);
}
