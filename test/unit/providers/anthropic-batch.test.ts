import { describe, expect, it } from 'vitest';
import type Anthropic from '@anthropic-ai/sdk';
import { toBatchResult } from '../../../src/providers/anthropic-batch.js';

// One results line of a Message Batch → BatchResult, including the ugly ones.

const message = { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-5-5', content: [{ type: 'text', text: 'billing' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 12, output_tokens: 3, service_tier: 'batch' } };
const line = (result: unknown) => ({ custom_id: 'i7', result }) as unknown as Anthropic.Messages.MessageBatchIndividualResponse;
const err = (type: string, msg = 'm') => ({ type: 'errored', error: { type: 'error', error: { type, message: msg } } });

describe('toBatchResult', () => {
  it('succeeded → the completion, with no latency of its own', () => {
    const r = toBatchResult(line({ type: 'succeeded', message }));
    expect(r).toMatchObject({ customId: 'i7', ok: true, completion: { text: 'billing', usage: { inputTokens: 12, outputTokens: 3, thinkingTokens: 0 }, stopReason: 'end_turn' } });
    expect(r.ok && Number.isNaN(r.completion.latencyMs)).toBe(true);
  });

  it.each([
    [err('invalid_request_error', 'temperature: not supported'), 'bad_request', 'invalid_request_error: temperature: not supported'],
    [err('api_error'), 'server', 'api_error'],
    [err('overloaded_error'), 'overloaded', 'overloaded_error'],
    [err('rate_limit_error'), 'rate_limit', 'rate_limit_error'],
    [err('authentication_error'), 'auth', 'authentication_error'],
    [err('not_found_error'), 'bad_request', 'not_found_error'],
    [{ type: 'errored', error: null }, 'unknown', 'error: no message'],
    [{ type: 'expired' }, 'expired', 'did not reach it within 24 hours'],
    [{ type: 'canceled' }, 'aborted', 'canceled'],
    [{ type: 'succeeded', message: { ...message, content: 'not blocks' } }, 'server', 'malformed response body'],
    [{ type: 'something_new' }, 'unknown', 'something_new'],
  ] as const)('%j → %s', (result, kind, text) => {
    const r = toBatchResult(line(result));
    expect(r).toMatchObject({ customId: 'i7', ok: false, kind });
    expect(r.ok ? '' : r.message).toContain(text);
  });
});
