/** bin `preflight`: report / check / diff / signoffs of markdown checklists, for CI and pull requests; new ones from templates. */
import { runMain } from '../cli/dispatch.js';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `preflight report … | head` closes the pipe early; that is not a failure worth a stack trace.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runMain(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
