import { describe, expect, it } from 'vitest';
import { pluginCompletion, pluginErrorKind, pluginProviderError } from '../../../src/providers/plugin-answer.js';
import { ProviderError } from '../../../src/errors.js';

describe('pluginErrorKind', () => {
  it.each([
    { details: {}, kind: 'unknown' },
    { details: { retryable: true }, kind: 'server' },
    { details: { retryable: false }, kind: 'unknown' },
    { details: { kind: 'rate_limit' }, kind: 'rate_limit' },
    { details: { kind: 'rate_limit', retryable: false }, kind: 'unknown' },
    { details: { kind: 'bad_request', retryable: true }, kind: 'server' },
    { details: { kind: 'not-a-kind' }, kind: 'unknown' },
    { details: { status: 429 }, kind: 'rate_limit' },
    { details: { status: 529 }, kind: 'overloaded' },
    { details: { status: 503 }, kind: 'server' },
    { details: { status: 400 }, kind: 'bad_request' },
    { details: { status: 401 }, kind: 'auth' },
    { details: { status: 400, retryable: true }, kind: 'server' },
    { details: { kind: 'timeout' }, kind: 'timeout' },
  ])('$details → $kind', ({ details, kind }) => {
    expect(pluginErrorKind(details)).toBe(kind);
  });
});

describe('pluginProviderError', () => {
  it.each([
    { failure: { kind: 'timeout' as const, message: 'm: timed out' }, kind: 'timeout' },
    { failure: { kind: 'aborted' as const, message: 'm: stopped' }, kind: 'aborted' },
    { failure: { kind: 'bad_output' as const, message: 'm: printed nothing', stderr: 'oops' }, kind: 'invalid_output' },
    { failure: { kind: 'exit' as const, message: 'm: exited with code 2', stderr: 'Traceback' }, kind: 'unknown' },
    { failure: { kind: 'load' as const, message: 'm: could not be loaded' }, kind: 'unknown' },
    { failure: { kind: 'threw' as const, message: 'm threw Error: busy', details: { retryable: true, retryAfterMs: 250 } }, kind: 'server' },
  ])('$failure.kind → $kind', ({ failure, kind }) => {
    const err = pluginProviderError(failure);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe(kind);
    if ('stderr' in failure) expect(err.message).toContain(`stderr: ${failure.stderr}`);
  });

  it('keeps the wait a retryable error asked for', () => {
    expect(pluginProviderError({ kind: 'threw', message: 'x', details: { retryable: true, retryAfterMs: 250 } }).retryAfterMs).toBe(250);
  });
});

describe('pluginCompletion', () => {
  it('reads an answer, filling what it leaves out', () => {
    expect(pluginCompletion({ text: 'billing' }, 12.34, 'p')).toEqual({ text: 'billing', usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.3 });
    expect(pluginCompletion({ text: '', usage: { inputTokens: 10.6, outputTokens: -3 }, stopReason: 'max_tokens' }, 1, 'p')).toEqual({ text: '', usage: { inputTokens: 11, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'max_tokens', latencyMs: 1 });
  });

  it.each([
    { value: { error: { message: 'slow down', status: 429, retryAfterMs: 100 } }, kind: 'rate_limit', message: /p answered an error: slow down/ },
    { value: { error: 'plain text error' }, kind: 'unknown', message: /p answered an error: plain text error/ },
    { value: { error: { message: 'flaky', retryable: true } }, kind: 'server', message: /flaky/ },
    { value: { answer: 'billing' }, kind: 'invalid_output', message: /without a "text" string \(keys: answer\)/ },
    { value: { text: 42 }, kind: 'invalid_output', message: /without a "text" string/ },
    { value: 'billing', kind: 'invalid_output', message: /answered "billing"; expected/ },
    { value: null, kind: 'invalid_output', message: /answered null/ },
  ])('$value → $kind', ({ value, kind, message }) => {
    let thrown: unknown;
    try {
      pluginCompletion(value, 1, 'p');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ProviderError);
    expect((thrown as ProviderError).kind).toBe(kind);
    expect((thrown as ProviderError).message).toMatch(message);
  });
});

describe('pluginCompletion: tool calls', () => {
  it('an answer that calls tools: the calls, their tool_use blocks after the text, stop reason tool_use', () => {
    expect(pluginCompletion({ text: 'Checking.', toolCalls: [{ id: 't1', name: 'get_weather', input: { city: 'Oslo' } }, { name: 'get_time' }] }, 1, 'p')).toEqual({
      text: 'Checking.', usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'tool_use', latencyMs: 1,
      content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Oslo' } }, { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} }],
      toolCalls: [{ id: 't1', name: 'get_weather', input: { city: 'Oslo' } }, { id: 'call_2', name: 'get_time', input: {} }],
    });
  });

  it('calls only, no text: the text is empty and no text block is sent back', () => {
    const c = pluginCompletion({ toolCalls: [{ name: 'f', input: { a: 1 } }], stopReason: 'stop' }, 1, 'p');
    expect([c.text, c.stopReason, c.content]).toEqual(['', 'stop', [{ type: 'tool_use', id: 'call_1', name: 'f', input: { a: 1 } }]]);
  });

  it('an empty list is an answer without calls', () => {
    expect(pluginCompletion({ text: 'done', toolCalls: [] }, 1, 'p')).toEqual({ text: 'done', usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 1 });
  });

  it.each([
    { value: { text: 'x', toolCalls: { name: 'f' } }, message: 'p answered "toolCalls" that is not a list' },
    { value: { toolCalls: [{ input: {} }] }, message: 'p answered tool call 1 without a "name"' },
    { value: { toolCalls: [{ name: '' }] }, message: 'p answered tool call 1 without a "name"' },
    { value: { toolCalls: [{ name: 'f', input: '{"a": 1}' }] }, message: 'p answered tool call 1 (f) with an "input" that is not an object' },
    { value: { toolCalls: [{ name: 'f', id: 7 }] }, message: 'p answered tool call 1 (f) with an "id" that is not a text' },
    { value: { toolCalls: [{ name: 'f', id: 'a' }, { name: 'g', id: 'a' }] }, message: 'p answered two tool calls with the id "a"' },
    { value: { toolCalls: [] }, message: 'p answered without a "text" string (keys: toolCalls)' },
  ])('$message', ({ value, message }) => {
    expect(() => pluginCompletion(value, 1, 'p')).toThrow(new ProviderError('invalid_output', message));
  });
});
