import type { LimitWindow, RateLimits } from '../types.js';

// anthropic-ratelimit-{requests,input-tokens,output-tokens}-{remaining,reset} → RateLimits.
// Reset times are RFC 3339. A family that is absent or unreadable is left out.

type HeaderBag = { get(name: string): string | null };

function window(headers: HeaderBag, family: string): LimitWindow | undefined {
  const remaining = Number(headers.get(`anthropic-ratelimit-${family}-remaining`) ?? Number.NaN);
  const resetAt = Date.parse(headers.get(`anthropic-ratelimit-${family}-reset`) ?? '');
  return Number.isFinite(remaining) && Number.isFinite(resetAt) ? { remaining, resetAt } : undefined;
}

export function rateLimitsFrom(headers: HeaderBag): RateLimits | undefined {
  const requests = window(headers, 'requests');
  const inputTokens = window(headers, 'input-tokens');
  const outputTokens = window(headers, 'output-tokens');
  if (requests === undefined && inputTokens === undefined && outputTokens === undefined) return undefined;
  return { ...(requests && { requests }), ...(inputTokens && { inputTokens }), ...(outputTokens && { outputTokens }) };
}
