/**
 * Templates: a checklist with `{{name}}` placeholders anywhere in its text (code blocks and the rest of the
 * front matter included) and optional metadata in front matter `template:`:
 *
 *   template:
 *     name: Production deployment          # the picker's label; default: the first H1, else the file name
 *     description: Phases, bash steps, …
 *     slug: production-deployment          # checklists/<slug>-<date>.md; default: from the file name
 *     placeholders:
 *       project: { prompt: Project or product name, example: VIVR E-Commerce Platform }
 *       date: { prompt: Deployment date (YYYY-MM-DD), default: today }
 *       lead: { prompt: Deployment lead, default: git user.name }
 *
 * Filling replaces every placeholder with its value, literally, and cuts the `template:` block out of the
 * front matter as text (the rest stays as written, comments included; a front matter left with nothing
 * else goes). Two defaults are symbolic, resolved by the caller that knows the clock and git: `today` and
 * `git user.name`.
 */
import { parse as parseYaml } from 'yaml';
import { parseChecklist } from './checklist.js';
import { slug as slugOf } from './ids.js';
import type { Checklist } from './model.js';
import { allPhases } from './progress.js';
import { closest } from './similar.js';
import { frontMatterSpan, PLACEHOLDER_NAME, TEMPLATE_PLACEHOLDER, templateBlock } from './templateText.js';
import { kindOf } from './yamlShapes.js';

export { PLACEHOLDER_NAME, templateBlock, templatePlaceholderName } from './templateText.js';

/** Defaults that are not values: the caller resolves them (the local date; `git config user.name`). */
export const SYMBOLIC_DEFAULTS = ['today', 'git user.name'] as const;

export interface TemplatePlaceholder {
  /** As between the braces: `project` for `{{project}}`. */
  name: string;
  /** What to ask; the name humanised (`ecs_cluster` -> "Ecs cluster") when the metadata gives none. */
  prompt: string;
  /** As written: a value, or one of SYMBOLIC_DEFAULTS for the caller to resolve. */
  default?: string;
  /** A sample value to show in an empty input. */
  example?: string;
}

export interface TemplateInfo {
  name: string;
  description?: string;
  /** New checklists are `checklists/<slug>-<date>.md`. */
  slug: string;
  /** Every placeholder of the text, in order of first use. */
  placeholders: TemplatePlaceholder[];
}

/** A mistake in front matter `template:`; `path` leads from the front matter's root to the value (or key) at fault. */
export interface TemplateProblem {
  message: string;
  path: (string | number)[];
  /** The problem is the key itself (an unknown key), not its value. */
  key?: boolean;
}

const TEMPLATE_KEYS = ['name', 'description', 'slug', 'placeholders'] as const;
const PLACEHOLDER_KEYS = ['prompt', 'default', 'example'] as const;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** What a picker shows and an input form asks for. Wrong shapes in `template:` are ignored here (templateProblems says why). */
export function templateInfo(text: string, fileName: string): TemplateInfo {
  const checklist = parseChecklist(text);
  const meta = asMapping(metadataAsWritten(text, checklist)) ?? {};
  const described = asMapping(meta.placeholders) ?? {};
  const file = baseName(fileName);
  const name = nonEmpty(meta.name) ?? firstH1(checklist) ?? (file.replace(/\.md$/i, '') || 'Template');
  const description = nonEmpty(meta.description);
  const slug = slugFor(nonEmpty(meta.slug), file);
  const placeholders = placeholderNames(text).map((placeholder): TemplatePlaceholder => {
    const entry = asMapping(described[placeholder]) ?? {};
    const prompt = scalar(entry.prompt) ?? humanise(placeholder);
    const given = scalar(entry.default);
    const example = scalar(entry.example);
    return { name: placeholder, prompt, ...(given !== undefined ? { default: given } : {}), ...(example !== undefined ? { example } : {}) };
  });
  return { name, ...(description !== undefined ? { description } : {}), slug, placeholders };
}

