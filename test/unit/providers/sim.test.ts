import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Completion, CompletionRequest, ItemContext, Json, Sample } from '../../../src/types.js';
import type { ModelSpec } from '../../../src/spec/types.js';
import type { SimInput } from '../../../src/spec/input.js';
import { SIM_DIFFICULTY_CORRELATION, simProvider, simSettings, wrongAnswer } from '../../../src/providers/sim.js';
import { ProviderError } from '../../../src/errors.js';

function simModel(profile: string, sim?: SimInput): ModelSpec {
  return {
    id: `sim:${profile}`, provider: 'sim', model: profile, label: 'x', maxTokens: 100, stream: false,
    apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 4, ...(sim !== undefined && { sim }),
  };
}

function sample(id: string, target: Json | undefined, metadata: Record<string, Json> = {}, vars: Record<string, Json> = {}): Sample {
  return { id, vars, metadata, source: `test:${id}`, ...(target !== undefined && { target }) };
}

// 'What is 2+2?' is 12 characters → ceil(12/4) = 3 input tokens.
const REQ: CompletionRequest = { model: 'x', messages: [{ role: 'user', content: 'What is 2+2?' }], maxTokens: 100, timeoutMs: 1_000 };
const signal = new AbortController().signal;
const LABELS: readonly Json[] = ['billing', 'shipping'];
const ctx = (s: Sample, epoch = 0, targetPool: readonly Json[] = LABELS): ItemContext => ({ sample: s, epoch, targetPool });
const labelled = (n: number, prefix = 's'): Sample[] => Array.from({ length: n }, (_, i) => sample(`${prefix}${i}`, 'billing'));

/** Whether each call answered the target. Labels 'billing' vs 'shipping', so a wrapped answer still tells. */
async function correctness(model: ModelSpec, seed: number, samples: readonly Sample[], epoch = 0): Promise<boolean[]> {
  const p = simProvider(model, seed);
  const out: boolean[] = [];
  for (const s of samples) out.push((await p.complete(REQ, signal, ctx(s, epoch))).text.includes('billing'));
  return out;
}

const rate = (xs: readonly boolean[]) => xs.filter(Boolean).length / xs.length;
const agreement = (a: readonly boolean[], b: readonly boolean[]) => a.filter((x, i) => x === b[i]).length / a.length;

describe('simProvider: identity', () => {
  it.each([
    ['claude-haiku-5-5', 'claude-haiku-5-5'],
    ['claude-sonnet-5-5', 'claude-sonnet-5-5'],
    ['perfect', undefined],
    ['wrong', undefined],
    ['some-openai-model', undefined],
  ])('sim:%s is simulated, prices as %s', (profile, pricing) => {
    const p = simProvider(simModel(profile), 1);
    expect(p.simulated).toBe(true);
    expect(p.pricingModel).toBe(pricing);
    expect(p.id).toBe(`sim:${profile}`);
  });
});

