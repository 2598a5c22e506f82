/**
 * Where templates are: the bundled ones (the `templates/` folder of the package, next to server/dist) and a
 * folder's own (`.preflight/templates/*.md`), and which one a `preflight new NAME` means.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type TemplateInfo, templateInfo } from '../core/template.js';
import { InputError } from './errors.js';
import { readInput } from './readInput.js';

export interface TemplateFile {
  path: string;
  text: string;
  info: TemplateInfo;
  /** `bundled` or `.preflight/templates`. */
  where: string;
}

/** Where a folder keeps its own templates. */
export const OWN_TEMPLATES = join('.preflight', 'templates');

/** The package's `templates/`: two levels above the bundle (server/dist/cli.js), three above the sources (server/src/cli). */
export function bundledTemplatesDir(): string | undefined {
  return [join(__dirname, '..', '..', 'templates'), join(__dirname, '..', '..', '..', 'templates')].find(isDirectory);
}

/** The folder's own templates first (a team's templates are the ones it means), then the bundled ones. */
export function listTemplates(dir: string, warn: (message: string) => void = () => undefined): TemplateFile[] {
  const bundled = bundledTemplatesDir();
  return [
    ...templatesIn(join(dir, OWN_TEMPLATES), '.preflight/templates', warn),
    ...(bundled ? templatesIn(bundled, 'bundled', warn) : []),
  ];
}

/**
 * The template `name` means: a file (relative to `cwd`), else a template of `dir` or a bundled one whose
 * file name, file name without `.md`, or slug is `name`.
 */
export function findTemplate(name: string, cwd: string, dir: string): TemplateFile {
  const asFile = resolve(cwd, name);
  if (existsSync(asFile) || /[/\\]/.test(name)) {
    const text = readInput(name, cwd).text;
    return { path: asFile, text, info: templateInfo(text, basename(asFile)), where: 'file' };
  }
  const all = listTemplates(dir);
  const wanted = name.toLowerCase();
  const found = all.find((t) => {
    const file = basename(t.path).toLowerCase();
    return file === wanted || file.replace(/\.md$/, '') === wanted || t.info.slug === wanted;
  });
  if (found) return found;
  const known = all.map((t) => basename(t.path, '.md'));
  throw new InputError(
    `no template "${name}": there is no such file, and no template in ${join(dir, OWN_TEMPLATES)} or the bundled ones has that name` +
      `${known.length > 0 ? ` (${known.join(', ')})` : ''}. Run "preflight new --list" to see them, or pass the template's path.`,
  );
}

/** The `.md` files of `dir` as templates; one that cannot be read is skipped with a warning, not the end of the list. */
function templatesIn(dir: string, where: string, warn: (message: string) => void): TemplateFile[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.toLowerCase().endsWith('.md'))
      .sort();
  } catch {
    return []; // no such folder: no templates there
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (!isFile(path)) return [];
    try {
      const text = readInput(path, dir).text;
      return [{ path, text, info: templateInfo(text, name), where }];
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      warn(`skipped template ${path}: ${error.message}`);
      return [];
    }
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
