import type { Checklist, Count, Item, Phase, TableCheckFact } from '../core/model.js';

/** One phase in the JSON contract; `total`/`done` count every task item, exactly like GitHub. */
export interface PhaseReport {
  id: string;
  title: string;
  level: number;
  line: number;
  total: number;
  done: number;
  /** Items that decide completion: neither optional nor in a conditional phase. */
  required: Count;
  optional: Count;
  /** Applies only when triggered (rollback and the like): never counted as incomplete. */
  conditional: boolean;
  /** `| [ ] |` cells of tables directly under this heading. */
  tableChecks: Count;
  phases: PhaseReport[];
}

export interface ChecklistReport {
  file: string;
  title: string;
  total: number;
  done: number;
  optional: Count;
  required: Count;
  /** Items of conditional phases. */
  conditional: Count;
  tableChecks: Count;
  complete: boolean;
  phases: PhaseReport[];
  /** Listed apart by the text and markdown formats. */
  optionalItems: ItemLine[];
  tableCheckRows: TableCheckLine[];
}

export interface ItemLine {
  text: string;
  checked: boolean;
  line: number;
  phase: string;
}

export interface TableCheckLine {
  label: string;
  checked: boolean;
  line: number;
  phase: string;
}

export function buildReport(file: string, checklist: Checklist): ChecklistReport {
  const titles = phaseTitles(checklist.phases);
  const conditional = count(checklist.items.filter((i) => i.conditional && !i.optional));
  return {
    file,
    title: checklist.title,
    total: checklist.progress.total,
    done: checklist.progress.done,
    optional: { ...checklist.progress.optional },
    required: { ...checklist.progress.required },
    conditional,
    tableChecks: { ...checklist.tableProgress },
    complete: checklist.progress.required.done === checklist.progress.required.total,
    phases: checklist.phases.map(phaseReport),
    optionalItems: checklist.items.filter((i) => i.optional).map((i) => itemLine(i, titles)),
    tableCheckRows: tableLines(checklist.phases),
  };
}

function phaseReport(phase: Phase): PhaseReport {
  return {
    id: phase.id,
    title: phase.title,
    level: phase.level,
    line: phase.range.start.line,
    total: phase.progress.total,
    done: phase.progress.done,
    required: { ...phase.progress.required },
    optional: { ...phase.progress.optional },
    conditional: phase.conditional,
    tableChecks: count(phase.tableChecks),
    phases: phase.phases.map(phaseReport),
  };
}

function count(things: readonly (Item | TableCheckFact)[]): Count {
  return { total: things.length, done: things.filter((t) => t.checked).length };
}

function itemLine(item: Item, titles: Map<string, string>): ItemLine {
  return { text: item.text, checked: item.checked, line: item.range.start.line, phase: titles.get(item.phaseId) ?? '' };
}

function tableLines(phases: readonly Phase[], out: TableCheckLine[] = []): TableCheckLine[] {
  for (const phase of phases) {
    for (const t of phase.tableChecks) {
      // The row minus its checkbox cell reads as a label: "T-24h · Final code review · Engineering".
      const label = t.row
        .map((c) => c.trim())
        .filter((c) => c !== '' && !/^\[[ xX]\]$/.test(c))
        .join(' · ');
      out.push({ label, checked: t.checked, line: t.box.start.line, phase: phase.title });
    }
    tableLines(phase.phases, out);
  }
  return out;
}

/** Phase id -> "Parent › Child" for labels. */
export function phaseTitles(phases: readonly Phase[], prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const phase of phases) {
    const title = prefix ? `${prefix} › ${phase.title}` : phase.title;
    out.set(phase.id, title);
    phaseTitles(phase.phases, title, out);
  }
  return out;
}

/** What a phase row shows as its main count: required items, or for a conditional phase all non-optional ones. */
export function headline(phase: PhaseReport): Count {
  if (!phase.conditional) return phase.required;
  return { total: phase.total - phase.optional.total, done: phase.done - phase.optional.done };
}

export interface PhaseRow {
  phase: PhaseReport;
  /** 0 for top-level phases, whatever heading level they use. */
  depth: number;
}

export function phaseRows(phases: readonly PhaseReport[], depth = 0, out: PhaseRow[] = []): PhaseRow[] {
  for (const phase of phases) {
    out.push({ phase, depth });
    phaseRows(phase.phases, depth + 1, out);
  }
  return out;
}
