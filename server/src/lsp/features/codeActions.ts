/**
 * Code actions: quick fixes from the findings' fixes, "Merge with Preflight…" on conflict markers,
 * "Check/Uncheck all in '<phase>'" and "Toggle item".
 * Fixes are versioned document edits, so a client holding a newer version refuses them instead of
 * corrupting the text; the other actions are server commands that edit through workspace/applyEdit.
 */
import {
  type CodeAction,
  type CodeActionContext,
  CodeActionKind,
  Command,
  type Diagnostic,
  type Range,
  TextDocumentEdit,
} from 'vscode-languageserver';
import type { Checklist, Item, Phase } from '../../core/model.js';
import type { Finding } from '../../core/rules/defineRule.js';
import { between } from '../../core/sorted.js';
import { type MergeConflictsArgs, ServerCommands, type SetPhaseArgs, type ToggleItemsArgs } from '../../protocol/protocol.js';
import { offsetAt, toLspRange, toLspTextEdit } from './convert.js';
import { diagnosticSource, toDiagnostic } from './diagnostics.js';
import { itemAt, phaseAt } from './lookup.js';

/** Kind of the actions that rewrite items' boxes: edits of the text at the cursor, not of the whole file. */
export const rewriteKind = CodeActionKind.RefactorRewrite;

export const mergeTitle = 'Merge with Preflight…';

export function codeActions(
  checklist: Checklist,
  findings: readonly Finding[],
  uri: string,
  version: number,
  range: Range,
  context: CodeActionContext,
  /** merge: offer "Merge with Preflight…" (it runs git: a trusted workspace and a file only). */
  options: { merge: boolean } = { merge: false },
): CodeAction[] {
  const wanted = (kind: string) => !context.only || context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix)) {
    actions.push(...quickFixes(checklist, findings, uri, version, range, context.diagnostics));
    if (options.merge) actions.push(...mergeAction(checklist, findings, uri, version, range, context.diagnostics));
  }
  if (wanted(rewriteKind)) {
    actions.push(...toggleActions(checklist, uri, version, range));
    actions.push(...phaseActions(checklist, uri, version, range));
  }
  return actions;
}

function quickFixes(
  checklist: Checklist,
  findings: readonly Finding[],
  uri: string,
  version: number,
  range: Range,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const fixes: CodeAction[] = [];
  // Compare offsets first: a document can hold thousands of findings, few of them at the cursor.
  const from = offsetAt(checklist, range.start);
  const to = offsetAt(checklist, range.end);
  for (const finding of findings) {
    if (!finding.fix || finding.range.start.offset > to || finding.range.end.offset < from) continue;
    const findingRange = toLspRange(finding.range);
    // Prefer the client's own diagnostic object so the editor links the fix to the squiggle it shows.
    const diagnostic =
      diagnostics.find((d) => d.source === diagnosticSource && d.code === finding.ruleId && sameRange(d.range, findingRange)) ??
      toDiagnostic(finding);
    fixes.push({
      title: finding.fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [TextDocumentEdit.create({ uri, version }, finding.fix.edits.map(toLspTextEdit))] },
    });
  }
  if (fixes.length === 1) fixes[0].isPreferred = true;
  return fixes;
}

/** On a conflict marker: merge git's stages of the whole file item by item (features/mergeStages.ts). */
function mergeAction(
  checklist: Checklist,
  findings: readonly Finding[],
  uri: string,
  version: number,
  range: Range,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const from = offsetAt(checklist, range.start);
  const to = offsetAt(checklist, range.end);
  const markers = findings.filter((f) => f.ruleId === 'conflict-markers');
  if (!markers.some((f) => f.range.start.offset <= to && f.range.end.offset >= from)) return [];
  // Every marker of the file: the merge resolves (or re-marks) all of them at once.
  const shown = markers.map((f) => {
    const findingRange = toLspRange(f.range);
    return (
      diagnostics.find((d) => d.source === diagnosticSource && d.code === f.ruleId && sameRange(d.range, findingRange)) ?? toDiagnostic(f)
    );
  });
  const args: MergeConflictsArgs = { uri, version };
  return [
    {
      title: mergeTitle,
      kind: CodeActionKind.QuickFix,
      diagnostics: shown,
      command: Command.create(mergeTitle, ServerCommands.mergeConflicts, args),
    },
  ];
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** Items starting on the selected lines, or the innermost item at the cursor. */
export function itemsInRange(checklist: Checklist, range: Range): Item[] {
  // A selection of whole lines ends at character 0 of the next line, which is not selected.
  const lastLine = range.end.line > range.start.line && range.end.character === 0 ? range.end.line - 1 : range.end.line;
  if (lastLine > range.start.line) {
    const from = offsetAt(checklist, { line: range.start.line, character: 0 });
    const to = offsetAt(checklist, { line: lastLine, character: Number.MAX_SAFE_INTEGER });
    const items = between(checklist.items, from, to + 1, (i) => i.range.start.offset);
    if (items.length > 0) return items;
  }
  const item = itemAt(checklist, offsetAt(checklist, range.start));
  return item ? [item] : [];
}

function toggleActions(checklist: Checklist, uri: string, version: number, range: Range): CodeAction[] {
  const items = itemsInRange(checklist, range);
  if (items.length === 0) return [];
  const title = items.length === 1 ? 'Toggle item' : `Toggle ${items.length} items`;
  const args: ToggleItemsArgs = { uri, version, itemIds: items.map((i) => i.id) };
  return [{ title, kind: rewriteKind, command: Command.create(title, ServerCommands.toggleItems, args) }];
}

function phaseActions(checklist: Checklist, uri: string, version: number, range: Range): CodeAction[] {
  const phase: Phase | undefined = phaseAt(checklist, offsetAt(checklist, range.start));
  if (!phase || phase.progress.total === 0) return [];
  const actions: CodeAction[] = [];
  const action = (checked: boolean): CodeAction => {
    const title = `${checked ? 'Check' : 'Uncheck'} all in '${phase.title}'`;
    const args: SetPhaseArgs = { uri, version, phaseId: phase.id, checked };
    return { title, kind: rewriteKind, command: Command.create(title, ServerCommands.setSection, args) };
  };
  if (phase.progress.done < phase.progress.total) actions.push(action(true));
  if (phase.progress.done > 0) actions.push(action(false));
  return actions;
}
