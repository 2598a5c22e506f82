/**
 * Why a step deserves a confirmation before it runs. A heuristic behind an explicit click, on purpose: a false
 * alarm costs one click, a missed one can cost production; it is no sandbox. Reasons read after "This step …",
 * so each is a verb phrase. Commands come from the bash parser's model (server/src/shell), so names are those
 * bash runs (`r''m` is rm, `sudo env X=1 rm` runs rm). Pure: no vscode, no I/O, so unit tests run it directly.
 */
import { hasShellParser, parseShell } from '../../../server/src/shell/current';
import { baseName, type Invocation, invocationOf } from '../../../server/src/shell/invocation';
import type { ShellCommand, ShellScript, ShellWord } from '../../../server/src/shell/model';

export const REASONS = {
  rm: 'deletes files recursively (rm -rf)',
  sql: 'drops or truncates a database table',
  dropdb: 'drops a database (dropdb)',
  kubectl: 'deletes Kubernetes resources',
  terraformApply: 'changes infrastructure (terraform apply)',
  terraformDestroy: 'destroys infrastructure (terraform destroy)',
  awsUpdate: 'updates an AWS service (aws … update-service)',
  awsDelete: 'deletes AWS resources (aws … delete-…)',
  prismaDeploy: 'deploys database migrations (prisma migrate deploy)',
  prismaReset: 'resets the database (prisma migrate reset)',
  force: 'forces an operation (--force)',
  pipeShell: 'pipes into a shell or interpreter (| sh)',
  runtimeCode: 'runs code fetched or built at run time (source <(curl …), bash -c "$(…)")',
  eval: 'evaluates text as code (eval)',
  dynamicName: 'runs a command whose name is known only at run time ($cmd, $(…))',
  hiddenName: "hides a command name in quotes or escapes (r''m, \\rm)",
  unreadable: 'could not be read as shell; check it before running',
  production: 'names production',
} as const;
type Reason = (typeof REASONS)[keyof typeof REASONS];

/** Most specific first: `dangerOf` shows the first that applies, and "names production" says the least. */
const ORDER: Reason[] = Object.values(REASONS);

/** Programs that run a program read from standard input when given no script (`curl … | sh`). */
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'fish', 'ash', 'busybox']);
const INTERPRETERS = new Set([
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'nodejs',
  'deno',
  'bun',
  'php',
  'lua',
  'pwsh',
  'powershell',
  'osascript',
  'Rscript',
  'tclsh',
]);
/** Options whose value is the program itself: `bash -c 'x'` (and `-xc`); `python -c`, `node -e`, `perl -E`, `python -m mod`. */
const INLINE_PROGRAM = { shell: /^-[a-zA-Z]*c$/, interpreter: /^-(?:[a-zA-Z]*[ceE]|m|p|-eval|-print|-command)$/ };
/** How deep `bash -c "ssh host 'sh -c …'"` is followed. */
const MAX_DEPTH = 3;

/** Every reason that applies, most specific first, each once. */
export function dangersOf(command: string): string[] {
  if (!hasShellParser()) return [REASONS.unreadable];
  const found = new Set<Reason>();
  classify(command, 0, found);
  return ORDER.filter((reason) => found.has(reason));
}

/** The reason to confirm before running `command` (a one-liner or a whole script), or undefined when it looks safe. */
export function dangerOf(command: string): string | undefined {
  return dangersOf(command)[0];
}

