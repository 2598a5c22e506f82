/**
 * Which variables a step's bash script needs that nothing provides, so the user is asked for them instead of
 * the script running with empty values. Pure: no vscode, no I/O, so unit tests run it directly.
 */

/** Set by bash itself or by any login session: never worth asking for. */
const SHELL_NAMES = new Set([
  'HOME', 'PATH', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'TMPDIR', 'HOSTNAME',
  'HOSTTYPE', 'OSTYPE', 'MACHTYPE', 'UID', 'EUID', 'PPID', 'GROUPS', 'IFS', 'RANDOM', 'SRANDOM', 'LINENO', 'SECONDS',
  'EPOCHSECONDS', 'EPOCHREALTIME', 'SHLVL', 'REPLY', 'OPTARG', 'OPTIND', 'OPTERR', 'PIPESTATUS', 'FUNCNAME',
  'BASH', 'BASHPID', 'BASH_SOURCE', 'BASH_LINENO', 'BASH_VERSION', 'BASH_VERSINFO', 'BASH_REMATCH', 'BASH_COMMAND',
  'DIRSTACK', 'COLUMNS', 'LINES', 'PS1', 'PS2', 'PS4', 'HISTFILE',
]);

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const isName = (word: string | undefined): word is string => word !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(word);

/**
 * Names the script expands (`$VAR`, `${VAR}`, `${VAR:?msg}`) that are neither set by bash, assigned in the
 * script, nor `known` (the caller's environment and front matter), in order of first use.
 * `${VAR:-x}`, `${VAR=x}` and `${VAR:+x}` do not count: the script copes with the variable being unset.
 */
export function unsetVariables(script: string, known: ReadonlySet<string> | ((name: string) => boolean)): string[] {
  const isKnown = typeof known === 'function' ? known : (name: string) => known.has(name);
  const { names, code } = scan(script);
  const assigned = assignedNames(code);
  return [...new Set(names)].filter((name) => !SHELL_NAMES.has(name) && !assigned.has(name) && !isKnown(name));
}

/** Whether a value for `name` should be typed like a password and kept out of notes: API_KEY, GITHUB_TOKEN, dbPassword. */
export function isSecretName(name: string): boolean {
  if (/TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|PRIVATE|APIKEY|WEBHOOK/i.test(name)) return true;
  // Short markers only as whole parts of the name, so KEYBOARD and MONKEY stay visible (PWD alone is the folder).
  const parts = name.split(/_+|(?<=[a-z0-9])(?=[A-Z])/).map((part) => part.toUpperCase());
  return name !== 'PWD' && parts.some((part) => ['KEY', 'PASS', 'PWD', 'PAT', 'CREDS'].includes(part));
}

/**
 * The names expanded where bash would expand them, without a default, and the script with its here-document
 * bodies cut out (prose like "It's" there would otherwise open a quote). A small scanner that knows single and
 * double quotes, escapes, comments, `$( )`, backticks, `$(( ))`, `${ }` and here-documents.
 */
