/**
 * ECS clients for one target. Credentials and region come from the SDK's default chain (environment,
 * shared config and profiles, SSO); Preflight stores none. Reads may be retried by the SDK (throttling,
 * 5xx); UpdateService gets a client that never retries, because a retry after a lost answer could start a
 * second deployment.
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import type { EcsTarget } from '@preflight/protocol';

// The SDK warns on node 20 on every client; VS Code's node is what it is.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface EcsConnection {
  target: EcsTarget;
  /** The endpoint in use when it is not AWS's own (the setting, else the front matter's). */
  endpoint?: string;
  read: ECSClient;
  write: ECSClient;
  dispose(): void;
}

const REQUEST_TIMEOUT_MS = 15_000;

export function connect(target: EcsTarget, endpointSetting?: string): EcsConnection {
  const endpoint = endpointSetting || target.endpoint || undefined;
  const config = {
    ...(target.region ? { region: target.region } : {}),
    ...(target.profile ? { profile: target.profile } : {}),
    ...(endpoint ? { endpoint } : {}),
    requestHandler: { connectionTimeout: 5_000, requestTimeout: REQUEST_TIMEOUT_MS },
  };
  const read = new ECSClient({ ...config, maxAttempts: 3 });
  const write = new ECSClient({ ...config, maxAttempts: 1 });
  return {
    target,
    ...(endpoint ? { endpoint } : {}),
    read,
    write,
    dispose: () => {
      read.destroy();
      write.destroy();
    },
  };
}
