import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryable, withRetries, type RetryPolicy } from '../../../src/runner/retry.js';
import { ProviderError } from '../../../src/errors.js';
import { FAILURE_KINDS, type FailureKind } from '../../../src/types.js';
import { fakeClock, script } from './fakes.js';

const policy: RetryPolicy = { maxAttempts: 6, maxRetryWaitMs: 120_000 };
const never = new AbortController().signal;
const zero = (): number => 0;


describe('backoffMs', () => {
  it.each([
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [6, 30_000],
    [10, 30_000],
    [40, 30_000],
  ])('retry %i without jitter waits %i ms', (retry, want) => {
    expect(backoffMs(retry, undefined, zero)).toBe(want);
  });

  it.each([
    [0, 0.5, 437.5],
    [0, 1, 375],
    [3, 0.25, 4_000 * 0.9375],
    [8, 0.999, 30_000 * (1 - 0.25 * 0.999)],
  ])('retry %i with rand %f waits %f ms', (retry, r, want) => {
    expect(backoffMs(retry, undefined, () => r)).toBeCloseTo(want, 9);
  });

  it('jitter stays within [0.75, 1] of the base for any rand in [0, 1)', () => {
    for (let retry = 0; retry < 10; retry++) {
      const base = Math.min(500 * 2 ** retry, 30_000);
      for (let i = 0; i < 100; i++) {
        const wait = backoffMs(retry, undefined, () => i / 100);
        expect(wait).toBeGreaterThanOrEqual(0.75 * base);
        expect(wait).toBeLessThanOrEqual(base);
      }
    }
  });

  it.each([0, 1, 7_000, 123_456])('retry-after of %i ms wins exactly, whatever the attempt and rand', (after) => {
    expect(backoffMs(0, after, () => 0.9)).toBe(after);
    expect(backoffMs(9, after, () => 0.1)).toBe(after);
  });
});

describe('isRetryable', () => {
  const retryable = new Set<FailureKind>(['rate_limit', 'overloaded', 'server', 'timeout', 'connection']);
  it.each(FAILURE_KINDS.map((k) => [k, retryable.has(k)] as const))('%s → %s', (kind, want) => {
    expect(isRetryable(new ProviderError(kind, 'x'))).toBe(want);
  });

  it.each([[new Error('boom')], ['rate_limit'], [undefined], [{ kind: 'rate_limit' }]])('a non-ProviderError (%s) is not retryable', (e) => {
    expect(isRetryable(e)).toBe(false);
  });
});

