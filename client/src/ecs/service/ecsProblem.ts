/**
 * Every way an ECS call can fail, as one message that says what failed and what to do. The SDK's errors are
 * named by their AWS type; credential and network failures come from other layers and are recognised here.
 */
import type { EcsTarget } from '@preflight/protocol';

export type EcsProblemKind =
  | 'no-credentials'
  | 'expired-credentials'
  | 'no-region'
  | 'access-denied'
  | 'cluster-not-found'
  | 'service-not-found'
  | 'throttled'
  | 'network'
  | 'server'
  | 'invalid-request'
  | 'other';

export class EcsProblem extends Error {
  constructor(
    readonly kind: EcsProblemKind,
    message: string,
  ) {
    super(message);
    this.name = 'EcsProblem';
  }

  /** Worth asking again after a pause when only reading: throttling, a network blip, a 5xx. */
  get transient(): boolean {
    return this.kind === 'throttled' || this.kind === 'network' || this.kind === 'server';
  }
}

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** `operation` is the ECS API name (UpdateService); `endpoint` the URL in use, if not AWS's own. */
export function ecsProblemOf(error: unknown, operation: string, target: EcsTarget, endpoint?: string): EcsProblem {
  if (error instanceof EcsProblem) return error;
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? '';
  const message = (e.message ?? String(error)).trim();
  const where = `${target.cluster}/${target.service}${target.region ? ` (${target.region})` : ''}`;
  const profile = target.profile ? ` for profile "${target.profile}"` : '';
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new EcsProblem(
      'no-credentials',
      `No AWS credentials found${profile}. Sign in (aws sso login${target.profile ? ` --profile ${target.profile}` : ''}) or set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for VS Code, then try again.`,
    );
  }
  if (/^(ExpiredToken|UnrecognizedClient|InvalidSignature|InvalidClientTokenId)/.test(name)) {
    return new EcsProblem(
      'expired-credentials',
      `AWS rejected the credentials${profile} (${name}): they are expired or wrong. Sign in again, then try again.`,
    );
  }
  if (/region is missing/i.test(message)) {
    return new EcsProblem(
      'no-region',
      "No AWS region: set `region` under the front matter's `ecs:`, or AWS_REGION, or a region in your AWS profile.",
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new EcsProblem(
      'access-denied',
      `AWS denied ecs:${operation} on ${where}: ${message} Ask for that permission or use a profile that has it.`,
    );
  }
  if (name === 'ClusterNotFoundException') {
    return new EcsProblem(
      'cluster-not-found',
      `Cluster "${target.cluster}" was not found${target.region ? ` in ${target.region}` : ''}. Check the cluster name, the region and the account of your credentials.`,
    );
  }
  if (name === 'ServiceNotFoundException' || name === 'ServiceNotActiveException') {
    return new EcsProblem(
      'service-not-found',
      `Service "${target.service}" was not found or is not active in cluster "${target.cluster}". Check the service name and the region.`,
    );
  }
  const status = e.$metadata?.httpStatusCode;
  if (/Throttl|TooManyRequests|RequestLimitExceeded/.test(name) || status === 429) {
    return new EcsProblem('throttled', `AWS is throttling ECS requests (${operation}) even after retries. Wait a minute and try again.`);
  }
  const code = e.code ?? (e.cause as SdkError | undefined)?.code ?? '';
  if (
    /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/.test(code) ||
    name === 'TimeoutError' ||
    name === 'RequestTimeout'
  ) {
    return new EcsProblem(
      'network',
      `Could not reach ECS${endpoint ? ` at ${endpoint}` : target.region ? ` in ${target.region}` : ''} for ${operation} (${code || name}). Check the network, VPN or proxy${endpoint ? ' and the endpoint setting' : ''}, then try again.`,
    );
  }
  if (status !== undefined && status >= 500) {
    return new EcsProblem('server', `ECS answered ${operation} with a server error (${status} ${name}). Try again in a moment.`);
  }
  if (name === 'ClientException' || name === 'InvalidParameterException') {
    return new EcsProblem('invalid-request', `ECS refused ${operation} on ${where}: ${message}`);
  }
  return new EcsProblem('other', `ECS ${operation} on ${where} failed: ${name ? `${name}: ` : ''}${message}`);
}
