import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Severity } from '../core/rules/defineRule.js';
import { PLACEHOLDER_NAME } from '../core/templateText.js';
import { HAS_BREAKING } from '../text/plainText.js';
import { UsageError } from './errors.js';

export const COMMANDS = ['report', 'check', 'diff', 'signoffs', 'new', 'merge'] as const;
export type Command = (typeof COMMANDS)[number];
export type Format = 'text' | 'markdown' | 'json';

export type Invocation =
  | { command: 'report'; files: string[]; format: Format }
  | { command: 'check'; files: string[]; require: string[]; failOn: Severity }
  | { command: 'diff'; file: string; from: string; to?: string; format: Format }
  | { command: 'signoffs'; files: string[]; format: 'text' | 'json'; requireSignatures: boolean; allowedSigners?: string }
  | { command: 'new'; list: false; template: string; set: Record<string, string>; dir?: string }
  | { command: 'new'; list: true; dir?: string }
  | { command: 'merge'; install: false; base: string; ours: string; theirs: string; path?: string }
  | { command: 'merge'; install: true; globs: string[] }
  | { command: 'help'; topic?: Command }
  | { command: 'version' };

const help = { help: { type: 'boolean', short: 'h' } } as const;
const format = { format: { type: 'string', short: 'f' } } as const;

export function parseCommandLine(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') return { command: 'help' };
  if (first === '--version' || first === '-v' || first === '-V') return { command: 'version' };
  if (first === 'help') return { command: 'help', ...(rest[0] !== undefined ? { topic: commandName(rest[0]) } : {}) };
  if (first.startsWith('-'))
    throw new UsageError(`unknown option ${first}: put options after the command, e.g. "preflight report --format json FILE".`);
  const command = commandName(first);
  switch (command) {
    case 'report': {
      const { values, positionals } = parse(command, rest, { ...help, ...format });
      if (values.help) return { command: 'help', topic: command };
      return { command, files: needFiles(command, positionals), format: formatOf(command, values.format) };
    }
    case 'check': {
      const options = { ...help, require: { type: 'string', short: 'r', multiple: true }, 'fail-on': { type: 'string' } } as const;
      const { values, positionals } = parse(command, rest, options);
      if (values.help) return { command: 'help', topic: command };
      return { command, files: needFiles(command, positionals), require: values.require ?? [], failOn: severityOf(values['fail-on']) };
    }
    case 'diff': {
      const options = { ...help, ...format, from: { type: 'string' }, to: { type: 'string' } } as const;
      const { values, positionals } = parse(command, rest, options);
      if (values.help) return { command: 'help', topic: command };
      const files = needFiles(command, positionals);
      if (files.length > 1) throw new UsageError(`diff takes one file, got ${files.length}: run it once per checklist.`, command);
      const from = revision('--from', values.from) ?? 'HEAD';
      const to = revision('--to', values.to);
      return { command, file: files[0], from, ...(to !== undefined ? { to } : {}), format: formatOf(command, values.format) };
    }
    case 'signoffs': {
      const options = { ...help, ...format, 'require-signatures': { type: 'boolean' }, 'allowed-signers': { type: 'string' } } as const;
      const { values, positionals } = parse(command, rest, options);
      if (values.help) return { command: 'help', topic: command };
      const files = needFiles(command, positionals);
      if (values['allowed-signers'] === '')
        throw new UsageError('--allowed-signers needs a file: the allowed-signers file you trust.', command);
      if (files.includes('-'))
        throw new UsageError(
          'signoffs reads the checklist\'s git history, so it needs a file in a repository, not "-" (standard input).',
          command,
        );
      const chosen = (values.format ?? 'text').toLowerCase();
      if (chosen !== 'text' && chosen !== 'json')
        throw new UsageError(`unknown format "${values.format}": signoffs prints text or json.`, command);
      const allowed = values['allowed-signers'];
      return {
        command,
        files,
        format: chosen,
        requireSignatures: values['require-signatures'] ?? false,
        ...(allowed !== undefined ? { allowedSigners: allowed } : {}),
      };
    }
    case 'new': {
      const options = {
        ...help,
        set: { type: 'string', short: 's', multiple: true },
        dir: { type: 'string', short: 'd' },
        list: { type: 'boolean', short: 'l' },
      } as const;
      const { values, positionals } = parse(command, rest, options);
      if (values.help) return { command: 'help', topic: command };
      if (values.dir === '') throw new UsageError('--dir needs a folder.', command);
      if (values.list) {
        if (values.set) throw new UsageError('--list only lists the templates; --set goes with "preflight new TEMPLATE".', command);
        if (positionals.length > 1 || (positionals.length === 1 && values.dir !== undefined))
          throw new UsageError('--list takes one folder (as DIR or --dir).', command);
        const dir = positionals[0] ?? values.dir;
        return { command, list: true, ...(dir !== undefined ? { dir } : {}) };
      }
      if (positionals.length === 0)
        throw new UsageError('new needs a template: a template file, or a name from "preflight new --list".', command);
      if (positionals.length > 1)
        throw new UsageError(
          `new takes one template, got ${positionals.length} (${positionals.join(', ')}); put values in --set name=value.`,
          command,
        );
      return {
        command,
        list: false,
        template: positionals[0],
        set: settings(values.set ?? []),
        ...(values.dir !== undefined ? { dir: values.dir } : {}),
      };
    }
    case 'merge': {
      const options = {
        ...help,
        path: { type: 'string' },
        install: { type: 'boolean' },
        glob: { type: 'string', multiple: true },
      } as const;
      const { values, positionals } = parse(command, rest, options);
      if (values.help) return { command: 'help', topic: command };
      if (values.install) {
        if (positionals.length > 0 || values.path !== undefined)
          throw new UsageError(
            '--install takes no files and no --path: it sets up the repository you are in (add --glob to choose the files).',
            command,
          );
        const globs = values.glob ?? [];
        const bad = globs.find((g) => g === '' || /[\s#]|^!/.test(g) || HAS_BREAKING.test(g));
        if (bad !== undefined)
          throw new UsageError(
            `--glob takes a .gitattributes pattern without spaces, "#" or a leading "!", like checklists/**/*.md, not "${bad}".`,
            command,
          );
        return { command, install: true, globs };
      }
      if (values.glob) throw new UsageError('--glob goes with --install.', command);
      if (positionals.length !== 3)
        throw new UsageError(`merge takes three files, BASE OURS THEIRS (git's %O %A %B), got ${positionals.length}.`, command);
      if (values.path === '') throw new UsageError("--path needs the checklist's path (git's %P).", command);
      const [base, ours, theirs] = positionals;
      if ([base, ours, theirs].includes('-'))
        throw new UsageError('merge writes its result into OURS, so it needs files, not "-" (standard input).', command);
      return { command, install: false, base, ours, theirs, ...(values.path !== undefined ? { path: values.path } : {}) };
    }
  }
}

/** `--set name=value`, repeatable; the value is everything after the first `=`, as given. */
function settings(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq).trim();
    if (eq < 0 || !PLACEHOLDER_NAME.test(name)) {
      throw new UsageError(
        `--set takes name=value with the name of a placeholder ({{name}}: a lower-case letter, then lower-case letters, digits or _), like --set project="Checkout", not "${pair}".`,
        'new',
      );
    }
    out[name] = pair.slice(eq + 1);
  }
  return out;
}

