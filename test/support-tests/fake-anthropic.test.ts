// Fidelity of the fake Anthropic server, driven by the real @anthropic-ai/sdk 1.12 client.
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicOptions } from '../support/fake-anthropic.js';
import { rejection } from '../support/rejection.js';

let server: FakeAnthropic | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: FakeAnthropicOptions = {}): Promise<{ fake: FakeAnthropic; client: Anthropic }> {
  const fake = await startFakeAnthropic(options);
  server = fake;
  return { fake, client: new Anthropic({ apiKey: 'test-key', baseURL: fake.url, maxRetries: 0 }) };
}


const params: Anthropic.MessageCreateParamsNonStreaming = {
  model: 'claude-haiku-5-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: 'hello there, fake server' }],
};

const MESSAGE_KEYS = ['container', 'content', 'diagnostics', 'id', 'model', 'role', 'stop_details', 'stop_reason',
  'stop_sequence', 'type', 'usage'];
const USAGE_KEYS = ['cache_creation', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'inference_geo',
  'input_tokens', 'output_tokens', 'output_tokens_details', 'server_tool_use', 'service_tier', 'speed'];

describe('fake Anthropic: messages', () => {
  it('answers a non-streaming create with a complete Message and the documented headers', async () => {
    const { client } = await setup();
    const { data, response, request_id } = await client.messages.create(params).withResponse();
    expect(data.content).toEqual([{ type: 'text', text: 'echo: hello there, fake server', citations: null }]);
    expect(Object.keys(data).sort()).toEqual(MESSAGE_KEYS);
    expect(Object.keys(data.usage).sort()).toEqual(USAGE_KEYS);
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-haiku-5-5',
      stop_reason: 'end_turn', stop_sequence: null, stop_details: null, container: null, diagnostics: null });
    expect(data.id).toMatch(/^msg_/);
    expect(data.usage).toMatchObject({ input_tokens: 6, output_tokens: 8, service_tier: 'standard',
      output_tokens_details: { thinking_tokens: 0 }, server_tool_use: null, speed: null, inference_geo: null });
    expect(request_id).toMatch(/^req_/);
    expect(response.headers.get('content-type')).toBe('application/json');
    for (const family of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      expect(Number(response.headers.get(`anthropic-ratelimit-${family}-limit`))).toBeGreaterThan(0);
      expect(response.headers.get(`anthropic-ratelimit-${family}-remaining`)).toMatch(/^\d+$/);
      expect(response.headers.get(`anthropic-ratelimit-${family}-reset`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('streams the same message: finalMessage() equals the non-streaming result', async () => {
    const { client } = await setup();
    const plain = await client.messages.create(params);
    const stream = client.messages.stream(params);
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const final = await stream.finalMessage();
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join('')).toBe('echo: hello there, fake server');
    // The SDK's MessageStream adds `parsed_output: null` to the accumulated message.
    const { parsed_output: parsed, ...rest } = final;
    expect(parsed).toBeNull();
    expect({ ...rest, id: plain.id }).toEqual(plain);
  });

  it('sends the exact named SSE events in order (ping is skipped by the SDK)', async () => {
    const { fake, client } = await setup({ respond: () => ({ text: 'abc', thinking: 'hmm' }) });
    const stream = await client.messages.create({ ...params, stream: true });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type === 'content_block_delta' ? event.delta.type : event.type);
    }
    expect(seen).toEqual(['message_start', 'content_block_start', 'thinking_delta', 'signature_delta',
      'content_block_stop', 'content_block_start', 'text_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const raw = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'anthropic-version': '2026-10-21', 'content-type': 'application/json' },
      body: JSON.stringify({ ...params, stream: true }),
    });
    expect(raw.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(raw.headers.get('request-id')).toMatch(/^req_/);
    const names = [...(await raw.text()).matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    expect(names.slice(0, 3)).toEqual(['message_start', 'content_block_start', 'ping']);
  });

  it.each([false, true])('puts thinking first and counts thinking in output_tokens (stream: %s)', async (useStream) => {
    const { client } = await setup({ respond: () => ({ text: 'forty-two', thinking: 'Let me think.', thinkingTokens: 50 }) });
    const message = useStream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const [thinking] = message.content;
    expect(thinking?.type === 'thinking' && thinking.thinking).toBe('Let me think.');
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBe(50 + 3);
    expect(message.usage.output_tokens_details).toEqual({ thinking_tokens: 50 });
  });

  it('reports refusals with stop_details', async () => {
    const { client } = await setup({ respond: () => ({ text: '', stopReason: 'refusal' }) });
    const message = await client.messages.stream(params).finalMessage();
    expect(message.stop_reason).toBe('refusal');
    expect(message.stop_details).toEqual({ type: 'refusal', category: null, explanation: null });
  });

  it('applies stop_sequences and max_tokens like the API', async () => {
    const { client } = await setup({ respond: () => ({ text: 'one two STOP three' }) });
    const stopped = await client.messages.create({ ...params, stop_sequences: ['STOP'] });
    expect(stopped).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'STOP' });
    expect(stopped.content[0]).toMatchObject({ text: 'one two ' });
    const cut = await client.messages.create({ ...params, max_tokens: 2 });
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.usage.output_tokens).toBe(2);
    expect(cut.content[0]).toMatchObject({ text: 'one two ' });
  });

  it('passes model, flattened system, messages and max_tokens to the responder', async () => {
    const seen: unknown[] = [];
    const { client } = await setup({ respond: (req) => (seen.push(req), { text: 'ok' }) });
    await client.messages.create({ ...params, system: [{ type: 'text', text: 'be brief' }] });
    expect(seen[0]).toMatchObject({ model: 'claude-haiku-5-5', system: 'be brief', max_tokens: 256,
      messages: [{ role: 'user', content: 'hello there, fake server' }] });
  });

  it('counts tokens', async () => {
    const { client } = await setup();
    const count = await client.messages.countTokens({ model: params.model, messages: params.messages, system: 'abcd' });
    expect(count).toEqual({ input_tokens: 7 });
  });

  it('records calls with the credentials redacted', async () => {
    const { fake, client } = await setup();
    await client.messages.create(params);
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call).toMatchObject({ method: 'POST', path: '/v1/messages', fault: null, status: 200, body: params });
    expect(call?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(call?.headers['anthropic-version']).toBe('2026-10-21');
    expect(JSON.stringify(fake.calls)).not.toContain('test-key');
  });
});

