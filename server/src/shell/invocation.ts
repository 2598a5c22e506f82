/**
 * The program a simple command really runs, seen through the commands that only run another one:
 * `sudo -u app env A=1 timeout 5 rm -rf x` runs rm. The danger table and the `aws ecs` extraction both read it.
 */
import type { ShellCommand, ShellWord } from './model.js';

export interface Invocation {
  /** The command word of the program that runs (it may be dynamic or quoted: look at the word). */
  name: ShellWord;
  args: ShellWord[];
  /** The command words looked through on the way, outermost first (`sudo`, `env`, …). */
  through: ShellWord[];
}

interface Wrapper {
  /** Options that take the next word as their value (`-u root`); `-uroot` and `--user=root` take none. */
  valued: string[];
  /** Operands before the command: timeout's duration. */
  operands?: number;
  /** Options after which the wrapper runs nothing: `command -v rm` only asks where rm is. */
  query?: string[];
  /** `NAME=value` words before the command set its environment (env, sudo). */
  assignments?: boolean;
}

const WRAPPERS: Record<string, Wrapper> = {
  sudo: {
    valued: [
      '-u',
      '-g',
      '-h',
      '-p',
      '-C',
      '-D',
      '-r',
      '-t',
      '-T',
      '-U',
      '--user',
      '--group',
      '--host',
      '--prompt',
      '--chdir',
      '--role',
      '--type',
      '--close-from',
      '--command-timeout',
      '--other-user',
    ],
    assignments: true,
    query: ['-l', '-v', '-k', '-K', '-V', '--list', '--validate'],
  },
  doas: { valued: ['-u', '-C'] },
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], assignments: true },
  xargs: {
    valued: [
      '-n',
      '-I',
      '-L',
      '-P',
      '-s',
      '-d',
      '-E',
      '-a',
      '--max-args',
      '--replace',
      '--max-lines',
      '--max-procs',
      '--delimiter',
      '--arg-file',
      '--eof',
      '--max-chars',
    ],
  },
  command: { valued: [], query: ['-v', '-V'] },
  builtin: { valued: [] },
  exec: { valued: ['-a'] },
  nohup: { valued: [] },
  time: { valued: ['-f', '-o', '--format', '--output'] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '-n', '-p', '--class', '--classdata'] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  npx: { valued: ['-p', '--package'] },
  pnpx: { valued: [] },
  bunx: { valued: [] },
  // Pasted terminal prompts: `% aws ecs …` (`$ aws` is read as a prompt by the parser already).
  $: { valued: [] },
  '%': { valued: [] },
};

/** The last path segment: `/usr/bin/rm` and `./node_modules/.bin/prisma` are rm and prisma. */
export function baseName(word: ShellWord | undefined): string | undefined {
  const value = word?.value;
  return value === undefined ? undefined : value.slice(value.lastIndexOf('/') + 1);
}

/** What `command` runs; undefined when it runs nothing (only assignments, or a query such as `command -v x`). */
export function invocationOf(command: ShellCommand): Invocation | undefined {
  const words = command.words;
  const through: ShellWord[] = [];
  let at = 0;
  for (;;) {
    const name = words[at];
    if (!name) return undefined;
    const base = baseName(name);
    // `pnpm exec prisma`, `yarn dlx x`, `bun x y`: package runners with a subcommand.
    if ((base === 'pnpm' || base === 'yarn' || base === 'bun') && ['exec', 'dlx', 'x'].includes(words[at + 1]?.value ?? '')) {
      through.push(name);
      at += 2;
      continue;
    }
    const wrapper = base === undefined ? undefined : WRAPPERS[base];
    if (!wrapper) return { name, args: words.slice(at + 1), through };
    through.push(name);
    at = skipOptions(words, at + 1, wrapper);
    if (at < 0) return undefined;
  }
}

/** Index of the first word after the wrapper's options, assignments and leading operands; -1 for a query. */
function skipOptions(words: ShellWord[], from: number, wrapper: Wrapper): number {
  let at = from;
  for (; at < words.length; at++) {
    const value = words[at].value;
    if (value === undefined || !value.startsWith('-') || value === '-') break;
    if (value === '--') return at + 1 + (wrapper.operands ?? 0);
    if (wrapper.query?.includes(value)) return -1;
    if (takesValue(value, wrapper.valued)) at++;
  }
  while (wrapper.assignments && at < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at].value ?? '')) at++;
  return at + (wrapper.operands ?? 0);
}

/** `-u` and `-Eu` (a cluster ending in a valued letter) take the next word; `-n1` and `--user=x` do not. */
function takesValue(flag: string, valued: string[]): boolean {
  if (flag.startsWith('--')) return valued.includes(flag);
  return valued.includes(`-${flag.at(-1)}`) && /^-[a-zA-Z]+$/.test(flag);
}
