import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/runner/pacer.js';
import { ProviderError } from '../../../src/errors.js';
import type { Completion, RateLimits } from '../../../src/types.js';
import { fakeClock } from './fakes.js';

const signal = new AbortController().signal;
const limited = (retryAfterMs?: number, limits?: RateLimits) => ({ ok: false as const, error: new ProviderError('rate_limit', 'x', retryAfterMs, limits === undefined ? undefined : { limits }) });
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
  it('a lone 429 among successes (a random one) leaves the concurrency alone', () => {
    const { pacer, seen } = setup(8);
    for (let i = 0; i < 60; i++) pacer.release(i % 20 === 5 ? limited() : done(), undefined); // 5% 429s
    expect(seen).toEqual([]);
  });

  it('clustered 429s halve it, at most once per window of `concurrency` finished calls, never below 1', () => {
    const { pacer, seen } = setup(8);
    const fail = () => pacer.release(limited(), undefined);
    for (let i = 0; i < 3; i++) fail(); // 3 of the last 20 outcomes: not yet a cluster
    expect(seen).toEqual([]);
    fail(); // 4 of 20: 8 → 4
    for (let i = 0; i < 3; i++) fail(); // calls already out when the first loss came: no further halving
    fail(); // 4 finished since the decrease: 4 → 2
    fail();
    fail(); // 2 since: 2 → 1
    fail(); // 1 cannot go lower
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
    for (let i = 0; i < 4; i++) pacer.release(limited(), undefined); // a cluster: 4 → 2
    for (let i = 0; i < 2 + 3 + 10; i++) pacer.release(done(), undefined);
    expect(seen).toEqual([2, 3, 4]);
  });
});

describe('createPacer: pauses', () => {
  it.each<[string, RateLimits | undefined]>([
    ['without rate-limit headers', undefined],
    ['whose headers show requests left (a random 429)', { requests: { remaining: 3_999, resetAt: Date.UTC(2026, 0, 1, 0, 1) } }],
  ])('a 429 with retry-after %s: only that call waits (its retry\'s backoff); the queue goes on', async (_name, limits) => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    pacer.release(limited(1500, limits), undefined);
    await pacer.acquire([signal]);
    expect(clock.now()).toBe(t0);
  });

  it.each<[string, RateLimits, number]>([
    ['requests', { requests: { remaining: 0, resetAt: Date.UTC(2026, 0, 1) + 2_000 } }, 2_100],
    ['input tokens', { inputTokens: { remaining: 0, resetAt: Date.UTC(2026, 0, 1) + 3_000 } }, 3_000],
    ['output tokens', { outputTokens: { remaining: 0, resetAt: Date.UTC(2026, 0, 1) + 4_000 } }, 4_000],
  ])('a 429 whose headers say the %s are spent pauses the whole queue until the reset', async (_name, limits, wait) => {
    const { pacer, clock } = setup();
    const t0 = clock.now();
    pacer.release(limited(1000, limits), undefined);
    await pacer.acquire([signal]);
    expect(clock.now() - t0).toBe(wait);
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

describe('createPacer: a call waiting out its backoff lends its queue slot', () => {
  it('the queue runs one more item per call in backoff, and takes the slot back when it wakes', async () => {
    const { pacer, seen } = setup(8);
    const first = pacer.backoff(1000, signal);
    const second = pacer.backoff(500, signal);
    expect(seen).toEqual([9, 10]);
    await Promise.all([first, second]);
    expect(seen).toEqual([9, 10, 9, 8]);
  });

  it.each<[number, number, readonly number[], readonly number[]]>([
    [4, 3, [5, 6], [5, 6, 5, 4]],
    [2, 2, [3], [3, 2]],
    [1, 1, [], []],
  ])('at concurrency %i, of %i calls in backoff at most half the slots are lent; the others wait holding theirs', async (max, n, during, after) => {
    const { pacer, seen } = setup(max);
    const waits = Array.from({ length: n }, () => pacer.backoff(100, signal));
    expect(seen).toEqual(during);
    await Promise.all(waits);
    expect(seen).toEqual(after);
  });

  it('a call back from backoff waits until fewer than `concurrency` requests are out: the slot it lent may still be busy', async () => {
    const { pacer } = setup(4);
    for (let i = 0; i < 4; i++) await pacer.acquire([signal]); // 4 requests out (one of them by the item that lent its slot)
    let back = false;
    const wait = pacer.backoff(100, signal).then(() => { back = true; });
    await new Promise((r) => setTimeout(r, 0));
    expect(back).toBe(false);
    pacer.release(done(), undefined);
    await wait;
    expect(back).toBe(true);
  });

  it('a stop while it waits for a request slot ends the wait', async () => {
    const { pacer } = setup(2);
    for (let i = 0; i < 2; i++) await pacer.acquire([signal]);
    const stop = new AbortController();
    const wait = pacer.backoff(100, stop.signal);
    stop.abort(new Error('stopped'));
    await expect(wait).rejects.toThrow('stopped');
  });

  it('a halving while calls are in backoff keeps their lent slots', () => {
    const { pacer, seen } = setup(8);
    void pacer.backoff(1000, signal);
    for (let i = 0; i < 4; i++) pacer.release(limited(), undefined);
    expect(seen).toEqual([9, 5]); // 8 → 4, plus the slot lent
    expect(pacer.concurrency()).toBe(4);
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
