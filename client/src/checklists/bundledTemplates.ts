/**
 * The templates the VSIX ships in templates/, by name. Listed here rather than read from the folder: on
 * vscode.dev the extension's files are served over https, where workspace.fs reads a file but cannot list a
 * folder. test/unit/packaging/manifest.test.ts checks this list against templates/*.md.
 */
export const BUNDLED_TEMPLATES: readonly string[] = [
  'incident-rollback-runbook.md',
  'production-deployment-checklist.md',
  'release-checklist.md',
  'security-review-checklist.md',
];