describe('withRetries', () => {
  it('succeeds on the first try: one attempt, no retries, no sleep', async () => {
    const clock = fakeClock();
    const s = script([], 'ok');
    const r = await withRetries(s.fn, policy, { clock, rand: zero, signal: never });
    expect(r).toEqual({ attempts: 1, retries: [], result: { ok: true, value: 'ok' } });
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    [['rate_limit'], [500]],
    [['overloaded', 'server'], [500, 1_000]],
    [['timeout', 'connection', 'server', 'overloaded'], [500, 1_000, 2_000, 4_000]],
  ] as const)('%j then success: N+1 attempts, retries list kinds and waits', async (kinds, waits) => {
    const clock = fakeClock();
    const s = script(kinds, 42);
    const r = await withRetries(s.fn, policy, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(kinds.length + 1);
    expect(r.result).toEqual({ ok: true, value: 42 });
    expect(r.retries).toEqual(kinds.map((kind, i) => ({ kind, waitMs: waits[i] })));
    expect(clock.sleeps).toEqual(waits);
    expect(s.calls()).toBe(kinds.length + 1);
  });

  it('waits exactly what the server asked (retry-after) and records it', async () => {
    const clock = fakeClock();
    const s = script([new ProviderError('rate_limit', 'slow down', 7_000)], 'ok');
    const r = await withRetries(s.fn, policy, { clock, rand: () => 0.5, signal: never });
    expect(r.retries).toEqual([{ kind: 'rate_limit', waitMs: 7_000 }]);
    expect(clock.sleeps).toEqual([7_000]);
  });

  it('records jittered waits rounded, and sleeps the exact value', async () => {
    const clock = fakeClock();
    const s = script(['server'], 'ok');
    const r = await withRetries(s.fn, policy, { clock, rand: () => 0.5, signal: never });
    expect(clock.sleeps).toEqual([437.5]);
    expect(r.retries).toEqual([{ kind: 'server', waitMs: 438 }]);
  });

  it.each(['auth', 'bad_request', 'aborted', 'invalid_output', 'unknown'] as const)('a non-retryable %s stops at once', async (kind) => {
    const clock = fakeClock();
    const s = script([kind], 'never');
    const r = await withRetries(s.fn, policy, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(1);
    expect(r.retries).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    expect(s.calls()).toBe(1);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe(kind);
    expect(r.result.error.message).toBe(`injected ${kind}`);
  });

  it('a thrown non-ProviderError becomes kind unknown and is not retried', async () => {
    const clock = fakeClock();
    let calls = 0;
    const r = await withRetries(async () => { calls++; throw new TypeError('oops'); }, policy, { clock, rand: zero, signal: never });
    expect(calls).toBe(1);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error).toBeInstanceOf(ProviderError);
    expect(r.result.error.kind).toBe('unknown');
    expect(r.result.error.message).toBe('oops');
  });

  it('stops at the attempt cap and says so', async () => {
    const clock = fakeClock();
    const s = script(['server', 'server', 'server', 'server', 'server'], 'never');
    const r = await withRetries(s.fn, { maxAttempts: 3, maxRetryWaitMs: 120_000 }, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(3);
    expect(s.calls()).toBe(3);
    expect(r.retries).toEqual([{ kind: 'server', waitMs: 500 }, { kind: 'server', waitMs: 1_000 }]);
    expect(clock.sleeps).toEqual([500, 1_000]);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe('server');
    expect(r.result.error.message).toContain('gave up after 3 attempts');
  });

  it('maxAttempts 1 means no retry at all', async () => {
    const clock = fakeClock();
    const s = script(['overloaded'], 'never');
    const r = await withRetries(s.fn, { maxAttempts: 1, maxRetryWaitMs: 120_000 }, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.message).toContain('gave up after 1 attempt)');
  });

  it('a retry-after bigger than the remaining budget gives up without sleeping', async () => {
    const clock = fakeClock();
    const s = script([new ProviderError('rate_limit', 'wait a minute', 60_000)], 'never');
    const r = await withRetries(s.fn, { maxAttempts: 6, maxRetryWaitMs: 10_000 }, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(1);
    expect(r.retries).toEqual([]);
    expect(clock.sleeps).toEqual([]);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe('rate_limit');
    expect(r.result.error.retryAfterMs).toBe(60_000);
  });

  it('the total-wait budget counts every earlier wait', async () => {
    const clock = fakeClock();
    const s = script(['server', 'server', 'server'], 'never');
    // 500 fits; 500 + 1000 > 1200 does not.
    const r = await withRetries(s.fn, { maxAttempts: 6, maxRetryWaitMs: 1_200 }, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(2);
    expect(clock.sleeps).toEqual([500]);
    expect(r.retries).toEqual([{ kind: 'server', waitMs: 500 }]);
  });

  it('a budget of exactly the waits is enough', async () => {
    const clock = fakeClock();
    const s = script(['server', 'server'], 'ok');
    const r = await withRetries(s.fn, { maxAttempts: 6, maxRetryWaitMs: 1_500 }, { clock, rand: zero, signal: never });
    expect(r.attempts).toBe(3);
    expect(r.result.ok).toBe(true);
  });

  it('a stop during backoff ends with kind aborted and no further attempt', async () => {
    const stop = new AbortController();
    const clock = fakeClock(() => stop.abort(new Error('ctrl-c')));
    const s = script(['overloaded', 'overloaded'], 'never');
    const r = await withRetries(s.fn, policy, { clock, rand: zero, signal: stop.signal });
    expect(s.calls()).toBe(1);
    expect(r.attempts).toBe(1);
    expect(clock.sleeps).toEqual([500]);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe('aborted');
  });

  it('a failure after the stop fired is reported as aborted, not retried', async () => {
    const stop = new AbortController();
    const clock = fakeClock();
    let calls = 0;
    const fn = async (): Promise<string> => {
      calls++;
      stop.abort();
      throw new ProviderError('connection', 'socket closed');
    };
    const r = await withRetries(fn, policy, { clock, rand: zero, signal: stop.signal });
    expect(calls).toBe(1);
    expect(clock.sleeps).toEqual([]);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe('aborted');
  });
});

describe('withRetries: separate budgets per error family', () => {
  const fails = (kinds: readonly FailureKind[]) => {
    let i = 0;
    return async () => {
      const kind = kinds[i++];
      if (kind === undefined) return 'ok';
      throw new ProviderError(kind, kind);
    };
  };
  const deps = () => ({ clock: fakeClock(), rand: () => 0, signal: new AbortController().signal });
  const policy = { maxAttempts: 20, maxRetryWaitMs: 1e9, retryBudgets: { rate_limit: 3, overloaded: 1, server: 2 } };

  it('a family past its budget gives up, even with attempts left overall', async () => {
    const r = await withRetries(fails(['overloaded', 'overloaded']), policy, deps());
    expect(r.attempts).toBe(2);
    expect(r.result.ok).toBe(false);
  });

  it('timeouts share the server budget; connection errors have a budget in time instead', async () => {
    const r = await withRetries(fails(['server', 'timeout', 'server']), policy, deps());
    expect(r.attempts).toBe(3);
    expect(r.result.ok).toBe(false);
    const c = await withRetries(fails(['server', 'timeout', 'connection']), policy, deps());
    expect(c.attempts).toBe(4);
    expect(c.result.ok).toBe(true);
  });

  it('each family spends only its own budget: 3 × 429 and 1 × 529 still end in success', async () => {
    const r = await withRetries(fails(['rate_limit', 'overloaded', 'rate_limit', 'rate_limit']), policy, deps());
    expect(r.attempts).toBe(5);
    expect(r.result).toEqual({ ok: true, value: 'ok' });
  });
});
