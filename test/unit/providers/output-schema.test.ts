import { describe, expect, it } from 'vitest';
import { buildParams, toCompletion, VERDICT_TOOL } from '../../../src/providers/anthropic.js';
import { buildChatParams, chatToCompletion, VERDICT_FUNCTION } from '../../../src/providers/openai.js';
import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { simProvider } from '../../../src/providers/sim.js';
import { parseVerdict } from '../../../src/judge/parse.js';
import type { CompletionRequest, ItemContext } from '../../../src/types.js';
import type { VerdictShape } from '../../../src/types/judge-task.js';
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

describe('outputMode tool: a forced call of one verdict tool, its input as the text', () => {
  it('anthropic sends tools + tool_choice and no output_config.format; effort stays; thinking is turned off', () => {
    const p = buildParams(modelSpec('anthropic:claude-haiku-5-5', { effort: 'low', thinking: 'adaptive' }), req({ outputSchema: schema, outputMode: 'tool' })) as { output_config?: unknown; tools?: unknown; tool_choice?: unknown; thinking?: unknown };
    expect(p.output_config).toEqual({ effort: 'low' });
    expect(p.thinking).toEqual({ type: 'disabled' });
    expect(p.tools).toEqual([{ name: VERDICT_TOOL, description: 'Record your verdict.', input_schema: schema }]);
    expect(p.tool_choice).toEqual({ type: 'tool', name: VERDICT_TOOL });
  });

  it('openai sends a forced function call and no response_format', () => {
    const p = buildChatParams(modelSpec('openai:local'), req({ outputSchema: schema, outputMode: 'tool' }));
    expect(p.response_format).toBeUndefined();
    expect(p.tools).toEqual([{ type: 'function', function: { name: VERDICT_FUNCTION, description: 'Record your verdict.', parameters: schema } }]);
    expect(p.tool_choice).toEqual({ type: 'function', function: { name: VERDICT_FUNCTION } });
  });

  it.each([
    // content blocks → text
    ['the verdict tool\'s input, as JSON', [{ type: 'tool_use', id: 't1', name: VERDICT_TOOL, input: { reasoning: 'ok', score: 4 } }], '{"reasoning":"ok","score":4}'],
    ['the tool input even after a text block', [{ type: 'text', text: 'Let me grade.', citations: null }, { type: 'tool_use', id: 't1', name: VERDICT_TOOL, input: { score: 2 } }], '{"score":2}'],
    ['text only when no verdict tool was called', [{ type: 'tool_use', id: 't1', name: 'other_tool', input: { x: 1 } }, { type: 'text', text: '{"score": 3}', citations: null }], '{"score": 3}'],
  ])('anthropic: %s', (_what, content, text) => {
    const msg = { id: 'm', type: 'message', role: 'assistant', model: 'claude-haiku-5-5', content, stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 7 } } as unknown as Anthropic.Message;
    expect(toCompletion(msg, 1).text).toBe(text);
  });

  it.each([
    ['the forced function\'s arguments', { content: null, refusal: null, role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: VERDICT_FUNCTION, arguments: '{"score":5}' } }] }, '{"score":5}'],
    ['the content when another function was called', { content: 'no', refusal: null, role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'other', arguments: '{}' } }] }, 'no'],
  ])('openai: %s', (_what, message, text) => {
    const res = { id: 'x', object: 'chat.completion', created: 0, model: 'local', choices: [{ index: 0, message, logprobs: null, finish_reason: 'tool_calls' }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } } as unknown as OpenAI.Chat.ChatCompletion;
    expect(chatToCompletion(res, 1).text).toBe(text);
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
