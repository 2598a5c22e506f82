/**
 * Findings -> LSP diagnostics. Fixes stay on the server (codeActions.ts reads them from the findings of
 * the version asked about): carrying them in `data` would only make each publication heavier.
 */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Severity } from '../../core/rules/defineRule.js';
import { ruleDocsUrl } from '../../core/rules/support/ruleDocsUrl.js';
import { toLspRange } from './convert.js';

export const diagnosticSource = 'preflight';

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
    // The editor links the code to the rule's page (docs/rules/<rule-id>.md).
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    source: diagnosticSource,
    message: finding.message,
  };
}

export function toDiagnostics(findings: readonly Finding[]): Diagnostic[] {
  return findings.map(toDiagnostic);
}
