/**
 * Document text on its way out (commit messages and trailers, the terminal, workflow logs, generated
 * markdown): one line, and nothing a terminal or a log reader would act on. A checklist can come from
 * someone else's pull request, so its titles, role names and item text are data, never layout.
 *
 * Every pattern is a character class or a sequence of disjoint classes with at most one optional tail:
 * each match either succeeds where it starts or consumes what it scanned, so the work is linear.
 */

/**
 * Terminal control sequences (ECMA-48): string controls (OSC, DCS, SOS, PM, APC) up to their
 * terminator (BEL, ESC \ or ST) or the end of the text, CSI with parameters, other ESC sequences,
 * and any C1 control left over (their 8-bit forms included).
 */
export const TERMINAL_ESCAPES = new RegExp(
  [
    String.raw`(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?`,
    String.raw`(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?`,
    String.raw`\u001b[\u0020-\u002f]*[\u0030-\u007e]?`,
    String.raw`[\u0080-\u009f]`,
  ].join('|'),
  'g',
);

/** Characters that break a line or reorder it: C0 and C1 controls, DEL, line and paragraph separators, bidi overrides and isolates. */
const BREAKING = String.raw`\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069`;
export const BREAKING_RUN = new RegExp(`[ ${BREAKING}]+`, 'g');
export const HAS_BREAKING = new RegExp(`[${BREAKING}]`);

/** Removes terminal escape sequences and C1 controls; other text stays as it is. */
export function stripTerminalEscapes(text: string): string {
  return text.replace(TERMINAL_ESCAPES, '');
}

/**
 * One line: every run of control, separator and bidi characters (with the spaces around it) becomes one
 * space, and the ends are trimmed. Runs of plain spaces stay as they are.
 */
export function oneLine(text: string): string {
  // A run of spaces and breaking characters is replaced only when it holds a breaking one, which keeps
  // the pattern free of backtracking (a run of spaces alone is matched once and given back).
  return text.replace(BREAKING_RUN, (run) => (HAS_BREAKING.test(run) ? ' ' : run)).trim();
}

/** What every piece of document text goes through before it is printed: escapes gone, then one line. */
export function plainLine(text: string): string {
  return oneLine(stripTerminalEscapes(text));
}
