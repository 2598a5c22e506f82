/**
 * Where a rule's page is published: docs/rules/<rule-id>.md on the repository's main branch. The repository
 * is package.json's `repository.url` (a test holds the two together); it is written here rather than read
 * from package.json so the bundles do not carry the whole manifest.
 */
export const REPOSITORY_URL = 'https://github.com/preflight-dev/preflight';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}
