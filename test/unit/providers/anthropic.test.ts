import { afterEach, describe, expect, it } from 'vitest';
import { anthropicProvider, buildParams, toCompletion } from '../../../src/providers/anthropic.js';
import { ProviderError } from '../../../src/errors.js';
import type { CompletionRequest, FailureKind, ItemContext } from '../../../src/types.js';
import type { ModelSpec } from '../../../src/spec/types.js';
import { faultSequence, startFakeAnthropic, type FakeAnthropic, type Fault, type FakeAnthropicOptions } from '../../support/fake-anthropic.js';
import { modelSpec, sample } from '../runner/fakes.js';
import { providerFailure } from '../../support/rejection.js';

const HAIKU = 'anthropic:claude-haiku-5-5';
const item: ItemContext = { sample: sample('s1', {}), epoch: 1, targetPool: [] };

const request = (extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'claude-haiku-5-5',
  system: 'Be brief.',
  messages: [{ role: 'user', content: 'What is the capital of France?' }],
  maxTokens: 256,
  timeoutMs: 10_000,
  ...extra,
});

let server: FakeAnthropic | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  server = await startFakeAnthropic(options);
  return server;
}

const live = () => new AbortController().signal;

const failure = providerFailure;

describe('buildParams', () => {
  it('maps the request; system and stop sequences included', () => {
    const params = buildParams(modelSpec(HAIKU), request({ stop: ['\n\n', 'END'] }));
    expect(params).toEqual({
      model: 'claude-haiku-5-5',
      max_tokens: 256,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      stop_sequences: ['\n\n', 'END'],
    });
  });

  it('leaves out system and empty stop lists', () => {
    const params = buildParams(modelSpec(HAIKU), { model: 'm', messages: [{ role: 'user', content: 'x' }], maxTokens: 1, stop: [], timeoutMs: 1 });
    expect(params).toEqual({ model: 'claude-haiku-5-5', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] });
  });

  it('never sends temperature, top_p or top_k, even when the model spec carries a temperature', () => {
    const params = buildParams(modelSpec(HAIKU, { temperature: 0.7 }), request()) as unknown as Record<string, unknown>;
    for (const key of ['temperature', 'top_p', 'top_k']) expect(params).not.toHaveProperty(key);
  });

  it.each<[string, ModelSpec['thinking'], unknown]>([
    ['disabled', 'disabled', { type: 'disabled' }],
    ['adaptive', 'adaptive', { type: 'adaptive' }],
    ['a manual budget', { budgetTokens: 2048 }, { type: 'enabled', budget_tokens: 2048 }],
  ])('thinking: %s', (_name, thinking, want) => {
    expect(buildParams(modelSpec(HAIKU, { thinking }), request()).thinking).toEqual(want);
  });

  it('no thinking field when the spec sets none', () => {
    expect(buildParams(modelSpec(HAIKU), request())).not.toHaveProperty('thinking');
  });

  it.each(['low', 'medium', 'high', 'xhigh', 'max'] as const)('effort %s → output_config.effort', (effort) => {
    const params = buildParams(modelSpec(HAIKU, { effort }), request()) as unknown as Record<string, unknown>;
    expect(params['output_config']).toEqual({ effort });
  });

  it('no output_config without effort', () => {
    expect(buildParams(modelSpec(HAIKU), request())).not.toHaveProperty('output_config');
  });
});

