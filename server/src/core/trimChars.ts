/**
 * Trimming a set of characters from the ends of a string with a loop: `replace(/[x]+$/)` tries every
 * start position in a long run of `x` that is followed by something else, which is quadratic.
 */

/** Which characters to trim: the characters of a string, or a class such as `/[*_\s]/` tested on one character. */
export type CharSet = string | RegExp;

const has = (set: CharSet, c: string) => (typeof set === 'string' ? set.includes(c) : set.test(c));

/** `text` without the characters of `set` at its end. */
export function trimEndChars(text: string, set: CharSet): string {
  let end = text.length;
  while (end > 0 && has(set, text[end - 1])) end--;
  return text.slice(0, end);
}

/** `text` without the characters of `set` at its start. */
export function trimStartChars(text: string, set: CharSet): string {
  let start = 0;
  while (start < text.length && has(set, text[start])) start++;
  return text.slice(start);
}
