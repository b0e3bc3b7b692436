import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cassetteKey, openCassette, recordingProvider, replayingProvider, type Miss } from '../../../src/cassette/index.js';
import { InputError, ProviderError } from '../../../src/errors.js';
import type { Completion, CompletionRequest, ItemContext, Provider } from '../../../src/types.js';
import type { ModelSpec } from '../../../src/spec/types.js';

// The cassette: what its key holds and ignores, a recording (every attempt, errors with their
// retry-after, never a stopped call), a replay (attempts in order, the last one again, a miss
// reported and failed), and the file (sorted, read back, a malformed line named).

const model: ModelSpec = { id: 'anthropic:claude-haiku-5-5', provider: 'anthropic', model: 'claude-haiku-5-5', label: 'anthropic:claude-haiku-5-5', maxTokens: 16, stream: false, apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 4 };
const req: CompletionRequest = { model: 'claude-haiku-5-5', system: 'sys', messages: [{ role: 'user', content: 'hi' }], maxTokens: 16, timeoutMs: 1000 };
const item = (id = 's1', epoch = 1, draw?: string): ItemContext => ({ sample: { id, vars: {}, metadata: {}, source: 'x:1' }, epoch, targetPool: [], ...(draw !== undefined && { judge: { truth: true, expect: { kind: 'score', scale: { min: 1, max: 5 } }, draw } as unknown as NonNullable<ItemContext['judge']> }) });
const answer = (text: string): Completion => ({ text, usage: { inputTokens: 3, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.5, limits: { requests: { remaining: 1, resetAt: 0 } } });
const signal = new AbortController().signal;
const dir = () => mkdtempSync(join(tmpdir(), 'haikubench-cassette-'));

describe('cassetteKey', () => {
  const base = cassetteKey({ model, sampleId: 's1', epoch: 1 }, req);
  it.each([
    ['another timeout', cassetteKey({ model, sampleId: 's1', epoch: 1 }, { ...req, timeoutMs: 5 }), true],
    ['another base URL', cassetteKey({ model: { ...model, baseUrl: 'http://elsewhere' }, sampleId: 's1', epoch: 1 }, req), true],
    ['another sample id, same request', cassetteKey({ model, sampleId: 's2', epoch: 1 }, req), false],
    ['another epoch', cassetteKey({ model, sampleId: 's1', epoch: 2 }, req), false],
    ['a judge draw', cassetteKey({ model, sampleId: 's1', epoch: 1, draw: 'rubric/0/0' }, req), false],
    ['another model id', cassetteKey({ model: { ...model, id: 'anthropic:claude-haiku-5-5@v2' }, sampleId: 's1', epoch: 1 }, req), false],
    ['another effort', cassetteKey({ model: { ...model, effort: 'low' }, sampleId: 's1', epoch: 1 }, req), false],
    ['another system prompt', cassetteKey({ model, sampleId: 's1', epoch: 1 }, { ...req, system: 'other' }), false],
    ['another max_tokens', cassetteKey({ model, sampleId: 's1', epoch: 1 }, { ...req, maxTokens: 17 }), false],
  ])('%s: same key %s', (_what, key, same) => {
    expect(key === base).toBe(same);
  });
});

/** A provider that plays a script: an answer, or a thrown error, per call. */
function scripted(script: (Completion | Error)[]): Provider {
  let i = 0;
  return {
    id: model.id, queueKey: 'q', simulated: false, pricingModel: 'claude-haiku-5-5',
    complete: () => {
      const next = script[i++];
      return next instanceof Error || next === undefined ? Promise.reject(next ?? new Error('script ended')) : Promise.resolve(next);
    },
  };
}

describe('record, then replay', () => {
  it('keeps every attempt (errors with retry-after, not a stopped call) and answers them back in order', async () => {
    const d = dir();
    const tape = openCassette(d, 'ev', 'record');
    const inner = scripted([new ProviderError('rate_limit', '429 slow down', 250), answer('one'), new ProviderError('aborted', 'stopped'), answer('two')]);
    const p = recordingProvider(inner, model, tape);
    await expect(p.complete(req, signal, item())).rejects.toThrow('429');
    await expect(p.complete(req, signal, item())).resolves.toMatchObject({ text: 'one' });
    await expect(p.complete(req, signal, item('s2'))).rejects.toThrow('stopped');
    await expect(p.complete(req, signal, item('s2'))).resolves.toMatchObject({ text: 'two' });
    tape.save();
    const text = readFileSync(join(d, 'ev.cassette.jsonl'), 'utf8');
    expect(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { sampleId: string; attempts: unknown[] }).attempts)).toEqual([
      [{ ok: false, kind: 'rate_limit', message: '429 slow down', retryAfterMs: 250 }, { ok: true, text: 'one', usage: { inputTokens: 3, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.5 }],
      [{ ok: true, text: 'two', usage: { inputTokens: 3, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.5 }],
    ]);

    const misses: Miss[] = [];
    const replay = replayingProvider(model, openCassette(d, 'ev', 'replay'), (m) => misses.push(m));
    expect(replay).toMatchObject({ id: model.id, simulated: false, pricingModel: 'claude-haiku-5-5' });
    const err = await replay.complete(req, signal, item()).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'rate_limit', retryAfterMs: 250 });
    await expect(replay.complete(req, signal, item())).resolves.toEqual({ text: 'one', usage: { inputTokens: 3, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 12.5 });
    await expect(replay.complete(req, signal, item())).resolves.toMatchObject({ text: 'one' }); // past the end: the last again
    await expect(replay.complete(req, signal, item('s3'))).rejects.toMatchObject({ kind: 'bad_request' });
    expect(misses).toEqual([{ call: 'sample s3 × anthropic:claude-haiku-5-5 (epoch 1)', file: join(d, 'ev.cassette.jsonl') }]);
  });

  it('adds to a cassette: a call made again replaces its entry, the others stay', async () => {
    const d = dir();
    const first = openCassette(d, 'ev', 'record');
    const p1 = recordingProvider(scripted([answer('a'), answer('b')]), model, first);
    await p1.complete(req, signal, item('s1'));
    await p1.complete(req, signal, item('s2'));
    first.save();
    const second = openCassette(d, 'ev', 'record');
    await recordingProvider(scripted([answer('c')]), model, second).complete(req, signal, item('s2'));
    second.save();
    const texts = readFileSync(join(d, 'ev.cassette.jsonl'), 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { sampleId: string; attempts: { text: string }[] }))
      .map((e) => [e.sampleId, e.attempts.map((a) => a.text)]);
    expect(texts).toEqual([['s1', ['a']], ['s2', ['c']]]);
  });

  it('names a malformed line and a missing cassette (exit 2)', () => {
    const d = dir();
    expect(() => openCassette(d, 'ev', 'replay')).toThrow(InputError);
    writeFileSync(join(d, 'ev.cassette.jsonl'), '{"key":"k","model":"m","sampleId":"s","epoch":1,"request":{},"attempts":[]}\nnot json\n');
    let err: unknown;
    try { openCassette(d, 'ev', 'replay'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]).toBe(`${join(d, 'ev.cassette.jsonl')}:2: not a cassette entry (a line {key, model, sampleId, epoch, request, attempts}); record the cassette again with --record`);
  });
});
