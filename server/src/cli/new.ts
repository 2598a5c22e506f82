/**
 * `preflight new TEMPLATE [--set name=value]… [--dir DIR]`: a checklist from a template, written to
 * DIR/checklists/<slug>-<date>.md and never over an existing file. Placeholders take their value from
 * --set, else from the template's default (`today` is the local date, `git user.name` is git's in DIR).
 * `preflight new --list [DIR]`: the bundled templates and DIR's own (.preflight/templates/*.md).
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fillTemplate, newChecklistPath, SYMBOLIC_DEFAULTS, type TemplatePlaceholder } from '../core/template.js';
import { plainLine } from '../text/plainText.js';
import { CliError, EXIT, InputError } from './errors.js';
import { fileTargetInside } from '../node/insideFolder.js';
import { paint } from './format/color.js';
import { git } from './git.js';
import type { Io } from './io.js';
import { bundledTemplatesDir, findTemplate, listTemplates, OWN_TEMPLATES, type TemplateFile } from './templates.js';

export interface NewOptions {
  template: string;
  /** From `--set name=value`, the last one winning. */
  set: Record<string, string>;
  dir?: string;
}

const [TODAY, GIT_USER] = SYMBOLIC_DEFAULTS;

export async function runNew(options: NewOptions, io: Io): Promise<number> {
  const dir = folder(options.dir, io.cwd);
  const template = findTemplate(options.template, io.cwd, dir);
  const { info } = template;
  const known = new Set(info.placeholders.map((p) => p.name));
  // `date` names the file even in a template that does not print it.
  const stray = Object.keys(options.set).filter((name) => !known.has(name) && name !== 'date');
  if (stray.length > 0) {
    // A typo (`--set leed=…`) must not quietly leave the real placeholder to its default.
    const has =
      info.placeholders.length > 0 ? `its placeholders are ${info.placeholders.map((p) => p.name).join(', ')}` : 'it has no placeholders';
    throw new CliError(`the template "${info.name}" has no ${stray.map((n) => `{{${n}}}`).join(', ')} (${has}). Check the --set names.`);
  }

  const today = localDate(new Date());
  const values: Record<string, string> = {};
  const lacking: [string, string][] = [];
  for (const placeholder of info.placeholders) {
    const value = options.set[placeholder.name] ?? (await defaultOf(placeholder, today, dir));
    if (value !== undefined && value !== '') values[placeholder.name] = value;
    else lacking.push([`--set ${placeholder.name}=…`, why(placeholder, options.set[placeholder.name] !== undefined, dir)]);
  }
  const width = Math.max(0, ...lacking.map(([flag]) => flag.length));
  const wanted = lacking.map(([flag, reason]) => `  ${flag.padEnd(width)}  ${reason}`);
  if (wanted.length > 0) {
    throw new CliError(
      `the template "${info.name}" needs ${wanted.length === 1 ? 'a value' : 'values'} for:\n${wanted.join('\n')}\nPass ${wanted.length === 1 ? 'it' : 'them'} with --set, e.g. preflight new ${options.template} --set ${info.placeholders.find((p) => values[p.name] === undefined)?.name ?? 'name'}="…".`,
    );
  }
  if (options.set.date !== undefined && !known.has('date')) values.date = options.set.date;
  const filled = fillTemplate(template.text, values);
  if ('error' in filled) throw new CliError(`the template "${info.name}" could not be filled: ${filled.error} Fix the --set values.`);

  const target = join(dir, ...newChecklistPath(info, values, today).split('/'));
  const shown = shownPath(target, io.cwd);
  const real = fileTargetInside(dir, target, `${shown}: its folder`, '--dir');
  if ('error' in real) {
    throw new InputError(
      `${real.error.replace(/ Use a path inside it\.$/, '')} Is checklists/ a symlink to another folder? Nothing was written; point --dir at the folder itself or remove the link.`,
    );
  }
  try {
    mkdirSync(dirname(real.path), { recursive: true });
    // `wx`: fails if the file exists, even one that appeared a moment ago.
    writeFileSync(real.path, filled.text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      io.err(`preflight: ${shown} exists, not overwritten. Open it, delete it first, or pick another date (--set date=YYYY-MM-DD).`);
      return EXIT.failed;
    }
    throw new InputError(`could not write ${shown}: ${(error as Error).message}. Check that ${shownPath(dir, io.cwd)} is writable.`);
  }
  io.out(shown);
  return EXIT.ok;
}

/** `preflight new --list [DIR]`: the file name to pass to `preflight new`, the name and the description of each template. */
export function runList(dirArg: string | undefined, io: Io): number {
  const p = paint(io.color);
  const dir = folder(dirArg, io.cwd);
  const all = listTemplates(dir, (message) => io.err(`preflight: ${message}`));
  const group = (title: string, templates: readonly TemplateFile[], none: string) => {
    io.out(p.bold(title));
    if (templates.length === 0) io.out(`  ${p.dim(none)}`);
    const width = Math.max(0, ...templates.map((t) => basename(t.path, '.md').length));
    for (const t of templates) {
      io.out(`  ${basename(t.path, '.md').padEnd(width)}  ${plainLine(t.info.name)}`);
      if (t.info.description) io.out(`  ${' '.repeat(width)}  ${p.dim(plainLine(t.info.description))}`);
    }
  };
  const own = all.filter((t) => t.where !== 'bundled');
  group(`Templates of ${shownPath(join(dir, OWN_TEMPLATES), io.cwd)}`, own, `none yet: put your team's templates there as .md files`);
  io.out('');
  const bundled = bundledTemplatesDir();
  group(
    `Bundled templates${bundled ? ` (${bundled})` : ''}`,
    all.filter((t) => t.where === 'bundled'),
    'none found next to the preflight bundle',
  );
  io.out('');
  io.out(p.dim('Create a checklist: preflight new NAME [--set name=value]… [--dir DIR] (NAME as listed, or a template file)'));
  return EXIT.ok;
}

async function defaultOf(placeholder: TemplatePlaceholder, today: string, dir: string): Promise<string | undefined> {
  if (placeholder.default === TODAY) return today;
  if (placeholder.default === GIT_USER) return gitUserName(dir);
  return placeholder.default;
}

function why(placeholder: TemplatePlaceholder, givenEmpty: boolean, dir: string): string {
  const example = placeholder.example ? ` (e.g. ${placeholder.example})` : '';
  if (givenEmpty) return `${placeholder.prompt}${example}: the value given is empty`;
  if (placeholder.default === GIT_USER) return `${placeholder.prompt}: defaults to git's user.name, but git has none in ${dir}`;
  return `${placeholder.prompt}${example}`;
}

/** `git config user.name` in `dir`; undefined when git is missing or has no name there. */
async function gitUserName(dir: string): Promise<string | undefined> {
  try {
    const result = await git(dir, ['config', 'user.name']);
    const name = result.ok ? result.stdout.toString('utf8').trim() : '';
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

function folder(dirArg: string | undefined, cwd: string): string {
  const dir = resolve(cwd, dirArg ?? '.');
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir)
    throw new InputError(
      `"${dirArg}" is not a directory. --dir names the folder the checklist goes into (its checklists/ is created when missing).`,
    );
  return dir;
}

/** Relative to the current directory when inside it, else absolute. */
function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** 2026-11-28: the local date, as checklists write it. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
