/**
 * Which variables a step's bash script needs that nothing provides, so the user is asked for them instead of
 * the script running with empty values. Read from the bash parser's model (server/src/shell): no vscode, no I/O.
 */
import { parseShell } from '../../../server/src/shell/current';

/** Set by bash itself or by any login session: never worth asking for. */
const SHELL_NAMES = new Set([
  'HOME',
  'PATH',
  'PWD',
  'OLDPWD',
  'USER',
  'LOGNAME',
  'SHELL',
  'TERM',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'HOSTNAME',
  'HOSTTYPE',
  'OSTYPE',
  'MACHTYPE',
  'UID',
  'EUID',
  'PPID',
  'GROUPS',
  'IFS',
  'RANDOM',
  'SRANDOM',
  'LINENO',
  'SECONDS',
  'EPOCHSECONDS',
  'EPOCHREALTIME',
  'SHLVL',
  'REPLY',
  'OPTARG',
  'OPTIND',
  'OPTERR',
  'PIPESTATUS',
  'FUNCNAME',
  'BASH',
  'BASHPID',
  'BASH_SOURCE',
  'BASH_LINENO',
  'BASH_VERSION',
  'BASH_VERSINFO',
  'BASH_REMATCH',
  'BASH_COMMAND',
  'DIRSTACK',
  'COLUMNS',
  'LINES',
  'PS1',
  'PS2',
  'PS4',
  'HISTFILE',
]);

/**
 * Names the script expands (`$VAR`, `${VAR}`, `${VAR:?msg}`) that are neither set by bash, assigned in the
 * script (before or after the use, any way bash assigns: `A=1`, `export`, `read`, `for A in`, …), nor `known`
 * (the caller's environment and front matter), in order of first use. `${VAR:-x}`, `${VAR=x}` and `${VAR:+x}`
 * do not count: the script copes with the variable being unset.
 */
export function unsetVariables(script: string, known: ReadonlySet<string> | ((name: string) => boolean)): string[] {
  const isKnown = typeof known === 'function' ? known : (name: string) => known.has(name);
  const { variables, assignments } = parseShell(script);
  const assigned = new Set(assignments.map((a) => a.name));
  const names = variables.filter((v) => !v.hasDefault).map((v) => v.name);
  return [...new Set(names)].filter((name) => name !== '_' && !SHELL_NAMES.has(name) && !assigned.has(name) && !isKnown(name));
}

/** Whether a value for `name` should be typed like a password and kept out of notes: API_KEY, GITHUB_TOKEN, dbPassword. */
export function isSecretName(name: string): boolean {
  if (/TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|PRIVATE|APIKEY|WEBHOOK/i.test(name)) return true;
  // Short markers only as whole parts of the name, so KEYBOARD and MONKEY stay visible (PWD alone is the folder).
  const parts = name.split(/_+|(?<=[a-z0-9])(?=[A-Z])/).map((part) => part.toUpperCase());
  return name !== 'PWD' && parts.some((part) => ['KEY', 'PASS', 'PWD', 'PAT', 'CREDS'].includes(part));
}
