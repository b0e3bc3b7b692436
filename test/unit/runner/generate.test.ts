import { describe, expect, it } from 'vitest';
import { generate, recall, settle, type CallContext, type Generated, type Turn } from '../../../src/runner/generate.js';
import { responseCache, type ResponseCache } from '../../../src/runner/response-cache.js';
import { ProviderError } from '../../../src/errors.js';
import type { Completion, CompletionRequest, Provider } from '../../../src/types.js';
import { evalSpec, fakeClock, memoryStore, modelSpec, sample, T0, type FakeClock } from './fakes.js';

// generate: one turn of a conversation, from the cache or a call with retries, priced and stored.
// A fake provider plays a script (an answer, or an error to throw, per attempt).

const HAIKU = 'anthropic:claude-haiku-5-5';
const model = modelSpec(HAIKU);
const request: CompletionRequest = { model: 'claude-haiku-5-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 64, timeoutMs: 5_000 };
const answer: Completion = { text: 'Hello', usage: { inputTokens: 1000, outputTokens: 100, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.5 };
/** claude-haiku-5-5: 1000 × $0.10/M in + 100 × $0.50/M out. */
const PRICE = 0.00015;

type Step = Completion | Error;

interface Fake {
  readonly provider: Provider;
  /** The signal each attempt was given. */
  readonly signals: AbortSignal[];
}

function fakeProvider(script: readonly Step[], extra: Partial<Provider> = {}): Fake {
  const signals: AbortSignal[] = [];
  const provider: Provider = {
    id: HAIKU, queueKey: 'anthropic:default:claude-haiku-5-5', simulated: false, pricingModel: 'claude-haiku-5-5', ...extra,
    complete: async (_req, signal) => {
      const step = script[signals.length] ?? new Error('script ran out');
      signals.push(signal);
      if (step instanceof Error) throw step;
      return step;
    },
  };
  return { provider, signals };
}

interface Setup {
  readonly clock: FakeClock;
  readonly cache: ResponseCache;
  readonly rows: ReturnType<typeof memoryStore>['rows'];
  readonly ctx: CallContext;
  readonly stop: AbortController;
}

function setup(): Setup {
  const clock = fakeClock();
  const store = memoryStore();
  const cache = responseCache(store, clock);
  const stop = new AbortController();
  const ctx: CallContext = { spec: evalSpec(), clock, rand: () => 0, stopSignal: stop.signal, abortSignal: new AbortController().signal, cache };
  return { clock, cache, rows: store.rows, ctx, stop };
}

const turnOf = (provider: Provider, extra: Partial<Turn> = {}): Turn =>
  ({ provider, model, request, item: { sample: sample('s1', {}), epoch: 1, targetPool: [] }, ...extra });

interface Case {
  readonly name: string;
  readonly script: readonly Step[];
  readonly provider?: Partial<Provider>;
  readonly turn?: Partial<Turn>;
  /** The answer is in the cache before the call. */
  readonly cachedBefore?: boolean;
  /** The run is stopped before the call. */
  readonly stopped?: boolean;
  readonly want: Partial<Generated> & { readonly kind?: string; readonly cost?: number | null };
  readonly calls: number;
  /** Rows in the cache afterwards. */
  readonly rows: number;
  readonly sleeps?: readonly number[];
}

const cases: readonly Case[] = [
  { name: 'a cache hit: no call, attempts 0, priced from the stored usage', script: [], cachedBefore: true,
    want: { ok: true, cached: true, cachedAt: new Date(T0).toISOString(), attempts: 0, retries: [], cost: PRICE }, calls: 0, rows: 1 },
  { name: 'a cache miss: one call, the answer stored', script: [answer],
    want: { ok: true, cached: false, cachedAt: undefined, attempts: 1, retries: [], cost: PRICE }, calls: 1, rows: 1 },
  { name: 'a 529 then an answer: two attempts, one backoff', script: [new ProviderError('overloaded', 'busy'), answer],
    want: { ok: true, cached: false, attempts: 2, retries: [{ kind: 'overloaded', waitMs: 500 }], cost: PRICE }, calls: 2, rows: 1, sleeps: [500] },
  { name: 'a 429 with retry-after waits what the server asked', script: [new ProviderError('rate_limit', 'slow down', 1_234), answer],
    want: { ok: true, attempts: 2, retries: [{ kind: 'rate_limit', waitMs: 1_234 }] }, calls: 2, rows: 1, sleeps: [1_234] },
  { name: 'a non-retryable error: one attempt, returned as is, nothing stored', script: [new ProviderError('bad_request', 'max_tokens too large')],
    want: { ok: false, kind: 'bad_request', attempts: 1, retries: [], cached: false }, calls: 1, rows: 0 },
  { name: 'a plain Error becomes an unknown ProviderError', script: [new Error('socket hang up?')],
    want: { ok: false, kind: 'unknown', attempts: 1 }, calls: 1, rows: 0 },
  { name: 'retries used up: the last error, with every attempt counted', script: [new ProviderError('server', 'a'), new ProviderError('server', 'b'), new ProviderError('server', 'c')],
    want: { ok: false, kind: 'server', attempts: 3, retries: [{ kind: 'server', waitMs: 500 }, { kind: 'server', waitMs: 1_000 }] }, calls: 3, rows: 0, sleeps: [500, 1_000] },
  { name: 'a stopped run: the failed attempt is aborted, not retried', script: [new ProviderError('overloaded', 'busy')], stopped: true,
    want: { ok: false, kind: 'aborted', attempts: 1, retries: [] }, calls: 1, rows: 0 },
  { name: 'an unknown price: cost null, never 0', script: [answer], provider: { pricingModel: 'mystery-model' },
    want: { ok: true, cost: null }, calls: 1, rows: 1 },
  { name: 'no pricing model: cost null', script: [answer], provider: { pricingModel: undefined },
    want: { ok: true, cost: null }, calls: 1, rows: 1 },
  { name: 'a simulator is never cached: called though its answer is stored', script: [answer], provider: { simulated: true }, cachedBefore: true,
    want: { ok: true, cached: false, attempts: 1 }, calls: 1, rows: 1 },
  { name: 'uncached: neither looked up nor stored', script: [answer], turn: { uncached: true },
    want: { ok: true, cached: false, attempts: 1 }, calls: 1, rows: 0 },
  { name: 'a variant is its own cache entry', script: [answer], turn: { variant: { judge: 'v1', sample: 0 } }, cachedBefore: true,
    want: { ok: true, cached: false, attempts: 1 }, calls: 1, rows: 2 },
];

describe('generate', () => {
  it.each(cases)('$name', async (c) => {
    const s = setup();
    const fake = fakeProvider(c.script, c.provider);
    const turn = turnOf(fake.provider, c.turn);
    // Stored under the plain turn's key (a real provider, no variant).
    if (c.cachedBefore === true) s.cache.put(s.cache.keyFor(fake.provider, model, request, 1), model.id, answer);
    if (c.stopped === true) s.stop.abort();
    const got = await generate(s.ctx, turn);
    const { kind, cost, ...want } = c.want;
    expect(got).toMatchObject(want);
    expect(fake.signals).toHaveLength(c.calls);
    expect(s.rows.size).toBe(c.rows);
    expect(s.clock.sleeps).toEqual(c.sleeps ?? []);
    if (got.ok) {
      expect(got.completion).toMatchObject({ text: 'Hello', usage: answer.usage, stopReason: 'end_turn' });
      if (cost === null) expect(got.costUsd).toBeNull();
      else if (cost !== undefined) expect(got.costUsd).toBeCloseTo(cost, 12);
    } else {
      expect(got.error).toBeInstanceOf(ProviderError);
      expect(got.error.kind).toBe(kind);
    }
  });

  it('a stored answer is found by the next identical turn', async () => {
    const s = setup();
    const fake = fakeProvider([answer]);
    await generate(s.ctx, turnOf(fake.provider));
    const again = await generate(s.ctx, turnOf(fake.provider));
    expect(again).toMatchObject({ ok: true, cached: true, attempts: 0, cachedAt: new Date(T0).toISOString() });
    expect(fake.signals).toHaveLength(1);
  });

  it('a later turn of the conversation is a new call (another cache key)', async () => {
    const s = setup();
    const fake = fakeProvider([answer, { ...answer, text: 'Bye' }]);
    await generate(s.ctx, turnOf(fake.provider));
    const next = { ...request, messages: [...request.messages, { role: 'assistant' as const, content: 'Hello' }, { role: 'user' as const, content: 'Bye?' }] };
    const got = await generate(s.ctx, turnOf(fake.provider, { request: next }));
    expect(got).toMatchObject({ ok: true, cached: false, completion: { text: 'Bye' } });
    expect(s.rows.size).toBe(2);
  });

  it('the call gets the run\'s abort signal; an abort mid-call ends in aborted', async () => {
    const s = setup();
    const abort = new AbortController();
    const provider: Provider = {
      ...fakeProvider([]).provider,
      complete: (_req, signal) => new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(new ProviderError('aborted', 'request aborted')));
        abort.abort();
      }),
    };
    const got = await generate({ ...s.ctx, abortSignal: abort.signal }, turnOf(provider));
    expect(got).toMatchObject({ ok: false, attempts: 1, error: { kind: 'aborted' } });
    expect(s.rows.size).toBe(0);
  });

  it('without a cache every turn is a call', async () => {
    const s = setup();
    const { cache: _none, ...ctx } = s.ctx;
    const fake = fakeProvider([answer, answer]);
    await generate(ctx, turnOf(fake.provider));
    expect(await generate(ctx, turnOf(fake.provider))).toMatchObject({ ok: true, cached: false });
    expect(fake.signals).toHaveLength(2);
  });
});

describe('recall and settle (answers that come from no live call: Message Batches)', () => {
  it.each([
    ['list price', {}, PRICE],
    ['batch price: half', { batch: true }, PRICE / 2],
  ] as const)('settle stores the answer and prices it at %s', (_name, opts, price) => {
    const s = setup();
    const turn = turnOf(fakeProvider([]).provider);
    expect(recall(s.cache, turn)).toBeUndefined();
    expect(settle(s.cache, turn, answer, opts)).toBeCloseTo(price, 12);
    // A cached answer costs its list price, whatever it was paid when it was stored.
    expect(recall(s.cache, turn)).toMatchObject({ ok: true, cached: true, attempts: 0, completion: { text: 'Hello' } });
    expect(recall(s.cache, turn)?.costUsd).toBeCloseTo(PRICE, 12);
  });

  it('settle without a cache only prices; an unknown price is null', () => {
    const turn = turnOf(fakeProvider([], { pricingModel: undefined }).provider);
    expect(settle(undefined, turn, answer, { batch: true })).toBeNull();
    expect(recall(undefined, turn)).toBeUndefined();
  });
});
