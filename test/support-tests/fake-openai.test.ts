// Fidelity of the fake OpenAI-compatible server, driven by the real openai@6 client.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { faultSequence, startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions, type Fault } from '../support/fake-openai.js';
import { rejection } from '../support/rejection.js';

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: FakeOpenAIOptions = {}, timeout?: number): Promise<{ fake: FakeOpenAI; client: OpenAI }> {
  const fake = await startFakeOpenAI(options);
  server = fake;
  const client = new OpenAI({ apiKey: 'k', baseURL: fake.url, maxRetries: 0, ...(timeout ? { timeout } : {}), logLevel: 'off' });
  return { fake, client };
}

const withFault = (fault: Fault, timeout?: number): ReturnType<typeof setup> =>
  setup({ fault: faultSequence([fault]) }, timeout);


const params: OpenAI.ChatCompletionCreateParamsNonStreaming = {
  model: 'fake-model',
  max_tokens: 100,
  messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hello there, fake server' }],
};

async function streamText(client: OpenAI, includeUsage: boolean): Promise<{ text: string; chunks: OpenAI.ChatCompletionChunk[] }> {
  const stream = await client.chat.completions.create({
    ...params,
    stream: true,
    ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
  });
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { text: chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), chunks };
}

describe('fake OpenAI: chat completions', () => {
  it('answers a non-streaming create', async () => {
    const { client } = await setup();
    const { data, response, request_id } = await client.chat.completions.create(params).withResponse();
    expect(data).toMatchObject({
      object: 'chat.completion',
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content: 'echo: hello there, fake server' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 8, completion_tokens: 8, total_tokens: 16 },
    });
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(typeof data.created).toBe('number');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(request_id).toBe(response.headers.get('x-request-id'));
  });

  it('streams data chunks ending in [DONE]; usage only with include_usage', async () => {
    const { client } = await setup();
    const plain = await streamText(client, false);
    expect(plain.text).toBe('echo: hello there, fake server');
    expect(plain.chunks.length).toBeGreaterThan(3);
    expect(plain.chunks.every((c) => c.object === 'chat.completion.chunk' && c.usage === undefined)).toBe(true);
    expect(plain.chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');

    const withUsage = await streamText(client, true);
    expect(withUsage.text).toBe(plain.text);
    expect(withUsage.chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 8, completion_tokens: 8, total_tokens: 16 } });
    expect(withUsage.chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('the SDK stream helper accumulates the same completion', async () => {
    const { client } = await setup();
    const final = await client.chat.completions.stream({ ...params, stream: true, stream_options: { include_usage: true } }).finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('echo: hello there, fake server');
    expect(final.usage?.total_tokens).toBe(16);
  });

  it('cuts at max_tokens with finish_reason length, and at stop sequences', async () => {
    const { client } = await setup({ respond: () => ({ text: 'one two STOP three' }) });
    const cut = await client.chat.completions.create({ ...params, max_completion_tokens: 2 });
    expect(cut.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'one two ' } });
    const stopped = await client.chat.completions.create({ ...params, stop: 'STOP' });
    expect(stopped.choices[0]).toMatchObject({ finish_reason: 'stop', message: { content: 'one two ' } });
  });

  it('lists models', async () => {
    const { client } = await setup({ models: ['a', 'b'] });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['a', 'b']);
  });

  it('401 without Authorization: Bearer; the key is redacted in calls', async () => {
    const { fake, client } = await setup();
    await client.chat.completions.create(params);
    const denied = await fetch(`${fake.url}/chat/completions`, { method: 'POST', body: JSON.stringify(params) });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ error: { type: 'invalid_request_error', code: null, message: expect.any(String) } });
    expect(fake.calls[0]?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(fake.calls.map((c) => c.status)).toEqual([200, 401]);
  });

  it('400 for a missing model', async () => {
    const { client } = await setup();
    const err = await rejection(client.chat.completions.create({ messages: params.messages } as OpenAI.ChatCompletionCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe('fake OpenAI: faults', () => {
  it('429 with retry-after gives RateLimitError with the OpenAI error fields', async () => {
    const { client } = await withFault({ kind: 'http', status: 429, errorType: 'rate_limit_exceeded', errorCode: 'rate_limit_exceeded', retryAfterSec: 3 });
    const err = await rejection(client.chat.completions.create(params));
    if (!(err instanceof OpenAI.RateLimitError)) throw new Error(`expected RateLimitError, got ${String(err)}`);
    expect(err.headers.get('retry-after')).toBe('3');
    expect(err).toMatchObject({ status: 429, type: 'rate_limit_exceeded', code: 'rate_limit_exceeded', param: null });
  });

  it.each([
    [500, 'server_error', OpenAI.InternalServerError],
    [503, 'server_error', OpenAI.InternalServerError],
    [401, 'invalid_request_error', OpenAI.AuthenticationError],
  ] as const)('HTTP %i gives %o', async (status, errorType, errorClass) => {
    const { client } = await withFault({ kind: 'http', status, errorType });
    await expect(client.chat.completions.create(params)).rejects.toBeInstanceOf(errorClass);
  });

  it('a mid-stream error chunk gives APIError with status undefined', async () => {
    const { client } = await withFault({ kind: 'stream-error', errorType: 'overloaded_error' });
    const err = await rejection(streamText(client, false));
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err).toMatchObject({ status: undefined, type: 'overloaded_error' });
  });

  it('reset gives APIConnectionError; hang with timeout 300 gives APIConnectionTimeoutError', async () => {
    const reset = await withFault({ kind: 'reset' });
    const resetErr = await rejection(reset.client.chat.completions.create(params));
    expect(resetErr).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(resetErr).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await reset.fake.close();

    const hang = await withFault({ kind: 'hang' }, 300);
    await expect(hang.client.chat.completions.create(params)).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(hang.fake.calls[0]).toMatchObject({ fault: 'hang', status: null });
  });

  it.each([false, true])('cut (stream %s) sends 200 and part of the answer, then closes the socket: "terminated", not an APIError', async (stream) => {
    const { fake, client } = await withFault({ kind: 'cut' });
    const err = await rejection(stream ? streamText(client, false) : client.chat.completions.create(params));
    expect(err).not.toBeInstanceOf(OpenAI.APIError);
    expect(String(err)).toMatch(/terminated/);
    expect(fake.calls[0]).toMatchObject({ fault: 'cut', status: 200 });
  });

  it('malformed JSON gives a SyntaxError; malformed SSE too', async () => {
    const { client } = await setup({ fault: faultSequence([{ kind: 'malformed' }, { kind: 'malformed' }]) });
    expect(await rejection(client.chat.completions.create(params))).toBeInstanceOf(SyntaxError);
    expect(await rejection(streamText(client, false))).toBeInstanceOf(SyntaxError);
  });
});
