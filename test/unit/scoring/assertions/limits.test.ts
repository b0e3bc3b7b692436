import { describe, expect, it } from 'vitest';
import type { Json, Usage } from '../../../../src/types.js';
import { expectVerdict, run } from './harness.js';

describe('max-latency', () => {
  it.each<readonly [label: string, latencyMs: number, ms: number, pass: boolean]>([
    ['well under', 250, 1000, true],
    ['exactly at the limit', 1000, 1000, true],
    ['just over', 1000.4, 1000, false],
    ['far over', 30_000, 1000, false],
    ['zero latency (cache hit)', 0, 1000, true],
  ])('%s', async (_label, latencyMs, ms, pass) => {
    expectVerdict(await run({ type: 'max-latency', options: { ms } }, { text: 'ok', latencyMs }), pass);
  });

  it('the reason shows both numbers', async () => {
    const s = await run({ type: 'max-latency', options: { ms: 500 } }, { text: 'ok', latencyMs: 1234 });
    expect(s.reason).toContain('1234');
    expect(s.reason).toContain('500');
  });
});

describe('max-cost', () => {
  it.each<readonly [label: string, costUsd: number | null, usd: number, pass: boolean]>([
    ['under', 0.0004, 0.001, true],
    ['exactly at the limit', 0.001, 0.001, true],
    ['over', 0.0021, 0.001, false],
    ['free (zero cost)', 0, 0.001, true],
    ['zero budget, zero cost', 0, 0, true],
    ['zero budget, any cost', 0.000001, 0, false],
    ['unknown cost never passes', null, 0.001, false],
    ['unknown cost never passes, even a generous budget', null, 1_000_000, false],
  ])('%s', async (_label, costUsd, usd, pass) => {
    expectVerdict(await run({ type: 'max-cost', options: { usd } }, { text: 'ok', costUsd }), pass);
  });

  it('an unknown cost fails a negated max-cost too: negation never turns "cannot judge" into a pass', async () => {
    const s = await run({ type: 'max-cost', negate: true, options: { usd: 0.001 } }, { text: 'ok', costUsd: null });
    expect(s.pass).toBe(false);
    expect(s.reason).toContain('cost unknown');
  });

  it('says the cost is unknown', async () => {
    const s = await run({ type: 'max-cost', options: { usd: 1 } }, { text: 'ok', costUsd: null });
    expect(s.reason).toContain('cost unknown');
    expect(s.value).toBe(0);
  });

  it('the reason for an overrun shows the limit', async () => {
    const s = await run({ type: 'max-cost', options: { usd: 0.001 } }, { text: 'ok', costUsd: 0.0021 });
    expect(s.reason).toContain('0.001');
  });
});

describe('max-output-tokens', () => {
  it.each<readonly [label: string, usage: Partial<Usage>, tokens: number, includeThinking: boolean | undefined, pass: boolean]>([
    ['under, no thinking', { outputTokens: 40, thinkingTokens: 0 }, 50, undefined, true],
    ['exactly at the limit', { outputTokens: 50, thinkingTokens: 0 }, 50, undefined, true],
    ['over by one', { outputTokens: 51, thinkingTokens: 0 }, 50, undefined, false],
    // 400 output tokens of which 380 were thinking: the visible answer used 20.
    ['thinking excluded by default', { outputTokens: 400, thinkingTokens: 380 }, 50, undefined, true],
    ['thinking excluded explicitly', { outputTokens: 400, thinkingTokens: 380 }, 50, false, true],
    ['thinking included', { outputTokens: 400, thinkingTokens: 380 }, 50, true, false],
    ['thinking included, within the limit', { outputTokens: 400, thinkingTokens: 380 }, 400, true, true],
    ['visible part over even without thinking', { outputTokens: 400, thinkingTokens: 300 }, 50, undefined, false],
    ['zero limit, empty answer after thinking', { outputTokens: 120, thinkingTokens: 120 }, 0, undefined, true],
  ])('%s', async (_label, usage, tokens, includeThinking, pass) => {
    const options: Record<string, Json> = includeThinking === undefined ? { tokens } : { tokens, include_thinking: includeThinking };
    expectVerdict(await run({ type: 'max-output-tokens', options }, { text: 'ok', usage }), pass);
  });

  it('the reason counts the tokens it judged', async () => {
    const s = await run({ type: 'max-output-tokens', options: { tokens: 50, include_thinking: true } }, { text: 'ok', usage: { outputTokens: 400, thinkingTokens: 380 } });
    expect(s.reason).toContain('400');
    expect(s.reason).toContain('50');
  });
});
