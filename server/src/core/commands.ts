/** Programs whose inline code in an item reads as a command to run (`npm run lint`, `npx tsc --noEmit`). */
const PROGRAMS = new Set([
  'echo', 'npm', 'npx', 'yarn', 'pnpm', 'bun', 'node', 'deno', 'git', 'gh', 'docker', 'podman', 'kubectl', 'helm',
  'terraform', 'tofu', 'aws', 'gcloud', 'az', 'make', 'cargo', 'go', 'python', 'python3', 'pip', 'pip3',
  'poetry', 'uv', 'bash', 'sh', 'zsh', 'curl', 'wget', 'psql', 'mysql', 'redis-cli', 'prisma', 'tsc', 'eslint',
  'dotnet', 'mvn', 'gradle', 'bundle', 'rake', 'rails', 'php', 'composer', 'systemctl', 'sudo', 'ssh', 'scp',
  'rsync', 'ansible', 'ansible-playbook', 'vault', 'openssl', 'dig', 'nslookup', 'ping', 'pytest', 'jest',
  'vitest', 'playwright', 'cypress', 'goreleaser', 'skaffold', 'kustomize', 'argocd', 'flux', 'eksctl',
]);

/** True when inline code looks like a shell command rather than a name, a path or a value. */
export function isCommand(code: string): boolean {
  const text = code.trim().replace(/^\$\s+/, '');
  if (text.length === 0 || text.includes('\n')) return false;
  if (/^\.{0,2}\/[\w./-]+\.(?:sh|bash|py|js|mjs|ts|rb)\b/.test(text)) return true;
  const [program, ...args] = text.split(/\s+/);
  return PROGRAMS.has(program) && (args.length > 0 || ['make', 'tsc', 'pytest', 'jest', 'vitest'].includes(program));
}

/** Languages whose blocks run in a shell. */
export const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'shellsession']);