describe('simProvider: determinism (draws keyed by seed, model, sample, epoch)', () => {
  const model = simModel('claude-haiku-5-5');
  const samples = labelled(60);

  it('same seed + sample + epoch → identical completion, whatever the call order or concurrency', async () => {
    const a = simProvider(model, 7);
    const forward: Completion[] = [];
    for (const s of samples) forward.push(await a.complete(REQ, signal, ctx(s, 1)));

    const b = simProvider(model, 7);
    const reversed = new Map<string, Completion>();
    for (const s of [...samples].reverse()) {
      await b.complete(REQ, signal, ctx(s, 0)); // interleave other epochs
      reversed.set(s.id, await b.complete(REQ, signal, ctx(s, 1)));
    }
    const parallel = await Promise.all(samples.map((s) => simProvider(model, 7).complete(REQ, signal, ctx(s, 1))));

    samples.forEach((s, i) => {
      expect(reversed.get(s.id)).toEqual(forward[i]);
      expect(parallel[i]).toEqual(forward[i]);
    });
  });

  // With accuracy 0.5, two draws on samples of shared difficulty (latent correlation ρ = 0.5, see
  // SIM_DIFFICULTY_CORRELATION) agree with the bivariate-normal orthant probability 1/2 + arcsin(ρ)/π
  // = 2/3, not 1/2 as independent draws would. Over 2,000 samples the SD of the agreement share is
  // sqrt(2/9/2000) = 0.0105, so [0.62, 0.71] is ±4.5 SD. The draws are deterministic (sha256-keyed), so
  // this cannot flake; it fails only if the keying or the copula changes.
  const half = simModel('perfect', { accuracy: 0.5 });
  const many = labelled(2_000);

  it.each([
    ['a different epoch', { seed: 7, epoch: 1 }],
    ['a different seed', { seed: 8, epoch: 0 }],
  ])('%s → a fresh draw on a sample of the same difficulty (agreement 2/3)', async (_name, other) => {
    expect(SIM_DIFFICULTY_CORRELATION).toBe(0.5);
    const base = await correctness(half, 7, many, 0);
    const changed = await correctness(half, other.seed, many, other.epoch);
    const agree = agreement(base, changed);
    expect(agree).toBeGreaterThanOrEqual(0.62);
    expect(agree).toBeLessThanOrEqual(0.71);
  });

  it('sim.seed overrides the run seed', async () => {
    const pinned = simModel('perfect', { accuracy: 0.5, seed: 99 });
    expect(await correctness(pinned, 1, many.slice(0, 200))).toEqual(await correctness(pinned, 2, many.slice(0, 200)));
  });
});

describe('simProvider: accuracy', () => {
  // 2,000 samples; SD of the observed share is sqrt(p(1−p)/2000) ≤ 0.0112, so ±0.03 is ≥ 2.7 SD (3.7 SD
  // at 0.84). Deterministic draws: the observed value is fixed, the tolerance only documents the model.
  const many = labelled(2_000);
  it.each([
    ['claude-haiku-5-5 profile (0.84)', simModel('claude-haiku-5-5'), 0.84],
    ['claude-sonnet-5-5 profile (0.93)', simModel('claude-sonnet-5-5'), 0.93],
    ['accuracy override 0.6', simModel('claude-haiku-5-5', { accuracy: 0.6 }), 0.6],
  ])('%s: observed within ±0.03', async (_name, model, expected) => {
    const observed = rate(await correctness(model, 42, many));
    expect(Math.abs(observed - expected)).toBeLessThanOrEqual(0.03);
  });

  it.each([
    ['perfect', 1],
    ['wrong', 0],
  ])('sim:%s answers correctly at rate %i exactly', async (profile, expected) => {
    expect(rate(await correctness(simModel(profile), 3, many.slice(0, 300)))).toBe(expected);
  });

  it('per-segment accuracy (segment + accuracy_by), metadata or vars, with the default for other segments', async () => {
    const model = simModel('claude-haiku-5-5', { segment: 'category', accuracy: 0.9, accuracy_by: { easy: 0.95, hard: 0.2, '3': 0.5 } });
    const seg = (name: string, where: 'metadata' | 'vars', value: Json) =>
      Array.from({ length: 2_000 }, (_, i) => (where === 'metadata' ? sample(`${name}${i}`, 'billing', { category: value }) : sample(`${name}${i}`, 'billing', {}, { category: value })));
    const cases: [string, Sample[], number][] = [
      ['easy (metadata)', seg('e', 'metadata', 'easy'), 0.95],
      ['hard (vars)', seg('h', 'vars', 'hard'), 0.2],
      ['numeric segment value 3 matches key "3"', seg('n', 'metadata', 3), 0.5],
      ['other segment → default accuracy', seg('o', 'metadata', 'other'), 0.9],
    ];
    for (const [name, samples, expected] of cases) {
      const observed = rate(await correctness(model, 11, samples));
      expect(Math.abs(observed - expected), name).toBeLessThanOrEqual(0.03);
    }
  });

  it('wrong answers from the simulator are never the target (numbers, numeric strings, objects)', async () => {
    const p = simProvider(simModel('wrong'), 5);
    const targets: Json[] = [0, 1, 42, -7, 0.01, 0.05, 3.14, '0.01', '12', { queue: 'billing', refund: null, priority: 2 }];
    for (const [i, target] of targets.entries()) {
      for (let k = 0; k < 40; k++) {
        const c = await p.complete(REQ, signal, ctx(sample(`t${i}-${k}`, target), 0, targets));
        const expectedText = typeof target === 'object' ? `\`\`\`json\n${JSON.stringify(target, null, 2)}\n\`\`\`` : String(target);
        expect(c.text).not.toBe(expectedText);
      }
    }
  });
});

