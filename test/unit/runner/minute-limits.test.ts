import { describe, expect, it } from 'vitest';
import { minuteLimiter } from '../../../src/runner/minute-limits.js';
import { createPacer } from '../../../src/runner/pacer.js';
import { fakeClock } from './fakes.js';

// Explicit per-minute limits over a sliding minute, driven with hand-picked times.

describe('minuteLimiter', () => {
  it('requests per minute: the (n+1)th call waits until the oldest leaves the window', () => {
    const l = minuteLimiter({ requestsPerMinute: 2 });
    l.start(0, 0);
    l.start(10_000, 0);
    expect(l.waitMs(20_000, 0)).toBe(40_000); // the call at 0 leaves the window at 60 s
    expect(l.waitMs(60_001, 0)).toBe(0);
  });

  it('input tokens per minute: estimates count until the real usage replaces them', () => {
    const l = minuteLimiter({ inputTokensPerMinute: 1000 });
    const a = l.start(0, 600);
    expect(l.waitMs(1, 500)).toBe(59_999); // 600 + 500 > 1000
    l.finish(a, { inputTokens: 300, outputTokens: 0 }); // it really used 300
    expect(l.waitMs(1, 500)).toBe(0);
  });

  it('a call larger than the whole budget goes alone once the window is empty (never waits forever)', () => {
    const l = minuteLimiter({ inputTokensPerMinute: 100 });
    expect(l.waitMs(0, 5000)).toBe(0);
    l.start(0, 5000);
    expect(l.waitMs(1, 5000)).toBe(59_999);
  });

  it('output tokens per minute count once known', () => {
    const l = minuteLimiter({ outputTokensPerMinute: 100 });
    const a = l.start(0, 0);
    expect(l.waitMs(1, 0)).toBe(0);
    l.finish(a, { inputTokens: 0, outputTokens: 100 });
    expect(l.waitMs(1, 0)).toBe(59_999);
  });
});

describe('createPacer with minute limits', () => {
  it('spaces calls to the requests-per-minute limit', async () => {
    const clock = fakeClock();
    const t0 = clock.now();
    const pacer = createPacer({ clock, maxConcurrency: 8, setConcurrency: () => undefined, minuteLimits: { requestsPerMinute: 2 } });
    const signal = new AbortController().signal;
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      await pacer.acquire([signal], 0);
      starts.push(clock.now() - t0);
    }
    expect(starts).toEqual([0, 0, 60_000, 60_000, 120_000]);
  });
});
