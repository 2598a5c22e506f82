/**
 * The git side of signing off: checks that a commit can be made, and commits one file only. Every
 * failure says what failed and what to do; nothing here leaves the index or the work tree changed.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';

export interface Signer {
  root: string;
  name: string;
  email: string;
}

function git(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('git', args, cwd);
}

function run(program: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: code === 127 && !stderr ? String(error?.message) : stderr });
    });
  });
}

/** The repository and identity a sign-off of `file` would commit with, or why it cannot. */
export async function signerFor(file: string): Promise<Signer | { error: string }> {
  const cwd = path.dirname(file);
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (top.code === 127) return { error: 'git is not installed or not on the PATH; install git to sign off.' };
  if (top.code !== 0)
    return {
      error: `${path.basename(file)} is not in a git repository, so the sign-off cannot be committed. Run \`git init\` (or open the repository's folder) and sign again.`,
    };
  const name = (await git(['config', 'user.name'], cwd)).stdout.trim();
  const email = (await git(['config', 'user.email'], cwd)).stdout.trim();
  if (!name || !email)
    return {
      error: `git has no ${!name ? 'user.name' : 'user.email'}: set it with \`git config --global ${!name ? 'user.name "Your Name"' : 'user.email you@example.com'}\` and sign again.`,
    };
  if ((await git(['symbolic-ref', '-q', 'HEAD'], cwd)).code !== 0)
    return { error: 'HEAD is detached (no branch is checked out): check out a branch first, so the sign-off commit is not lost.' };
  return { root: top.stdout.trim(), name, email };
}

/**
 * Whether `git commit -S` can sign for this signer, asked before anything is stamped: for SSH signing
 * (`gpg.format=ssh`) a `user.signingkey`; for GPG a secret key for `user.signingkey` or, without it, for
 * the signer's e-mail (what git would pick).
 */
export async function signingReady(signer: Signer): Promise<{ ok: true } | { error: string }> {
  const config = async (key: string) => (await git(['config', key], signer.root)).stdout.trim();
  const format = (await config('gpg.format')) || 'openpgp';
  const key = await config('user.signingkey');
  if (format === 'ssh') {
    if (key) return { ok: true };
    return {
      error:
        'This sign-off must be signed, but git has no signing key: set one with `git config user.signingkey ~/.ssh/id_ed25519.pub` (gpg.format is ssh) and sign again.',
    };
  }
  if (format !== 'openpgp') return { ok: true };
  const program = (await config('gpg.program')) || 'gpg';
  const wanted = key || signer.email;
  const listed = await run(program, ['--batch', '--list-secret-keys', '--with-colons', wanted], signer.root);
  if (listed.code === 0 && /^sec:/m.test(listed.stdout)) return { ok: true };
  const how = listed.code === 127 ? `${program} is not installed or not on the PATH` : `gpg has no secret key for ${wanted}`;
  return {
    error: `This sign-off must be signed, but ${how}. Create or import a key for ${signer.email} (or use SSH signing: \`git config gpg.format ssh\` and \`git config user.signingkey ~/.ssh/id_ed25519.pub\`) and sign again.`,
  };
}

/**
 * The bytes git stores for `file` as it is on disk: core.autocrlf, `eol` attributes and clean filters applied
 * (`git hash-object -w --path`). The sign-off's content hash covers these, since the verifier hashes the
 * committed blob; a CRLF checkout hashed as it sits on disk would never match.
 */
export async function storedContent(signer: Signer, file: string): Promise<Buffer | { error: string }> {
  const relative = path.relative(signer.root, file).split(path.sep).join('/');
  const blob = await git(['hash-object', '-w', `--path=${relative}`, '--', relative], signer.root);
  if (blob.code !== 0)
    return {
      error: `git could not read ${relative} as it would store it: ${blob.stderr.trim() || `git hash-object exited with ${blob.code}`}`,
    };
  return new Promise((resolve) => {
    execFile(
      'git',
      ['cat-file', 'blob', blob.stdout.trim()],
      { cwd: signer.root, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve(
          error ? { error: `git could not read back the blob of ${relative}: ${stderr.toString('utf8').trim() || error.message}` } : stdout,
        );
      },
    );
  });
}

/**
 * Commits the work-tree content of `file` alone (`git commit --only`), so other staged and unstaged
 * changes stay as they were. A file git does not know yet is announced with `add -N`, and forgotten again
 * if the commit fails.
 */
export async function commitOnly(
  signer: Signer,
  file: string,
  message: string,
  trailers: [string, string][],
  gpgSign: boolean,
): Promise<{ sha: string } | { error: string }> {
  const relative = path.relative(signer.root, file);
  const known = (await git(['ls-files', '--error-unmatch', '--', relative], signer.root)).code === 0;
  if (!known && (await git(['add', '--intent-to-add', '--', relative], signer.root)).code !== 0)
    return { error: `git could not add ${relative}.` };
  // Signed-off-by as the last trailer (`--signoff` would put it first).
  const all = [...trailers, ['Signed-off-by', `${signer.name} <${signer.email}>`]];
  const args = [
    'commit',
    '--only',
    '-m',
    message,
    ...all.flatMap(([key, value]) => ['--trailer', `${key}: ${value}`]),
    ...(gpgSign ? ['-S'] : []),
    '--',
    relative,
  ];
  const commit = await git(args, signer.root);
  if (commit.code !== 0) {
    if (!known) await git(['reset', '-q', '--', relative], signer.root);
    return { error: `${commit.stderr}${commit.stdout}`.trim() || `git commit exited with ${commit.code}` };
  }
  return { sha: (await git(['rev-parse', 'HEAD'], signer.root)).stdout.trim() };
}
