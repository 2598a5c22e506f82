/**
 * GitHub's rate limits: a 429, or a 403 that says so (x-ratelimit-remaining: 0, or retry-after), is waited out
 * and retried, a few times and never for long; any other answer goes back to the caller as it came.
 */

/** What an Octokit error carries that matters here. */
export interface HttpFailure {
  status: number;
  headers: Record<string, string | number | undefined>;
}

export const MAX_RETRIES = 3;
/** Longer waits are not worth a runner's minutes: the request fails with the reason instead. */
export const MAX_WAIT_SECONDS = 60;

export function failureOf(error: unknown): HttpFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, response } = error as { status?: unknown; response?: { headers?: unknown } };
  if (typeof status !== 'number') return undefined;
  const headers = (typeof response?.headers === 'object' && response.headers !== null ? response.headers : {}) as HttpFailure['headers'];
  return { status, headers };
}

/** Seconds to wait before trying again, or undefined when the failure is not a rate limit. */
export function rateLimitWait(failure: HttpFailure, now = Date.now()): number | undefined {
  const header = (name: string) => {
    const value = failure.headers[name];
    return value === undefined ? undefined : String(value);
  };
  const retryAfter = header('retry-after');
  const exhausted = header('x-ratelimit-remaining') === '0';
  if (failure.status !== 429 && !(failure.status === 403 && (exhausted || retryAfter !== undefined))) return undefined;
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter.trim());
  const reset = Number(header('x-ratelimit-reset'));
  if (exhausted && Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now / 1000));
  // A secondary limit without a hint: GitHub asks for at least a minute.
  return MAX_WAIT_SECONDS;
}

export class RateLimited extends Error {}

/**
 * Runs `attempt`, retrying rate-limited failures after their wait (at most MAX_WAIT_SECONDS, MAX_RETRIES times).
 * `log` tells the job log that it waits.
 */
export async function withRateLimit<T>(what: string, attempt: () => Promise<T>, log: (line: string) => void, sleep = delay): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = failureOf(error);
      const wait = failure && rateLimitWait(failure);
      if (failure === undefined || wait === undefined) throw error;
      if (retry >= MAX_RETRIES)
        throw new RateLimited(
          `GitHub's rate limit stopped ${what} (HTTP ${failure.status}) after ${MAX_RETRIES} retries. Run the job again later.`,
          { cause: error },
        );
      if (wait > MAX_WAIT_SECONDS)
        throw new RateLimited(
          `GitHub's rate limit stopped ${what} (HTTP ${failure.status}) for ${wait} s, longer than the action waits (${MAX_WAIT_SECONDS} s). Run the job again later.`,
          { cause: error },
        );
      log(`GitHub rate limit (HTTP ${failure.status}) on ${what}: waiting ${wait} s before retry ${retry + 1} of ${MAX_RETRIES}.`);
      await sleep(wait * 1000);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
