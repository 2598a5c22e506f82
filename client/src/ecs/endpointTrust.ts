/**
 * Whether an ECS endpoint is AWS's own: https on a host under amazonaws.com (or amazonaws.com.cn). Any other
 * endpoint, or plain http, receives requests signed with the user's AWS credentials, so a checklist that
 * names one is asked about first. Pure, so unit tests run it directly.
 */

/** Why `endpoint` deserves a question, or undefined when it is AWS's own over https. */
export function endpointConcern(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol === 'http:') return 'is plain http: the requests, signed with your AWS credentials, travel unencrypted';
  if (url.protocol !== 'https:') return `uses ${url.protocol.replace(/:$/, '')}, not https`;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host.endsWith('.amazonaws.com') || host.endsWith('.amazonaws.com.cn')) return undefined;
  return "is not AWS's own (a host under amazonaws.com): it receives requests signed with your AWS credentials";
}

/** What a message calls the endpoint a call went to. */
export function endpointLabel(endpoint: string | undefined, region: string | undefined): string {
  return endpoint ?? `AWS's own endpoint${region ? ` in ${region}` : ''}`;
}
