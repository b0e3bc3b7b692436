import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.js';
import { replayedText, replayProvider } from '../../../src/providers/replay.js';
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

describe('replayedText: what a recorded field gives as the output', () => {
  it.each<readonly [string, Json, string]>([
    ['text as it is', 'The answer is B.', 'The answer is B.'],
    ['a number as text', 42, '42'],
    ['a recorded conversation: its last assistant turn', [{ role: 'user', content: 'Q?' }, { role: 'assistant', content: 'first' }, { role: 'user', content: 'again?' }, { role: 'assistant', content: 'second' }], 'second'],
    ['content blocks: the text blocks joined', [{ role: 'user', content: 'Q?' }, { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm' }, { type: 'text', text: 'The answer ' }, { type: 'text', text: 'is C.' }] }], 'The answer is C.'],
    ['a conversation ending on the user: its last assistant turn still', [{ role: 'assistant', content: 'hi' }, { role: 'user', content: 'bye' }], 'hi'],
    ['turns with no assistant: the list as JSON', [{ role: 'user', content: 'only' }], '[{"role":"user","content":"only"}]'],
    ['a list that is not turns: as JSON', ['a', 'b'], '["a","b"]'],
    ['an empty list: as JSON', [], '[]'],
  ])('%s', (_name, value, want) => {
    expect(replayedText(value)).toBe(want);
  });
});
