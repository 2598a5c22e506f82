// Tests module of the web parts (test/e2e/run.mjs parts `web` and `vscode-web`), run by VS Code in the
// WEB-WORKER extension host: no Node, no file system, no child processes. Bundled by lib/web.mjs for the
// browser (format cjs, vscode external) into the copy of the extension under test, because the tests
// module must lie inside the extension folder. Mocha is its browser build in TDD ui, as in VS Code's
// helloworld-web-sample; a small reporter prints one line per test and the counts for the launcher.
import './hostAtLoad.ts';
import 'mocha/mocha';
import { registerWebTests } from './web.test.ts';

/** The launcher reads this line to count tests per part (the same marker as support/mocha.ts). */
const RESULT_MARKER = 'PREFLIGHT_E2E_RESULT';

interface TestLike {
  fullTitle(): string;
  duration?: number;
}
interface RunnerLike {
  on(event: 'pass' | 'pending', listener: (test: TestLike) => void): void;
  on(event: 'fail', listener: (test: TestLike, err: Error) => void): void;
}
interface BrowserMocha {
  setup(options: { ui: 'tdd'; reporter: unknown; timeout: number; grep?: string }): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
}

/** One line per test, in the spec reporter's words; a skipped test says so (and fails the run, below). */
function LineReporter(this: unknown, runner: RunnerLike) {
  runner.on('pass', (t) => console.log(`  ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
  runner.on('fail', (t, err) =>
    console.log(
      `  ✘ ${t.fullTitle()}\n      ${String(err?.stack ?? err)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    ),
  );
  runner.on('pending', (t) => console.log(`  - SKIPPED ${t.fullTitle()}`));
}

export function run(): Promise<void> {
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  const label = 'web';
  return new Promise((resolve, reject) => {
    try {
      mocha.setup({ ui: 'tdd', reporter: LineReporter, timeout: 60_000 });
      registerWebTests();
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures: Math.max(1, failures), pending: 0 };
        console.log(
          `${RESULT_MARKER} ${JSON.stringify({ label, passes: stats.passes, failures: stats.failures, pending: stats.pending })}`,
        );
        if (failures > 0) reject(new Error(`${label}: ${failures} e2e test(s) failed`));
        // A skipped check never passes: a pending test fails the run.
        else if (stats.pending > 0) reject(new Error(`${label}: ${stats.pending} test(s) skipped`));
        else if (stats.passes === 0) reject(new Error(`${label}: no test ran`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
