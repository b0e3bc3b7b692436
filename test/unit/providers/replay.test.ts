import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.js';
import { replayProvider } from '../../../src/providers/replay.js';
import type { ModelSpec } from '../../../src/spec/types.js';
import type { Json } from '../../../src/types.js';

// replay:<field>: the output is the sample's own field; nothing is called, nothing is priced.

const model = (field: string): ModelSpec => ({ id: `replay:${field}`, provider: 'replay', model: field, label: `replay:${field}`, maxTokens: 16, stream: false, apiKeyEnv: 'K', concurrency: 1 });
const item = (vars: Record<string, Json>) => ({ sample: { id: 'a', vars, metadata: {}, source: 'd.jsonl:3' }, epoch: 1, targetPool: [] });
const req = { model: 'x', messages: [{ role: 'user' as const, content: 'q' }], maxTokens: 16, timeoutMs: 1000 };
const signal = new AbortController().signal;

describe('replayProvider', () => {
  it.each<readonly [string, string, Record<string, Json>, string]>([
    ['a text field', 'answer', { answer: 'Refunds take 5 days.' }, 'Refunds take 5 days.'],
    ['a nested path', 'reply.text', { reply: { text: 'billing' } }, 'billing'],
    ['a number, as text', 'total', { total: 42 }, '42'],
    ['an empty string is an (empty) output', 'answer', { answer: '' }, ''],
  ])('%s', async (_name, field, vars, text) => {
    const c = await replayProvider(model(field)).complete(req, signal, item(vars));
    expect(c).toEqual({ text, usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 0 });
  });

  it.each<readonly [string, Record<string, Json>]>([['missing', { other: 'x' }], ['null', { answer: null }]])('a %s field is a bad_request naming the sample and where it is', async (_name, vars) => {
    const err = await replayProvider(model('answer')).complete(req, signal, item(vars)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('bad_request');
    expect((err as ProviderError).message).toContain('sample a has no field "answer" (d.jsonl:3)');
  });

  it('is not simulated, has no pricing model (the runner charges it $0), and is marked replay (never cached)', () => {
    const p = replayProvider(model('answer'));
    expect([p.simulated, p.pricingModel, p.replay, p.id]).toEqual([false, undefined, true, 'replay:answer']);
  });
});
