import { describe, expect, it } from 'vitest';
import { callCostUsd, estimateUsd, isPriced, modelPrice, modelPriceCost, priceProblems, type ModelPriceInput } from '../../../src/pricing/model-price.js';

// A spec's `price:` for a model. Every expected value is hand-computed:
// cost = (plain input · input + cache writes · cache_write + cache reads · cache_read + output · output) / 1e6 + per_call,
// with plain input = input tokens − cache writes − cache reads (inputTokens counts them all).

describe('modelPriceCost', () => {
  it.each<[string, ModelPriceInput, { inputTokens: number; outputTokens: number; cacheWriteTokens?: number; cacheReadTokens?: number }, number]>([
    // 1,000 · 0.5 + 2,000 · 1.5 = 500 + 3,000 µ$ → $0.0035
    ['tokens only', { input: 0.5, output: 1.5 }, { inputTokens: 1_000, outputTokens: 2_000 }, 0.0035],
    // $0.002 a call, no tokens (a replay: model)
    ['per call only', { per_call: 0.002 }, { inputTokens: 0, outputTokens: 0 }, 0.002],
    // per call ignores tokens when no token price is given
    ['per call, tokens reported but unpriced', { per_call: 0.002 }, { inputTokens: 5_000, outputTokens: 900 }, 0.002],
    // 1M · 3 + 1M · 15 = 18, plus 0.01
    ['tokens plus per call', { input: 3, output: 15, per_call: 0.01 }, { inputTokens: 1_000_000, outputTokens: 1_000_000 }, 18.01],
    // 10,000 in of which 4,000 written and 5,000 read: 1,000 · 1 + 4,000 · 1.25 + 5,000 · 0.1 + 100 · 5 = 1,000 + 5,000 + 500 + 500 µ$ → $0.007
    ['cache write and read prices', { input: 1, output: 5, cache_write: 1.25, cache_read: 0.1 }, { inputTokens: 10_000, outputTokens: 100, cacheWriteTokens: 4_000, cacheReadTokens: 5_000 }, 0.007],
    // no cache prices: cache tokens at the input price: 10,000 · 1 + 100 · 5 = 10,500 µ$
    ['cache tokens default to the input price', { input: 1, output: 5 }, { inputTokens: 10_000, outputTokens: 100, cacheWriteTokens: 4_000, cacheReadTokens: 5_000 }, 0.0105],
    ['a free model is a known $0', { input: 0, output: 0 }, { inputTokens: 10_000, outputTokens: 100 }, 0],
  ])('%s', (_name, input, usage, expected) => {
    expect(modelPriceCost(modelPrice(input), usage)).toBeCloseTo(expected, 12);
  });

  it('a Message Batch item costs half, per-call price included', () => {
    // (1,000 · 2 + 1,000 · 10) / 1e6 + 0.001 = 0.013 → half 0.0065
    expect(modelPriceCost(modelPrice({ input: 2, output: 10, per_call: 0.001 }), { inputTokens: 1_000, outputTokens: 1_000 }, { batch: true })).toBeCloseTo(0.0065, 12);
  });
});

describe('callCostUsd: the spec price wins over the price table; neither is unknown, never $0', () => {
  const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
  it.each<[string, string | undefined, ModelPriceInput | undefined, number | null]>([
    ['table price (Sonnet 5.5, $2/$10)', 'claude-sonnet-5-5', undefined, 12],
    ['spec price replaces the table', 'claude-sonnet-5-5', { input: 1, output: 1 }, 2],
    ['spec price for a model the table does not know', undefined, { input: 0.25, output: 0.75 }, 1],
    ['no price anywhere: unknown', undefined, undefined, null],
    ['an unknown table id without spec price: unknown', 'gpt-oss-120b', undefined, null],
  ])('%s', (_name, tableModel, price, expected) => {
    const pricing = { tableModel, price: price === undefined ? undefined : modelPrice(price) };
    const got = callCostUsd(pricing, usage);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
    expect(isPriced(pricing)).toBe(expected !== null);
  });
});

describe('estimateUsd (the dry-run forecast)', () => {
  it.each<[string, string | undefined, ModelPriceInput | undefined, { calls: number; input: number; output: number }, boolean, number | null]>([
    // 10 calls, 20,000 in, 5,000 out at $1/$2: 0.02 + 0.01 = 0.03, + 10 · 0.001
    ['spec tokens and per call', undefined, { input: 1, output: 2, per_call: 0.001 }, { calls: 10, input: 20_000, output: 5_000 }, false, 0.04],
    ['batch halves all of it', undefined, { input: 1, output: 2, per_call: 0.001 }, { calls: 10, input: 20_000, output: 5_000 }, true, 0.02],
    // Haiku 5.5 table $0.1/$0.5: 0.002 + 0.0025
    ['table price', 'claude-haiku-5-5', undefined, { calls: 10, input: 20_000, output: 5_000 }, false, 0.0045],
    ['replay: per call only', undefined, { per_call: 0.003 }, { calls: 7, input: 0, output: 0 }, false, 0.021],
    ['unpriced: unknown', undefined, undefined, { calls: 7, input: 10, output: 10 }, false, null],
  ])('%s', (_name, tableModel, price, load, batch, expected) => {
    const got = estimateUsd({ tableModel, price: price === undefined ? undefined : modelPrice(price) }, load, { batch });
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 12);
  });
});

describe('priceProblems', () => {
  const where = 'spec.yaml#/models/0';
  it.each<[string, ModelPriceInput, boolean, string[]]>([
    ['input and output', { input: 1, output: 2 }, true, []],
    ['per call alone', { per_call: 0.01 }, true, []],
    ['everything', { input: 1, output: 2, cache_write: 1.25, cache_read: 0.1, per_call: 0.01 }, true, []],
    ['replay: per call', { per_call: 0.01 }, false, []],
    ['empty', {}, true, [`${where}/price: give input and output (USD per million tokens), or per_call (USD per call)`]],
    ['input alone', { input: 1 }, true, [`${where}/price: give both input and output (USD per million tokens; 0 for a side that is free), not only input`]],
    ['output alone', { output: 1 }, true, [`${where}/price: give both input and output (USD per million tokens; 0 for a side that is free), not only output`]],
    ['cache price without token prices', { cache_read: 0.1, per_call: 0.01 }, true, [`${where}/price: cache_write and cache_read need input and output prices beside them`]],
    ['replay: token price', { input: 1, output: 2 }, false, [`${where}/price/input: this model calls nothing and reports no tokens, so a token price would make it cost $0; give price.per_call (USD per answer) instead`]],
  ])('%s', (_name, input, tokens, expected) => {
    expect(priceProblems(input, where, { tokens })).toEqual(expected);
  });
});
