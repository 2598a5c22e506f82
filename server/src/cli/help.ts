import type { Command } from './args.js';

const TOP = `preflight — progress, checks, history and sign-offs of markdown checklists, for CI and pull requests

Usage:
  preflight report FILE… [--format text|markdown|json]
  preflight check FILE… [--require PHASE…] [--fail-on error|warning|info]
  preflight diff [--from REV] [--to REV] FILE [--format text|markdown|json]
  preflight signoffs FILE… [--require-signatures] [--allowed-signers FILE] [--format text|json]
  preflight new TEMPLATE [--set NAME=VALUE]… [--dir DIR]
  preflight new --list [DIR]
  preflight merge BASE OURS THEIRS [--path NAME]
  preflight merge --install [--glob GLOB]…

Options:
  -h, --help       show help (also "preflight COMMAND --help")
  -v, --version    print the version

Exit codes: 0 ok, 1 check failed, 2 usage or input error, 3 internal error.
FILE may be "-" for standard input (report and check). NO_COLOR disables colours.`;

const COMMAND_HELP: Record<Command, string> = {
  merge: `preflight merge BASE OURS THEIRS [--path NAME]
preflight merge --install [--glob GLOB]…

A git merge driver for checklists (git's %O %A %B %P): merges THEIRS and BASE into OURS, in place.
Ticks on adjacent items, run notes recorded on both branches, a sign-off filled on one side and
front matter keys changed on one side merge cleanly. Wording changed differently on both sides,
a sign-off filled differently, a front matter key changed differently, or an item changed on one
side and removed on the other is a conflict marked around that item, role or key only; other
lines merge as git merge-file merges them. Line endings and the final newline follow OURS.

      --path NAME    the checklist's path in the repository, for messages (git's %P)
      --install      set this repository up: git config merge.preflight.name and
                     merge.preflight.driver ("preflight merge %O %A %B --path %P"), and the
                     .gitattributes lines "GLOB merge=preflight"; again: "already installed"
      --glob GLOB    the files to merge with it (repeatable; default: *checklist*.md,
                     *CHECKLIST*.md, checklists/**/*.md, *runbook*.md, runbooks/**/*.md)

Exit codes: 0 merged, 1 conflicts left (one line each on stderr: NAME:LINE: merge conflict (KIND):
what), 2 usage error or an input that cannot be read (missing, binary, not UTF-8): OURS untouched.`,
  report: `preflight report FILE… [--format text|markdown|json]

Completion per phase: a tree of phases with done/total and percent. Conditional phases (rollback and
the like) are marked and not counted as incomplete; optional items and table checks are listed apart.

  -f, --format text      a tree for the terminal (default)
  -f, --format markdown  a table ready to post as a pull request comment
  -f, --format json      {file,title,total,done,optional,phases:[{id,title,level,line,total,done,phases}]};
                         an array for several files. total/done count every task item, as GitHub does.`,
  check: `preflight check FILE… [--require PHASE…] [--fail-on error|warning|info]

Runs the checklist rules and prints "file:line:col: severity code message".

  -r, --require PHASE    fail unless every required item of PHASE is checked (repeatable). PHASE is a
                         phase id (e.g. deployment-day/smoke-tests) or title, case-insensitive; an
                         unambiguous prefix or part of the title is enough.
      --fail-on LEVEL    lowest severity that fails the run: error (default), warning or info.

Exit codes: 0 clean, 1 findings at or above --fail-on or a required phase incomplete, 2 usage or input error.`,
  diff: `preflight diff [--from REV] [--to REV] FILE [--format text|markdown|json]

Items checked, unchecked, added and removed between two git revisions, per phase, each with the commit
and author that last changed it.

      --from REV   start revision (default HEAD)
      --to REV     end revision (default: the working tree; its changes are "uncommitted")
  -f, --format     text (default), markdown (a "who checked what" pull request comment) or json`,
  signoffs: `preflight signoffs FILE… [--require-signatures] [--allowed-signers FILE] [--format text|json]

Verifies each signed sign-off role against git: the newest commit with the trailer
"Preflight-Role: <role id>" must be authored by the name stamped in the role, its
"Preflight-Content-SHA256" must be the sha256 of the file it commits, its signature must be good
(git's own verification: SSH via gpg.ssh.allowedSignersFile, or GPG) and by a signer allowed for
the role (front matter "signers:", else the commit author's own address), and since then only
verified sign-off commits may have changed the file (uncommitted edits count as a change).
States: verified, author name only (unsigned), unknown key, bad signature, signer not allowed,
untrusted key, name mismatch, hash mismatch, no commit, edited after sign-off, not signed.
Roles nobody signed are listed as "not signed" and do not fail the run.

      --require-signatures   exit 1 unless every signed role is verified
      --allowed-signers FILE the SSH allowed-signers file to trust (instead of git's
                             gpg.ssh.allowedSignersFile); take it from your own config,
                             never from the change under review
  -f, --format text   one line per role: ✓ or ✗ with the state, commit, author, date
                      and any exception (default)
  -f, --format json   {file,path,title,verified,passes,hasSignOff,roles:[{id,name,signed,
                      state,verified,passes,signer,allowed,commit,author,date,
                      signature:{status,signer,key,format},progress?,exception?,problems}]};
                      an array for several files

Exit codes: 0 no signed role fails (unsigned or unchecked signatures are "not proven" but pass
unless the role has "signers:"; with --require-signatures: every signed role is verified),
1 otherwise, 2 usage error, unreadable file or not in a git repository.`,
  new: `preflight new TEMPLATE [--set NAME=VALUE]… [--dir DIR]
preflight new --list [DIR]

Creates a checklist from a template: every {{placeholder}} replaced by its value, the template's
front matter \`template:\` removed, written to DIR/checklists/<slug>-<date>.md (checklists/ is created;
an existing file is never overwritten). Prints the path written. The date is the value of {{date}}
(or of --set date=…) when it is YYYY-MM-DD, else today.

TEMPLATE is a template file, or the name of one from --list (DIR/.preflight/templates first, then the
bundled templates).

  -s, --set NAME=VALUE   the value of {{NAME}} (repeatable). Without it a placeholder takes its default
                         from the template: "today" is the local date, "git user.name" is
                         \`git config user.name\` in DIR, anything else is used as written.
  -d, --dir DIR          the folder to create checklists/ in (default: the current directory)
  -l, --list [DIR]       list the templates: DIR/.preflight/templates/*.md and the bundled ones,
                         with name and description

Exit codes: 0 written, 1 the file exists (not overwritten), 2 usage error, unknown template,
or a placeholder without a value (the message lists the --set to add).`,
};

export function helpText(topic?: Command): string {
  return topic ? COMMAND_HELP[topic] : TOP;
}

declare const PREFLIGHT_VERSION: string;

/**
 * The version scripts/build.mjs writes into the bundle (esbuild `define`), so a copy of the bundle anywhere
 * (the npm package, a repository's .preflight/) still knows it. Run from source (tsx) there is none.
 */
export function version(): string {
  return typeof PREFLIGHT_VERSION === 'string' ? PREFLIGHT_VERSION : 'unknown';
}
