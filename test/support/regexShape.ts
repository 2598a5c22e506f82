/**
 * A structural check that a regular expression cannot backtrack for long in V8, read from its source:
 * the linear-guards test runs it on every pattern in the server, so a new super-linear one fails without
 * any timing. Conservative: it may reject a pattern that is in fact linear (rewrite or bound that one).
 *
 * An unbounded repetition (`*`, `+`, `{n,}`) is accepted only where no attempt can scan far and then fail:
 * - the pattern is anchored at its start (`^`, or the y flag), so there is one attempt (with the m flag,
 *   one per line); or
 * - only optional pieces follow it in its top-level alternative (no assertion, nothing required), so the
 *   attempt succeeds where the repetition stops: `\s+` in a split, an escape sequence with an optional tail.
 * Anywhere else (`-+$`, `\((?:if[^)]*)\)` against `(if (if (if …`) each start can scan to the end and
 * fail: quadratic. A repeated group that holds a repetition (`(\s*\S+)*`) is rejected even when anchored.
 *
 * `bounded: true` is the stricter rule for patterns run over untrusted output (run-note redaction): every
 * unbounded repetition is reported, anchored or not.
 */
export function superLinear(re: RegExp, { bounded = false } = {}): string[] {
  const src = re.source;
  const problems: string[] = [];
  const sticky = re.flags.includes('y');
  const frames: { inner: boolean }[] = [{ inner: false }];
  let anchored = sticky;
  let atAltStart = true;
  /** Unbounded repetitions at depth 0 of this alternative that nothing required has followed yet. */
  let pending: number[] = [];
  /** Unbounded repetitions inside groups, or followed by something required: fine only when anchored. */
  let risky: number[] = [];
  /** The depth-0 atom just read, until its quantifier (if any) is known. */
  let atom: { required: boolean; assertion: boolean } | undefined;
  let lastGroupInner = false;
  let justClosedGroup = false;
  const commitAtom = () => {
    if (atom && (atom.required || atom.assertion)) {
      risky.push(...pending);
      pending = [];
    }
    atom = undefined;
  };
  const endAlternative = () => {
    commitAtom();
    if (!anchored)
      for (const at of risky)
        problems.push(`unbounded repetition that can scan and then fail: …${src.slice(Math.max(0, at - 20), at + 1)}`);
    pending = [];
    risky = [];
    anchored = sticky;
    atAltStart = true;
  };
  const startAtom = (assertion: boolean) => {
    if (frames.length === 1) {
      commitAtom();
      atom = { required: true, assertion };
    }
    justClosedGroup = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const depth = frames.length - 1;
    if (depth === 0 && c === '|') {
      endAlternative();
      justClosedGroup = false;
      continue;
    }
    if (c === '^' || c === '$') {
      if (depth === 0 && atAltStart && c === '^') anchored = true;
      atAltStart = false;
      startAtom(true);
      continue;
    }
    atAltStart = false;
    if (c === '\\') {
      const assertion = src[i + 1] === 'b' || src[i + 1] === 'B';
      i++;
      if (src[i] === 'u' && src[i + 1] === '{') i = src.indexOf('}', i);
      else if (src[i] === 'u') i += 4;
      else if (src[i] === 'x') i += 2;
      else if ((src[i] === 'p' || src[i] === 'P') && src[i + 1] === '{') i = src.indexOf('}', i);
      else if (src[i] === 'k' && src[i + 1] === '<') i = src.indexOf('>', i);
      startAtom(assertion);
      continue;
    }
    if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      startAtom(false);
      continue;
    }
    if (c === '(') {
      const lookaround =
        src[i + 1] === '?' &&
        (src[i + 2] === '=' || src[i + 2] === '!' || (src[i + 2] === '<' && (src[i + 3] === '=' || src[i + 3] === '!')));
      if (frames.length === 1) {
        commitAtom();
        atom = { required: true, assertion: lookaround };
      }
      frames.push({ inner: false });
      if (src[i + 1] === '?')
        i += src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!' ? src.indexOf('>', i) - i : src[i + 2] === '<' ? 3 : 2;
      justClosedGroup = false;
      continue;
    }
    if (c === ')') {
      lastGroupInner = frames.pop()!.inner;
      if (lastGroupInner) frames[frames.length - 1].inner = true;
      justClosedGroup = true;
      continue;
    }
    let min = -1;
    let max = 0;
    let width = 1;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d{1,9})(,(\d{0,9}))?\}/.exec(src.slice(i, i + 24));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        width = m[0].length;
      }
    }
    if (min < 0) {
      startAtom(false); // a literal character
      continue;
    }
    if (justClosedGroup && lastGroupInner && max > 1) problems.push(`nested repetition: …${src.slice(Math.max(0, i - 20), i + width)}`);
    if (bounded && max === Infinity) problems.push(`unbounded repetition: …${src.slice(Math.max(0, i - 20), i + width)}`);
    frames[frames.length - 1].inner ||= max > 1;
    i += width - 1;
    if (src[i + 1] === '?') i++; // lazy
    if (frames.length === 1) {
      if (atom && min === 0) atom.required = false;
      if (max === Infinity && !bounded) {
        commitAtom(); // the repetition itself follows what came before it
        pending.push(i);
      }
    } else if (max === Infinity && !bounded) risky.push(i);
    justClosedGroup = false;
  }
  endAlternative();
  return problems;
}