/**
 * The template with every placeholder replaced by its value, literally (a value holding `{{x}}` stays
 * so), and the `template:` block cut out of the front matter. Refused, naming them, when a placeholder
 * has no value, an empty one, or one with a line break (a value is inserted into one line).
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): { text: string } | { error: string } {
  const span = frontMatterSpan(text);
  const block = templateBlock(text, span);
  const names = placeholderNames(text, block);
  const valueOf = (name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined);
  const missing = names.filter((n) => typeof valueOf(n) !== 'string' || valueOf(n)!.trim() === '');
  const multiline = names.filter((n) => !missing.includes(n) && /[\r\n]/.test(valueOf(n)!));
  if (missing.length > 0 || multiline.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`no value for ${list(missing)}`] : []),
      ...(multiline.length > 0 ? [`the value of ${list(multiline)} has a line break (a value is one line)`] : []),
    ];
    const error = parts.join('; ');
    return { error: `${error[0].toUpperCase()}${error.slice(1)}.` };
  }
  const fill = (part: string) => part.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => valueOf(name)!);
  if (!span || !block) return { text: fill(text) };
  const rest = text.slice(span.from, block[0]) + text.slice(block[1], span.to);
  // A front matter that held only the template's metadata (and comments) goes, with the blank lines after it.
  if (rest.split(/\r\n|\r|\n/).every((line) => line.trim() === '' || line.trimStart().startsWith('#'))) {
    const blank = /[ \t]*(?:\r\n|\r|\n)/y;
    let after = span.next;
    for (blank.lastIndex = after; blank.test(text); blank.lastIndex = after) after = blank.lastIndex;
    return { text: text.slice(0, span.start) + fill(text.slice(after)) };
  }
  return { text: fill(text.slice(0, block[0])) + fill(text.slice(block[1])) };
}

/** `checklists/<slug>-<date>.md`: the date is `values.date` when it is a YYYY-MM-DD date, else `today`. */
export function newChecklistPath(info: TemplateInfo, values: Readonly<Record<string, string>>, today: string): string {
  const given = values.date?.trim();
  const date = given !== undefined && DATE.test(given) ? given : today;
  return `checklists/${info.slug}-${date}.md`;
}

/** What is wrong with `template:` as written; empty when it is absent or fine. */
export function templateProblems(checklist: Checklist): TemplateProblem[] {
  const data = checklist.frontMatter?.data;
  if (!data || !('template' in data)) return [];
  const meta = data.template;
  if (meta === null || meta === undefined) return [];
  if (!asMapping(meta)) {
    return [
      {
        message: `\`template:\` should be a mapping with \`name\`, \`description\`, \`slug\` and \`placeholders\`, not ${kindOf(meta)}`,
        path: ['template'],
        key: true,
      },
    ];
  }
  const problems: TemplateProblem[] = [];
  const used = placeholderNames(checklist.text);
  for (const [key, value] of Object.entries(meta)) {
    const path = ['template', key];
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) {
      problems.push({
        message: `\`template:\` has the unknown key \`${key}\` (${hint(key, TEMPLATE_KEYS)}); it is ignored`,
        path,
        key: true,
      });
      continue;
    }
    if (key === 'placeholders') {
      problems.push(...placeholderProblems(value, used));
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      problems.push({
        message: `\`template: ${key}\` ${value === null || value === '' ? 'is empty' : `should be a string, not ${kindOf(value)}`}; ${defaultFor(key)}`,
        path,
      });
      continue;
    }
    if (key === 'slug' && slugOf(value) !== value.trim()) {
      problems.push({
        message: `\`template: slug\` "${value}" is not a file name slug (lower-case letters, digits, \`-\` and \`_\`); new checklists are named "${slugOf(value)}-<date>.md"`,
        path,
      });
    }
  }
  return problems;
}