function scan(s: string): { names: string[]; code: string } {
  const names: string[] = [];
  const pending: { delimiter: string; expands: boolean; tabs: boolean }[] = [];
  const bodies: [number, number][] = [];
  let i = 0;

  /** Unquoted text up to `close` (`)` of `$(`, `}` of `${`, a backtick) or the end. */
  function unquoted(close?: ')' | '}' | '`', { arithmetic = false, inDouble = false } = {}): void {
    let depth = 0; // parentheses opened inside `$( )`, so `$(( (1+2) ))` ends at the right one
    while (i < s.length) {
      const c = s[i];
      if (c === close && !(c === ')' && depth > 0)) {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c === '(' || c === ')') {
        if (close === ')') depth += c === '(' ? 1 : -1;
        i++;
      } else if (c === '\n') {
        i++;
        hereDocumentBodies();
      } else if (c === "'" && !inDouble) i = past(s.indexOf("'", i + 1));
      else if (c === '"') {
        i++;
        doubleQuoted();
      } else if (c === '`') {
        i++;
        unquoted('`');
      } else if (c === '$') dollar(inDouble);
      else if (c === '#' && !arithmetic && close !== '}' && (i === 0 || /[\s;&|()]/.test(s[i - 1]))) i = lineEnd(i);
      else if (c === '<' && s.startsWith('<<<', i)) i += 3; // a here-string is a plain word
      else if (c === '<' && !arithmetic && s.startsWith('<<', i)) hereDocument();
      else i++;
    }
  }

  /** Inside "…" (or an expanding here-document body, `quote` empty): only `$`, backticks and `\` are special. */
  function doubleQuoted(quote: '"' | '' = '"', end = s.length): void {
    while (i < end) {
      const c = s[i];
      if (c === quote) {
        i++;
        return;
      }
      if (c === '\\') i += 2;
      else if (c === '$') dollar(true);
      else if (c === '`') {
        i++;
        unquoted('`');
      } else i++;
    }
  }

  /** At a `$`: a name, a special parameter ($1 $@ $# $? $$ $! $- $_), `${ }`, `$( )`, `$(( ))`, `$'…'` or a plain dollar. */
  function dollar(inDouble: boolean): void {
    const next = s[i + 1];
    i += 2;
    if (next === '{') braced(inDouble);
    else if (next === '(') unquoted(')', { arithmetic: s[i] === '(' });
    else if (next === "'" && !inDouble) {
      while (i < s.length && s[i] !== "'") i += s[i] === '\\' ? 2 : 1;
      i++;
    } else if (next === undefined || !'@*#?$!-0123456789'.includes(next)) {
      NAME.lastIndex = i - 1;
      const name = NAME.exec(s)?.[0] ?? '';
      if (name && name !== '_') names.push(name);
      i += name.length - 1;
    }
  }

  /** After `${`: `${VAR}`, `${#VAR}`, `${!VAR}`, `${VAR%x}`, `${VAR:?x}` use VAR; `${VAR:-x}`, `${VAR=x}`, `${VAR:+x}` provide for it unset. */
  function braced(inDouble: boolean): void {
    const prefixed = (s[i] === '#' || s[i] === '!') && s[i + 1] !== '}';
    if (prefixed) i++;
    NAME.lastIndex = i;
    const name = NAME.exec(s)?.[0];
    if (name) {
      i += name.length;
      const providesDefault = !prefixed && /^:?[-=+]/.test(s.slice(i, i + 2));
      if (name !== '_' && !providesDefault) names.push(name);
    }
    unquoted('}', { inDouble });
  }

  /** At `<<`: remember the delimiter; the body starts on the next line. A quoted delimiter expands nothing. */
  function hereDocument(): void {
    const redirect = /<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|(\\?)([A-Za-z0-9_.-]+))/y;
    redirect.lastIndex = i;
    const m = redirect.exec(s);
    if (!m) return void (i += 2);
    pending.push({ delimiter: m[2] ?? m[3] ?? m[5], expands: m[5] !== undefined && !m[4], tabs: m[1] === '-' });
    i = redirect.lastIndex;
  }

  /** At the start of a line: the bodies of the here-documents opened on the line before. */
  function hereDocumentBodies(): void {
    for (let doc = pending.shift(); doc; doc = pending.shift()) {
      const start = i;
      let end = s.length;
      for (let line = i; line < s.length; line = past(s.indexOf('\n', line))) {
        const text = s.slice(line, past(s.indexOf('\n', line))).replace(/\r?\n$/, '');
        if ((doc.tabs ? text.replace(/^\t+/, '') : text) === doc.delimiter) {
          end = line;
          break;
        }
      }
      if (doc.expands) doubleQuoted('', end);
      i = past(s.indexOf('\n', end));
      bodies.push([start, end]);
    }
  }

  /** Just past the character at `index`, or the end when there is none. */
  const past = (index: number) => (index < 0 ? s.length : index + 1);
  /** The new line ending the line at `from` (a comment stops there, so here-documents still start after it). */
  const lineEnd = (from: number) => (s.indexOf('\n', from) < 0 ? s.length : s.indexOf('\n', from));

  unquoted();
  const code = bodies.reduceRight((text, [start, end]) => text.slice(0, start) + text.slice(end), s);
  return { names, code };
}

