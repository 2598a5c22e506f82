import { stripTerminalEscapes } from '../text/plainText.js';

/** Where a command writes; injected so a command never touches process globals itself. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** ANSI colours are wanted (stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
  cwd: string;
}

export function processIo(): Io {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    // Messages on stderr are never coloured, and may quote document text: no escape sequence gets through.
    err: (text) => void process.stderr.write(stripTerminalEscapes(text.endsWith('\n') ? text : `${text}\n`)),
    color: Boolean(process.stdout.isTTY) && !noColor,
    cwd: process.cwd(),
  };
}
