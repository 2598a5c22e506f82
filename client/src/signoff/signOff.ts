/**
 * Sign Off…: pick a role, see its gate, stamp name, date and time through the server, save, and commit
 * that file alone with trailers `preflight signoffs` can verify. Any refusal leaves file and repository
 * as they were; a failed commit takes the stamp back.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import {
  type Outline,
  OutlineRequest,
  type OutlineRole,
  ServerCommands,
  type SignOffArgs,
  SignOffTrailers,
  type StampSignOffArgs,
} from '@preflight/protocol';
import { machineSetting } from '../machineSetting';
import { commitOnly, signerFor, signingReady, storedContent } from './git';
import { signOffMessage } from './signOffMessage';
import { isoWithOffset } from '../time';
import type { Command, MachineServices } from '../commands/command';

export type SignOffResult = 'committed' | 'refused' | 'failed';

export const signOff: Command<MachineServices> = {
  id: 'preflight.signOff',
  /** `args`: a Sign-off lens's {uri, roleId}; none from the palette (active checklist, role picked). */
  run: (services, args) => signOffRole(services, args as SignOffArgs | undefined),
};

async function signOffRole(services: MachineServices, args: SignOffArgs | undefined): Promise<SignOffResult> {
  const refuse = (message: string): SignOffResult => {
    void vscode.window.showWarningMessage(`Preflight: not signed. ${message}`);
    return 'refused';
  };
  if (!vscode.workspace.isTrusted) return refuse('Signing off commits to git, which needs a trusted workspace.');
  const uri = args?.uri ? vscode.Uri.parse(args.uri) : vscode.window.activeTextEditor?.document.uri;
  const outline = uri && services.outlines.get(uri);
  if (!uri || !outline) return refuse('Open a checklist first.');
  if (uri.scheme !== 'file') return refuse('Save the checklist to a file in a git repository first.');
  if (outline.signOff.length === 0) return refuse('This checklist has no sign-off section: add "## Sign-Off" with a sub-heading per role.');
  const role = args?.roleId ? outline.signOff.find((r) => r.id === args.roleId) : await pickRole(outline);
  if (!role) return args?.roleId ? refuse(`No role "${args.roleId}" in this checklist any more.`) : 'refused';

  const doc = await vscode.workspace.openTextDocument(uri);
  if (vscode.languages.getDiagnostics(uri).some((d) => d.code === 'conflict-markers'))
    return refuse('The file has merge conflict markers: resolve the conflict first.');
  const signer = await signerFor(uri.fsPath);
  if ('error' in signer) return refuse(signer.error);
  // `signers:` names who may sign the role: anyone else is refused before anything is stamped.
  if (role.signers && !role.signers.some((e) => e.toLowerCase() === signer.email.toLowerCase())) {
    const allowed = role.signers.length > 0 ? role.signers.join(', ') : 'nobody (its `signers:` entry has no valid address)';
    return refuse(
      `${signer.email} (git user.email) may not sign "${role.name}": front matter \`signers:\` allows ${allowed}. Sign with an allowed identity, or ask the checklist's owner to add you.`,
    );
  }
  // The user's own setting (a workspace cannot turn signing off, machineSetting.ts), or a checklist with `signers:`.
  const gpgSign = role.signatureRequired || machineSetting<boolean>('preflight.signOff', 'gpgSign', false);
  if (gpgSign) {
    const ready = await signingReady(signer);
    if ('error' in ready) return refuse(ready.error);
  }
  if (role.signed) {
    const again = await vscode.window.showWarningMessage(
      `"${role.name}" is already signed. Sign it again as ${signer.name}? Date and time are replaced.`,
      { modal: true },
      'Sign Again',
    );
    if (again !== 'Sign Again') return 'refused';
  }
  const exception = await gateException(role);
  if (exception === undefined)
    return refuse(
      `"${role.name}" has ${role.gate.open.length} open item${role.gate.open.length === 1 ? '' : 's'} in its gate and no reason was given.`,
    );

  const before = doc.getText();
  const stamp: StampSignOffArgs = {
    uri: uri.toString(),
    version: doc.version,
    roleId: role.id,
    name: signer.name,
    at: isoWithOffset(new Date()),
  };
  const stamped = await services.ctx.serverCommand(ServerCommands.stampSignOff, stamp);
  if (!stamped.applied) return 'refused';
  if (!(await doc.save())) return restore(doc, before, 'VS Code could not save the file');

  const after = await services.ctx.languageClient.sendRequest(OutlineRequest.type, { uri: uri.toString() });
  const overall = (after ?? outline).overall;
  const content = await storedContent(signer, uri.fsPath);
  if ('error' in content) return restore(doc, before, content.error);
  // Title, role and reason are single-lined by signOffMessage: no text can add a trailer.
  const message = signOffMessage(outline.title, role.name, [
    [SignOffTrailers.role, role.id],
    [SignOffTrailers.progress, `${overall.done}/${overall.total}`],
    [SignOffTrailers.contentSha256, createHash('sha256').update(content).digest('hex')],
    ...(exception ? [[SignOffTrailers.exception, exception] as const] : []),
  ]);
  const commit = await commitOnly(signer, uri.fsPath, message.subject, message.trailers, gpgSign);
  if ('error' in commit) return restore(doc, before, `git commit failed:\n${commit.error}`);
  // The commit changed the states, not the text: ask git again (the tree and hovers show the result).
  void services.roles.committed(uri);
  void vscode.window.showInformationMessage(`Preflight: signed off as ${role.name} (${signer.name}) in commit ${commit.sha.slice(0, 7)}.`);
  return 'committed';
}