describe('simProvider: completion fields', () => {
  it.each([
    // sim:perfect renders the target as is: 'abcdefghij' = 10 chars → ceil(10/4) = 3 output tokens.
    ['fits in max tokens', 100, 3, 'end_turn'],
    ['cut off at max tokens', 2, 2, 'max_tokens'],
  ])('%s', async (_name, maxTokens, outputTokens, stopReason) => {
    const c = await simProvider(simModel('perfect'), 1).complete({ ...REQ, maxTokens }, signal, ctx(sample('a', 'abcdefghij')));
    // Cut off like a real model: about 4 characters per token of max_tokens.
    expect(c.text).toBe(stopReason === 'max_tokens' ? 'abcdefgh' : 'abcdefghij');
    expect(c.usage).toEqual({ inputTokens: 3, outputTokens, thinkingTokens: 0 });
    expect(c.stopReason).toBe(stopReason);
  });

  it('a sample without a target rejects with ProviderError bad_request', async () => {
    const p = simProvider(simModel('claude-haiku-5-5'), 1);
    const err = await p.complete(REQ, signal, ctx(sample('no-target', undefined))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('bad_request');
  });
});

describe('simProvider: realtime', () => {
  afterEach(() => { vi.useRealTimers(); });

  const settledAfterMicrotasks = async (p: Promise<Completion>) => {
    let done = false;
    void p.then(() => { done = true; }, () => { done = true; });
    for (let i = 0; i < 20; i++) await Promise.resolve();
    return done;
  };

  it('realtime false (default): latency is reported but no timer is ever waited on', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = simProvider(simModel('claude-opus-5-5'), 1).complete(REQ, signal, ctx(sample('a', 'billing')));
    expect(await settledAfterMicrotasks(p)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect((await p).latencyMs).toBeGreaterThan(0);
  });

  it('realtime true: waits on a timer until the simulated latency has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const p = simProvider(simModel('claude-opus-5-5', { realtime: true }), 1).complete(REQ, signal, ctx(sample('a', 'billing')));
    expect(await settledAfterMicrotasks(p)).toBe(false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect((await p).latencyMs).toBeGreaterThan(0);
  });

  it('realtime true with an aborted signal rejects as aborted', async () => {
    const ac = new AbortController();
    ac.abort();
    const err = await simProvider(simModel('claude-opus-5-5', { realtime: true }), 1).complete(REQ, ac.signal, ctx(sample('a', 'billing'))).catch((e: unknown) => e);
    expect((err as ProviderError).kind).toBe('aborted');
  });
});

describe('simSettings', () => {
  it.each([
    ['profile defaults, run seed', simModel('claude-haiku-5-5'), 7, { accuracy: 0.84, accuracyBy: {}, latencyMs: 650, realtime: false, seed: 7, formatNoise: 0.1 }],
    [
      'spec overrides',
      simModel('claude-haiku-5-5', { accuracy: 0.5, segment: 'lang', accuracy_by: { fr: 0.4 }, latency_ms: 10, realtime: true, seed: 3 }),
      7,
      { accuracy: 0.5, segment: 'lang', accuracyBy: { fr: 0.4 }, latencyMs: 10, realtime: true, seed: 3, formatNoise: 0.1 },
    ],
    ['stated confidence, default bias 1', simModel('perfect', { stated_confidence: { auroc: 0.7 } }), 2, { accuracy: 1, accuracyBy: {}, latencyMs: 0, realtime: false, seed: 2, formatNoise: 0, statedConfidence: { auroc: 0.7, bias: 1 } }],
    ['unknown profile → generic (0.8, 1000 ms)', simModel('gpt-x'), 1, { accuracy: 0.8, accuracyBy: {}, latencyMs: 1000, realtime: false, seed: 1, formatNoise: 0.1 }],
  ])('%s', (_name, model, seed, expected) => {
    expect(simSettings(model, seed)).toEqual(expected);
  });
});

describe('wrongAnswer: never the target, same shape', () => {
  const US = [0, 0.1, 0.25, 0.34, 0.49, 0.5, 0.75, 0.999];

  it.each([
    ['integer', 42],
    ['zero', 0],
    ['negative integer', -7],
    ['big integer', 1_000_000],
    ['decimal', 3.14],
    ['small decimal 0.01', 0.01],
    ['small decimal 0.05', 0.05],
    ['negative decimal', -0.01],
  ])('number (%s): a different number of the same kind', (_name, target) => {
    for (const u of US) {
      const w = wrongAnswer(target, [], u);
      expect(typeof w, `u=${u}`).toBe('number');
      expect(w, `u=${u}`).not.toBe(target);
      if (Number.isInteger(target)) expect(Number.isInteger(w), `u=${u}`).toBe(true);
    }
  });

  it.each([['42'], ['0'], ['-3'], ['3.5'], ['0.01'], ['1e3']])('numeric string %s: a numeric string of a different number', (target) => {
    for (const u of US) {
      const w = wrongAnswer(target, ['a', 'b'], u);
      expect(typeof w, `u=${u}`).toBe('string');
      expect(Number.isFinite(Number(w)), `u=${u}: ${String(w)}`).toBe(true);
      expect(Number(w), `u=${u}`).not.toBe(Number(target));
    }
  });

  it.each([
    ['pool of labels', 'billing', ['billing', 'shipping', 'refund', 'billing']],
    ['pool with the target only', 'billing', ['billing']],
    ['empty pool', 'billing', []],
  ])('label (%s): another string, from the pool when it has one', (_name, target, pool) => {
    const others = pool.filter((p) => p !== target);
    for (const u of US) {
      const w = wrongAnswer(target, pool, u);
      expect(typeof w).toBe('string');
      expect(w).not.toBe(target);
      if (others.length > 0) expect(others).toContain(w);
    }
  });

  it.each([
    ['flat object', { queue: 'billing', priority: 2 }, [{ queue: 'billing', priority: 2 }, { queue: 'shipping', priority: 1 }]],
    ['object with a numeric-string field', { id: '17', ok: 'yes' }, []],
    ['object with a boolean field', { urgent: true, queue: 'billing' }, [{ urgent: true, queue: 'billing' }]],
    ['object with a null field', { refund: null, queue: 'billing' }, [{ refund: null, queue: 'billing' }]],
    ['object with a nested object', { a: { b: 1 }, c: 'x' }, []],
  ])('%s: an object with exactly one field changed', (_name, target, pool) => {
    for (const u of US) {
      const w = wrongAnswer(target, pool, u);
      expect(w !== null && typeof w === 'object' && !Array.isArray(w), `u=${u}`).toBe(true);
      const obj = w as Record<string, Json>;
      expect(Object.keys(obj).sort(), `u=${u}`).toEqual(Object.keys(target).sort());
      const changed = Object.keys(target).filter((k) => JSON.stringify(obj[k]) !== JSON.stringify((target as Record<string, Json>)[k]));
      expect(changed, `u=${u}: ${JSON.stringify(w)}`).toHaveLength(1);
    }
  });

  it.each([
    ['boolean with a pool', true, [true, false], 'boolean'],
    ['boolean, pool holds only the target', true, [true], 'boolean'],
    ['null, pool holds only the target', null, [null], undefined],
  ])('%s: differs from the target', (_name, target, pool, type) => {
    for (const u of US) {
      const w = wrongAnswer(target, pool, u);
      expect(JSON.stringify(w), `u=${u}`).not.toBe(JSON.stringify(target));
      if (type !== undefined) expect(typeof w).toBe(type);
    }
  });
});
