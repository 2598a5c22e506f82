/**
 * What bash runs for a step. Pure: no vscode, no I/O, so unit tests run it directly.
 */

/** Fence languages that show a terminal session (GitHub's aliases of ShellSession): prompts and output mixed. */
const SESSIONS = new Set(['console', 'shellsession', 'shell-session', 'bash-session', 'sh-session']);

/** A `$ ` prompt, or a bare `$` on its own line; indentation before it is allowed. */
const PROMPT = /^[ \t]*\$(?:[ \t]|$)/;

/**
 * The script for a step of fence language `kind` (`bash`, `console`, …, or `inline` for an inline command).
 * A session keeps only its `$ ` lines without the prompt, plus the lines a trailing backslash continues;
 * output lines go, since bash would run them. Anything else runs as written, less trailing new lines.
 */
export function scriptOf(kind: string, command: string): string {
  const text = command.replace(/(?:\r?\n)+$/, '');
  if (!SESSIONS.has(kind.trim().toLowerCase())) return text;
  const lines: string[] = [];
  let continued = false; // the line before ended in a backslash: this one is part of its command
  for (const line of text.split(/\r?\n/)) {
    if (continued) lines.push(line);
    else if (PROMPT.test(line) && line.replace(PROMPT, '').trim() !== '') lines.push(line.replace(PROMPT, ''));
    else continue; // output, or a bare prompt that runs nothing
    continued = line.endsWith('\\');
  }
  return lines.join('\n');
}
