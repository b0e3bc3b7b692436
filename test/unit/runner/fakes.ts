// Test doubles for the runner: a fake Clock, a deferred, a resolved EvalSpec built by hand, and an
// in-memory cache store.
import type { Clock, FailureKind, Sample } from '../../../src/types.js';
import { ProviderError } from '../../../src/errors.js';
import { isTransport } from '../../../src/providers/transport.js';
import type { EvalSpec, ModelSpec } from '../../../src/spec/types.js';
import type { ScorerSpec } from '../../../src/scoring/create.js';
import type { CacheStore, CachedEntry } from '../../../src/cache/store.js';

export const T0 = Date.UTC(2026, 0, 1);

export interface FakeClock extends Clock {
  /** Every wait requested through sleep(), in order. */
  readonly sleeps: number[];
}

/** now() starts at T0 and moves only when sleep() is called; sleep() resolves at once (or rejects when aborted). */
export function fakeClock(onSleep?: (ms: number) => void): FakeClock {
  let t = T0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      onSleep?.(ms);
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      t += ms;
    },
  };
}

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(err: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export function modelSpec(id: string, extra: Partial<ModelSpec> = {}): ModelSpec {
  const colon = id.indexOf(':');
  const provider = id.slice(0, colon) as ModelSpec['provider'];
  return {
    id,
    provider,
    model: id.slice(colon + 1),
    label: id,
    maxTokens: 64,
    stream: false,
    apiKeyEnv: provider === 'openai' ? 'OPENAI_API_KEY' : 'ANTHROPIC_API_KEY',
    concurrency: 4,
    // HAIKUBENCH_TRANSPORT=undici or fetch runs the provider tests on that transport instead of the default (node).
    ...(isTransport(process.env['HAIKUBENCH_TRANSPORT']) && { transport: process.env['HAIKUBENCH_TRANSPORT'] }),
    ...extra,
  };
}

export function scorerSpec(type: string, extra: Partial<ScorerSpec> = {}): ScorerSpec {
  return { type, name: type, weight: 1, negate: false, options: {}, ...extra };
}

export function evalSpec(extra: Partial<EvalSpec> = {}): EvalSpec {
  return {
    id: 'unit-eval',
    file: '/specs/unit.eval.yaml',
    dataset: { path: '/specs/data.jsonl', format: 'jsonl', fields: { metadata: [] }, shuffle: false, seed: 0 },
    prompt: { messages: [{ role: 'user', content: '{{question}}' }], shorthand: false },
    models: [modelSpec('anthropic:claude-haiku-5-5')],
    judges: [],
    scorers: [scorerSpec('equals')],
    pass: { mode: 'all' },
    gates: [],
    regression: null,
    run: { epochs: 1, concurrency: 4, seed: 0, timeoutMs: 5_000, maxAttempts: 3, maxRetryWaitMs: 60_000, maxErrorRate: 0.1, confidence: 0.95, retryBudgets: { rate_limit: 8, overloaded: 5, server: 3 } },
    ...extra,
  };
}

export function sample(id: string, vars: Sample['vars'], target?: Sample['target']): Sample {
  return { id, vars, ...(target !== undefined && { target }), metadata: {}, source: `data.jsonl:${id}` };
}

/** Let pending promise callbacks and I/O callbacks run (no timers, no wall time). */
export const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An in-memory CacheStore: `rows` holds what was stored (value and createdAt), by key. */
export function memoryStore(): CacheStore & { readonly rows: Map<string, CachedEntry> } {
  const rows = new Map<string, CachedEntry>();
  return {
    rows,
    get: (key) => rows.get(key),
    put: (key, _model, value, now) => { rows.set(key, { value, createdAt: now }); },
    stats: () => ({ entries: rows.size, bytes: 0, oldest: null, newest: null, byModel: [], path: 'mem' }),
    clear: () => 0,
    close: () => {},
  };
}

/** A call that fails with the given kinds in order, then returns `value`. */
export function script<T>(failures: readonly (FailureKind | ProviderError)[], value: T): { fn: () => Promise<T>; calls: () => number } {
  let n = 0;
  return {
    calls: () => n,
    fn: async () => {
      const f = failures[n++];
      if (f === undefined) return value;
      throw typeof f === 'string' ? new ProviderError(f, `injected ${f}`) : f;
    },
  };
}
