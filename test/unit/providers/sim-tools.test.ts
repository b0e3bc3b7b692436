import { describe, expect, it } from 'vitest';
import { simToolAnswer } from '../../../src/providers/sim-tools.js';
import type { CompletionRequest, Json, RequestMessage } from '../../../src/types.js';

// The simulator with tools: the expected calls of the step it is at, right or with one argument spoiled.

const req = (messages: RequestMessage[], choice?: CompletionRequest['toolChoice']): CompletionRequest => ({
  model: 'm', messages, maxTokens: 100, timeoutMs: 1000, tools: [{ name: 'w', inputSchema: {} }], ...(choice !== undefined && { toolChoice: choice }),
});
const ask: RequestMessage = { role: 'user', content: 'q' };
const right = { correct: true, wrong: (v: Json) => `not ${String(v)}`, key: 'k' };

describe('simToolAnswer', () => {
  it('the first allowed value of each argument; an optional-first argument left out', () => {
    const a = simToolAnswer(req([ask]), [{ w: { city: ['Oslo', 'oslo'], unit: ['', 'celsius'] } }], right);
    expect(a.toolCalls).toEqual([{ id: 'toolu_sim_k_0_0', name: 'w', input: { city: 'Oslo' } }]);
    expect(a.stopReason).toBe('tool_use');
  });
  it('a wrong draw spoils one argument of the first call', () => {
    const a = simToolAnswer(req([ask]), [{ w: { city: ['Oslo'] } }, { w: { city: ['Lima'] } }], { ...right, correct: false });
    expect(a.toolCalls?.map((c) => c.input)).toEqual([{ city: 'not Oslo' }, { city: 'Lima' }]);
  });
  it('no call expected: a text answer', () => {
    expect(simToolAnswer(req([ask]), [], right)).toEqual({ text: 'No tool applies here.', stopReason: 'end_turn' });
  });
  it('tool_choice none: never a call', () => {
    expect(simToolAnswer(req([ask], { type: 'none' }), [{ w: { city: ['Oslo'] } }], right).toolCalls).toBeUndefined();
  });
  it('a trajectory: the step after the calls already made, then text', () => {
    const steps: Json = [[{ w: { city: ['Oslo'] } }], [{ w: { city: ['Lima'] } }]];
    const after = (n: number): RequestMessage[] => [ask, ...Array.from({ length: n }, (): RequestMessage[] => [
      { role: 'assistant', content: [{ type: 'tool_use', id: 'x', name: 'w', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', toolUseId: 'x', content: '{}' }] },
    ]).flat()];
    expect(simToolAnswer(req(after(1)), steps, right).toolCalls?.[0]?.input).toEqual({ city: 'Lima' });
    expect(simToolAnswer(req(after(2)), steps, right)).toEqual({ text: 'Done.', stopReason: 'end_turn' });
  });
});
