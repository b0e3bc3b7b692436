import { describe, expect, it } from 'vitest';
import { buildParams } from '../../../src/providers/anthropic.js';
import { buildChatParams } from '../../../src/providers/openai.js';
import { simProvider } from '../../../src/providers/sim.js';
import { parseVerdict } from '../../../src/judge/parse.js';
import type { CompletionRequest, ItemContext } from '../../../src/types.js';
import type { VerdictShape } from '../../../src/judge/types.js';
import { modelSpec } from '../runner/fakes.js';

// Structured output for judges: CompletionRequest.outputSchema becomes each API's own field, and the
// simulator answers a judge call with a verdict the real parser reads.

const schema = { type: 'object', properties: { score: { type: 'integer' } }, required: ['score'], additionalProperties: false };
const req = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({ model: 'm', messages: [{ role: 'user', content: 'hi' }], maxTokens: 64, timeoutMs: 1000, ...extra });

describe('outputSchema on the wire', () => {
  it.each([
    { what: 'anthropic without it sends no output_config', model: modelSpec('anthropic:claude-sonnet-5-5'), extra: {}, want: undefined },
    { what: 'anthropic sends output_config.format json_schema', model: modelSpec('anthropic:claude-sonnet-5-5'), extra: { outputSchema: schema }, want: { format: { type: 'json_schema', schema } } },
    { what: 'anthropic keeps effort beside the format', model: modelSpec('anthropic:claude-sonnet-5-5', { effort: 'low' }), extra: { outputSchema: schema }, want: { effort: 'low', format: { type: 'json_schema', schema } } },
  ])('$what', ({ model, extra, want }) => {
    expect((buildParams(model, req(extra)) as { output_config?: unknown }).output_config).toEqual(want);
  });

  it('openai sends response_format json_schema (strict); nothing without it', () => {
    const model = modelSpec('openai:local');
    expect(buildChatParams(model, req({ outputSchema: schema })).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'verdict', schema, strict: true } });
    expect(buildChatParams(model, req()).response_format).toBeUndefined();
  });
});

describe('the simulator as a judge', () => {
  const expect5: VerdictShape = { kind: 'rubric', scale: { type: 'integer', min: 1, max: 5 }, nonce: 'abcdef123456' };
  const item = (truth: boolean, draw: string): ItemContext => ({
    sample: { id: 's1', vars: {}, target: 'x', metadata: {}, source: 'd:1' }, epoch: 1, targetPool: [], judge: { truth, expect: expect5, draw },
  });
  it.each([
    { agreement: 1, truth: true, score: 5 },
    { agreement: 1, truth: false, score: 1 },
    { agreement: 0, truth: true, score: 1 },
    { agreement: 0, truth: false, score: 5 },
  ])('agreement $agreement, truth $truth → score $score (a well-formed verdict, schema ignored)', async ({ agreement, truth, score }) => {
    const sim = simProvider(modelSpec('sim:judge', { sim: { accuracy: agreement } }), 7);
    const c = await sim.complete(req({ outputSchema: schema }), new AbortController().signal, item(truth, 'rubric/0/0'));
    const parsed = parseVerdict(c.text, expect5, c.stopReason);
    expect(parsed.ok && parsed.verdict.kind === 'rubric' ? parsed.verdict.score : undefined).toBe(score);
  });
});
