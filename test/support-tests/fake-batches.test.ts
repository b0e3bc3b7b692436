// The fake's Message Batches API, driven by the real @anthropic-ai/sdk 1.12 client.
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type BatchOutcome, type FakeAnthropic, type FakeAnthropicOptions } from '../support/fake-anthropic.js';
import { rejection } from '../support/rejection.js';

type BatchRequest = Anthropic.Messages.BatchCreateParams.Request;
type Result = Anthropic.Messages.MessageBatchIndividualResponse;

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

const params = (text: string): Anthropic.MessageCreateParamsNonStreaming => ({
  model: 'claude-haiku-5-5',
  max_tokens: 256,
  messages: [{ role: 'user', content: text }],
});

const requests = (n: number): BatchRequest[] =>
  Array.from({ length: n }, (_, i) => ({ custom_id: `item-${i}`, params: params(`question ${i}`) }));

async function collect(client: Anthropic, id: string): Promise<Result[]> {
  const out: Result[] = [];
  for await (const line of await client.messages.batches.results(id)) out.push(line);
  return out;
}

/** Poll until ended; returns the ended batch and how many retrieves it took. */
async function untilEnded(client: Anthropic, id: string): Promise<{ batch: Anthropic.Messages.MessageBatch; polls: number }> {
  for (let polls = 1; polls <= 20; polls++) {
    const batch = await client.messages.batches.retrieve(id);
    if (batch.processing_status === 'ended') return { batch, polls };
  }
  throw new Error(`batch ${id} never ended`);
}

const byId = (results: readonly Result[]): Map<string, Result['result']> =>
  new Map(results.map((r) => [r.custom_id, r.result]));

const BATCH_KEYS = ['archived_at', 'cancel_initiated_at', 'created_at', 'ended_at', 'expires_at', 'id',
  'processing_status', 'request_counts', 'results_url', 'type'];

