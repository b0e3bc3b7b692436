import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/runner/pacer.js';
import { ProviderError } from '../../../src/errors.js';
import type { Completion, RateLimits } from '../../../src/types.js';
import { fakeClock } from './fakes.js';

const signal = new AbortController().signal;
const done = (limits?: RateLimits): { ok: true; completion: Completion } => ({
  ok: true,
  completion: { text: 'x', usage: { inputTokens: 100, outputTokens: 10, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 1, ...(limits && { limits }) },
});

function setup(max = 8) {
  const clock = fakeClock();
  const seen: number[] = [];
  const pacer = createPacer({ clock, maxConcurrency: max, setConcurrency: (n) => seen.push(n) });
  return { clock, seen, pacer };
}

describe('createPacer: AIMD concurrency', () => {
  it('halves on a 429 at most once per window of `concurrency` finished calls, never below 1', () => {
    const { pacer, seen } = setup(8);
    const fail = (kind: 'rate_limit') => pacer.release({ ok: false, error: new ProviderError(kind, 'x') }, undefined);
    fail('rate_limit'); // 8 → 4
    for (let i = 0; i < 3; i++) fail('rate_limit'); // calls already out when the first loss came: no further halving
    fail('rate_limit'); // 4 finished since the decrease: 4 → 2
    fail('rate_limit');
    fail('rate_limit'); // 2 since: 2 → 1
    fail('rate_limit'); // 1 cannot go lower
    expect(seen).toEqual([4, 2, 1]);
    expect(pacer.concurrency()).toBe(1);
  });

  it('other errors, a 529 included, leave it alone (a busy service is the retry backoff\'s business)', () => {
    const { pacer, seen } = setup(8);
    pacer.release({ ok: false, error: new ProviderError('overloaded', 'x') }, undefined);
    pacer.release({ ok: false, error: new ProviderError('bad_request', 'x') }, undefined);
    pacer.release({ ok: false, error: new Error('bug') }, undefined);
    expect(seen).toEqual([]);
  });

  it('grows back by one after as many successes as the current concurrency, up to the configured one', () => {
    const { pacer, seen } = setup(4);
    pacer.release({ ok: false, error: new ProviderError('rate_limit', 'x') }, undefined); // 4 → 2
    for (let i = 0; i < 2 + 3 + 10; i++) pacer.release(done(), undefined);
    expect(seen).toEqual([2, 3, 4]);
  });
});

describe('createPacer: pauses', () => {
  it('a 429 with retry-after pauses every later call of the queue until then', async () => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    pacer.release({ ok: false, error: new ProviderError('rate_limit', 'x', 1500) }, undefined);
    await pacer.acquire([signal]);
    expect(clock.now() - t0).toBe(1500);
  });

  it('waits for the window to reset (plus a margin) when its remaining requests are all in flight', async () => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    await pacer.acquire([signal]);
    await pacer.acquire([signal]);
    await pacer.acquire([signal]); // 3 in flight
    pacer.release(done({ requests: { remaining: 2, resetAt: t0 + 5000 } }), undefined); // 2 left, 2 in flight
    await pacer.acquire([signal]);
    expect(clock.now() - t0).toBe(5100);
  });

  it('goes ahead while the window still has room', async () => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    await pacer.acquire([signal]);
    pacer.release(done({ requests: { remaining: 10, resetAt: t0 + 5000 } }), undefined);
    await pacer.acquire([signal]);
    expect(clock.now()).toBe(t0);
  });

  it('pauses when a token window cannot take another call of the last one\'s size', async () => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    await pacer.acquire([signal]);
    pacer.release(done({ inputTokens: { remaining: 50, resetAt: t0 + 3000 } }), undefined); // the last call used 100
    await pacer.acquire([signal]);
    expect(clock.now() - t0).toBe(3000);
  });
});

describe('createPacer: AIMD only without headers', () => {
  it('a 429 from a server that sends rate-limit headers pauses (retry-after) but does not halve concurrency', async () => {
    const { pacer, seen, clock } = setup(8);
    await pacer.acquire([signal]);
    pacer.release(done({ requests: { remaining: 100, resetAt: clock.now() + 60_000 } }), undefined);
    pacer.release({ ok: false, error: new ProviderError('rate_limit', 'x', 200) }, undefined);
    expect(seen).toEqual([]);
    const t0 = clock.now();
    await pacer.acquire([signal]);
    expect(clock.now() - t0).toBe(200);
  });
});

describe('createPacer: while the endpoint cannot be reached', () => {
  const refused = () => ({ ok: false as const, error: new ProviderError('connection', 'connection failed: ECONNREFUSED') });

  it('a connection failure pauses the queue; failures in a row stretch the pause (0.5, 1, 2, 4, 5, 5 s)', async () => {
    const { pacer, clock } = setup();
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      pacer.release(refused(), undefined);
      const t = clock.now();
      await pacer.acquire([signal]);
      pauses.push(clock.now() - t);
    }
    expect(pauses).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('failures of calls already out during a pause do not stretch it; a success starts over', async () => {
    const { pacer, clock } = setup();
    for (let i = 0; i < 8; i++) pacer.release(refused(), undefined);
    let t = clock.now();
    await pacer.acquire([signal]);
    expect(clock.now() - t).toBe(500);
    pacer.release(done(), undefined);
    pacer.release(refused(), undefined);
    t = clock.now();
    await pacer.acquire([signal]);
    expect(clock.now() - t).toBe(500);
  });
});
