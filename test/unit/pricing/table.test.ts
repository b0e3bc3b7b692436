import { describe, expect, it } from 'vitest';
import { costUsd, priceOf, PRICES, RETIRED_MODELS } from '../../../src/pricing/table.js';

// Every expected value is hand-computed (USD per million tokens):
// cost = (input · inPrice + output · outPrice) / 1e6.

describe('costUsd: Claude Haiku 5.5, $0.10/$0.50 up to 100K prompt tokens, $0.50/$2.50 for every token above', () => {
  const H = 'claude-haiku-5-5';
  it.each([
    // 50,000 · 0.10 + 2,000 · 0.50 = 5,000 + 1,000 = 6,000 µ$ → $0.006
    ['short prompt', 50_000, 2_000, 0.006],
    // 100,000 is "≤100K": 100,000 · 0.10 + 1,000 · 0.50 = 10,000 + 500 → $0.0105
    ['exactly 100,000 input tokens stays in the low band', 100_000, 1_000, 0.0105],
    // 100,001 is ">100K": the high rate applies to EVERY token, input and output:
    // 100,001 · 0.50 + 1,000 · 2.50 = 50,000.5 + 2,500 → $0.0525005
    ['100,001 input tokens: every token at the high band', 100_001, 1_000, 0.0525005],
    // 1,000,000 · 0.50 + 1,000,000 · 2.50 = $3
    ['1M in / 1M out, high band', 1_000_000, 1_000_000, 3],
    // output alone never moves the band: 10 · 0.10 + 200,000 · 0.50 = 1 + 100,000 µ$ → $0.100001
    ['huge output with a short prompt stays low', 10, 200_000, 0.100001],
    ['zero tokens cost $0 (a known zero, not unknown)', 0, 0, 0],
  ])('%s: %i in / %i out → $%f', (_name, inputTokens, outputTokens, expected) => {
    expect(costUsd(H, { inputTokens, outputTokens })).toBeCloseTo(expected, 12);
  });
});

describe('costUsd: flat-priced models', () => {
  it.each([
    // Sonnet 5.5 $2/$10: 1M + 1M → 2 + 10
    ['claude-sonnet-5-5', 1_000_000, 1_000_000, 12],
    // no long-context band on Sonnet 5.5: 200,000 · 2 / 1e6 = 0.4
    ['claude-sonnet-5-5', 200_000, 0, 0.4],
    // Opus 5.5 $4/$20: 1,000 · 4 + 500 · 20 = 4,000 + 10,000 µ$ → $0.014
    ['claude-opus-5-5', 1_000, 500, 0.014],
    ['claude-opus-5-5', 1_000_000, 1_000_000, 24],
    // Haiku 4.5 $1/$5, dated id and alias
    ['claude-haiku-4-5-20251001', 1_000_000, 0, 1],
    ['claude-haiku-4-5-20251001', 0, 1_000_000, 5],
    ['claude-haiku-4-5', 200_000, 10_000, 0.25], // 0.2 + 0.05
    ['claude-sonnet-5', 1_000_000, 1_000_000, 12], // $2/$10
    ['claude-sonnet-4-6', 1_000_000, 1_000_000, 18], // $3/$15
    ['claude-sonnet-4-5-20250929', 1_000_000, 1_000_000, 18], // $3/$15
    ['claude-opus-5', 1_000_000, 1_000_000, 30], // $5/$25
    ['claude-opus-4-8', 1_000_000, 1_000_000, 30], // $5/$25
    ['claude-opus-4-5-20251101', 1_000_000, 1_000_000, 30], // $5/$25
    ['claude-fable-5-1', 1_000_000, 1_000_000, 60], // $10/$50
  ])('%s: %i in / %i out → $%f', (model, inputTokens, outputTokens, expected) => {
    expect(costUsd(model, { inputTokens, outputTokens })).toBeCloseTo(expected, 12);
  });
});

describe('costUsd: unknown price is null, never 0', () => {
  it.each([
    ['an openai model', 'gpt-4o'],
    ['a provider-prefixed id is not a model id', 'anthropic:claude-haiku-5-5'],
    ['a sim profile name', 'perfect'],
    ['a retired model (its old price is not billable any more)', 'claude-3-haiku-20240307'],
    ['the empty string', ''],
    ['an Object.prototype key', 'toString'],
    ['__proto__', '__proto__'],
    ['undefined (no pricing model)', undefined],
  ])('%s', (_name, model) => {
    expect(costUsd(model, { inputTokens: 1_000, outputTokens: 1_000 })).toBeNull();
    expect(costUsd(model, { inputTokens: 0, outputTokens: 0 })).toBeNull();
    expect(priceOf(model)).toBeUndefined();
  });
});

describe('RETIRED_MODELS', () => {
  it.each([
    ['claude-3-5-haiku-20241022', '2026-02-19'],
    ['claude-3-haiku-20240307', '2026-04-20'],
  ])('%s is retired (on %s) and has no price', (id, date) => {
    expect(Object.hasOwn(RETIRED_MODELS, id)).toBe(true);
    expect(RETIRED_MODELS[id]).toContain(date);
    expect(Object.hasOwn(PRICES, id)).toBe(false);
  });

  it('no retired model is also priced', () => {
    expect(Object.keys(RETIRED_MODELS).filter((id) => Object.hasOwn(PRICES, id))).toEqual([]);
  });
});
