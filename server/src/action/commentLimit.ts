/**
 * GitHub takes comments of at most 65536 characters. A longer report is cut after the last whole checklist
 * section that fits (else after the last whole line), any <details> the cut left open is closed, and a line
 * points to the job summary, which holds everything.
 */
export const COMMENT_LIMIT = 65536;
/** GitHub counts characters, JavaScript UTF-16 units: an emoji is 2 here, so the count errs on the safe side. */
const ROOM_FOR_NOTE = 600;

export function capBody(body: string, limit: number, fullReport: string): string {
  if (body.length <= limit) return body;
  const budget = limit - ROOM_FOR_NOTE;
  const head = body.slice(0, budget);
  const section = head.lastIndexOf('\n\n---\n\n');
  let cut = section > 0 ? head.slice(0, section) : head.slice(0, Math.max(0, head.lastIndexOf('\n')));
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  cut += `${'\n\n</details>'.repeat(Math.max(0, open))}`;
  return `${cut}\n\n---\n\n_✂️ Cut here: the whole report is longer than GitHub allows in a comment (${limit} characters). ${fullReport}_\n`;
}