function classify(text: string, depth: number, found: Set<Reason>): void {
  const script = parseShell(text);
  if (script.errors.length > 0) found.add(REASONS.unreadable);
  for (const line of logicalLines(script.code)) {
    // SQL keywords only before what they destroy, so `echo drop it` stays safe; `truncate -s 0 file` is not SQL.
    if (
      /\bdrop\s+(?:table|database|schema|index|view|materialized\s+view|column|sequence)\b|\btruncate\s+(?:table\b|only\b|[\w."]+\s*(?:;|,|["'`]|$|cascade\b|restart\b|continue\b))/i.test(
        line,
      )
    )
      found.add(REASONS.sql);
    // A word, not a substring: prod-cluster and NODE_ENV=production name it; product and reproduce do not.
    if (/(?<![a-z0-9])prod(?:uction)?(?![a-z0-9])/i.test(line)) found.add(REASONS.production);
  }
  const downloads = downloadedFiles(script);
  for (const command of script.commands) {
    if (command.words.some((w) => /^--force(?:=|$|-with-lease|-if-includes)/.test(w.value ?? ''))) found.add(REASONS.force);
    const split = envSplitString(command);
    if (split) inner(approximate(split), depth, found);
    const invocation = invocationOf(command);
    if (!invocation) continue;
    for (const run of [invocation, ...findExec(invocation)]) classifyInvocation(run, command, downloads, depth, found);
  }
}

function classifyInvocation(run: Invocation, command: ShellCommand, downloads: Set<string>, depth: number, found: Set<Reason>): void {
  const chain = [...run.through, run.name];
  if (chain.some((w) => w.value === undefined)) found.add(REASONS.dynamicName);
  else if (chain.some((w) => w.quoted && !/\s/.test(w.value ?? ''))) found.add(REASONS.hiddenName);
  const name = baseName(run.name);
  if (name === undefined) return;
  const args = run.args.map((w) => w.value ?? '');
  const operands = args.filter((a) => !a.startsWith('-'));
  const sub = (after: string) => (operands.includes(after) ? args.slice(args.indexOf(after) + 1) : undefined);

  switch (name) {
    case 'rm':
      if (args.some((a) => /^-[a-zA-Z]*[rR]/.test(a) || a === '--recursive')) found.add(REASONS.rm);
      break;
    case 'git': {
      // `git rm -r` deletes the tree too; `git rm -r --cached` only untracks.
      const rm = sub('rm');
      if (rm && !rm.includes('--cached') && rm.some((a) => /^-[a-zA-Z]*r/.test(a))) found.add(REASONS.rm);
      // git push: -f (alone or in a cluster like -uf) and a `+main` refspec force as well.
      const push = sub('push');
      if (push?.some((a) => /^-[a-zA-Z]*f[a-zA-Z]*$/.test(a) || /^\+\S/.test(a))) found.add(REASONS.force);
      break;
    }
    case 'dropdb':
      found.add(REASONS.dropdb);
      break;
    case 'kubectl':
      if (args.includes('delete')) found.add(REASONS.kubectl);
      break;
    case 'terraform':
    case 'tofu':
    case 'terragrunt':
      if (operands[0] === 'apply') found.add(REASONS.terraformApply);
      if (operands[0] === 'destroy') found.add(REASONS.terraformDestroy);
      break;
    case 'aws':
      if (args.includes('update-service')) found.add(REASONS.awsUpdate);
      if (
        operands.some((a) => /^(?:delete|terminate|deregister)-/.test(a)) ||
        (operands[0] === 's3' && (operands[1] === 'rm' || operands[1] === 'rb'))
      )
        found.add(REASONS.awsDelete);
      break;
    case 'prisma':
      if (operands.join(' ').startsWith('migrate deploy')) found.add(REASONS.prismaDeploy);
      if (operands.join(' ').startsWith('migrate reset')) found.add(REASONS.prismaReset);
      break;
    case 'eval':
      found.add(REASONS.eval);
      if (run.args.some(builtAtRunTime)) found.add(REASONS.runtimeCode);
      inner(run.args.map(approximate).join(' '), depth, found);
      break;
    case 'source':
    case '.': {
      const file = run.args[0];
      if (file && (builtAtRunTime(file) || /^\/dev\/(?:stdin|fd\/)/.test(file.value ?? '') || downloads.has(path(file))))
        found.add(REASONS.runtimeCode);
      break;
    }
    case 'ssh':
      inner(sshRemoteCommand(run.args), depth, found);
      break;
    case 'su':
    case 'runuser': {
      const c = args.findIndex((a) => a === '-c' || a === '--command');
      if (c >= 0 && run.args[c + 1]) inner(approximate(run.args[c + 1]), depth, found);
      break;
    }
    default:
      if (SHELLS.has(name) || INTERPRETERS.has(name)) interpreter(name, run, command, downloads, depth, found);
  }
}

/** A shell or interpreter: where its program comes from. */
function interpreter(
  name: string,
  run: Invocation,
  command: ShellCommand,
  downloads: Set<string>,
  depth: number,
  found: Set<Reason>,
): void {
  const inlineFlag = SHELLS.has(name) ? INLINE_PROGRAM.shell : INLINE_PROGRAM.interpreter;
  const inline = run.args.findIndex((w) => inlineFlag.test(w.value ?? ''));
  if (inline >= 0) {
    const program = run.args[inline + 1];
    if (program && builtAtRunTime(program)) found.add(REASONS.runtimeCode);
    // `bash -c 'rm -rf x'`: the string is a script of its own.
    if (program && SHELLS.has(name)) inner(approximate(program), depth, found);
    return;
  }
  const script = run.args.find((w) => !(w.value ?? 'x').startsWith('-') || w.value === '-');
  if (script && (builtAtRunTime(script) || downloads.has(path(script)))) found.add(REASONS.runtimeCode);
  // No script file (or `-`, or `bash -s`): the program is whatever comes down the pipe.
  const fromStdin =
    !script || script.value === '-' || (SHELLS.has(name) && run.args.some((w) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(w.value ?? '')));
  if (fromStdin && command.readsPipe) found.add(REASONS.pipeShell);
}

/** A script in a string (`bash -c`, `ssh host '…'`, `eval`), classified like the step, to a limited depth. */
function inner(text: string, depth: number, found: Set<Reason>): void {
  if (text.trim() === '') return;
  if (depth >= MAX_DEPTH) {
    found.add(REASONS.unreadable);
    return;
  }
  classify(text, depth + 1, found);
}

/** `env -S 'rm -rf x'` (env's options and assignments before it): the string env splits into a command. */
function envSplitString(command: ShellCommand): ShellWord | undefined {
  const env = command.words.findIndex((w) => baseName(w) === 'env');
  if (env < 0) return undefined;
  for (let i = env + 1; i < command.words.length; i++) {
    const value = command.words[i].value ?? '';
    if (value === '-S' || value === '--split-string') return command.words[i + 1];
    if (!value.startsWith('-') && !/^[A-Za-z_]\w*=/.test(value)) return undefined;
  }
  return undefined;
}

/** `find … -exec rm -rf {} +`: the commands find runs. */
function findExec(run: Invocation): Invocation[] {
  if (baseName(run.name) !== 'find') return [];
  const runs: Invocation[] = [];
  run.args.forEach((word, i) => {
    if (!['-exec', '-execdir', '-ok', '-okdir'].includes(word.value ?? '')) return;
    const rest = run.args.slice(i + 1);
    const end = rest.findIndex((w) => w.value === ';' || w.value === '+');
    const words = end < 0 ? rest : rest.slice(0, end);
    if (words[0]) runs.push({ name: words[0], args: words.slice(1), through: [] });
  });
  return runs;
}

/** ssh's remote command: the words after the options and the destination, joined as ssh joins them. */
function sshRemoteCommand(args: ShellWord[]): string {
  const valued = new Set([
    '-b',
    '-c',
    '-D',
    '-E',
    '-e',
    '-F',
    '-I',
    '-i',
    '-J',
    '-L',
    '-l',
    '-m',
    '-O',
    '-o',
    '-p',
    '-Q',
    '-R',
    '-S',
    '-W',
    '-w',
    '-B',
  ]);
  let at = 0;
  for (; at < args.length && (args[at].value ?? '').startsWith('-'); at++) if (valued.has(args[at].value ?? '')) at++;
  return args
    .slice(at + 1)
    .map(approximate)
    .join(' ');
}

/** Holds a command or process substitution: `"$(curl …)"`, `<(curl …)`. */
function builtAtRunTime(word: ShellWord): boolean {
  return word.parts.some((p) => p.kind === 'dynamic' && (p.what === 'command' || p.what === 'process'));
}

/** A word as text to read again as shell: literal parts as they are, expansions as a placeholder expansion. */
function approximate(word: ShellWord): string {
  return word.parts.map((p) => (p.kind === 'literal' ? p.text : p.kind === 'variable' ? `\${${p.name}}` : '$(:)')).join('');
}

/** Files an earlier command downloaded: `curl -o f`, `curl --output f`, `wget -O f`, `curl … > f`. */
function downloadedFiles(script: ShellScript): Set<string> {
  const files = new Set<string>();
  for (const command of script.commands) {
    const run = invocationOf(command);
    const name = run && baseName(run.name);
    if (!run || (name !== 'curl' && name !== 'wget')) continue;
    run.args.forEach((w, i) => {
      if (['-o', '--output', '-O', '--output-document'].includes(w.value ?? '') && run.args[i + 1]) files.add(path(run.args[i + 1]));
    });
    for (const redirect of command.redirects) if (/^>/.test(redirect.operator) && redirect.target) files.add(path(redirect.target));
  }
  return files;
}

/** A file word as a comparable path: `./env.sh` is env.sh; a dynamic word is no path. */
function path(word: ShellWord): string {
  return (word.value ?? '\0').replace(/^(?:\.\/)+/, '');
}

/** Lines as bash reads them: backslash continuations joined. */
function logicalLines(code: string): string[] {
  return code.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
}
