import { describe, expect, it } from 'vitest';
import { planItems } from '../../../src/runner/plan.js';
import { ProviderError } from '../../../src/errors.js';
import type { Provider } from '../../../src/types.js';
import { modelSpec, tick } from './fakes.js';
import { HAIKU, SONNET, completion, gated, counting, until, ctx, hooks, collect, samples, specWith, key } from './run-helpers.js';

describe('planItems', () => {
  it('is sample-major, epochs inside, models innermost, indexed in order', () => {
    const [a, b] = samples(2);
    const items = planItems([a!, b!], ['m1', 'm2'], 2);
    expect(items.map((i) => `${i.index}:${i.sample.id}/${i.epoch}/${i.modelId}`)).toEqual([
      '0:s1/1/m1', '1:s1/1/m2', '2:s1/2/m1', '3:s1/2/m2', '4:s2/1/m1', '5:s2/1/m2', '6:s2/2/m1', '7:s2/2/m2',
    ]);
  });

  it.each([[0, 3, 1], [3, 0, 1], [3, 2, 0]])('%i samples × %i models × %i epochs is empty', (s, m, e) => {
    expect(planItems(samples(s), Array.from({ length: m }, (_, i) => `m${i}`), e)).toEqual([]);
  });
});

describe('runItems: records', () => {
  it('every item produces exactly one record, with progress counting up', async () => {
    const spec = specWith([modelSpec(HAIKU), modelSpec(SONNET)]);
    const a = counting(HAIKU, 'qa');
    const b = counting(SONNET, 'qb');
    const items = planItems(samples(3), [HAIKU, SONNET], 2);
    const h = hooks();
    const out = await collect(items, ctx({ spec, providers: [a.provider, b.provider] }), h);
    expect(out.status).toBe('completed');
    expect(out.records).toHaveLength(12);
    expect(new Set(out.records.map(key)).size).toBe(12);
    expect(new Set(out.records.map(key))).toEqual(new Set(items.map((i) => `${i.sample.id}|${i.modelId}|${i.epoch}`)));
    expect(a.state.calls + b.state.calls).toBe(12);
    expect(h.seen.map((s) => s.progress)).toEqual(Array.from({ length: 12 }, (_, i) => ({ done: i + 1, total: 12, errors: 0 })));
    expect(h.seen.map((s) => s.record)).toEqual(out.records);
  });

  it('provider errors are error records and are counted in progress', async () => {
    const spec = specWith([modelSpec(HAIKU)]);
    const p: Provider = {
      id: HAIKU,
      queueKey: 'q',
      simulated: false,
      pricingModel: 'claude-haiku-5-5',
      complete: async (_req, _signal, item) => {
        if (item.sample.id === 's2') throw new ProviderError('auth', 'invalid x-api-key');
        return completion('Paris');
      },
    };
    const h = hooks();
    const out = await collect(planItems(samples(3), [HAIKU], 1), ctx({ spec, providers: [p] }), h);
    expect(out.status).toBe('completed');
    const bad = out.records.find((r) => r.sampleId === 's2');
    expect(bad).toMatchObject({ status: 'error', error: { kind: 'auth', stage: 'provider' } });
    expect(bad !== undefined && 'pass' in bad).toBe(false);
    expect(out.records.filter((r) => r.status === 'ok' && r.pass === true)).toHaveLength(2);
    expect(h.seen.at(-1)?.progress).toEqual({ done: 3, total: 3, errors: 1 });
  });

  it('an empty plan completes with no records', async () => {
    const out = await collect([], ctx({ spec: specWith([modelSpec(HAIKU)]), providers: [] }), hooks());
    expect(out).toEqual({ status: 'completed', stoppedBy: null, stopMessage: null, finished: 0, records: [] });
  });
});

describe('runItems: concurrency per queue key', () => {
  it('never exceeds the model concurrency', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 3 })]);
    const a = counting(HAIKU, 'qa');
    const out = await collect(planItems(samples(10), [HAIKU], 1), ctx({ spec, providers: [a.provider] }), hooks());
    expect(out.records).toHaveLength(10);
    expect(a.state.maxInFlight).toBe(3);
  });

  it('concurrency 1 runs calls strictly one at a time', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 1 })]);
    const a = counting(HAIKU, 'qa');
    await collect(planItems(samples(5), [HAIKU], 1), ctx({ spec, providers: [a.provider] }), hooks());
    expect(a.state.maxInFlight).toBe(1);
  });

  it('two queue keys run independently: one blocked model does not hold up the other', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 2 }), modelSpec(SONNET, { concurrency: 2 })]);
    const a = gated(HAIKU, 'qa');
    const b = counting(SONNET, 'qb');
    const h = hooks();
    const run = collect(planItems(samples(6), [HAIKU, SONNET], 1), ctx({ spec, providers: [a.provider, b.provider] }), h);
    await until(() => h.seen.filter((s) => s.record.model === SONNET).length === 6, 'every sonnet item');
    expect(a.state.calls).toBe(2);
    expect(a.state.inFlight).toBe(2);
    expect(b.state.maxInFlight).toBe(2);
    while (a.state.calls < 6 || a.state.inFlight > 0) {
      a.release();
      await tick();
    }
    const out = await run;
    expect(out.records).toHaveLength(12);
    expect(a.state.maxInFlight).toBe(2);
  });

  it('models that share a queue key share its slots', async () => {
    const spec = specWith([modelSpec(HAIKU, { concurrency: 2 }), modelSpec(SONNET, { concurrency: 2 })]);
    const shared = { calls: 0, inFlight: 0, maxInFlight: 0 };
    const make = (id: string): Provider => ({
      id,
      queueKey: 'same-account',
      simulated: false,
      pricingModel: undefined,
      complete: async () => {
        shared.calls++;
        shared.maxInFlight = Math.max(shared.maxInFlight, ++shared.inFlight);
        for (let i = 0; i < 3; i++) await tick();
        shared.inFlight--;
        return completion('Paris');
      },
    });
    const out = await collect(planItems(samples(4), [HAIKU, SONNET], 1), ctx({ spec, providers: [make(HAIKU), make(SONNET)] }), hooks());
    expect(out.records).toHaveLength(8);
    expect(shared.maxInFlight).toBe(2);
  });
});
