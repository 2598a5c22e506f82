#!/usr/bin/env bash
# The same two-branch merge of a checklist, first with plain git (a conflict), then with `preflight merge`
# as git's merge driver (clean), and the diff the merge brings. Prints a transcript: each command, then its
# output. Runs in a temporary repository it removes; the machine's git configuration stays out.
# Usage: npm run build && bash scripts/mergeDemo.sh
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cli="$root/server/dist/cli.js"
if [ ! -f "$cli" ]; then
  echo "mergeDemo: $cli is missing; run npm run build first" >&2
  exit 2
fi
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
export GIT_AUTHOR_NAME='Ada Lovelace' GIT_AUTHOR_EMAIL=ada@example.com GIT_COMMITTER_NAME='Ada Lovelace' GIT_COMMITTER_EMAIL=ada@example.com
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# `preflight` as a user types it; this demo runs the built CLI.
preflight() { node "$cli" "$@"; }
# Prints the command, then runs it; a failing command shows its exit code and the transcript goes on.
run() {
  printf '\n$ %s\n' "$*"
  local code=0
  "$@" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then printf '(exit %d)\n' "$code"; fi
}
tick() { sed -i "s/^- \[ \] $1\$/- [x] $1/" release-checklist.md; }

git init -q -b main
cat > release-checklist.md <<'EOF'
# Release checklist

## Testing

- [ ] Smoke tests on staging
- [ ] Regression suite green
- [ ] Performance within budget

## Code Readiness

- [ ] Changelog updated
- [ ] Version bumped
EOF
git add release-checklist.md && git commit -q -m 'Release checklist'

echo '# Two people tick neighbouring items on their own branches.'
git checkout -q -b qa
tick 'Smoke tests on staging' && git commit -q -am 'QA: smoke tests done'
git checkout -q main
tick 'Regression suite green' && git commit -q -am 'Dev: regression suite green'
run git log --oneline --graph --all

echo
echo '# 1. Plain git: the adjacent ticks conflict.'
run git merge --no-edit qa
run cat release-checklist.md
run git merge --abort

echo
echo '# 2. The same merge with preflight merge as the merge driver.'
run preflight merge --install
run cat .gitattributes
run git config --local --get-regexp '^merge\.preflight\.'
run git merge --no-edit qa
run cat release-checklist.md
echo
echo '# What the merge brought into main (HEAD^1 is main before the merge):'
run git diff HEAD^1 HEAD -- release-checklist.md
run git status --short
