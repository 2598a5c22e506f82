/** Document text quoted in a conflict description: one line, no control or bidi characters, at most 80 characters. */
// eslint-disable-next-line no-control-regex
const BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

export function quoted(text: string): string {
  const line = text.replace(BREAKING, ' ').trim();
  return `"${line.length > 80 ? `${line.slice(0, 79)}…` : line}"`;
}
