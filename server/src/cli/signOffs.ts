/**
 * `preflight signoffs`: is each signature in a checklist backed by a sign-off commit, and is that commit
 * signed by someone allowed to sign the role? The facts come from git (signoffs/history.ts, with git's own
 * signature verification and programs pinned); the verdicts from the pure signoffs/evaluate.ts, which the
 * language server shares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { evaluateRoles } from '../signoffs/evaluate.js';
import { loadHistory } from '../signoffs/history.js';
import { analyse } from './analyse.js';
import { CliError, EXIT, InputError } from './errors.js';
import { paint } from './format/color.js';
import { signOffsText } from './format/signOffsText.js';
import type { Io } from './io.js';
import type { SignOffsReport } from './signOffsReport.js';
import { readInput } from './readInput.js';
import { repoPathOf } from './repoPath.js';

export interface SignOffsOptions {
  format: 'text' | 'json';
  /** Exit 1 unless every signed role is verified. */
  requireSignatures: boolean;
  /** An allowed-signers file for SSH signatures, instead of git's gpg.ssh.allowedSignersFile. */
  allowedSigners?: string;
}

/**
 * Exit 0 when no signed role fails (with --require-signatures: when every signed role is verified),
 * 1 otherwise, 2 when a file cannot be read or is not in git.
 */
export async function runSignOffs(files: readonly string[], options: SignOffsOptions, io: Io): Promise<number> {
  const p = paint(io.color);
  const reports: SignOffsReport[] = [];
  let code: number = EXIT.ok;
  try {
    if (options.allowedSigners !== undefined && !existsSync(options.allowedSigners)) {
      throw new InputError(
        `--allowed-signers ${options.allowedSigners}: no such file. Pass the allowed-signers file you trust (lines of "email ssh-ed25519 AAAA…").`,
      );
    }
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`preflight: ${error.message}`);
    return EXIT.usage;
  }
  for (const file of files) {
    try {
      const report = await verifyFile(file, io.cwd, options.allowedSigners);
      reports.push(report);
      const ok = options.requireSignatures ? report.verified : report.passes;
      if (!ok && code === EXIT.ok) code = EXIT.failed;
      if (options.format === 'text') io.out(`${reports.length > 1 ? '\n' : ''}${signOffsText(report, p)}`);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.err(`preflight: ${error.message}`);
      code = EXIT.usage;
    }
  }
  if (options.format === 'json' && (reports.length > 0 || files.length > 1))
    io.out(JSON.stringify(files.length === 1 ? reports[0] : reports, withoutShort, 2));
  return code;
}

/** `short` serves the text output; JSON has the full sha. */
function withoutShort(key: string, value: unknown): unknown {
  return key === 'short' ? undefined : value;
}

export async function verifyFile(file: string, cwd: string, allowedSigners?: string): Promise<SignOffsReport> {
  const checklist = analyse(file, readInput(file, cwd).text);
  const at = await repoPathOf(file, cwd, 'signoffs');
  const base = { file, path: at.path, title: checklist.title };
  if (!checklist.signOff) return { ...base, verified: true, passes: true, hasSignOff: false, roles: [] };
  const current = existsSync(at.abs) ? readFileSync(at.abs) : undefined;
  const history = await loadHistory({ top: at.top, path: at.path, current, ...(allowedSigners ? { allowedSigners } : {}) });
  const roles = evaluateRoles(checklist, history);
  const signed = roles.filter((r) => r.signed);
  return { ...base, verified: signed.every((r) => r.verified), passes: signed.every((r) => r.passes), hasSignOff: true, roles };
}