/** Names the script itself gives a value: `A=1`, `export A=1`, `local A`, `read -r A`, `for A in`, `printf -v A`. */
function assignedNames(code: string): Set<string> {
  const names = new Set<string>();
  // Arithmetic assigns too: `for ((i = 0; …))`, `(( n += 1 ))`.
  for (const m of code.matchAll(/\(\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-+*/%&|^]?=(?!=)|\+\+|--)/g)) names.add(m[1]);
  for (const words of simpleCommands(code)) {
    let k = 0;
    while (['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{', '}'].includes(words[k])) k++;
    for (let m; (m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])?\+?=/.exec(words[k] ?? '')); k++) names.add(m[1]);
    const [command, ...args] = words.slice(k);
    if (['export', 'local', 'declare', 'typeset', 'readonly'].includes(command)) {
      for (const arg of args) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[|\+?=|$)/.exec(arg);
        if (m) names.add(m[1]);
      }
    } else if (command === 'read') {
      for (let a = 0; a < args.length; a++) {
        const flags = /^-([a-zA-Z]+)$/.exec(args[a])?.[1];
        // -a NAME assigns an array; -d -i -n -N -p -t -u take a value that is not a name.
        if (flags?.endsWith('a') && isName(args[a + 1])) names.add(args[++a]);
        else if (flags && /[diNnptu]$/.test(flags)) a++;
        else if (!flags && isName(args[a])) names.add(args[a]);
      }
    } else if ((command === 'for' || command === 'select') && isName(args[0])) names.add(args[0]);
    else if ((command === 'mapfile' || command === 'readarray') && isName(args.at(-1))) names.add(args.at(-1) as string);
    else if (command === 'getopts' && isName(args[1])) names.add(args[1]);
    else if (command === 'printf' && args[0] === '-v' && isName(args[1])) names.add(args[1]);
  }
  return names;
}

/** The words of each simple command, quotes kept as written: split at blanks, ; & | ( ) and new lines outside quotes. */
function simpleCommands(s: string): string[][] {
  const commands: string[][] = [[]];
  let word = '';
  const endWord = () => {
    if (word) commands[commands.length - 1].push(word);
    word = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') word += s.slice(i, ++i + 1);
    else if (c === "'" || c === '"' || c === '`') {
      const end = closing(s, i);
      word += s.slice(i, end + 1);
      i = end;
    } else if (c === '$' && s[i + 1] === '(') {
      // A command substitution stays one word: `X=$(date +%s)` assigns X.
      const start = i;
      for (let depth = 0, j = i + 1; j < s.length; j++) {
        depth += s[j] === '(' ? 1 : s[j] === ')' ? -1 : 0;
        i = j;
        if (depth === 0) break;
      }
      word += s.slice(start, i + 1);
    } else if (c === '#' && !word) {
      const eol = s.indexOf('\n', i);
      i = eol < 0 ? s.length : eol - 1;
    } else if (/[\s;&|()]/.test(c)) {
      endWord();
      if (c !== ' ' && c !== '\t') commands.push([]);
    } else word += c;
  }
  endWord();
  // Redirections are not arguments: `mapfile -t LINES < file` assigns LINES, not file.
  const withoutRedirections = (words: string[]) => words.filter((w, k) => !/^\d*(?:[<>]|&>)/.test(w) && !/^\d*(?:<|>|>>|&>|>&|<>)$/.test(words[k - 1] ?? ''));
  return commands.map(withoutRedirections).filter((words) => words.length > 0);
}

/** Index of the quote closing the one at `start` (a backslash escapes inside double quotes and backticks). */
function closing(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\' && s[start] !== "'") i++;
    else if (s[i] === s[start]) return i;
  }
  return s.length - 1;
}
