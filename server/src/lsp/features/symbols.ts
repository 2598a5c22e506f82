/** Document symbols: the phase tree (outline, breadcrumbs, "go to symbol"). Items are left out: there can be thousands. */
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import type { Checklist, Phase } from '../../core/model.js';
import { contentEnd, positionAt, toLspRange } from './convert.js';

export function documentSymbols(checklist: Checklist): DocumentSymbol[] {
  return checklist.phases.map((phase) => symbolOf(checklist, phase, true));
}

function symbolOf(checklist: Checklist, phase: Phase, topLevel: boolean): DocumentSymbol {
  const selectionRange = toLspRange(phase.range);
  // The section ends where the next heading starts; stop at its last non-blank character so the
  // range does not run onto the next heading's line (which would make both contain a cursor there).
  const end = positionAt(
    checklist,
    Math.max(phase.range.end.offset, contentEnd(checklist.text, phase.range.end.offset, phase.sectionEnd.offset)),
  );
  const { done, total } = phase.progress;
  return {
    // Editors reject symbols with an empty name.
    name: phase.title.trim() || '(untitled)',
    detail: total > 0 ? `${done}/${total}` : '',
    kind: topLevel ? SymbolKind.Namespace : SymbolKind.Module,
    range: { start: selectionRange.start, end },
    selectionRange,
    children: phase.phases.map((child) => symbolOf(checklist, child, false)),
  };
}
