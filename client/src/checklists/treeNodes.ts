/**
 * The rows of the checklist tree, built once per outline so that the same objects answer getChildren,
 * getParent and reveal. Counts and percentages come from the server; nothing here reads markdown.
 */
import type { Counts, EcsTarget, RunNote, Outline, OutlineItem, OutlinePhase, OutlineRole, ReviewChange } from '@preflight/protocol';

export interface FileNode {
  kind: 'file';
  uri: string;
  outline?: Outline;
  children: TreeNode[];
}

export interface PhaseNode {
  kind: 'phase';
  uri: string;
  phase: OutlinePhase;
  /** The sign-off role this heading is (`### QA Lead` under `## Sign-Off`): the row shows its state. */
  role?: OutlineRole;
  parent: FileNode | PhaseNode;
  children: TreeNode[];
}

/** A sign-off role without a heading of its own (a table row, a `- [ ] QA Lead: …` item), under its section. */
export interface RoleNode {
  kind: 'role';
  uri: string;
  role: OutlineRole;
  parent: FileNode | PhaseNode;
  children: [];
}

export interface ItemNode {
  kind: 'item';
  uri: string;
  item: OutlineItem;
  /** The newest run of a step that proves this item. */
  lastRun?: RunNote;
  parent: FileNode | PhaseNode | ItemNode;
  children: ItemNode[];
}

/** An ECS service the checklist names; its rows (state, deployments, events) come from the live state. */
export interface EcsNode {
  kind: 'ecs';
  uri: string;
  target: EcsTarget;
  parent: FileNode;
  children: EcsRowNode[];
}

/** One line of an ECS service's live state. */
export interface EcsRowNode {
  kind: 'ecsRow';
  uri: string;
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon?: string;
  /** A ThemeColor id for the icon. */
  color?: string;
  parent: EcsNode;
  children: EcsRowNode[];
}

/** A checklist's "Changes" section while a review runs: the items changed since the reviewed ref. */
export interface ChangesNode {
  kind: 'changes';
  uri: string;
  parent: FileNode;
  children: ChangeNode[];
}

/** One item checked, unchecked, added or removed since the reviewed ref. */
export interface ChangeNode {
  kind: 'change';
  uri: string;
  change: ReviewChange;
  parent: ChangesNode;
  children: [];
}

export type TreeNode = FileNode | PhaseNode | ItemNode | RoleNode | EcsNode | EcsRowNode | ChangesNode | ChangeNode;

export function fileNode(uri: string, outline: Outline | undefined): FileNode {
  const file: FileNode = { kind: 'file', uri, outline, children: [] };
  if (!outline) return file;
  const runs = new Map<string, RunNote>();
  for (const step of outline.steps) {
    const known = step.itemId && runs.get(step.itemId);
    if (step.itemId && step.lastRun && (!known || known.at < step.lastRun.at)) runs.set(step.itemId, step.lastRun);
  }
  const itemNode = (item: OutlineItem, parent: ItemNode['parent']): ItemNode => {
    const node: ItemNode = { kind: 'item', uri, item, lastRun: runs.get(item.id), parent, children: [] };
    node.children = item.children.map((c) => itemNode(c, node));
    return node;
  };
  // A role with a heading of its own is that phase's row; the others get a row under their section.
  const headingRoles = new Map(outline.signOff.filter((r) => r.phaseId === r.id).map((r) => [r.id, r]));
  const otherRoles = outline.signOff.filter((r) => r.phaseId !== r.id);
  const phaseIds = new Set<string>();
  const collect = (phases: readonly OutlinePhase[]): void => phases.forEach((p) => (phaseIds.add(p.id), collect(p.phases)));
  collect(outline.phases);
  /** The rows of the roles in `phaseId`'s section; with undefined, of roles whose section is missing. */
  const roleNodes = (phaseId: string | undefined, parent: FileNode | PhaseNode): RoleNode[] =>
    otherRoles
      .filter((r) => (phaseId === undefined ? !phaseIds.has(r.phaseId) : r.phaseId === phaseId))
      .map((role) => ({ kind: 'role', uri, role, parent, children: [] }));
  const phaseNode = (phase: OutlinePhase, parent: FileNode | PhaseNode): PhaseNode => {
    const node: PhaseNode = {
      kind: 'phase',
      uri,
      phase,
      parent,
      children: [],
      ...(headingRoles.has(phase.id) ? { role: headingRoles.get(phase.id) } : {}),
    };
    node.children = [
      ...phase.items.map((i) => itemNode(i, node)),
      ...phase.phases.map((p) => phaseNode(p, node)),
      ...roleNodes(phase.id, node),
    ];
    return node;
  };
  const ecsNode = (target: EcsTarget): EcsNode => ({ kind: 'ecs', uri, target, parent: file, children: [] });
  file.children = [
    ...outline.looseItems.map((i) => itemNode(i, file)),
    ...outline.phases.map((p) => phaseNode(p, file)),
    // Not expected: a role whose section the outline lacks still gets its row.
    ...roleNodes(undefined, file),
    ...(outline.ecs ?? []).map(ecsNode),
  ];
  return file;
}

/** Open items, and phases or items that still hold one: what the "open items only" filter keeps. */
export function hasOpen(node: TreeNode): boolean {
  if (node.kind === 'item') return !node.item.checked || node.children.some(hasOpen);
  if (node.kind === 'phase') return node.phase.done < node.phase.total;
  if (node.kind === 'role') return !node.role.complete;
  if (node.kind === 'ecs' || node.kind === 'ecsRow' || node.kind === 'changes' || node.kind === 'change') return true;
  return node.outline ? node.outline.overall.done < node.outline.overall.total : true;
}

/** The deepest row starting at or above `line` (0-based): the item or section the cursor is in. */
export function nodeAtLine(file: FileNode, line: number): PhaseNode | ItemNode | undefined {
  let best: PhaseNode | ItemNode | undefined;
  const visit = (nodes: readonly TreeNode[]) => {
    for (const node of nodes) {
      if (node.kind !== 'phase' && node.kind !== 'item') continue;
      const start = node.kind === 'phase' ? node.phase.range.start.line : node.item.range.start.line;
      if (start > line) continue;
      if (!best || start >= lineOf(best)) best = node;
      visit(node.children);
    }
  };
  visit(file.children);
  return best;
}

export function lineOf(node: PhaseNode | ItemNode): number {
  return node.kind === 'phase' ? node.phase.range.start.line : node.item.range.start.line;
}

export function percent(counts: Pick<Counts, 'done' | 'total'>): number {
  // Floor, so that 99.6% never reads as 100% while an item is open.
  return counts.total === 0 ? 0 : Math.floor((counts.done / counts.total) * 100);
}

export function countLabel(counts: Pick<Counts, 'done' | 'total'>): string {
  return `${counts.done}/${counts.total} · ${percent(counts)}%`;
}
