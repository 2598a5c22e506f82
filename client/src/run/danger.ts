/**
 * Why a step deserves a confirmation before it runs. A heuristic on purpose: a false alarm costs one click,
 * a missed one can cost production. Reasons read after "This step …", so each is a verb phrase.
 * Pure: no vscode, no I/O, so unit tests run it directly.
 */

/** The shell words of one simple command: quotes count as blanks, so `ssh host "rm -rf x"` is still seen. */
type Words = string[];

type Rule = { reason: string; test: (words: Words) => boolean } | { reason: string; line: RegExp };

/** `/usr/bin/rm` and `./node_modules/.bin/prisma` are rm and prisma. */
const base = (word: string) => word.slice(word.lastIndexOf('/') + 1);
const isFlag = (word: string) => word.startsWith('-');

/** The words after the command named `name`, or undefined when the simple command does not run it. */
function after(words: Words, ...names: string[]): Words | undefined {
  const i = words.findIndex((w) => names.includes(base(w)));
  return i < 0 ? undefined : words.slice(i + 1);
}

/** The subcommands after `name`, flags left out (`terraform -chdir=infra apply` → [apply]). */
const subcommands = (words: Words, ...names: string[]) => after(words, ...names)?.filter((w) => !isFlag(w)) ?? [];

/** Most specific first: `dangerOf` shows the first that matches, and "names production" says the least. */
const RULES: Rule[] = [
  {
    reason: 'deletes files recursively (rm -rf)',
    test: (words) => {
      const args = after(words, 'rm');
      // `rm -r` without -f deletes just the same; `git rm -r --cached` only untracks; `aws s3 rm` has its own rule.
      if (!args || args.includes('--cached') || words[words.length - args.length - 2] === 's3') return false;
      return args.some((w) => /^-[a-zA-Z]*[rR]/.test(w) || w === '--recursive');
    },
  },
  {
    reason: 'drops or truncates a database table',
    // SQL keywords only before what they destroy, so `echo drop it` stays safe; `truncate -s 0 file` is not SQL.
    line: /\bdrop\s+(?:table|database|schema|index|view|materialized\s+view|column|sequence)\b|\btruncate\s+(?:table\b|only\b|[\w."]+\s*(?:;|,|["'`]|$|cascade\b|restart\b|continue\b))/i,
  },
  { reason: 'drops a database (dropdb)', test: (words) => !!after(words, 'dropdb') },
  { reason: 'deletes Kubernetes resources', test: (words) => !!after(words, 'kubectl')?.includes('delete') },
  { reason: 'changes infrastructure (terraform apply)', test: (words) => subcommands(words, 'terraform', 'tofu', 'terragrunt')[0] === 'apply' },
  { reason: 'destroys infrastructure (terraform destroy)', test: (words) => subcommands(words, 'terraform', 'tofu', 'terragrunt')[0] === 'destroy' },
  { reason: 'updates an AWS service (aws … update-service)', test: (words) => !!after(words, 'aws')?.includes('update-service') },
  {
    reason: 'deletes AWS resources (aws … delete-…)',
    test: (words) => {
      const sub = subcommands(words, 'aws');
      return sub.some((w) => /^(?:delete|terminate|deregister)-/.test(w)) || (sub[0] === 's3' && (sub[1] === 'rm' || sub[1] === 'rb'));
    },
  },
  { reason: 'deploys database migrations (prisma migrate deploy)', test: (words) => subcommands(words, 'prisma').join(' ').startsWith('migrate deploy') },
  { reason: 'resets the database (prisma migrate reset)', test: (words) => subcommands(words, 'prisma').join(' ').startsWith('migrate reset') },
  {
    reason: 'forces an operation (--force)',
    test: (words) => {
      if (words.some((w) => /^--force(?:=|$|-with-lease|-if-includes)/.test(w))) return true;
      // git push: -f (alone or in a cluster like -uf) and a `+main` refspec force as well.
      const push = after(words, 'git');
      return !!push && push.includes('push') && push.some((w) => /^-[a-zA-Z]*f[a-zA-Z]*$/.test(w) || /^\+\S/.test(w));
    },
  },
  // A word, not a substring: prod-cluster and NODE_ENV=production name it; product and reproduce do not.
  { reason: 'names production', line: /(?<![a-z0-9])prod(?:uction)?(?![a-z0-9])/i },
];

/** Lines as bash reads them: backslash continuations joined, comment lines left out. */
function logicalLines(script: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of script.split(/\r?\n/)) {
    if (!pending && raw.trim().startsWith('#')) continue;
    if (raw.endsWith('\\')) {
      pending += raw.slice(0, -1) + ' ';
      continue;
    }
    lines.push(pending + raw);
    pending = '';
  }
  if (pending) lines.push(pending);
  return lines;
}

/** Simple commands split at ; & | ( ) ` { } and $( — good enough to tell `kubectl get x | grep delete` apart. */
const simpleCommands = (line: string): Words[] => line.split(/[;&|(){}`]/).map((part) => part.split(/[\s"']+/).filter(Boolean));

/** Every reason that applies, most specific first, each once. */
export function dangersOf(command: string): string[] {
  const lines = logicalLines(command);
  const commands = lines.flatMap(simpleCommands);
  return RULES.filter((rule) => ('line' in rule ? lines.some((l) => rule.line.test(l)) : commands.some(rule.test))).map((rule) => rule.reason);
}

/** The reason to confirm before running `command` (a one-liner or a whole script), or undefined when it looks safe. */
export function dangerOf(command: string): string | undefined {
  return dangersOf(command)[0];
}
