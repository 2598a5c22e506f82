/**
 * What credentials look like, shared by the secret-in-checklist rule (which reports them in the
 * document) and run-note redaction (which blanks them out of a step's output before it is recorded).
 * The regular expressions are global: use them with matchAll or replace, never with test or exec. Each is
 * linear: every repetition is bounded and none is nested in another, so no input makes one backtrack for long.
 */

/** AWS access key ids. AKIAIOSFODNN7EXAMPLE is AWS's own documentation key. */
export const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;
export const PRIVATE_KEY_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
export const PRIVATE_KEY_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
/**
 * An AWS secret access key (40 characters of base64) on the same line after its key id or its name, as
 * `aws iam create-access-key --output text` or `aws configure list` print it: group 2. Alone, 40 such
 * characters are as likely a hash, so they need that context.
 */
export const AWS_SECRET_ACCESS_KEY =
  /((?:AKIA|ASIA)[0-9A-Z]{16}|secret_?access_?key|aws_?secret[A-Za-z_]{0,20})[^\n]{0,100}?(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
export const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g;
export const GITHUB_TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_)/;
export const SLACK_TOKEN = /\bxox[abprs]-[A-Za-z0-9-]{10,255}/g;
export const SLACK_TOKEN_PREFIX = /^xox[abprs]-/;
export const STRIPE_LIVE_KEY = /\b[sr]k_live_[A-Za-z0-9]{16,255}\b/g;
export const STRIPE_LIVE_KEY_PREFIX = /^[sr]k_live_/;
export const NPM_TOKEN = /\bnpm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/g;
export const GITLAB_TOKEN = /\bglpat-[A-Za-z0-9_-]{20,64}/g;
export const GOOGLE_API_KEY = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;
/** The password of `scheme://user:password@host`, as group 1. */
export const URL_PASSWORD = /\b[a-zA-Z][a-zA-Z0-9+.-]{0,31}:\/\/[^\s:/@'"`]{1,255}:([^\s@/'"`]{1,255})@/g;

/** A value after `=` or `:`: `'quoted'`, `"quoted"` or bare, as one of three groups. */
export const VALUE = String.raw`(?:'([^'\r\n]{0,4096})'|"([^"\r\n]{0,4096})"|([^\s'"\x60]{1,4096}))`;
/** Environment-style names that hold a secret (`PGPASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`). */
export const SECRET_NAME_SUFFIX = 'PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|SECRET_ACCESS_KEY|PRIVATE_KEY';

/**
 * Variable names whose value is a secret (`DB_PASSWORD`, `GITHUB_TOKEN`, `DEPLOY_KEY`, `GH_PAT`): the same
 * test as the client's isSecretName (client/src/run/variables.ts), for blanking `env:` values out of run notes.
 */
export function isSecretVariableName(name: string): boolean {
  if (/TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|PRIVATE|APIKEY|WEBHOOK/i.test(name)) return true;
  // Short markers only as whole parts of the name, so KEYBOARD and MONKEY stay visible (PWD alone is the folder).
  const parts = name.split(/_+|(?<=[a-z0-9])(?=[A-Z])/).map((part) => part.toUpperCase());
  return name !== 'PWD' && parts.some((part) => ['KEY', 'PASS', 'PWD', 'PAT', 'CREDS'].includes(part));
}

/**
 * Obvious placeholders are not secrets: variables (`$DB_PASSWORD`, `${TOKEN}`, `$(aws ...)`, `%PASS%`),
 * bracketed names (`<password>`, `[token]`, `{{secret}}`), masks (`****`, `xxxx`), documentation values
 * (anything containing `example`, `your`, `placeholder`, `redacted`), and well-known stand-ins
 * (`changeme`, `password`, `secret`, `pass`, `dummy`, `todo`). `changeme` is a real default password,
 * but written in a checklist it is a template value, not a leaked credential.
 */
const STAND_INS =
  /^(?:changeme|change[-_]?me|password|passwd|pass|secret|token|dummy|todo|tbd|none|null|nil|true|false|yes|no|redacted|hidden|masked|\.\.\.|…)$/i;

export function isPlaceholderValue(raw: string): boolean {
  const value = raw
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim();
  if (value.length < 3) return true;
  if (/^[$%!|>&]/.test(value)) return true;
  if (/^<.*>$|^\[.*\]$|^\{.*\}$|^\(.*\)$/.test(value)) return true;
  if (/^(.)\1+$/.test(value) || /^[xX*•.#_-]+$/.test(value)) return true;
  if (STAND_INS.test(value)) return true;
  return /example|placeholder|your[-_]?|redacted|changeme|x{4,}|\*{3,}/i.test(value);
}