async function pickRole(outline: Outline): Promise<OutlineRole | undefined> {
  const picks = outline.signOff.map((role) => ({
    label: role.name,
    description: role.signed ? 'signed' : role.gate.open.length === 0 ? 'gate complete' : `${role.gate.open.length} open in its gate`,
    detail: role.gate.phases.length > 0 ? `Owns: ${role.gate.phases.join(', ')}` : 'Gate: every required item above the sign-off section',
    role,
  }));
  return (
    await vscode.window.showQuickPick(picks, { title: `Sign off "${outline.title}"`, placeHolder: 'Which role are you signing for?' })
  )?.role;
}

/** '' when the gate is complete; the typed reason when it is not; undefined when the signer backs out. */
async function gateException(role: OutlineRole): Promise<string | undefined> {
  const { open } = role.gate;
  if (open.length === 0) return '';
  const listed = open.slice(0, 8).map((i) => `• line ${i.line + 1}: ${i.text.replace(/\s+/g, ' ')}`);
  const more = open.length > listed.length ? `\n…and ${open.length - listed.length} more` : '';
  const choice = await vscode.window.showWarningMessage(
    `"${role.name}" has ${open.length} open item${open.length === 1 ? '' : 's'} in its gate (${role.gate.done}/${role.gate.total} done).`,
    { modal: true, detail: `${listed.join('\n')}${more}\n\nSign anyway only with a reason, recorded in the commit as an exception.` },
    'Sign with a Reason…',
  );
  if (choice !== 'Sign with a Reason…') return undefined;
  const reason = await vscode.window.showInputBox({
    title: `Why sign "${role.name}" with open items?`,
    prompt: 'Recorded in the sign-off commit (Preflight-Exception).',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length < 5 ? 'Give a reason a reviewer can judge (5 characters or more).' : undefined),
  });
  return reason?.trim() || undefined;
}

/** Takes the stamp back: the file returns to its text before signing, saved. */
async function restore(doc: vscode.TextDocument, before: string, why: string): Promise<SignOffResult> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), before);
  const restored = (await vscode.workspace.applyEdit(edit)) && (await doc.save());
  void vscode.window.showErrorMessage(
    `Preflight: not signed. ${why}\n${restored ? 'The stamp was taken back: the file is as it was before.' : 'The stamp could not be taken back: undo it in the editor.'}`,
  );
  return 'failed';
}
