/** The state of one sign-off role: what a reviewer can conclude, from strongest failure to plain "verified". */

export type RoleState =
  | 'verified'
  | 'not signed'
  | 'no commit'
  | 'hash mismatch'
  | 'bad signature'
  | 'signer not allowed'
  | 'untrusted key'
  | 'unknown key'
  | 'name mismatch'
  | 'edited after sign-off'
  | 'unsigned';

/** When a role has several problems, the first state in this order names it. */
export const STATE_ORDER: readonly RoleState[] = [
  'no commit',
  'hash mismatch',
  'bad signature',
  'signer not allowed',
  'untrusted key',
  'unknown key',
  'name mismatch',
  'edited after sign-off',
  'unsigned',
];

export interface RoleProblem {
  state: RoleState;
  message: string;
  /**
   * Soft: the sign-off is merely not proven (no signature, or one git cannot check, and the role has no
   * `signers:`): today's author-name check still passes it unless `--require-signatures`. Hard: it fails.
   */
  soft: boolean;
}

export function stateOf(problems: readonly RoleProblem[]): RoleState {
  if (problems.length === 0) return 'verified';
  const hard = problems.filter((p) => !p.soft);
  const pool = hard.length > 0 ? hard : problems;
  return STATE_ORDER.find((s) => pool.some((p) => p.state === s)) ?? pool[0].state;
}

/** How a state reads in one line; an unsigned sign-off that otherwise matches is never called verified. */
export function stateLabel(state: RoleState, role: string): string {
  if (state === 'unsigned') return 'author name only, not proven';
  if (state === 'signer not allowed') return `signer not allowed for ${role}`;
  return state;
}