function commandName(word: string): Command {
  const found = COMMANDS.find((c) => c === word);
  if (!found) throw new UsageError(`unknown command "${word}". Commands: ${COMMANDS.join(', ')}.`);
  return found;
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(command: Command, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's messages are good ("Unknown option '--x'"); drop its generic advice about `--` and add ours.
    const raw = (error as Error).message;
    const advice = raw.indexOf('. To specify a positional argument');
    const message = advice < 0 ? raw : raw.slice(0, advice);
    throw new UsageError(message, command);
  }
}

function needFiles(command: Command, positionals: string[]): string[] {
  if (positionals.length === 0) throw new UsageError(`${command} needs at least one markdown file.`, command);
  return positionals;
}

function formatOf(command: Command, value: string | undefined): Format {
  if (value === undefined) return 'text';
  const v = value.toLowerCase();
  if (v === 'text' || v === 'json' || v === 'markdown') return v;
  if (v === 'md') return 'markdown';
  throw new UsageError(`unknown format "${value}": use text, markdown or json.`, command);
}

function severityOf(value: string | undefined): Severity {
  if (value === undefined) return 'error';
  if (value === 'error' || value === 'warning' || value === 'info') return value;
  throw new UsageError(`--fail-on takes error, warning or info, not "${value}".`, 'check');
}

/** A revision starting with `-` would be read by git as an option. */
function revision(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value.startsWith('-'))
    throw new UsageError(`${flag} needs a git revision (a commit, branch or tag such as HEAD~3 or main), got "${value}".`, 'diff');
  return value;
}
