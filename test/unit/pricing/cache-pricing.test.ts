import { describe, expect, it } from 'vitest';
import { costUsd } from '../../../src/pricing/table.js';
import { cacheSavingsUsd } from '../../../src/pricing/model-price.js';

// Prompt caching prices: writes at 1.25x the input price, reads at the model's read factor (0.1x by
// default; 0.05x on Sonnet and Opus 5.5; 0.025x on Fable 5.1). inputTokens counts all input tokens.

describe('costUsd with cache tokens', () => {
  it.each<readonly [string, { inputTokens: number; outputTokens: number; cacheWriteTokens?: number; cacheReadTokens?: number }, number]>([
    // Haiku 5.5 at up to 100K prompt tokens: $0.10 input, so a write is $0.125 and a read $0.01 per MTok.
    ['claude-haiku-5-5', { inputTokens: 100_000, outputTokens: 0 }, 0.01],
    ['claude-haiku-5-5', { inputTokens: 100_000, outputTokens: 0, cacheWriteTokens: 100_000 }, 0.0125],
    ['claude-haiku-5-5', { inputTokens: 100_000, outputTokens: 0, cacheReadTokens: 100_000 }, 0.001],
    // Above 100K every token is at the long-context band ($0.50 input): a read is then $0.05 per MTok.
    ['claude-haiku-5-5', { inputTokens: 200_000, outputTokens: 0, cacheReadTokens: 200_000 }, 0.01],
    ['claude-haiku-5-5', { inputTokens: 3_000, outputTokens: 100, cacheWriteTokens: 1_000, cacheReadTokens: 1_000 }, (1_000 * 0.1 + 1_000 * 0.125 + 1_000 * 0.01 + 100 * 0.5) / 1e6],
    ['claude-sonnet-5-5', { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 1_000_000 }, 0.1],
    ['claude-opus-5-5', { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 1_000_000 }, 0.2],
    ['claude-fable-5-1', { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 1_000_000 }, 0.25],
    ['claude-haiku-4-5', { inputTokens: 1_000_000, outputTokens: 0, cacheWriteTokens: 1_000_000 }, 1.25],
  ])('%s %j', (model, usage, want) => expect(costUsd(model, usage)).toBeCloseTo(want, 12));

  it('savings: reads save, a write alone costs extra; unknown price is null', () => {
    expect(cacheSavingsUsd({ tableModel: 'claude-haiku-5-5' }, { inputTokens: 100_000, outputTokens: 0, cacheReadTokens: 100_000 })).toBeCloseTo(0.009, 12);
    expect(cacheSavingsUsd({ tableModel: 'claude-haiku-5-5' }, { inputTokens: 100_000, outputTokens: 0, cacheWriteTokens: 100_000 })).toBeCloseTo(-0.0025, 12);
    expect(cacheSavingsUsd({ tableModel: 'some-local-model' }, { inputTokens: 10, outputTokens: 0, cacheReadTokens: 10 })).toBeNull();
  });
});
