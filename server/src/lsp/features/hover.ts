/**
 * Hovers: an item's state, phase and runs; a heading's progress breakdown; a placeholder to fill; a shell
 * block's last run; a sign-off role's state, as `preflight signoffs` judges it.
 */
import { type Hover, MarkupKind, type Position } from 'vscode-languageserver';
import type { Checklist, Item, Phase, PlaceholderFact, SignOffRole } from '../../core/model.js';
import { percent } from '../../core/progress.js';
import type { Step } from '../../core/steps.js';
import type { RunNote, RoleSignOffState } from '../../protocol/protocol.js';
import { escapeMarkdownInline, inlineCode } from '../../text/markdownText.js';
import { firstLineRange, offsetAt, toLspRange } from './convert.js';
import { lastRunOf } from './lastRun.js';
import { headingAt, itemAt, phaseById, phasePath, placeholderAt, roleAt, stepAt, stepsOfItem } from './lookup.js';

/** Where a step's last run comes from: its run notes, unless a test supplies runs. */
export type LastRunOf = (step: Step) => RunNote | undefined;
/** A sign-off role's state from git (features/signOffStates.ts); undefined when it was not asked. */
export type RoleStateOf = (role: SignOffRole) => RoleSignOffState | undefined;

export function hover(
  checklist: Checklist,
  position: Position,
  lastRun: LastRunOf = (step) => lastRunOf(checklist, step),
  roleState?: RoleStateOf,
): Hover | null {
  const offset = offsetAt(checklist, position);
  const role = roleAt(checklist, offset);
  const state = role && roleState?.(role);
  // The role's state line goes under whatever else its heading, item or table row shows.
  const withRole = (value: string) => (role && state ? `${value}\n\n---\n\n${roleHover(role, state)}` : value);
  const placeholder = placeholderAt(checklist, offset);
  if (placeholder) return markdown(placeholderHover(placeholder), toLspRange(placeholder.range));
  const heading = headingAt(checklist, offset);
  if (heading) return markdown(withRole(phaseHover(heading)), toLspRange(heading.range));
  const step = stepAt(checklist, offset);
  // A block's hover sits on its opening fence only: hovering the commands themselves should stay quiet.
  if (step?.kind === 'code' && position.line === step.range.start.line - 1) {
    return markdown(codeStepHover(step, lastRun), firstLineRange(checklist, step.range.start));
  }
  const item = itemAt(checklist, offset);
  if (item) return markdown(withRole(itemHover(checklist, item, lastRun)), firstLineRange(checklist, item.range.start));
  if (role && state) return markdown(roleHover(role, state), firstLineRange(checklist, role.range.start));
  return null;
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) };
}

function itemHover(checklist: Checklist, item: Item, lastRun?: LastRunOf): string {
  const lines = [item.checked ? '**☑ Done**' : '**☐ Open**'];
  const phase = item.phaseId === '' ? undefined : phaseById(checklist, item.phaseId);
  const path = phase ? phasePath(checklist, phase) : [];
  const notes: string[] = [];
  if (item.optional) notes.push('optional: does not count towards complete');
  if (item.conditional) {
    const trigger = [...path].reverse().find((p) => p.conditional) ?? phase;
    notes.push(`conditional: only when ${trigger ? `'${escape(trigger.title)}'` : 'its phase'} applies`);
  }
  if (notes.length > 0) lines[0] += ` · ${notes.join(' · ')}`;
  lines.push(path.length > 0 ? `Phase: ${path.map((p) => escape(p.title)).join(' › ')}` : 'Before the first phase');
  lines.push(`Id: ${code(item.id)}`);
  const steps = stepsOfItem(checklist, item);
  if (steps.length > 0) {
    lines.push(
      '',
      ...steps.map(
        (s) => `- ${s.kind === 'inline' ? code(s.command) : `${code(s.lang)} block, line ${s.range.start.line}`}: ${runText(s, lastRun)}`,
      ),
    );
  }
  return lines.join('  \n');
}

function codeStepHover(step: Step, lastRun?: LastRunOf): string {
  const lines = [`**Shell step** (${code(step.lang)}) · ${runText(step, lastRun)}`, `Id: ${code(step.id)}`];
  if (step.item) lines.push(`Proves: ${escape(step.item.text)}`);
  return lines.join('  \n');
}

function runText(step: Step, lastRun?: LastRunOf): string {
  const run = lastRun?.(step);
  if (!run) return 'not run yet';
  const outcome = run.exitCode === 0 ? '✓ passed' : `✗ failed (exit ${run.exitCode})`;
  return `last run ${outcome} in ${duration(run.durationMs)}, ${escape(run.at)} by ${escape(run.by)}`;
}

function phaseHover(phase: Phase): string {
  const { done, total, optional, required } = phase.progress;
  const lines = [`**${escape(phase.title)}**: ${done}/${total} done (${percent(phase.progress)}%)`];
  if (total === 0) lines[0] = `**${escape(phase.title)}**: no items`;
  else {
    lines.push(`Required: ${required.done}/${required.total}`);
    if (optional.total > 0) lines.push(`Optional: ${optional.done}/${optional.total}`);
    const conditional = { done: done - optional.done - required.done, total: total - optional.total - required.total };
    if (conditional.total > 0) lines.push(`Conditional: ${conditional.done}/${conditional.total}`);
  }
  if (phase.conditional) lines.push('*Applies only when triggered: its items do not count towards complete.*');
  if (phase.phases.length > 0) lines.push(`Sections: ${phase.phases.length}`);
  return lines.join('  \n');
}

/** `**Sign-off QA Lead**: ✓ verified · ssh quinn@example.com`, then why and the commit. Role and reason are document and git text: escaped. */
function roleHover(role: SignOffRole, state: RoleSignOffState): string {
  const mark =
    state.state === 'verified' ? '✓' : state.state === 'not signed' ? '–' : state.state === 'not checked' ? '·' : state.passes ? '?' : '✗';
  const how = state.state === 'verified' ? [state.format, state.signer].filter(Boolean).join(' ') : '';
  const lines = [
    `**Sign-off ${escapeMarkdownInline(role.name)}**: ${mark} ${escapeMarkdownInline(state.label)}${how ? ` · ${escapeMarkdownInline(how)}` : ''}`,
  ];
  if (state.reason && state.state !== 'not checked') lines.push(`Why: ${escapeMarkdownInline(state.reason)}`);
  if (state.commit) lines.push(`Commit: ${inlineCode(state.commit.slice(0, 12))}`);
  return lines.join('  \n');
}

function placeholderHover(placeholder: PlaceholderFact): string {
  const what = placeholder.kind === 'blank' ? 'Blank field' : 'Placeholder';
  return `**${what}** ${code(placeholder.text)}: must be filled in before the checklist is complete.`;
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** Inline code that survives backticks in the text: a fence longer than any run inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** User text shown inside a markdown line (never at its start): escape what would turn into markup there. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&');
}
