// The packaged run: the VSIX built by `vsce package` was installed with `code-server --install-extension`
// into PREFLIGHT_E2E_EXT_DIR, and the window runs WITHOUT the extension under development (the
// extensionDevelopmentPath is a generated probe extension that only hosts these tests).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { PreflightApi } from '../../../client/src/extension.ts';
import { EXTENSION_ID, e2e, isInside, sourceManifest } from '../support/env.ts';
import { openInEditor, until } from '../support/wait.ts';

suite('packaged VSIX', () => {
  test(`${EXTENSION_ID} is loaded from the extensions dir, not the source tree`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed in ${e2e.extensionsDir}`);
    assert.ok(
      isInside(ext.extensionPath, e2e.extensionsDir),
      `${EXTENSION_ID} came from ${ext.extensionPath}, expected a folder under ${e2e.extensionsDir}`,
    );
    assert.equal(ext.packageJSON.version, sourceManifest().version, 'installed version differs from package.json');
  });

  test('the VSIX holds the entry point its manifest names', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const main = ext.packageJSON.main as string | undefined;
    assert.ok(main, 'manifest has no "main"');
    const file = path.join(ext.extensionPath, main);
    assert.ok(fs.existsSync(file) || fs.existsSync(`${file}.js`), `VSIX lacks ${main}: is it excluded by "files" or .vscodeignore?`);
  });

  test('opening the seed activates the installed extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await openInEditor(e2e.seed);
    await until(() => ext.isActive, `installed ${EXTENSION_ID} to activate after opening the seed`);
    await ext.activate(); // isActive is true after a failed activation too; this rethrows its error
  });

  test('the installed language server analyses the seed (the bundled server/dist runs from the VSIX)', async () => {
    const api = await vscode.extensions.getExtension<PreflightApi>(EXTENSION_ID)!.activate();
    const outline = await until(() => api.outlines.get(vscode.Uri.file(e2e.seed)), 'the outline of the seed from the installed server');
    assert.equal(outline.overall.total, 239);
    assert.ok(
      fs.existsSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'syntaxes/preflight-checklist.tmLanguage.json')),
      'the VSIX ships the grammar',
    );
  });

  test('the VSIX ships the ECS bundle the extension loads on first use, and it loads', () => {
    const bundle = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'client', 'dist', 'ecs.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- what ecsModule() does at run time
    const ecs = require(bundle) as { connect?: unknown; watchRollout?: unknown };
    assert.equal(typeof ecs.connect, 'function');
    assert.equal(typeof ecs.watchRollout, 'function');
  });
});