describe('fake Anthropic: validation', () => {
  it('rejects temperature under 2026-10-21 with BadRequestError', async () => {
    const { client } = await setup();
    const err = await rejection(client.messages.create({ ...params, temperature: 0 } as Anthropic.MessageCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(err instanceof Anthropic.APIError && err.requestID).toMatch(/^req_/);
  });

  it.each([
    ['missing max_tokens', { model: 'claude-haiku-5-5', messages: params.messages }],
    ['assistant prefill on a 5.5 model', { ...params, messages: [...params.messages, { role: 'assistant', content: '{' }] }],
  ])('rejects %s with BadRequestError', async (_name, body) => {
    const { client } = await setup();
    const err = await rejection(client.messages.create(body as Anthropic.MessageCreateParamsNonStreaming));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('allows prefill on claude-haiku-4-5 and 404s retired claude-3 models', async () => {
    const { client } = await setup();
    const prefill = { ...params, model: 'claude-haiku-4-5', messages: [...params.messages, { role: 'assistant' as const, content: '{' }] };
    await expect(client.messages.create(prefill)).resolves.toMatchObject({ stop_reason: 'end_turn' });
    const err = await rejection(client.messages.create({ ...params, model: 'claude-3-haiku-20240307' }));
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect(err).toMatchObject({ status: 404, type: 'not_found_error' });
  });

  it('rejects a missing anthropic-version header', async () => {
    const { fake } = await setup();
    const client = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0, defaultHeaders: { 'anthropic-version': null } });
    await expect(client.messages.create(params)).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('returns 401 authentication_error without a key and accepts x-api-key', async () => {
    const { fake } = await setup();
    const post = (headers: Record<string, string>): Promise<Response> => fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'anthropic-version': '2026-10-21', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(params),
    });
    const denied = await post({});
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ type: 'error', request_id: denied.headers.get('request-id'),
      error: { type: 'authentication_error', message: expect.any(String) } });
    expect((await post({ 'x-api-key': 'k' })).status).toBe(200);
    expect(fake.calls[1]?.headers['x-api-key']).toBe('[REDACTED]');
  });
});
