import type { Checklist, Count, Item } from '../core/model.js';
import { match } from '../core/matchItems.js';
import { type RunEvidence, runEvidence } from '../core/runEvidence.js';
import type { Signature } from '../signoffs/signature.js';
import { phaseTitles } from './reportModel.js';

/** Who made a version: a commit, or the working tree. */
export interface Attribution {
  kind: 'commit' | 'uncommitted';
  sha?: string;
  short?: string;
  author?: string;
  email?: string;
  date?: string;
  subject?: string;
  /** Git's verdict on the commit's signature (pinned programs; see signoffs/signature.ts). */
  signature?: Signature;
}

export interface Version {
  /** Absent file: every item added (or removed). */
  checklist?: Checklist;
  /** Undefined for the first version (the --from side). */
  by?: Attribution;
}

export type ChangeKind = 'checked' | 'unchecked' | 'added' | 'removed';

export interface ItemChange {
  kind: ChangeKind;
  id: string;
  /** The item's text with its inline code as code spans. */
  text: string;
  /** State at the --to side (for removed items: at the --from side). */
  checked: boolean;
  line: number;
  phaseId: string;
  phase: string;
  /** The last commit in from..to that changed this item; absent when the history does not show one. */
  by?: Attribution;
  /** The newest recorded run of the item's steps at the --to side; absent: no run recorded (ticked by hand). */
  evidence?: RunEvidence;
}

export interface PhaseChanges {
  phaseId: string;
  phase: string;
  changes: ItemChange[];
}

export interface ChecklistDiff {
  changes: ItemChange[];
  phases: PhaseChanges[];
  summary: Record<ChangeKind, number>;
  progress: { from: Count; to: Count };
}

/** One end of the comparison: a revision, or the working tree. */
export interface Endpoint {
  /** As given (`HEAD~2`), or null for the working tree. */
  rev: string | null;
  sha: string | null;
  exists: boolean;
}

/** What `preflight diff` reports, in every format: the diff and where its two ends are. */
export interface DiffReport extends ChecklistDiff {
  file: string;
  path: string;
  /** The path at --from, when the checklist was renamed since. */
  renamedFrom?: string;
  title: string;
  from: Endpoint;
  to: Endpoint;
}

/**
 * Net change is first vs last version. Attribution follows each item through the versions in between:
 * an item keeps its lineage while it can be matched (by id, else by unique text, so a renamed phase does
 * not look like everything was replaced), and the last step that changed it names the commit.
 */
export function diffVersions(versions: readonly Version[]): ChecklistDiff {
  const items = versions.map((v) => v.checklist?.items ?? []);
  const lineage = new Map<Item, string>();
  const last = new Map<string, Attribution | undefined>();
  items[0]?.forEach((item) => lineage.set(item, item.id));
  for (let i = 1; i < items.length; i++) {
    const matched = match(items[i - 1], items[i]);
    const seen = new Set<Item>();
    for (const item of items[i]) {
      const before = matched.get(item);
      if (before) {
        seen.add(before);
        const key = lineage.get(before) ?? before.id;
        lineage.set(item, key);
        if (before.checked !== item.checked) last.set(key, versions[i].by);
      } else {
        const key = `${i}:${item.id}`;
        lineage.set(item, key);
        last.set(key, versions[i].by);
      }
    }
    for (const item of items[i - 1]) if (!seen.has(item)) last.set(lineage.get(item) ?? item.id, versions[i].by);
  }

  const from = versions[0]?.checklist;
  const to = versions[versions.length - 1]?.checklist;
  const fromItems = items[0] ?? [];
  const toItems = items[items.length - 1] ?? [];
  const titles = new Map([...phaseTitles(from?.phases ?? []), ...phaseTitles(to?.phases ?? [])]);
  const evidence = to ? runEvidence(to) : new Map<Item, RunEvidence>();
  const change = (kind: ChangeKind, item: Item): ItemChange => {
    const by = last.get(lineage.get(item) ?? item.id);
    const run = evidence.get(item);
    const where = { line: item.range.start.line, phaseId: item.phaseId, phase: titles.get(item.phaseId) ?? '(before the first heading)' };
    return {
      kind,
      id: item.id,
      text: item.textWithCode,
      checked: item.checked,
      ...where,
      ...(by ? { by } : {}),
      ...(run ? { evidence: run } : {}),
    };
  };
  const net = match(fromItems, toItems);
  const kept = new Set(net.values());
  const changes: ItemChange[] = [];
  for (const item of toItems) {
    const before = net.get(item);
    if (!before) changes.push(change('added', item));
    else if (before.checked !== item.checked) changes.push(change(item.checked ? 'checked' : 'unchecked', item));
  }
  const removed = fromItems.filter((item) => !kept.has(item)).map((item) => change('removed', item));

  const phases = group([...changes, ...removed], [...toPhaseOrder(toItems), ...toPhaseOrder(fromItems)]);
  const summary: Record<ChangeKind, number> = { checked: 0, unchecked: 0, added: 0, removed: 0 };
  for (const c of [...changes, ...removed]) summary[c.kind]++;
  return {
    changes: phases.flatMap((p) => p.changes),
    phases,
    summary,
    progress: { from: count(from), to: count(to) },
  };
}

function toPhaseOrder(items: readonly Item[]): string[] {
  return [...new Set(items.map((i) => i.phaseId))];
}

function group(changes: readonly ItemChange[], order: readonly string[]): PhaseChanges[] {
  const rank = new Map<string, number>();
  order.forEach((id) => rank.has(id) || rank.set(id, rank.size));
  const groups = new Map<string, PhaseChanges>();
  for (const c of changes) {
    const g = groups.get(c.phaseId) ?? { phaseId: c.phaseId, phase: c.phase, changes: [] };
    g.changes.push(c);
    groups.set(c.phaseId, g);
  }
  return [...groups.values()].sort((a, b) => (rank.get(a.phaseId) ?? 0) - (rank.get(b.phaseId) ?? 0));
}

function count(checklist: Checklist | undefined): Count {
  return checklist ? { total: checklist.progress.total, done: checklist.progress.done } : { total: 0, done: 0 };
}
