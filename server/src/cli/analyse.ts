import { parseChecklist } from '../core/checklist.js';
import type { Checklist } from '../core/model.js';
import { CliError, EXIT } from './errors.js';
import type { Io } from './io.js';
import { readInput } from './readInput.js';

/** The core never throws on text; if it ever does, say so as a bug with the file named, not a stack trace. */
export class InternalError extends Error {}

export function analyse(name: string, text: string): Checklist {
  try {
    return parseChecklist(text);
  } catch (error) {
    throw new InternalError(
      `internal error while parsing ${name}: ${(error as Error).message}. This is a bug in preflight; please report it with the file attached.`,
      { cause: error },
    );
  }
}

/**
 * Reads and analyses each file in turn (`-` is stdin, shown as `<stdin>`). A file that cannot be read is
 * reported and makes the result EXIT.usage, and the others still go on, so one bad path hides nothing.
 */
export function forEachChecklist(files: readonly string[], io: Io, visit: (file: string, checklist: Checklist) => void): number {
  let code: number = EXIT.ok;
  for (const name of files) {
    const file = name === '-' ? '<stdin>' : name;
    try {
      visit(file, analyse(file, readInput(name, io.cwd).text));
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`preflight: ${error.message}`);
      code = EXIT.usage;
    }
  }
  return code;
}
