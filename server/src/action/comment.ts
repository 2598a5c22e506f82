/**
 * The pull request comment (and the job summary): per changed checklist its progress per phase, the merge gate
 * and why, who checked what since the merge base, the evidence behind each tick and the sign-off roles, every
 * item linked to its line at the head commit. All document text is escaped (cell, cellWithCode, code): a
 * checklist from a pull request cannot add structure to the comment.
 */
import type { ItemChange } from '../cli/diffModel.js';
import { bar, ratio } from '../cli/format/bar.js';
import { evidenceLabel, KIND_ICON, summaryLine, who } from '../cli/format/diffLabels.js';
import { cell, cellWithCode, code, indent } from '../cli/format/markdown.js';
import { CONDITIONAL_NOTE, summary } from '../cli/format/reportText.js';
import { headline, phaseRows } from '../cli/reportModel.js';
import type { RoleVerdict } from '../signoffs/evaluate.js';
import type { SignOffsReport } from '../cli/signOffsReport.js';
import type { Severity } from '../core/rules/defineRule.js';
import { ruleDocsUrl } from '../core/rules/support/ruleDocsUrl.js';
import { describeSignature } from '../signoffs/signature.js';
import type { MergeGate } from '../cli/mergeGate.js';
import { commitUrl, fileUrl, type LinkBase } from './links.js';
import { type ChecklistReview, isProblem } from './review.js';

export const MARKER = '<!-- preflight:pull-request -->';
/** Lists longer than this fold into <details>, so the progress stays in view. */
export const FOLD = 10;

/** Where the allowed-signers file for SSH signatures came from: never from the pull request's head. */
export type SignersSource = { kind: 'input'; path: string } | { kind: 'base'; path: string } | { kind: 'git-config' } | { kind: 'none' };

export interface CommentContext extends LinkBase {
  /** The commit the reports describe. */
  headSha: string;
  /** Pull requests: the merge base the changes are counted from. */
  mergeBase?: string;
  require: readonly string[];
  failOn: Severity;
  signers: SignersSource;
  /** Markdown files skipped for a control character in their name. */
  unsafeNames: number;
}

export function gatePasses(reviews: readonly ChecklistReview[]): boolean {
  return reviews.every((r) => r.gate?.passes === true);
}

/** The whole report: the marker, the verdict, then one section per checklist. */
export function renderComment(reviews: readonly ChecklistReview[], ctx: CommentContext): string {
  const lines = [MARKER, '## ✈️ Preflight', ''];
  const n = reviews.length;
  const what = ctx.mergeBase
    ? `${n === 1 ? '1 checklist' : `${n} checklists`} changed in this pull request`
    : `${n === 1 ? '1 checklist' : `${n} checklists`} in the workspace`;
  if (n === 0) lines.push(ctx.mergeBase ? 'No checklist changed in this pull request.' : 'No checklist found in the workspace.');
  else {
    const verdict = gatePasses(reviews) ? '✅ passes' : '❌ fails';
    const since = ctx.mergeBase ? `; changes since ${commitLink(ctx, ctx.mergeBase)} (merge base)` : '';
    lines.push(
      `**Merge gate ${verdict}** · ${what} · progress at ${commitLink(ctx, ctx.headSha)}${ctx.mergeBase ? ' (head)' : ''}${since}.`,
    );
    lines.push('', `Gate: ${code(gateCommand(ctx))}`);
  }
  if (ctx.unsafeNames > 0)
    lines.push('', `_${ctx.unsafeNames} markdown file(s) skipped: their names hold a control character (a line break, an escape)._`);
  for (const review of reviews) lines.push('', '---', '', checklistSection(review, ctx));
  return `${lines.join('\n')}\n`;
}

export function gateCommand(ctx: Pick<CommentContext, 'require' | 'failOn'>): string {
  return ['preflight check', ...ctx.require.map((q) => `--require ${JSON.stringify(q)}`), `--fail-on ${ctx.failOn}`].join(' ');
}

function commitLink(ctx: LinkBase, sha: string): string {
  return `[${code(sha.slice(0, 7))}](${commitUrl(ctx, sha)})`;
}

function itemLink(ctx: CommentContext, path: string, text: string, line: number, sha = ctx.headSha): string {
  return `[${cellWithCode(text) || '(no text)'}](${fileUrl(ctx, sha, path, line)})`;
}

function fold(summaryText: string, body: string[], count: number): string[] {
  if (count <= FOLD) return body;
  return [`<details><summary>${summaryText}</summary>`, '', ...body, '', '</details>'];
}

