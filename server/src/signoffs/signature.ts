/**
 * A commit's signature as git judged it, in words a reviewer reads. Pure: the facts come from
 * `git log --format=%G?…` (see history.ts); this maps git's one-letter verdict to a status.
 */

export type SignatureStatus =
  /** %G? G: a good signature by a key git trusts (SSH: listed in gpg.ssh.allowedSignersFile). */
  | 'good'
  /** %G? B: the signature does not match the commit: it was altered after signing. */
  | 'bad'
  /** %G? U (SSH: a key not in the allowed-signers file; GPG: a key of unknown trust), E (the key is missing), or a signature git was not set up to check. */
  | 'unknown key'
  /** %G? X, Y: the signature or its key has expired. */
  | 'expired'
  /** %G? R: the key was revoked. */
  | 'revoked'
  /** No signature at all. */
  | 'unsigned';

export interface Signature {
  status: SignatureStatus;
  /** Who git says signed: the SSH principal, or the e-mail of the GPG user id; null when git names nobody. */
  signer: string | null;
  /** The key git names (SSH fingerprint `SHA256:…`, GPG key id); null when none. */
  key: string | null;
  /** ssh or gpg (x509 for S/MIME), from the signature's armour; null when unsigned. */
  format: 'ssh' | 'gpg' | 'x509' | null;
  /** Why git could not check it, when it could not (a missing allowed-signers file, say). */
  note?: string;
}

export const UNSIGNED: Signature = { status: 'unsigned', signer: null, key: null, format: null };

export interface RawSignature {
  /** %G? */
  code: string;
  /** %GS */
  signer: string;
  /** %GK */
  key: string;
  /** The format of the commit's `gpgsig` header, null when the commit has none. */
  format: Signature['format'];
}

/**
 * Git's verdict, corrected by what the commit holds: git says N both for no signature and for an SSH
 * signature it cannot check (no allowed-signers file), so a `gpgsig` header with N is an unknown key.
 */
export function signatureOf(raw: RawSignature): Signature {
  const signer = identityOf(raw.signer);
  const key = raw.key.trim() || null;
  const base = { signer, key, format: raw.format };
  switch (raw.code) {
    case 'G':
      return { status: 'good', ...base };
    case 'B':
      return { status: 'bad', ...base };
    case 'X':
    case 'Y':
      return { status: 'expired', ...base };
    case 'R':
      return { status: 'revoked', ...base };
    case 'U':
      return {
        status: 'unknown key',
        ...base,
        note:
          raw.format === 'ssh'
            ? 'the key is not in the allowed-signers file (gpg.ssh.allowedSignersFile)'
            : 'git does not trust the key (unknown validity)',
      };
    case 'E':
      return { status: 'unknown key', ...base, note: 'git cannot check it: the key is missing' };
    default:
      if (raw.format === null) return UNSIGNED;
      return {
        status: 'unknown key',
        ...base,
        note:
          raw.format === 'ssh'
            ? 'git cannot check SSH signatures until gpg.ssh.allowedSignersFile names your trusted allowed-signers file (or pass --allowed-signers)'
            : 'git could not check it',
      };
  }
}

/** `Gina <gina@example.com>` (a GPG user id) gives the address; an SSH principal is already one. */
export function identityOf(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const angle = /<([^<>\s]{1,1024})>/.exec(trimmed);
  return angle ? angle[1] : trimmed;
}

/** The format of a `gpgsig` header's armour. */
export function formatOfArmour(header: string): Signature['format'] {
  if (header.includes('BEGIN SSH SIGNATURE')) return 'ssh';
  if (header.includes('BEGIN PGP SIGNATURE')) return 'gpg';
  if (header.includes('BEGIN SIGNED MESSAGE')) return 'x509';
  return header.trim() === '' ? null : 'gpg';
}

/** `ssh, quinn@example.com`: how and by whom, for a verified role. */
export function signatureShort(s: Signature): string {
  return [s.format, s.signer].filter((x) => x).join(', ');
}

/** One phrase: `signed by alice@example.com (ssh)`, `unsigned`, `bad signature`, `unknown key SHA256:…`. */
export function describeSignature(s: Signature): string {
  const how = s.format ? ` (${s.format})` : '';
  switch (s.status) {
    case 'good':
      return `signed by ${s.signer ?? 'a trusted key'}${how}`;
    case 'bad':
      return `bad signature${how}`;
    case 'unsigned':
      return 'unsigned';
    case 'unknown key':
      return `unknown key${s.key ? ` ${s.key}` : ''}${how}`;
    default:
      return `${s.status} signature${s.signer ? ` by ${s.signer}` : ''}${how}`;
  }
}
