/**
 * Front matter `signers:`: the identities allowed to sign each role, as e-mail addresses the way they
 * appear in git's allowed-signers file (SSH) or on GPG keys. `QA Lead: quinn@example.com` or a list.
 * A role is named like `gates:` names it (its name or its id, case and whitespace aside).
 */
import { namesRole } from './signOffGate.js';
import type { Checklist, SignOffRole } from './model.js';
import { isMapping } from './yamlShapes.js';

/** `name@host`: one address, no spaces or angle brackets (git's allowed-signers principals are bare). */
const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** Addresses compare case-insensitively (what git prints for %GS keeps the principal's own case). */
export function sameIdentity(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The checklist has a `signers:` key at all: the signal that its sign-offs are meant to be signed. */
export function hasSigners(checklist: Checklist): boolean {
  const value = checklist.frontMatter?.data.signers;
  return value !== undefined && value !== null;
}

/**
 * The addresses allowed to sign `role`, or undefined when `signers:` has no entry for it. Entries that are
 * not e-mail addresses are dropped (front-matter-signers reports them), so a role whose every entry is
 * wrong allows nobody: a typo must never make any key acceptable.
 */
export function signersOf(checklist: Checklist, role: Pick<SignOffRole, 'id' | 'name'>): string[] | undefined {
  const signers = checklist.frontMatter?.data.signers;
  if (!isMapping(signers)) return undefined;
  let found: string[] | undefined;
  for (const [key, value] of Object.entries(signers)) {
    if (!namesRole(key, role)) continue;
    found = [...(found ?? []), ...identitiesOf(value).filter(isEmail)];
  }
  return found;
}

/** The strings of a value that is a string or a list of strings; anything else holds none. */
export function identitiesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value.trim()];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim());
  return [];
}