function checklistSection(review: ChecklistReview, ctx: CommentContext): string {
  const { report, path } = review;
  const renamed = review.previousPath ? ` (renamed from ${code(review.previousPath)})` : '';
  if (!report) {
    return [
      `### ⚠️ ${code(path)}`,
      '',
      `Preflight cannot read it at ${code(ctx.headSha.slice(0, 7))}${renamed}: ${cell(review.problem ?? 'unknown problem')}`,
      '',
      '**Merge gate: ❌ fails** (the checklist cannot be checked).',
    ].join('\n');
  }
  const lines: string[] = [];
  const icon = report.complete ? '✅' : '📋';
  lines.push(
    `### ${icon} [${cell(report.title || 'Untitled checklist')}](${fileUrl(ctx, ctx.headSha, path)}) — ${report.done} of ${report.total} tasks`,
  );
  lines.push('', `${code(path)}${renamed} · ${summary(report)}`, '');
  lines.push('| Phase | Progress | Done | Optional |', '| :-- | :-- | --: | --: |');
  for (const { phase, depth } of phaseRows(report.phases)) {
    const main = headline(phase);
    const title = `[${cell(phase.title)}](${fileUrl(ctx, ctx.headSha, path, phase.line)})`;
    const name = `${indent(depth)}${depth === 0 ? `**${title}**` : title}`;
    const progress = phase.conditional ? `_${CONDITIONAL_NOTE}_` : main.total === 0 ? '—' : bar(main);
    const done = main.total === 0 && !phase.conditional ? '—' : ratio(main);
    lines.push(`| ${name} | ${progress} | ${done} | ${phase.optional.total > 0 ? ratio(phase.optional) : ''} |`);
  }
  if (review.gate) lines.push('', ...gateLines(review.gate, path, ctx));
  if (review.changes) lines.push('', ...changeLines(review, ctx));
  if (review.signoffs) lines.push('', ...signOffLines(review, ctx));
  return lines.join('\n');
}

function gateLines(gate: MergeGate, path: string, ctx: CommentContext): string[] {
  const lines = [`#### ${gate.passes ? '✅ Merge gate passes' : '❌ Merge gate fails'}`, ''];
  const details: string[] = [];
  if (ctx.require.length === 0) lines.push('- No required phases (input `require` is empty): only findings decide.');
  for (const r of gate.required) {
    if (!r.phase) {
      lines.push(`- ❌ Required phase ${code(r.query)}: ${r.problem}.`);
      continue;
    }
    const title = `[**${cell(r.phase.title)}**](${fileUrl(ctx, ctx.headSha, path, r.phase.line)})`;
    const { done, total } = r.phase.required;
    if (r.open.length === 0) {
      const note =
        total === 0 ? (r.phase.conditional ? ' (conditional: nothing is required unless triggered)' : ' (no required items)') : '';
      lines.push(`- ✅ Required phase ${title}: complete, ${done} of ${total} required items done${note}.`);
      continue;
    }
    lines.push(`- ❌ Required phase ${title}: ${done} of ${total} required items done, ${r.open.length} open.`);
    const open = r.open.map((i) => `- ☐ ${itemLink(ctx, path, i.text, i.line)} — line ${i.line}`);
    details.push('', `**Open in ${cell(r.phase.title)}**`, '', ...fold(`${r.open.length} open items`, open, r.open.length));
  }
  if (gate.failing.length > 0) {
    lines.push(`- ❌ ${gate.failing.length} finding(s) at or above ${ctx.failOn}.`);
    const failing = gate.failing.map(
      (f) =>
        `- ${f.severity} [${code(f.ruleId)}](${ruleDocsUrl(f.ruleId)}) at [line ${f.range.start.line}](${fileUrl(ctx, ctx.headSha, path, f.range.start.line)}): ${cell(f.message)}`,
    );
    details.push('', `**Findings at or above ${ctx.failOn}**`, '', ...fold(`${failing.length} findings`, failing, failing.length));
  } else lines.push(`- ✅ No finding at or above ${ctx.failOn}.`);
  const below = gate.findings.length - gate.failing.length;
  if (below > 0) lines.push(`- ${below} finding(s) below ${ctx.failOn}: see the annotations or \`preflight check\`.`);
  return [...lines, ...details];
}

function changeLines(review: ChecklistReview, ctx: CommentContext): string[] {
  const changes = review.changes!;
  const since = ctx.mergeBase ? code(ctx.mergeBase.slice(0, 7)) : 'the merge base';
  const lines = [`#### 📝 Who checked what since ${since}`, ''];
  if (isProblem(changes)) return [...lines, `Preflight cannot read the history: ${cell(changes.problem)}`];
  const { from, to } = changes.progress;
  lines.push(`${summaryLine(changes.summary)} · tasks ${from.done} of ${from.total} → ${to.done} of ${to.total}`);
  if (changes.changes.length === 0) return [...lines, '', '_No checklist items changed._'];
  const rows = ['| Change | Item | Phase | By | Commit | Signature |', '| :-- | :-- | :-- | :-- | :-- | :-- |'];
  for (const c of changes.changes) {
    const sha = c.kind === 'removed' && ctx.mergeBase ? ctx.mergeBase : ctx.headSha;
    const commit =
      c.by?.kind === 'commit' && c.by.sha ? `${commitLink(ctx, c.by.sha)}${c.by.subject ? ` ${cell(c.by.subject)}` : ''}` : '—';
    const signature = c.by?.kind === 'commit' && c.by.signature ? cell(describeSignature(c.by.signature)) : '—';
    rows.push(
      `| ${KIND_ICON[c.kind]} ${c.kind}${stateNote(c)} | ${itemLink(ctx, review.path, c.text, c.line, sha)} | ${cell(c.phase)} | ${cell(who(c.by))} | ${commit} | ${signature} |`,
    );
  }
  lines.push('', ...fold(`${changes.changes.length} items changed`, rows, changes.changes.length));
  lines.push('', ...evidenceLines(review.path, changes.changes, ctx));
  return lines;
}