describe('anthropicProvider.complete against the fake API', () => {
  it('returns the text, usage and stop reason; one HTTP call with the expected body', async () => {
    const fake = await start({ respond: () => ({ text: 'Paris', inputTokens: 42, outputTokens: 3 }) });
    const p = anthropicProvider(modelSpec(HAIKU, { thinking: 'adaptive', effort: 'low' }), { apiKey: 'test-key', baseURL: fake.url });
    expect(p.id).toBe(HAIKU);
    expect(p.pricingModel).toBe('claude-haiku-5-5');
    expect(p.simulated).toBe(false);
    const c = await p.complete(request({ stop: ['###'] }), live(), item);
    expect(c.text).toBe('Paris');
    expect(c.usage).toEqual({ inputTokens: 42, outputTokens: 3, thinkingTokens: 0 });
    expect(c.stopReason).toBe('end_turn');
    expect(c.latencyMs).toBeGreaterThanOrEqual(0);
    expect(fake.calls).toHaveLength(1);
    const body = fake.calls[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'claude-haiku-5-5',
      max_tokens: 256,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      stop_sequences: ['###'],
      thinking: { type: 'adaptive' },
      output_config: { effort: 'low' },
    });
    for (const key of ['temperature', 'top_p', 'top_k', 'stream']) expect(body).not.toHaveProperty(key);
  });

  it.each([false, true])('with a thinking block first, text comes from text blocks only and thinking tokens are counted (stream %s)', async (stream) => {
    const fake = await start({ respond: () => ({ text: 'Paris', thinking: 'The user asks about France. Capital is Paris.', thinkingTokens: 12, outputTokens: 2, inputTokens: 20 }) });
    const p = anthropicProvider(modelSpec(HAIKU, { thinking: { budgetTokens: 1024 }, stream }), { apiKey: 'k', baseURL: fake.url });
    const c = await p.complete(request(), live(), item);
    expect(c.text).toBe('Paris');
    expect(c.usage).toEqual({ inputTokens: 20, outputTokens: 14, thinkingTokens: 12 });
    expect(c.stopReason).toBe('end_turn');
    expect(fake.calls).toHaveLength(1);
    expect((fake.calls[0]?.body as Record<string, unknown>)['stream']).toBe(stream ? true : undefined);
  });

  it.each([false, true])('carries the anthropic-ratelimit-* headers as limits, for the pacer (stream %s)', async (stream) => {
    // The fake sends on every response: requests 4,000 − 1 left, input tokens 2,000,000 − 1, output
    // tokens 400,000 − 1, all resetting 60 s after the response (RFC 3339, whole seconds).
    const fake = await start();
    const p = anthropicProvider(modelSpec(HAIKU, { stream }), { apiKey: 'k', baseURL: fake.url });
    const before = Date.now();
    const c = await p.complete(request(), live(), item);
    expect((fake.calls[0]?.body as Record<string, unknown>)['stream']).toBe(stream ? true : undefined);
    expect(c.limits).toEqual({
      requests: { remaining: 3_999, resetAt: expect.any(Number) },
      inputTokens: { remaining: 1_999_999, resetAt: expect.any(Number) },
      outputTokens: { remaining: 399_999, resetAt: expect.any(Number) },
    });
    const resetAt = c.limits?.requests?.resetAt ?? 0;
    expect(resetAt).toBeGreaterThan(before + 58_000);
    expect(resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it.each(['max_tokens', 'stop_sequence', 'refusal'] as const)('keeps the stop reason %s', async (stopReason) => {
    const fake = await start({ respond: () => ({ text: 'cut', stopReason }) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    expect((await p.complete(request(), live(), item)).stopReason).toBe(stopReason);
  });

  it('a stop sequence hit reports stop_sequence with the text before it', async () => {
    const fake = await start({ respond: () => ({ text: 'Paris.\n\nMore text' }) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    const c = await p.complete(request({ stop: ['\n\n'] }), live(), item);
    expect(c.text).toBe('Paris.');
    expect(c.stopReason).toBe('stop_sequence');
  });

  it('the queue key separates base URLs and models', async () => {
    const a = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: 'http://127.0.0.1:1' });
    const b = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: 'http://127.0.0.1:2' });
    const c = anthropicProvider(modelSpec('anthropic:claude-sonnet-5-5'), { apiKey: 'k', baseURL: 'http://127.0.0.1:1' });
    expect(new Set([a.queueKey, b.queueKey, c.queueKey]).size).toBe(3);
  });
});

describe('anthropicProvider.complete: faults → ProviderError kinds, one HTTP call each', () => {
  it.each<[string, Fault, boolean, FailureKind, number | undefined]>([
    ['429 with retry-after', { kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 7 }, false, 'rate_limit', 7_000],
    ['429 without retry-after', { kind: 'http', status: 429, errorType: 'rate_limit_error' }, false, 'rate_limit', undefined],
    ['529', { kind: 'http', status: 529, errorType: 'overloaded_error' }, false, 'overloaded', undefined],
    ['529 while streaming', { kind: 'http', status: 529, errorType: 'overloaded_error' }, true, 'overloaded', undefined],
    ['a mid-stream overloaded_error', { kind: 'stream-error', errorType: 'overloaded_error' }, true, 'overloaded', undefined],
    ['500', { kind: 'http', status: 500, errorType: 'api_error' }, false, 'server', undefined],
    ['503 with retry-after', { kind: 'http', status: 503, errorType: 'api_error', retryAfterSec: 2 }, false, 'server', 2_000],
    ['a connection reset', { kind: 'reset' }, false, 'connection', undefined],
    ['a connection reset while streaming', { kind: 'reset' }, true, 'connection', undefined],
    ['a connection cut mid-body, after the 200', { kind: 'cut' }, false, 'connection', undefined],
    ['a connection cut mid-stream, after the first events', { kind: 'cut' }, true, 'connection', undefined],
    ['a malformed body', { kind: 'malformed' }, false, 'server', undefined],
    ['a malformed stream', { kind: 'malformed' }, true, 'server', undefined],
    ['401', { kind: 'http', status: 401, errorType: 'authentication_error' }, false, 'auth', undefined],
    ['403', { kind: 'http', status: 403, errorType: 'permission_error' }, false, 'auth', undefined],
    ['400', { kind: 'http', status: 400, errorType: 'invalid_request_error' }, false, 'bad_request', undefined],
    ['404', { kind: 'http', status: 404, errorType: 'not_found_error' }, false, 'bad_request', undefined],
  ])('%s (stream %s) → %s', async (_name, fault, stream, kind, retryAfter) => {
    const fake = await start({ fault: faultSequence([fault]) });
    const p = anthropicProvider(modelSpec(HAIKU, { stream }), { apiKey: 'k', baseURL: fake.url });
    const err = await failure(p.complete(request(), live(), item));
    expect(err.kind).toBe(kind);
    expect(err.retryAfterMs).toBe(retryAfter);
    expect(fake.calls).toHaveLength(1);
  });

  it('a 429 carries its anthropic-ratelimit-* headers, so the pacer can tell a spent budget from a random 429', async () => {
    const fake = await start({ requestLimit: { perWindow: 1, windowMs: 60_000 } });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    await p.complete(request(), live(), item);
    const err = await failure(p.complete(request(), live(), item));
    expect(err.kind).toBe('rate_limit');
    expect(err.limits?.requests).toEqual({ remaining: 0, resetAt: expect.any(Number) });
  });

  it('an HTTP error message names the status, type and server message', async () => {
    const fake = await start({ fault: faultSequence([{ kind: 'http', status: 529, errorType: 'overloaded_error', message: 'Overloaded right now' }]) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    const err = await failure(p.complete(request(), live(), item));
    expect(err.message).toBe('HTTP 529 overloaded_error: Overloaded right now');
  });

  it('a hung request with a small timeoutMs → timeout', async () => {
    const fake = await start({ fault: faultSequence([{ kind: 'hang' }]) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    const err = await failure(p.complete(request({ timeoutMs: 150 }), live(), item));
    expect(err.kind).toBe('timeout');
    expect(fake.calls).toHaveLength(1);
  });

  it('the SDK does not retry on its own: a retryable fault then success still fails once', async () => {
    const fake = await start({ fault: faultSequence([{ kind: 'http', status: 500, errorType: 'api_error' }]) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    expect((await failure(p.complete(request(), live(), item))).kind).toBe('server');
    expect(fake.calls).toHaveLength(1);
    expect((await p.complete(request(), live(), item)).text).toContain('echo:');
    expect(fake.calls).toHaveLength(2);
  });

  it('the real API validation answers a prefill on Haiku 5.5 with bad_request', async () => {
    const fake = await start();
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    const err = await failure(p.complete(request({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: '{' }] }), live(), item));
    expect(err.kind).toBe('bad_request');
  });

  it('an aborted signal mid-call → aborted', async () => {
    const ctl = new AbortController();
    const fake = await start({
      respond: () => {
        ctl.abort();
        return { text: 'late', delayMs: 30_000 };
      },
    });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    const err = await failure(p.complete(request(), ctl.signal, item));
    expect(err.kind).toBe('aborted');
    expect(fake.calls).toHaveLength(1);
  });

  it('a signal aborted before the call → aborted', async () => {
    const fake = await start();
    const ctl = new AbortController();
    ctl.abort();
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: 'k', baseURL: fake.url });
    expect((await failure(p.complete(request(), ctl.signal, item))).kind).toBe('aborted');
    expect(fake.calls.length).toBeLessThanOrEqual(1);
  });

  it('the API key never appears in an error message', async () => {
    const key = 'sk-ant-api03-SECRETSECRETSECRETSECRET';
    const fake = await start({ fault: faultSequence([{ kind: 'http', status: 401, errorType: 'authentication_error', message: `invalid x-api-key ${key}` }]) });
    const p = anthropicProvider(modelSpec(HAIKU), { apiKey: key, baseURL: fake.url });
    const err = await failure(p.complete(request(), live(), item));
    expect(err.kind).toBe('auth');
    expect(err.message).not.toContain('SECRETSECRET');
  });
});

describe('toCompletion: a 200 that is not a Message is a retryable server fault, not a model answer', () => {
  it.each([
    ['an HTML page from a proxy', '<html><body>Bad gateway</body></html>'],
    ['an object without content', { id: 'msg_1', usage: { input_tokens: 1, output_tokens: 1 } }],
    ['content without usage', { content: [{ type: 'text', text: 'hi' }] }],
    ['null', null],
  ])('%s', (_name, body) => {
    let err: unknown;
    try {
      toCompletion(body as never, 1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('server');
    expect((err as ProviderError).message).toContain('malformed response body');
  });
});
