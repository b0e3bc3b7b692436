import { describe, expect, it } from 'vitest';
import { rateLimitsFrom } from '../../../src/providers/rate-headers.js';

const bag = (h: Record<string, string>) => new Headers(h);

describe('rateLimitsFrom', () => {
  it('reads the requests, input-token and output-token windows (RFC 3339 resets)', () => {
    expect(rateLimitsFrom(bag({
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-11-24T01:00:05Z',
      'anthropic-ratelimit-input-tokens-remaining': '19000',
      'anthropic-ratelimit-input-tokens-reset': '2026-11-24T01:00:30.500Z',
      'anthropic-ratelimit-output-tokens-remaining': '4000',
      'anthropic-ratelimit-output-tokens-reset': '2026-11-24T01:01:00+00:00',
    }))).toEqual({
      requests: { remaining: 49, resetAt: Date.UTC(2026, 10, 24, 1, 0, 5) },
      inputTokens: { remaining: 19000, resetAt: Date.UTC(2026, 10, 24, 1, 0, 30, 500) },
      outputTokens: { remaining: 4000, resetAt: Date.UTC(2026, 10, 24, 1, 1, 0) },
    });
  });

  it.each([
    ['no headers', {}],
    ['a remaining count without a reset', { 'anthropic-ratelimit-requests-remaining': '3' }],
    ['an unreadable reset', { 'anthropic-ratelimit-requests-remaining': '3', 'anthropic-ratelimit-requests-reset': 'soon' }],
  ])('%s → nothing', (_name, h) => {
    expect(rateLimitsFrom(bag(h))).toBeUndefined();
  });
});
