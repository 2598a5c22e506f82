import path from 'node:path';

/** The repository root (this file lives in test/support). Test documents come from ./material.ts. */
export const repoRoot = path.resolve(__dirname, '../..');
