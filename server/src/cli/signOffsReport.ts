/** What `preflight signoffs` reports for one checklist, in every format (the GitHub Action's comment reads it too). */
import type { RoleVerdict } from '../signoffs/evaluate.js';

export interface SignOffsReport {
  file: string;
  /** Path relative to the repository top. */
  path: string;
  title: string;
  /** Every signed role is verified: a good signature by an allowed signer (true when nobody has signed). */
  verified: boolean;
  /** No signed role fails outright; roles that are merely not proven (unsigned, no signers:) pass. */
  passes: boolean;
  /** False when the checklist has no sign-off section. */
  hasSignOff: boolean;
  roles: RoleVerdict[];
}
