/**
 * The GitHub Action (action.yml): on a pull request, the checklists changed since the merge base, read at the
 * head commit; on other events, the workspace's checklists. Then outputs, annotations, the job summary, the
 * one comment, and the merge gate as the step's result. Only git plumbing and Preflight's own code run:
 * nothing from the pull request is executed.
 */
import * as core from '@actions/core';
import type { ChecklistReport } from '../cli/reportModel.js';
import { annotationsOf, emit } from './annotations.js';
import { changedChecklists, type Selection, workspaceChecklists } from './checklistFiles.js';
import { type CommentContext, gatePasses, renderComment } from './comment.js';
import { capBody, COMMENT_LIMIT } from './commentLimit.js';
import { readEvent } from './event.js';
import { headOf, mergeBase } from './gitRead.js';
import { commentApi } from './githubComments.js';
import { readInputs } from './inputs.js';
import { runUrl } from './links.js';
import { verbatim } from './log.js';
import { logOutcome, postComment } from './postComment.js';
import { type ChecklistReview, reviewChecklist } from './review.js';
import { signersFor } from './signers.js';

/** GitHub's limit for one step's job summary is 1 MiB. */
const SUMMARY_LIMIT = 1000 * 1000;

export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    core.setFailed(`Preflight: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function runAction(): Promise<void> {
  const inputs = readInputs();
  const event = readEvent();
  const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
  const links = { serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com', repo: event.repo };

  let selection: Selection;
  let headSha: string;
  let base: string | undefined;
  let signOffsUnavailable: string | undefined;
  if (event.kind === 'pull-request') {
    base = await mergeBase(cwd, event.baseSha, event.headSha);
    headSha = event.headSha;
    selection = await changedChecklists(cwd, base, headSha, inputs.files);
    const at = await headOf(cwd);
    // Sign-offs are judged on the checked-out clone (HEAD and its history), so it must be the head.
    if (at !== headSha) {
      signOffsUnavailable = `the workspace is at ${at ? at.slice(0, 7) : 'no commit'}, not at the pull request's head ${headSha.slice(0, 7)}: check out the head (actions/checkout with ref: the pull request's head sha and fetch-depth: 0)`;
    }
    core.info(
      `Preflight: ${selection.files.length} checklist(s) changed between the merge base ${base.slice(0, 7)} and the head ${headSha.slice(0, 7)}.`,
    );
  } else {
    selection = await workspaceChecklists(cwd, inputs.files);
    headSha = (await headOf(cwd)) ?? event.sha;
    core.info(`Preflight: ${selection.files.length} checklist(s) in the workspace (event ${event.name}).`);
  }
  verbatim(selection.files.map((f) => `  ${f.path}${f.previousPath ? ` (renamed from ${f.previousPath})` : ''}`));
  if (selection.unsafeNames > 0)
    core.warning(`skipped ${selection.unsafeNames} markdown file(s) whose name contains a control character (a line break, an escape)`);

  const signers = await signersFor(inputs.allowedSigners, cwd, event.kind === 'pull-request' ? event.baseSha : undefined);
  const reviews: ChecklistReview[] = [];
  for (const file of selection.files) {
    reviews.push(
      await reviewChecklist(file, {
        cwd,
        require: inputs.require,
        failOn: inputs.failOn,
        ...(base ? { range: { from: base, to: headSha } } : {}),
        ...(signOffsUnavailable ? { signOffsUnavailable } : {}),
        ...(signers.file ? { allowedSigners: signers.file } : {}),
      }),
    );
  }
  const passes = gatePasses(reviews);
  verbatim(
    reviews.map(
      (r) =>
        `  ${r.path}: ${r.report ? `${r.report.done} of ${r.report.total} tasks, gate ${r.gate?.passes ? 'passes' : 'fails'}` : `cannot be read: ${r.problem}`}`,
    ),
  );

  const reports = reviews.map((r) => r.report).filter((r): r is ChecklistReport => r !== undefined);
  core.setOutput('gate', passes ? 'pass' : 'fail');
  core.setOutput(
    'total',
    reports.reduce((n, r) => n + r.total, 0),
  );
  core.setOutput(
    'done',
    reports.reduce((n, r) => n + r.done, 0),
  );
  core.setOutput('checklists', JSON.stringify(reports));

  emit(annotationsOf(reviews, inputs.failOn));

  const ctx: CommentContext = {
    ...links,
    headSha,
    ...(base ? { mergeBase: base } : {}),
    require: inputs.require,
    failOn: inputs.failOn,
    signers: signers.source,
    unsafeNames: selection.unsafeNames,
  };
  const body = renderComment(reviews, ctx);
  const run = runUrl(links, process.env.GITHUB_RUN_ID);
  const where = run ? `The whole report is in the job summary of this run: ${run}` : 'The whole report is in the job summary of this run.';
  if (process.env.GITHUB_STEP_SUMMARY)
    await core.summary
      .addRaw(capBody(body, SUMMARY_LIMIT, 'The report was cut to fit the job summary; `preflight report` prints all of it.'))
      .write();
  else core.info('GITHUB_STEP_SUMMARY is not set: no job summary written.');

  let commentFailed = false;
  if (event.kind === 'pull-request' && inputs.comment) {
    if (event.fromFork)
      core.notice(
        'Preflight comment skipped: the pull request comes from a fork, whose token is read-only. The report is in the job summary.',
      );
    else if (!inputs.token) core.notice('Preflight comment skipped: the token input is empty. The report is in the job summary.');
    else {
      const outcome = await postComment(
        commentApi(inputs.token, event.repo, event.number, (line) => core.info(line)),
        capBody(body, COMMENT_LIMIT, where),
        reviews.length > 0,
      );
      logOutcome(outcome);
      commentFailed = outcome.kind === 'failed';
    }
  }

  const failing = reviews.filter((r) => !r.gate?.passes).length;
  if (!passes)
    core.setFailed(
      `Preflight merge gate fails: ${failing} of ${reviews.length} checklist(s) fail (${ctx.require.length > 0 ? 'required phases incomplete or ' : ''}findings at or above ${inputs.failOn}). See the annotations and the job summary.`,
    );
  else if (commentFailed)
    core.setFailed('Preflight could not write its pull request comment (see the error above); the merge gate passes.');
  else core.info(`Preflight merge gate passes (${reviews.length} checklist(s)).`);
}
