import { describe, expect, it } from 'vitest';
import { responseCache } from '../../../src/runner/response-cache.js';
import type { CacheStore, CachedEntry } from '../../../src/cache/store.js';
import type { Completion, CompletionRequest, Provider } from '../../../src/types.js';
import type { ModelSpec } from '../../../src/spec/types.js';

// The runner's view of the cache: which request fields make the key, what a stored answer keeps, and
// that a failing store costs the run nothing but the cache.

function memoryStore(fail?: 'get' | 'put'): CacheStore & { rows: Map<string, CachedEntry> } {
  const rows = new Map<string, CachedEntry>();
  return {
    rows,
    get: (key) => { if (fail === 'get') throw new Error('disk I/O error'); return rows.get(key); },
    put: (key, _model, value, now) => { if (fail === 'put') throw new Error('database or disk is full'); rows.set(key, { value, createdAt: now }); },
    stats: () => ({ entries: rows.size, bytes: 0, oldest: null, newest: null, byModel: [], path: 'mem' }),
    clear: () => 0,
    close: () => {},
  };
}

const provider = { queueKey: 'anthropic:default:claude-haiku-5-5' } as Provider;
const model = { id: 'anthropic:claude-haiku-5-5', model: 'claude-haiku-5-5', label: 'Haiku', provider: 'anthropic', maxTokens: 64, stream: false, apiKeyEnv: 'ANTHROPIC_API_KEY', concurrency: 8 } as ModelSpec;
const request: CompletionRequest = { model: 'claude-haiku-5-5', system: 'Be brief.', messages: [{ role: 'user', content: 'Hi' }], maxTokens: 64, timeoutMs: 1000 };
const completion: Completion = { text: 'Hello', usage: { inputTokens: 5, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 321.5, limits: { requests: { remaining: 3, resetAt: 0 } } as Completion['limits'] };
const clock = { now: () => 1_700_000_000_000 };

describe('responseCache keys', () => {
  const cache = responseCache(memoryStore(), clock);
  const base = cache.keyFor(provider, model, request, 1);
  it.each<readonly [string, string]>([
    ['another epoch', cache.keyFor(provider, model, request, 2)],
    ['another endpoint', cache.keyFor({ ...provider, queueKey: 'anthropic:http://127.0.0.1:9:claude-haiku-5-5' }, model, request, 1)],
    ['another system prompt', cache.keyFor(provider, model, { ...request, system: 'Be long.' }, 1)],
    ['another message', cache.keyFor(provider, model, { ...request, messages: [{ role: 'user', content: 'Hi!' }] }, 1)],
    ['another max_tokens', cache.keyFor(provider, model, { ...request, maxTokens: 65 }, 1)],
    ['stop sequences', cache.keyFor(provider, model, { ...request, stop: ['\n'] }, 1)],
    ['thinking', cache.keyFor(provider, { ...model, thinking: 'adaptive' }, request, 1)],
    ['effort', cache.keyFor(provider, { ...model, effort: 'low' }, request, 1)],
    ['temperature', cache.keyFor(provider, { ...model, temperature: 0.5 }, request, 1)],
    ['asking for logprobs', cache.keyFor(provider, model, { ...request, logprobs: true }, 1)],
  ])('%s changes the key', (_label, key) => {
    expect(key).not.toBe(base);
  });
  it.each<readonly [string, string]>([
    ['another timeout', cache.keyFor(provider, model, { ...request, timeoutMs: 5 }, 1)],
    ['another concurrency', cache.keyFor(provider, { ...model, concurrency: 1 }, request, 1)],
    ['streaming', cache.keyFor(provider, { ...model, stream: true }, request, 1)],
    ['another display label', cache.keyFor(provider, { ...model, label: 'H' }, request, 1)],
  ])('%s keeps the key', (_label, key) => {
    expect(key).toBe(base);
  });
});

describe('responseCache entries', () => {
  it('keeps token log-probabilities with the answer (a pairwise judge\'s logprobs: true)', () => {
    const cache = responseCache(memoryStore(), clock);
    const logprobs = [{ token: 'A', logprob: -0.1, top: [{ token: 'A', logprob: -0.1 }, { token: 'B', logprob: -2.4 }] }];
    cache.put('k', model.id, { ...completion, logprobs });
    expect(cache.get('k')?.completion.logprobs).toEqual(logprobs);
    cache.put('j', model.id, completion);
    expect(cache.get('j')?.completion).not.toHaveProperty('logprobs');
  });

  it('round-trips an answer without its rate-limit readings, with the time it was stored', () => {
    const store = memoryStore();
    const cache = responseCache(store, clock);
    cache.put('k', model.id, completion);
    expect(cache.get('k')).toEqual({ completion: { text: 'Hello', usage: completion.usage, stopReason: 'end_turn', latencyMs: 321.5 }, cachedAt: '2023-11-14T22:13:20.000Z' });
  });

  it.each(['not json', '[]', '{"text":1}', '{"text":"x","latencyMs":1}', 'null'])('an unreadable entry %j is a miss', (value) => {
    const store = memoryStore();
    store.rows.set('k', { value, createdAt: 1 });
    expect(responseCache(store, clock).get('k')).toBeUndefined();
  });

  it.each(['get', 'put'] as const)('a store whose %s fails reports once and turns into no cache', (fail) => {
    const errors: unknown[] = [];
    const cache = responseCache(memoryStore(fail), clock, (e) => errors.push(e));
    for (let i = 0; i < 3; i++) {
      cache.put(`k${i}`, model.id, completion);
      expect(cache.get(`k${i}`)).toBeUndefined();
    }
    expect(errors).toHaveLength(1);
  });
});

describe('tool calls in the cache', () => {
  it('a cached answer keeps its tool calls and content; tools and tool_choice are in the key', () => {
    const cache = responseCache(memoryStore(), { now: () => 0 });
    const withTools: CompletionRequest = { ...request, tools: [{ name: 'f', inputSchema: { type: 'object' } }], toolChoice: { type: 'auto' } };
    const calls = [{ id: 't1', name: 'f', input: { a: 1 } }];
    const answer: Completion = { ...completion, toolCalls: calls, content: [{ type: 'tool_use', ...calls[0]! }] };
    const key = cache.keyFor(provider, model, withTools, 1);
    expect(key).not.toBe(cache.keyFor(provider, model, request, 1));
    expect(key).not.toBe(cache.keyFor(provider, model, { ...withTools, toolChoice: { type: 'any' } }, 1));
    cache.put(key, model.id, answer);
    expect(cache.get(key)?.completion).toMatchObject({ toolCalls: calls, content: answer.content });
  });
});