describe('fake Anthropic: message batches', () => {
  it('create → retrieve until ended → results, matched on custom_id', async () => {
    const { fake, client } = await setup();
    const created = await client.messages.batches.create({ requests: requests(5) });
    expect(Object.keys(created).sort()).toEqual(BATCH_KEYS);
    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', ended_at: null,
      cancel_initiated_at: null, archived_at: null, results_url: null,
      request_counts: { processing: 5, succeeded: 0, errored: 0, canceled: 0, expired: 0 } });
    expect(created.id).toMatch(/^msgbatch_01FAKE/);
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(24 * 60 * 60 * 1000);

    const { batch, polls } = await untilEnded(client, created.id);
    expect(polls).toBe(2);
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 5, errored: 0, canceled: 0, expired: 0 });
    expect(batch.results_url).toBe(`${fake.url}/v1/messages/batches/${created.id}/results`);
    expect(Date.parse(batch.ended_at ?? '')).toBeGreaterThanOrEqual(Date.parse(created.created_at));

    const results = await collect(client, created.id);
    expect(results.map((r) => r.custom_id).sort()).toEqual(requests(5).map((r) => r.custom_id).sort());
    for (const [i, request] of requests(5).entries()) {
      const result = byId(results).get(request.custom_id);
      if (result?.type !== 'succeeded') throw new Error(`item ${i} did not succeed`);
      expect(result.message.content).toEqual([{ type: 'text', text: `echo: question ${i}`, citations: null }]);
      expect(result.message.usage.service_tier).toBe('batch');
      expect(result.message.id).toMatch(/^msg_/);
    }
    expect(fake.batches.get(created.id)).toMatchObject({ status: 'ended', retrieves: 3, resultsDownloads: 1, cancels: 0 });
  });

  it('results are not in request order, and the order is deterministic', async () => {
    const orders: string[][] = [];
    for (const _run of [1, 2]) {
      const { client } = await setup({ batch: { retrievesUntilEnded: 1 } });
      const { id } = await client.messages.batches.create({ requests: requests(8) });
      orders.push((await collect(client, id)).map((r) => r.custom_id));
      await server?.close();
    }
    expect(orders[0]).not.toEqual(requests(8).map((r) => r.custom_id));
    expect(orders[1]).toEqual(orders[0]);
  });

  it('serves results as application/binary JSONL, one line per request with a trailing newline', async () => {
    const { client } = await setup({ batch: { retrievesUntilEnded: 1 } });
    const { id } = await client.messages.batches.create({ requests: requests(3) });
    const { batch } = await untilEnded(client, id);
    const res = await fetch(batch.results_url ?? '', { headers: { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/binary');
    const text = await res.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n').map((line) => JSON.parse(line) as Result)).toHaveLength(3);
  });

  it.each([[1, 1], [3, 3]])('retrievesUntilEnded %i ends the batch on retrieve %i', async (until, expected) => {
    const { client } = await setup({ batch: { retrievesUntilEnded: until } });
    const { id } = await client.messages.batches.create({ requests: requests(1) });
    expect((await untilEnded(client, id)).polls).toBe(expected);
  });

  it('passes each params to the responder and builds its Message like /v1/messages', async () => {
    const seen: string[] = [];
    const { client } = await setup({ respond: (req) => {
      seen.push(`${req.model}/${req.max_tokens}`);
      return { text: 'abcdefgh', thinking: 'hmm' };
    } });
    const { id } = await client.messages.batches.create({ requests: requests(2) });
    await untilEnded(client, id);
    const [first] = await collect(client, id);
    expect(seen).toEqual(['claude-haiku-5-5/256', 'claude-haiku-5-5/256']);
    if (first?.result.type !== 'succeeded') throw new Error('expected a succeeded result');
    expect(first.result.message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(first.result.message.usage).toMatchObject({ output_tokens: 3, service_tier: 'batch' });
  });
});

describe('fake Anthropic: batch outcomes', () => {
  const planted: Readonly<Record<string, BatchOutcome>> = { 'item-1': 'errored', 'item-2': 'expired', 'item-3': 'canceled' };

  it('plants errored, expired and canceled results per custom_id', async () => {
    const calls: [string, number][] = [];
    const { client } = await setup({ batch: { outcome: (customId, _params, index) => {
      calls.push([customId, index]);
      return planted[customId] ?? 'succeeded';
    } } });
    const { id } = await client.messages.batches.create({ requests: requests(5) });
    const { batch } = await untilEnded(client, id);
    expect(batch.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 1, canceled: 1, expired: 1 });
    expect(calls.sort()).toEqual(requests(5).map((r, i) => [r.custom_id, i]));
    const results = byId(await collect(client, id));
    expect(results.get('item-0')?.type).toBe('succeeded');
    expect(results.get('item-1')).toEqual({ type: 'errored',
      error: { type: 'error', error: { type: 'api_error', message: 'Internal server error' }, request_id: null } });
    expect(results.get('item-2')).toEqual({ type: 'expired' });
    expect(results.get('item-3')).toEqual({ type: 'canceled' });
  });

  it.each([
    ['temperature under 2026-10-21', { ...params('x'), temperature: 0 }, /temperature/],
    ['missing max_tokens', { model: 'claude-haiku-5-5', messages: [{ role: 'user', content: 'x' }] }, /max_tokens/],
    ['assistant prefill on a 5.5 model', { ...params('x'), messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: '{' }] }, /prefill/],
  ])('params with %s make an errored result, not a failed create', async (_name, bad, message) => {
    const { client } = await setup({ batch: { retrievesUntilEnded: 1 } });
    const { id } = await client.messages.batches.create({
      requests: [...requests(2), { custom_id: 'bad', params: bad as Anthropic.MessageCreateParamsNonStreaming }],
    });
    const { batch } = await untilEnded(client, id);
    expect(batch.request_counts).toMatchObject({ succeeded: 2, errored: 1 });
    const result = byId(await collect(client, id)).get('bad');
    expect(result).toMatchObject({ type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error' } } });
    expect(result?.type === 'errored' && result.error.error.message).toMatch(message);
  });

  it('cancel: canceling until the next retrieve, then every valid request is canceled', async () => {
    const { fake, client } = await setup({ batch: { retrievesUntilEnded: Infinity } });
    const bad = { custom_id: 'bad', params: { ...params('x'), temperature: 1 } as Anthropic.MessageCreateParamsNonStreaming };
    const { id } = await client.messages.batches.create({ requests: [...requests(3), bad] });
    expect((await client.messages.batches.retrieve(id)).processing_status).toBe('in_progress');
    const canceling = await client.messages.batches.cancel(id);
    expect(canceling).toMatchObject({ processing_status: 'canceling', ended_at: null, results_url: null });
    expect(Date.parse(canceling.cancel_initiated_at ?? '')).not.toBeNaN();
    const ended = await client.messages.batches.retrieve(id);
    expect(ended).toMatchObject({ processing_status: 'ended', cancel_initiated_at: canceling.cancel_initiated_at,
      request_counts: { processing: 0, succeeded: 0, errored: 1, canceled: 3, expired: 0 } });
    const results = byId(await collect(client, id));
    expect([...results.values()].map((r) => r.type).sort()).toEqual(['canceled', 'canceled', 'canceled', 'errored']);
    const again = await rejection(client.messages.batches.cancel(id));
    expect(again).toBeInstanceOf(Anthropic.BadRequestError);
    expect(fake.batches.get(id)).toMatchObject({ cancels: 2, outcomes: { bad: 'errored', 'item-0': 'canceled' } });
  });
});

describe('fake Anthropic: batch errors', () => {
  const longId = 'x'.repeat(65);
  it.each([
    ['empty requests', [], /at least 1/],
    ['a custom_id with a space', [{ custom_id: 'has space', params: params('x') }], /custom_id.*pattern/],
    ['a custom_id of 65 characters', [{ custom_id: longId, params: params('x') }], /custom_id.*pattern/],
    ['an empty custom_id', [{ custom_id: '', params: params('x') }], /custom_id.*pattern/],
    ['a duplicate custom_id', [...requests(2), { custom_id: 'item-0', params: params('y') }], /requests\.2\.custom_id: Duplicate/],
    ['more than maxRequests', requests(4), /at most 3/],
  ])('rejects a create with %s as BadRequestError, and creates nothing', async (_name, list, message) => {
    const { fake, client } = await setup({ batch: { maxRequests: 3 } });
    const err = await rejection(client.messages.batches.create({ requests: list }));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err).toMatchObject({ status: 400, type: 'invalid_request_error' });
    expect(err instanceof Anthropic.APIError && err.error).toMatchObject({ error: { message } });
    expect(fake.batches.size).toBe(0);
  });

  it('rejects a create without requests', async () => {
    const { client } = await setup();
    const err = await rejection(client.messages.batches.create({} as Anthropic.Messages.BatchCreateParams));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
  });

  it.each([
    ['retrieve', (c: Anthropic) => c.messages.batches.retrieve('msgbatch_nope')],
    ['cancel', (c: Anthropic) => c.messages.batches.cancel('msgbatch_nope')],
    ['results', (c: Anthropic) => c.messages.batches.results('msgbatch_nope')],
  ])('%s of an unknown id is NotFoundError', async (_op, call) => {
    const { client } = await setup();
    const err = await rejection(call(client));
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect(err).toMatchObject({ status: 404, type: 'not_found_error' });
  });

  it('results before the end: the SDK refuses without a results_url, the endpoint answers 400', async () => {
    const { fake, client } = await setup({ batch: { retrievesUntilEnded: 5 } });
    const { id } = await client.messages.batches.create({ requests: requests(2) });
    const err = await rejection(client.messages.batches.results(id));
    expect(err).toBeInstanceOf(Anthropic.AnthropicError);
    expect(err).not.toBeInstanceOf(Anthropic.APIError);
    expect(String(err)).toMatch(/No batch `results_url`.*in_progress/);
    const raw = await fetch(`${fake.url}/v1/messages/batches/${id}/results`, {
      headers: { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(fake.batches.get(id)).toMatchObject({ status: 'in_progress', retrieves: 1, resultsDownloads: 0 });
  });

  it('checks auth and the version header on every batch route; query strings do not break routing', async () => {
    const { fake, client } = await setup();
    const { id } = await client.messages.batches.create({ requests: requests(1) });
    const get = (path: string, headers: Record<string, string>): Promise<Response> => fetch(`${fake.url}${path}`, { headers });
    expect((await get(`/v1/messages/batches/${id}`, { 'anthropic-version': '2026-10-21' })).status).toBe(401);
    expect((await get(`/v1/messages/batches/${id}`, { 'x-api-key': 'k' })).status).toBe(400);
    const ok = await get(`/v1/messages/batches/${id}?beta=true`, { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id, type: 'message_batch' });
    expect((await get('/v1/messages/batches', { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' })).status).toBe(404);
  });

  it('records every batch call in calls', async () => {
    const { fake, client } = await setup({ batch: { retrievesUntilEnded: 1 } });
    const { id } = await client.messages.batches.create({ requests: requests(1) });
    await client.messages.batches.retrieve(id);
    await collect(client, id);
    expect(fake.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /v1/messages/batches 200',
      `GET /v1/messages/batches/${id} 200`,
      `GET /v1/messages/batches/${id} 200`,
      `GET /v1/messages/batches/${id}/results 200`,
    ]);
    expect(fake.calls[0]?.body).toEqual({ requests: requests(1) });
    expect(fake.calls[3]?.headers['accept']).toBe('application/binary');
  });
});