function placeholderProblems(value: unknown, used: readonly string[]): TemplateProblem[] {
  const path = ['template', 'placeholders'];
  if (value === null || value === undefined) return [];
  const entries = asMapping(value);
  if (!entries)
    return [
      {
        message: `\`template: placeholders\` should map placeholder names to \`{ prompt, default, example }\` (as in \`project: { prompt: Project name }\`), not ${kindOf(value)}; it is ignored`,
        path,
      },
    ];
  const problems: TemplateProblem[] = [];
  for (const [name, entry] of Object.entries(entries)) {
    const at = [...path, name];
    if (!PLACEHOLDER_NAME.test(name)) {
      problems.push({
        message: `\`template: placeholders\` names "${name}", which is not a placeholder name (a lower-case letter, then lower-case letters, digits or \`_\`, as in \`{{project}}\`); it is ignored`,
        path: at,
        key: true,
      });
      continue;
    }
    if (!used.includes(name)) {
      const near = closest(name, used);
      problems.push({
        message: `\`template: placeholders: ${name}\` is not used: the text has no \`{{${name}}}\`${near ? ` (did you mean \`${near}\`?)` : ''}`,
        path: at,
        key: true,
      });
    }
    if (entry === null || entry === undefined) continue;
    const fields = asMapping(entry);
    if (!fields) {
      problems.push({
        message: `\`template: placeholders: ${name}\` should be a mapping like \`{ prompt: …, default: …, example: … }\`, not ${kindOf(entry)}; it is ignored`,
        path: at,
      });
      continue;
    }
    for (const [key, field] of Object.entries(fields)) {
      if (!(PLACEHOLDER_KEYS as readonly string[]).includes(key)) {
        problems.push({
          message: `\`template: placeholders: ${name}\` has the unknown key \`${key}\` (${hint(key, PLACEHOLDER_KEYS)}); it is ignored`,
          path: [...at, key],
          key: true,
        });
      } else if (scalar(field) === undefined) {
        problems.push({
          message: `\`${key}\` of \`template: placeholders: ${name}\` ${field === null || field === '' ? 'is empty' : `should be a string, not ${kindOf(field)}`}; it is ignored`,
          path: [...at, key],
        });
      }
    }
  }
  return problems;
}

/**
 * `template:` with every scalar as written: YAML's failsafe schema keeps `default: 1.0` from becoming
 * the number 1 and `example: yes` from becoming true.
 */
function metadataAsWritten(text: string, checklist: Checklist): unknown {
  const span = frontMatterSpan(text);
  if (!checklist.frontMatter || checklist.frontMatter.error || !span) return undefined;
  try {
    return asMapping(parseYaml(text.slice(span.from, span.to), { schema: 'failsafe' }))?.template;
  } catch {
    return undefined;
  }
}

/** Names of the placeholders in `text`, in order of first use; the `template:` block does not count. */
function placeholderNames(text: string, block: [number, number] | undefined = templateBlock(text)): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(TEMPLATE_PLACEHOLDER)) {
    if (block && m.index >= block[0] && m.index < block[1]) continue;
    names.add(m[1]);
  }
  return [...names];
}

/** The slug given, made safe for a file name; else the file name without `.md`, `-template` and then `-checklist` or `-runbook`. */
function slugFor(given: string | undefined, file: string): string {
  if (given !== undefined && slugOf(given) !== 'untitled') return slugOf(given);
  const stem = file.replace(/\.md$/i, '');
  const bare = stem.replace(/[-_. ]template$/i, '').replace(/[-_ ](?:checklist|runbook)$/i, '');
  return slugOf(bare === '' ? stem : bare);
}

function firstH1(checklist: Checklist): string | undefined {
  const candidates = [checklist.titleHeading, ...[...allPhases(checklist.phases)].filter((p) => p.level === 1)].filter(
    (h) => h !== undefined,
  );
  const first = candidates.sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
  return first && first.title !== '' ? first.title : undefined;
}

function humanise(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function baseName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}

function list(names: readonly string[]): string {
  const shown = names.map((n) => `{{${n}}}`);
  return shown.length === 1 ? shown[0] : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

function defaultFor(key: string): string {
  if (key === 'name') return 'the picker shows the first heading instead';
  if (key === 'slug') return 'new checklists are named after the file';
  return 'it is ignored';
}

function hint(key: string, known: readonly string[]): string {
  const near = closest(key, known);
  return near ? `did you mean \`${near}\`?` : `the keys are ${known.map((k) => `\`${k}\``).join(', ')}`;
}

function asMapping(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A string (trimmed, non-empty) or a number/boolean YAML read as one (`default: 1.0`), as text. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return nonEmpty(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
