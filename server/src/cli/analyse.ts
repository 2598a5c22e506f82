import { parseChecklist } from '../core/checklist.js';
import type { Checklist } from '../core/model.js';

/** The core never throws on text; if it ever does, say so as a bug with the file named, not a stack trace. */
export class InternalError extends Error {}

export function analyse(name: string, text: string): Checklist {
  try {
    return parseChecklist(text);
  } catch (error) {
    throw new InternalError(`internal error while parsing ${name}: ${(error as Error).message}. This is a bug in preflight; please report it with the file attached.`, { cause: error });
  }
}
