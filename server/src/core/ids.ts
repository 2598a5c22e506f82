import { trimEndChars } from './trimChars.js';

/** GitHub-style slug: lower case, letters, digits, `-` and `_`, spaces to dashes. */
export function slug(text: string, max = 60): string {
  const s = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
  return trimEndChars(s.slice(0, max), '-') || 'untitled';
}

/** Hands out ids unique within one document: `x`, then `x~2`, `x~3`. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();

  take(base: string): string {
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n === 1 ? base : `${base}~${n}`;
  }
}