function stateNote(c: ItemChange): string {
  return c.kind === 'added' && c.checked ? ' (checked)' : c.kind === 'removed' && c.checked ? ' (was checked)' : '';
}

/**
 * Checked since the merge base: backed by a recorded run, or ticked by hand. A run note is text in the file
 * (the Run lens writes it), so it is "recorded", never "verified": only a signature is verified.
 */
function evidenceLines(path: string, changes: readonly ItemChange[], ctx: CommentContext): string[] {
  const ticked = changes.filter((c) => c.checked && c.kind !== 'removed');
  const lines = ['#### 🧪 Evidence', ''];
  if (ticked.length === 0) return [...lines, '_No item was checked since the merge base._'];
  const ran = ticked.filter((c) => c.evidence);
  const byHand = ticked.filter((c) => !c.evidence);
  lines.push(
    `Of ${ticked.length} item(s) checked since the merge base, ${ran.length} have a recorded run and ${byHand.length} were ticked by hand.`,
  );
  if (ran.length > 0) {
    const rows = ['| Item | Exit | When | Run by | Took |', '| :-- | --: | :-- | :-- | --: |'];
    for (const c of ran) {
      const e = c.evidence!;
      rows.push(
        `| ${itemLink(ctx, path, c.text, c.line)} | ${e.exitCode === 0 ? '0' : `**${e.exitCode}** (failed)`} | ${cell(e.at)} | ${cell(e.by || 'unknown')} | ${(e.durationMs / 1000).toFixed(1)} s |`,
      );
    }
    lines.push('', `**▶️ Recorded run (${ran.length})**`, '', ...fold(`${ran.length} items with a recorded run`, rows, ran.length));
  }
  if (byHand.length > 0) {
    const items = byHand.map((c) => `- ${itemLink(ctx, path, c.text, c.line)} — ${cell(evidenceLabel(c))}, by ${cell(who(c.by))}`);
    lines.push('', `**✋ Ticked by hand (${byHand.length})**`, '', ...fold(`${byHand.length} items ticked by hand`, items, byHand.length));
  }
  lines.push(
    '',
    '_A recorded run is a note the Run lens writes into the file under the step (exit code, when, who): it shows a run happened, it proves nothing cryptographically. Only signed commits are verified._',
  );
  return lines;
}

const ROLE_ICON = (r: RoleVerdict) => (r.verified ? '✅' : !r.signed ? '⬜' : r.passes ? '⚠️' : '❌');

function signOffLines(review: ChecklistReview, ctx: CommentContext): string[] {
  const s = review.signoffs!;
  const lines = ['#### ✍️ Sign-off', ''];
  if (isProblem(s)) return [...lines, `Preflight cannot judge the sign-offs: ${cell(s.problem)}`];
  if (!(s as SignOffsReport).hasSignOff) return [];
  const rows = ['| Role | State | Signed as | Commit | Signature | Why |', '| :-- | :-- | :-- | :-- | :-- | :-- |'];
  for (const r of s.roles) {
    const line = review.roleLines?.[r.id];
    const role = line !== undefined ? `[${cell(r.name)}](${fileUrl(ctx, ctx.headSha, review.path, line)})` : cell(r.name);
    const commit = r.commit ? commitLink(ctx, r.commit) : '—';
    const signature = r.signature ? cell(describeSignature(r.signature)) : '—';
    const why = r.problems.length > 0 ? cell(r.problems.join('; ')) : '';
    rows.push(`| ${role} | ${ROLE_ICON(r)} ${r.state} | ${r.signer ? cell(r.signer) : '—'} | ${commit} | ${signature} | ${why} |`);
  }
  lines.push(...rows, '', signersNote(ctx.signers));
  return lines;
}

function signersNote(source: SignersSource): string {
  switch (source.kind) {
    case 'input':
      return `_SSH signatures are checked against the allowed-signers file ${code(source.path)} (input \`allowed-signers\`)._`;
    case 'base':
      return `_SSH signatures are checked against ${code(source.path)} as it is at the base branch (input \`allowed-signers\`): the pull request cannot change who may sign._`;
    case 'git-config':
      return "_SSH signatures are checked against the runner's git config (`gpg.ssh.allowedSignersFile`); files of the pull request are never used for it._";
    case 'none':
      return '_No allowed-signers file: SSH signatures show as "unknown key" and cannot be verified. Set the input `allowed-signers` to a trusted file (a path in the repository is read at the base branch, never from the pull request), or `gpg.ssh.allowedSignersFile` in the runner\'s git config._';
  }
}
