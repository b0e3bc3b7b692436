// Injected faults of the fake Anthropic server and the error each one produces in the real SDK 1.12.
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeAnthropic, type FakeAnthropic, type Fault } from '../support/fake-anthropic.js';
import { rejection } from '../support/rejection.js';

let server: FakeAnthropic | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function withFault(fault: Fault, timeout?: number): Promise<{ fake: FakeAnthropic; client: Anthropic }> {
  const fake = await startFakeAnthropic({ fault: faultSequence([fault]) });
  server = fake;
  const client = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0, ...(timeout ? { timeout } : {}) });
  return { fake, client };
}


const params: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-haiku-5-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'a fairly long prompt so that the echo spans several deltas' }],
};

describe('fake Anthropic: faults', () => {
  it('429 with retry-after gives RateLimitError carrying the header and request id', async () => {
    const { fake, client } = await withFault({ kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 7 });
    const err = await rejection(client.messages.create(params));
    if (!(err instanceof Anthropic.RateLimitError)) throw new Error(`expected RateLimitError, got ${String(err)}`);
    const apiErr = err;
    expect(apiErr.headers.get('retry-after')).toBe('7');
    expect(apiErr).toMatchObject({ status: 429, type: 'rate_limit_error', errorCode: null });
    expect(apiErr.requestID).toMatch(/^req_/);
    expect(fake.calls[0]).toMatchObject({ fault: 'http', status: 429 });
  });

  it('an error_code selects the SDK subclass (429 ramp_limit_exceeded)', async () => {
    const { client } = await withFault({ kind: 'http', status: 429, errorType: 'rate_limit_error', errorCode: 'ramp_limit_exceeded' });
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(Anthropic.RampLimitExceededError);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect(err).toMatchObject({ errorCode: 'ramp_limit_exceeded', details: { error_code: 'ramp_limit_exceeded' } });
  });

  it.each([
    [529, 'overloaded_error', Anthropic.OverloadedError],
    [500, 'api_error', Anthropic.InternalServerError],
    [401, 'authentication_error', Anthropic.AuthenticationError],
    [400, 'invalid_request_error', Anthropic.BadRequestError],
  ] as const)('HTTP %i %s gives %o', async (status, errorType, errorClass) => {
    const { client } = await withFault({ kind: 'http', status, errorType });
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(errorClass);
    expect(err).toMatchObject({ status, type: errorType });
  });

  it('529 OverloadedError is an InternalServerError (SDK 1.12 exports the subclass)', async () => {
    const { client } = await withFault({ kind: 'http', status: 529, errorType: 'overloaded_error' });
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(Anthropic.InternalServerError);
    expect(err instanceof Error && err.name).toBe('OverloadedError');
  });

  it('a mid-stream error event gives a plain APIError with status undefined after some text', async () => {
    const { fake, client } = await withFault({ kind: 'stream-error', errorType: 'overloaded_error' });
    const stream = client.messages.stream(params);
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const err = await rejection(stream.finalMessage());
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err).not.toBeInstanceOf(Anthropic.InternalServerError);
    expect(err).toMatchObject({ status: undefined, type: 'overloaded_error' });
    expect(texts.length).toBeGreaterThan(0);
    expect(fake.calls[0]).toMatchObject({ fault: 'stream-error', status: 200 });
  });

  it('stream-error on a non-streaming request falls back to HTTP 529', async () => {
    const { client } = await withFault({ kind: 'stream-error', errorType: 'overloaded_error' });
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.OverloadedError);
  });

  it('reset gives APIConnectionError (not a timeout)', async () => {
    const { fake, client } = await withFault({ kind: 'reset' });
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(Anthropic.APIConnectionError);
    expect(err).not.toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(fake.calls[0]).toMatchObject({ fault: 'reset', status: null });
  });

  it.each([false, true])('cut (stream %s) sends 200 and part of the answer, then closes the socket: the SDK throws a plain "terminated"', async (stream) => {
    const { fake, client } = await withFault({ kind: 'cut' });
    const call = stream ? client.messages.stream(params).finalMessage() : client.messages.create(params);
    const err = await rejection(call);
    expect(err).not.toBeInstanceOf(Anthropic.APIError);
    expect(String(err)).toMatch(/terminated/);
    expect(fake.calls[0]).toMatchObject({ fault: 'cut', status: 200 });
  });

  it('hang with an SDK timeout of 300 ms gives APIConnectionTimeoutError', async () => {
    const { fake, client } = await withFault({ kind: 'hang' }, 300);
    const started = Date.now();
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.calls[0]).toMatchObject({ fault: 'hang', status: null });
  });

  it('close() releases a hung request promptly', async () => {
    const { fake, client } = await withFault({ kind: 'hang' }, 10_000);
    const pending = rejection(client.messages.create(params));
    while (fake.calls.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('malformed JSON on a non-streaming request surfaces as a SyntaxError', async () => {
    const { fake, client } = await withFault({ kind: 'malformed' });
    const err = await rejection(client.messages.create(params));
    expect(err).toBeInstanceOf(SyntaxError);
    expect(err).not.toBeInstanceOf(Anthropic.AnthropicError);
    expect(fake.calls[0]).toMatchObject({ fault: 'malformed', status: 200 });
  });

  it('malformed SSE data: raw stream iteration throws SyntaxError, MessageStream wraps it in AnthropicError', async () => {
    const fake = await startFakeAnthropic({ fault: faultSequence([{ kind: 'malformed' }, { kind: 'malformed' }]) });
    server = fake;
    // logLevel 'off' silences the SDK's "Could not parse message into JSON" console output.
    const client = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0, logLevel: 'off' });
    const raw = await client.messages.create({ ...params, stream: true });
    const iterate = async (): Promise<void> => {
      for await (const _event of raw) void _event;
    };
    expect(await rejection(iterate())).toBeInstanceOf(SyntaxError);
    const wrapped = await rejection(client.messages.stream(params).finalMessage());
    expect(wrapped).toBeInstanceOf(Anthropic.AnthropicError);
    expect(wrapped).not.toBeInstanceOf(Anthropic.APIError);
    expect(wrapped instanceof Error && wrapped.cause).toBeInstanceOf(SyntaxError);
  });

  it('faults follow the call index: the SDK retry gets through on the second attempt', async () => {
    const fake = await startFakeAnthropic({
      fault: faultSequence([{ kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.01 }]),
    });
    server = fake;
    const client = new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 1 });
    await expect(client.messages.create(params)).resolves.toMatchObject({ stop_reason: 'end_turn' });
    expect(fake.calls.map((c) => [c.fault, c.status, c.headers['x-stainless-retry-count']])).toEqual([
      ['http', 429, '0'],
      [null, 200, '1'],
    ]);
  });
});
