import { describe, expect, it } from 'vitest';
import { withRetries, type RetryPolicy } from '../../../src/runner/retry.js';
import { ProviderError } from '../../../src/errors.js';
import { fakeClock, script } from './fakes.js';

// Connection failures (refused, reset, cut mid-response) are retried for a time, not a number of
// attempts: an outage lasts seconds or minutes whatever the attempts.

const policy: RetryPolicy = { maxAttempts: 6, maxRetryWaitMs: 120_000 };
const never = new AbortController().signal;
const zero = (): number => 0;


describe('withRetries: connection failures have a budget in time, not in attempts', () => {
  const refused = (): ProviderError => new ProviderError('connection', 'connection failed: ECONNREFUSED');
  /** `n` connection failures, then success. */
  const outage = (n: number) => script(Array.from({ length: n }, refused), 'ok');

  it.each([
    ['a 20-second outage', 8],
    ['a 2-minute outage', 30],
  ] as const)('%s (%i failed attempts) is ridden out: past max_attempts, the server budget and the wait budget', async (_name, n) => {
    const clock = fakeClock();
    const s = outage(n);
    const r = await withRetries(s.fn, { maxAttempts: 4, maxRetryWaitMs: 5_000, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 } }, { clock, rand: zero, signal: never });
    expect(r.result).toEqual({ ok: true, value: 'ok' });
    expect(r.attempts).toBe(n + 1);
    expect(r.retries.every((x) => x.kind === 'connection')).toBe(true);
    // Backoff as for any error, capped at 5 s while the endpoint is away.
    expect(clock.sleeps.slice(0, 5)).toEqual([500, 1_000, 2_000, 4_000, 5_000]);
    expect(Math.max(...clock.sleeps)).toBe(5_000);
  });

  it.each([
    [60_000, 60_000],
    [300_000, 300_000],
  ])('gives up once the next wait would take it past connectionRetryMs %i since its first connection failure', async (budget) => {
    const clock = fakeClock();
    const s = outage(1_000);
    const r = await withRetries(s.fn, { maxAttempts: 10, maxRetryWaitMs: 120_000, connectionRetryMs: budget }, { clock, rand: zero, signal: never });
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeLessThanOrEqual(budget);
    expect(waited).toBeGreaterThan(budget - 5_000);
    if (r.result.ok) throw new Error('expected a failure');
    expect(r.result.error.kind).toBe('connection');
    expect(r.result.error.message).toMatch(/gave up after \d+ attempts/);
  });

  it('the default budget is 5 minutes', async () => {
    const clock = fakeClock();
    const r = await withRetries(outage(1_000).fn, policy, { clock, rand: zero, signal: never });
    expect(r.result.ok).toBe(false);
    const waited = clock.sleeps.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(295_000);
    expect(waited).toBeLessThanOrEqual(300_000);
  });

  it('connection retries do not use up the attempts other errors get', async () => {
    const clock = fakeClock();
    const s = script([refused(), refused(), refused(), refused(), refused(), 'server', 'server'], 'ok');
    const r = await withRetries(s.fn, { maxAttempts: 3, maxRetryWaitMs: 120_000 }, { clock, rand: zero, signal: never });
    expect(r.result).toEqual({ ok: true, value: 'ok' });
    expect(r.attempts).toBe(8);
  });

  describe('an endpoint that has not answered once in the run', () => {
    const waitedFor = async (reached: () => boolean, budget?: number) => {
      const clock = fakeClock();
      const r = await withRetries(outage(1_000).fn, budget === undefined ? policy : { ...policy, connectionRetryMs: budget }, { clock, rand: zero, signal: never, reached });
      expect(r.result.ok).toBe(false);
      return clock.sleeps.reduce((a, b) => a + b, 0);
    };

    it('retries for a minute by default, not five', async () => {
      const waited = await waitedFor(() => false);
      expect(waited).toBeGreaterThan(55_000);
      expect(waited).toBeLessThanOrEqual(60_000);
    });

    it('gets the five minutes once the endpoint has answered, even while the call is retrying', async () => {
      let calls = 0;
      const waited = await waitedFor(() => ++calls > 3);
      expect(waited).toBeGreaterThan(295_000);
      expect(waited).toBeLessThanOrEqual(300_000);
    });

    it('a connection_retry_ms that is set applies as it is (a server that takes long to start)', async () => {
      const waited = await waitedFor(() => false, 180_000);
      expect(waited).toBeGreaterThan(175_000);
      expect(waited).toBeLessThanOrEqual(180_000);
    });
  });
});
