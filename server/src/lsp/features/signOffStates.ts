/**
 * The role states of an open checklist, computed by the same evaluation as `preflight signoffs`: git is
 * run read-only with programs pinned (signoffs/pinnedGit.ts), and only for a trusted workspace.
 */
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checklist } from '../../core/model.js';
import { type GitAccess, NO_GIT_ON_THE_WEB } from '../gitAccess.js';
import { git } from '../../cli/git.js';
import type { RoleSignOffState, SignOffStates } from '../../protocol/protocol.js';
import { evaluateRoles } from '../../signoffs/evaluate.js';
import { loadHistory } from '../../signoffs/history.js';
import { pinnedArgs } from '../../signoffs/pinnedGit.js';
import { stateLabel } from '../../signoffs/roleState.js';

export async function signOffStates(checklist: Checklist, uri: string, access: GitAccess): Promise<SignOffStates> {
  const roles = checklist.signOff?.roles ?? [];
  const unchecked = (reason: string): SignOffStates => ({
    checked: false,
    reason,
    roles: Object.fromEntries(roles.map((r) => [r.id, { state: 'not checked', label: `not checked: ${reason}`, reason }])),
  });
  if (access === 'absent') return unchecked(NO_GIT_ON_THE_WEB);
  if (!access) return unchecked('trust the workspace');
  if (!uri.startsWith('file:')) return unchecked('save the checklist to a file in a git repository');
  const file = fileURLToPath(uri);
  const top = await git(dirname(file), [...pinnedArgs(), 'rev-parse', '--show-toplevel']);
  if (!top.ok) return unchecked('the file is not in a git repository');
  const root = top.stdout.toString('utf8').trim();
  const path = relative(root, file).split(sep).join('/');
  const history = await loadHistory({ top: root, path, current: new TextEncoder().encode(checklist.text) });
  const states: Record<string, RoleSignOffState> = {};
  for (const v of evaluateRoles(checklist, history)) {
    states[v.id] = {
      state: v.state,
      label: stateLabel(v.state, v.name),
      reason: v.problems.join('; '),
      passes: v.passes,
      ...(v.commit ? { commit: v.commit } : {}),
      ...(v.signature?.signer ? { signer: v.signature.signer } : {}),
      ...(v.signature?.format ? { format: v.signature.format } : {}),
    };
  }
  return { checked: true, roles: states };
}
