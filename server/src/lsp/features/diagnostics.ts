/**
 * Findings -> LSP diagnostics. Fixes stay on the server (codeActions.ts reads them from the findings of
 * the version asked about): carrying them in `data` would only make each publication heavier.
 */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Severity } from '../../core/rules/defineRule.js';
import { toLspRange } from './convert.js';

export const diagnosticSource = 'preflight';

/** README.md documents each rule under a `### <rule-id>` heading, so GitHub's anchor is the id itself. */
export function ruleDocsHref(ruleId: string): string {
  return `https://github.com/preflight/preflight#${ruleId}`;
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: toLspRange(finding.range),
    severity: severities[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocsHref(finding.ruleId) },
    source: diagnosticSource,
    message: finding.message,
  };
}

export function toDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  return findings.map(toDiagnostic);
}
