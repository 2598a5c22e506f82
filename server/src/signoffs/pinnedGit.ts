/**
 * Git options for reading evidence. A repository's own config may name programs (`gpg.program`,
 * `gpg.ssh.program`, `core.fsmonitor`, a pager, an external diff): verifying a pull request must never run
 * what the pull request's repository chose, so these are pinned to the real tools on the reviewer's PATH.
 */
export const PINNED_CONFIG: readonly string[] = [
  'gpg.program=gpg',
  'gpg.openpgp.program=gpg',
  'gpg.ssh.program=ssh-keygen',
  'gpg.x509.program=gpgsm',
  'core.fsmonitor=false',
  'core.pager=cat',
  'log.showSignature=false',
];

/** `-c key=value` for each pinned option, then `-c gpg.ssh.allowedSignersFile=…` when one is given. */
export function pinnedArgs(allowedSigners?: string): string[] {
  const config = [...PINNED_CONFIG, ...(allowedSigners ? [`gpg.ssh.allowedSignersFile=${allowedSigners}`] : [])];
  return config.flatMap((c) => ['-c', c]);
}
