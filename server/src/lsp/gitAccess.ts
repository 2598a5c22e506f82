/**
 * Whether the server may run git for a request: `true` in a trusted workspace on a machine, `false` in an
 * untrusted one (the client announced no machine commands), `'absent'` where there is no git at all (the web
 * server in VS Code for the Web). Each git-backed feature says why it did not look, and what to do.
 */
export type GitAccess = boolean | 'absent';

/** Why nothing was read from git in VS Code for the Web, and what to do about it. */
export const NO_GIT_ON_THE_WEB = 'VS Code for the Web has no git: open the repository in desktop VS Code to read its history';
