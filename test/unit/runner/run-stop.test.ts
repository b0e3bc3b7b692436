import { describe, expect, it } from 'vitest';
import { planItems } from '../../../src/runner/plan.js';
import { ProviderError, RunError } from '../../../src/errors.js';
import { runItems } from '../../../src/runner/run.js';
import { costBudget } from '../../../src/runner/budget.js';
import type { Clock, Provider } from '../../../src/types.js';
import { deferred, modelSpec } from './fakes.js';
import { HAIKU, SONNET, completion, gated, counting, until, ctx, hooks, collect, samples, specWith } from './run-helpers.js';

describe('runItems: stop', () => {
  it('queued items never start; calls in flight finish within the grace period and are recorded', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 2 })]);
    const a = gated(HAIKU, 'qa');
    const stop = new AbortController();
    const h = hooks(60_000);
    const run = collect(planItems(samples(6), [HAIKU], 1), ctx({ spec, providers: [a.provider], stop }), h);
    await until(() => a.state.calls === 2, 'two calls in flight');
    stop.abort();
    expect(a.release()).toBe(2);
    const out = await run;
    expect(out.status).toBe('aborted');
    expect(a.state.calls).toBe(2);
    expect(a.state.sawAbort).toBe(0);
    expect(out.records).toHaveLength(2);
    expect(out.records.every((r) => r.status === 'ok' && r.pass === true)).toBe(true);
    expect(h.seen).toHaveLength(2);
  });

  it('calls still in flight when the grace period ends are aborted through their signal and recorded', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 2 })]);
    const a = gated(HAIKU, 'qa');
    const stop = new AbortController();
    const run = collect(planItems(samples(5), [HAIKU], 1), ctx({ spec, providers: [a.provider], stop }), hooks(1));
    await until(() => a.state.calls === 2, 'two calls in flight');
    stop.abort();
    const out = await run;
    expect(out.status).toBe('aborted');
    expect(a.state.calls).toBe(2);
    expect(a.state.sawAbort).toBe(2);
    expect(out.records).toHaveLength(2);
    for (const r of out.records) {
      expect(r.status).toBe('error');
      expect(r.error).toMatchObject({ kind: 'aborted', stage: 'provider' });
      expect('pass' in r).toBe(false);
    }
  });

  it('an item waiting in backoff when the stop fires ends as aborted without another attempt', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 1 })]);
    let calls = 0;
    const p: Provider = {
      id: HAIKU, queueKey: 'q', simulated: false, pricingModel: undefined,
      complete: async () => { calls++; throw new ProviderError('overloaded', 'Overloaded'); },
    };
    const sleeping = deferred<void>();
    // A clock whose sleep only ends when the stop signal aborts it.
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise<void>((_resolve, reject) => {
        sleeping.resolve();
        signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true });
      }),
    };
    const stop = new AbortController();
    const run = collect(planItems(samples(3), [HAIKU], 1), ctx({ spec, providers: [p], stop, clock }), hooks(60_000));
    await sleeping.promise;
    stop.abort();
    const out = await run;
    expect(out.status).toBe('aborted');
    expect(calls).toBe(1);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ status: 'error', attempts: 1, error: { kind: 'aborted', stage: 'provider' } });
  });

  it('a stop before the run starts sends nothing and still resolves', async () => {
    const spec = specWith([modelSpec(HAIKU)]);
    const a = counting(HAIKU, 'qa');
    const stop = new AbortController();
    stop.abort();
    const out = await collect(planItems(samples(4), [HAIKU], 1), ctx({ spec, providers: [a.provider], stop }), hooks());
    expect(out).toEqual({ status: 'aborted', stoppedBy: 'interrupt', stopMessage: null, finished: 0, records: [] });
    expect(a.state.calls).toBe(0);
  });
});

describe('runItems: a crash stops the run at once', () => {
  it('when a record cannot be written, no further call is made and the run fails with RunError', async () => {
    const spec = specWith([{ ...modelSpec(HAIKU), concurrency: 1 }]);
    const a = counting(HAIKU, 'q');
    const failing = { graceMs: 1000, onRecord: () => { throw new Error('ENOSPC: no space left on device, write'); } };
    const run = runItems(planItems(samples(6), [HAIKU], 1), ctx({ spec, providers: [a.provider] }), failing);
    await expect(run).rejects.toBeInstanceOf(RunError);
    await expect(run).rejects.toThrow('run stopped: ENOSPC');
    expect(a.state.calls).toBe(1);
  });
});

describe('runItems: a budget halt', () => {
  it('ends the run: calls waiting for their model\'s first cost never start, and runItems resolves', async () => {
    // Haiku's first call is held open; its other calls wait in the budget for its cost. Sonnet's
    // calls cost $0.003 each against a $0.004 budget: its second call would pass it, so the run halts.
    const spec = specWith([{ ...modelSpec(HAIKU), concurrency: 3 }, { ...modelSpec(SONNET), concurrency: 1 }]);
    const a = gated(HAIKU, 'qa');
    const b = counting(SONNET, 'qb', () => ({ ...completion('Paris'), usage: { inputTokens: 1000, outputTokens: 100, thinkingTokens: 0 } }));
    b.provider = { ...b.provider, pricingModel: 'claude-sonnet-5-5' };
    const budget = costBudget(0.004);
    const run = collect(planItems(samples(6), [HAIKU, SONNET], 1), ctx({ spec, providers: [a.provider, b.provider] }), { ...hooks(), budget });
    await until(() => b.state.calls >= 1 && b.state.inFlight === 0, 'sonnet\'s first call done');
    await until(() => a.state.calls === 1, 'haiku\'s first call in flight');
    a.release();
    const out = await run;
    expect(out.status).toBe('aborted');
    expect(out.stoppedBy).toBe('budget');
    expect(b.state.calls).toBe(1);
    expect(a.state.calls).toBe(1); // the waiting Haiku calls were refused, not started
  });
});
