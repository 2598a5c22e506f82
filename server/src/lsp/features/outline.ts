/** The custom protocol's views of a checklist: the outline for the tree view and the progress notification. */
import { ecsRollbackSteps, ecsTargetsOf } from '../../core/ecsTargets.js';
import { frontMatterEnv } from '../../core/env.js';
import { gateOf } from '../../core/signOffGate.js';
import { hasSigners, signersOf } from '../../core/signers.js';
import type { Checklist, Item, Phase, Progress, SignOffRole } from '../../core/model.js';
import { allPhases } from '../../core/progress.js';
import { stepsOf } from '../../core/steps.js';
import type {
  Counts,
  EcsTarget,
  Outline,
  OutlineItem,
  OutlinePhase,
  OutlineRole,
  OutlineStep,
  PhaseProgress,
  ProgressParams,
  RoleGate,
  RunContext,
} from '../../protocol/protocol.js';
import { firstLineRange, toLspRange } from './convert.js';
import { toProtocolEcsTarget } from './ecs.js';
import { lastRunOf } from './lastRun.js';
import { phaseAt } from './lookup.js';

export function outline(checklist: Checklist, uri: string, version: number): Outline {
  const tree = (list: readonly Item[]): OutlineItem[] => {
    const roots: OutlineItem[] = [];
    // Parents precede their children in document order: the open ancestors are a stack.
    const open: { id: string; node: OutlineItem }[] = [];
    for (const item of list) {
      const node: OutlineItem = {
        id: item.id,
        text: item.text,
        checked: item.checked,
        optional: item.optional,
        conditional: item.conditional,
        range: firstLineRange(checklist, item.range.start),
        children: [],
      };
      while (open.length > 0 && open[open.length - 1].id !== item.parentId) open.pop();
      // A parent missing from this list (none in practice) makes the item a root.
      if (open.length > 0) open[open.length - 1].node.children.push(node);
      else roots.push(node);
      open.push({ id: item.id, node });
    }
    return roots;
  };
  const phase = (p: Phase): OutlinePhase => ({ ...phaseProgress(p), items: tree(p.items), phases: p.phases.map(phase) });
  const steps = stepsOf(checklist).map((s): OutlineStep => {
    const lastRun = lastRunOf(checklist, s);
    return {
      id: s.id,
      kind: s.kind,
      label: s.kind === 'inline' ? s.command : s.lang,
      command: s.command,
      range: toLspRange(s.range),
      ...(s.item ? { itemId: s.item.id } : {}),
      ...(lastRun ? { lastRun } : {}),
    };
  });
  const signOff: OutlineRole[] = (checklist.signOff?.roles ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    range: toLspRange(r.range),
    signed: r.signed,
    complete: r.complete,
    gate: roleGate(checklist, r),
    ...(signersOf(checklist, r) !== undefined ? { signers: signersOf(checklist, r) } : {}),
    signatureRequired: hasSigners(checklist),
    // A heading role's innermost phase is its own heading; a table row's or an item's, the section holding it.
    phaseId: phaseAt(checklist, r.range.start.offset)?.id ?? checklist.signOff!.phase.id,
  }));
  return {
    uri,
    version,
    title: checklist.title,
    overall: counts(checklist.progress),
    looseItems: tree(checklist.looseItems),
    phases: checklist.phases.map(phase),
    steps,
    signOff,
    run: runContext(checklist.frontMatter?.data ?? {}),
    ecs: ecsTargets(checklist),
    tableChecks: checklist.tableChecks.map((c) => ({
      line: c.box.start.line - 1,
      character: c.box.start.column - 1,
      checked: c.checked,
      // The other cells name the row; empty cells and the boxes themselves say nothing.
      label: c.row.filter((cell) => !/^(?:\[[ xX]\])?$/.test(cell.trim())).join(' · '),
    })),
  };
}

/** The role's gate: its phases as the document titles them, and its open required items by 0-based line. */
function roleGate(checklist: Checklist, role: SignOffRole): RoleGate {
  const gate = gateOf(checklist, role);
  const open = gate.items.filter((i) => !i.checked);
  return {
    phases: [...new Set(gate.phases.map((p) => p.title))],
    done: gate.items.length - open.length,
    total: gate.items.length,
    open: open.map((i) => ({ id: i.id, text: i.text, line: i.range.start.line - 1 })),
  };
}

/** Front matter `cwd:` and `env:`; values that are not scalars are left out rather than guessed at. */
function runContext(data: Record<string, unknown>): RunContext {
  const env = frontMatterEnv(data);
  return typeof data.cwd === 'string' && data.cwd.trim() !== '' ? { cwd: data.cwd.trim(), env } : { env };
}

export function progressParams(checklist: Checklist, uri: string, version: number): ProgressParams {
  return {
    uri,
    version,
    title: checklist.title,
    overall: counts(checklist.progress),
    phases: [...allPhases(checklist.phases)].map(phaseProgress),
  };
}

function counts(progress: Progress): Counts {
  const { done, total, required, optional } = progress;
  return {
    done,
    total,
    required: { done: required.done, total: required.total },
    optional: { done: optional.done, total: optional.total },
    // An item is optional, required or else in a conditional phase (core/progress.ts counts the first two).
    conditionalItems: { done: done - required.done - optional.done, total: total - required.total - optional.total },
  };
}

function phaseProgress(phase: Phase): PhaseProgress {
  return {
    id: phase.id,
    title: phase.title,
    level: phase.level,
    range: toLspRange(phase.range),
    conditional: phase.conditional,
    ...counts(phase.progress),
  };
}

/** The checklist's ECS targets, each with the block that rolls it back, if one does. */
function ecsTargets(checklist: Checklist): EcsTarget[] {
  const rollbacks = ecsRollbackSteps(checklist);
  return ecsTargetsOf(checklist).map((target) => {
    const rollback = rollbacks.find((r) => r.target === target);
    return { ...toProtocolEcsTarget(target), ...(rollback ? { rollbackStepId: rollback.step.id } : {}) };
  });
}
