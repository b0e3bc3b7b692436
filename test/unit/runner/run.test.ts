import { describe, expect, it } from 'vitest';
import { runItems, type Progress, type RunHooks } from '../../../src/runner/run.js';
import type { RunContext } from '../../../src/runner/execute.js';
import { planItems } from '../../../src/runner/plan.js';
import { createScorer } from '../../../src/scoring/create.js';
import { ProviderError } from '../../../src/errors.js';
import type { Clock, Completion, Provider, RunRecord } from '../../../src/types.js';
import type { EvalSpec, ModelSpec } from '../../../src/spec/types.js';
import { deferred, evalSpec, fakeClock, modelSpec, sample, tick, type Deferred } from './fakes.js';

const HAIKU = 'anthropic:claude-haiku-5-5';
const SONNET = 'anthropic:claude-sonnet-5-5';

const completion = (text: string): Completion => ({
  text,
  usage: { inputTokens: 10, outputTokens: 2, thinkingTokens: 0 },
  stopReason: 'end_turn',
  latencyMs: 5,
});

/** A provider whose calls wait until the test releases them (or their signal aborts). */
function gated(id: string, queueKey: string) {
  const state = { calls: 0, inFlight: 0, maxInFlight: 0, sawAbort: 0, pending: [] as Deferred<Completion>[] };
  const provider: Provider = {
    id,
    queueKey,
    simulated: false,
    pricingModel: 'claude-haiku-5-5',
    complete: async (_req, signal) => {
      state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const d = deferred<Completion>();
      state.pending.push(d);
      const onAbort = (): void => {
        state.sawAbort++;
        d.reject(new ProviderError('aborted', 'request aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await d.promise;
      } finally {
        state.inFlight--;
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
  const release = (text = 'Paris'): number => {
    const batch = state.pending.splice(0);
    for (const d of batch) d.resolve(completion(text));
    return batch.length;
  };
  return { provider, state, release };
}

/** A provider that answers after a few turns of the event loop, tracking how many calls overlap. */
function counting(id: string, queueKey: string, answer = (): Completion => completion('Paris')) {
  const state = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const provider: Provider = {
    id,
    queueKey,
    simulated: false,
    pricingModel: 'claude-haiku-5-5',
    complete: async () => {
      state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        for (let i = 0; i < 3; i++) await tick();
        return answer();
      } finally {
        state.inFlight--;
      }
    },
  };
  return { provider, state };
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (cond()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface CtxOptions {
  readonly spec: EvalSpec;
  readonly providers: readonly Provider[];
  readonly stop?: AbortController;
  readonly clock?: Clock;
}

function ctx(o: CtxOptions): Omit<RunContext, 'abortSignal'> {
  return {
    runId: 'run-1',
    spec: o.spec,
    providers: new Map(o.providers.map((p) => [p.id, p])),
    scorers: o.spec.scorers.map(createScorer),
    targetPool: ['Paris'],
    clock: o.clock ?? fakeClock(),
    rand: () => 0,
    stopSignal: (o.stop ?? new AbortController()).signal,
  };
}

function hooks(graceMs = 60_000): RunHooks & { seen: { record: RunRecord; progress: Progress }[] } {
  const seen: { record: RunRecord; progress: Progress }[] = [];
  return { graceMs, seen, onRecord: (record, progress) => { seen.push({ record, progress }); } };
}

/** runItems, with the records it streamed to the hooks collected for the assertions. */
async function collect(items: Parameters<typeof runItems>[0], c: Parameters<typeof runItems>[1], h = hooks()) {
  const out = await runItems(items, c, h);
  return { ...out, records: h.seen.map((x) => x.record) };
}

const samples = (n: number) => Array.from({ length: n }, (_, i) => sample(`s${i + 1}`, { question: `q${i + 1}` }, 'Paris'));
const specWith = (models: readonly ModelSpec[]) => evalSpec({ models });
const key = (r: RunRecord) => `${r.sampleId}|${r.model}|${r.epoch}`;

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
    expect(out).toEqual({ status: 'completed', finished: 0, records: [] });
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
    expect(out).toEqual({ status: 'aborted', finished: 0, records: [] });
    expect(a.state.calls).toBe(0);
  });
});
