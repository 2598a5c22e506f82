/**
 * `node:url` in the web build (scripts/build.mjs maps it here): fileURLToPath for `file:` URLs, the only
 * kind the server turns into paths (after checking the scheme), for git-backed features that never run on
 * the web. Anything else is refused, as Node refuses it.
 */
export function fileURLToPath(url: string | URL): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'file:') throw new TypeError(`The URL must be of scheme file: ${parsed.href}`);
  if (/%2f/i.test(parsed.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(parsed.pathname);
}
