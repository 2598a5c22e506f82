/**
 * The rows under an ECS service in the tree: its state line, each deployment with its task definition
 * revision, rollout state and failed tasks, then the latest service events — or why there is nothing to show.
 */
import type { EcsEntry } from './ecsStates';
import { localDateTime } from '../time';
import type { EcsNode, EcsRowNode } from '../checklists/treeNodes';

export function ecsRows(node: EcsNode, entry: EcsEntry | undefined, trusted: boolean): EcsRowNode[] {
  const base = `${node.uri}#ecs:${node.target.cluster}/${node.target.service}`;
  const row = (id: string, fields: Omit<EcsRowNode, 'kind' | 'uri' | 'id' | 'parent' | 'children'>): EcsRowNode => ({
    kind: 'ecsRow',
    uri: node.uri,
    id: `${base}#${id}`,
    parent: node,
    children: [],
    ...fields,
  });
  if (!trusted) return [row('trust', { label: 'Trust the workspace to see the live state', icon: 'shield' })];
  if (entry?.problem)
    return [row('problem', { label: entry.problem, tooltip: entry.problem, icon: 'error', color: 'preflight.failedForeground' })];
  const state = entry?.state;
  if (!state) return [row('loading', { label: 'Loading…', icon: 'loading~spin' })];
  const rows: EcsRowNode[] = [
    row('status', {
      label: `${state.status} · ${state.running}/${state.desired} running`,
      description: `${state.pending} pending · as of ${localDateTime(state.fetchedAt)}`,
      icon: state.running === state.desired ? 'pass' : 'sync',
    }),
  ];
  for (const d of state.deployments) {
    const failed = d.failedTasks > 0 ? ` · ${d.failedTasks} failed` : '';
    rows.push(
      row(`deployment:${d.id}`, {
        label: `${d.status} ${d.taskDefinition}`,
        description: `${d.rolloutState ?? ''}${d.rolloutState ? ' · ' : ''}${d.running}/${d.desired} running${failed}`,
        tooltip: [d.taskDefinitionArn, d.rolloutStateReason, d.createdAt && `created ${localDateTime(d.createdAt)}`]
          .filter(Boolean)
          .join('\n'),
        icon: d.rolloutState === 'FAILED' ? 'error' : d.rolloutState === 'IN_PROGRESS' ? 'sync~spin' : 'rocket',
        ...(d.rolloutState === 'FAILED' ? { color: 'preflight.failedForeground' } : {}),
      }),
    );
  }
  state.events.forEach((e, index) => {
    rows.push(
      row(`event:${index}`, { label: e.message, description: e.at ? localDateTime(e.at) : undefined, tooltip: e.message, icon: 'history' }),
    );
  });
  return rows;
}
