// A fixed-window request limit for the fake Messages API: like the real API, every response carries
// anthropic-ratelimit-requests-{limit,remaining,reset} (reset as RFC 3339), and a request past the
// limit gets 429 rate_limit_error with retry-after.

export interface RequestLimit {
  readonly perWindow: number;
  readonly windowMs: number;
}

export interface WindowVerdict {
  readonly allowed: boolean;
  readonly headers: Record<string, string>;
  readonly retryAfterSec: number;
}

export function requestWindow(limit: RequestLimit, now: () => number = Date.now): () => WindowVerdict {
  let windowStart = now();
  let used = 0;
  return () => {
    const t = now();
    if (t - windowStart >= limit.windowMs) {
      windowStart = t - ((t - windowStart) % limit.windowMs);
      used = 0;
    }
    const resetAt = windowStart + limit.windowMs;
    const allowed = used < limit.perWindow;
    if (allowed) used += 1;
    return {
      allowed,
      retryAfterSec: Math.max(0.001, (resetAt - t) / 1000),
      headers: {
        'anthropic-ratelimit-requests-limit': String(limit.perWindow),
        'anthropic-ratelimit-requests-remaining': String(limit.perWindow - used),
        'anthropic-ratelimit-requests-reset': new Date(resetAt).toISOString(),
      },
    };
  };
}
