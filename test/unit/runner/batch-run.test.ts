import { describe, expect, it } from 'vitest';
import { runBatched, customIdOf, type BatchOptions } from '../../../src/runner/batch-run.js';
import type { BatchEntry, BatchLog } from '../../../src/run-log/batch-log.js';
import { planItems, type WorkItem } from '../../../src/runner/plan.js';
import { createScorer } from '../../../src/scoring/create.js';
import { ProviderError } from '../../../src/errors.js';
import { responseCache } from '../../../src/runner/response-cache.js';
import type { BatchApi, BatchResult, BatchStatus, Provider, RunRecord } from '../../../src/types.js';
import type { CacheStore, CachedEntry } from '../../../src/cache/store.js';
import { evalSpec, fakeClock, sample } from './fakes.js';

// runBatched against an in-memory Message Batches API whose every call can be scripted to fail: what
// is written off, what is polled again, what stops the run, and that nothing is paid for twice.

const HAIKU = 'anthropic:claude-haiku-5-5';
const ok = (id: string, text: string): BatchResult => ({ customId: id, ok: true, completion: { text, usage: { inputTokens: 1000, outputTokens: 10, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: Number.NaN } });

interface Script {
  create?: (n: number) => ProviderError | undefined;
  retrieve?: (n: number) => ProviderError | undefined;
  /** Which results a download yields; throwing mid-way is allowed. */
  results?: (n: number, all: BatchResult[]) => BatchResult[] | ProviderError;
}

function fakeApi(s: Script = {}) {
  const batches = new Map<string, string[]>();
  const counts = { create: 0, retrieve: 0, results: 0 };
  const api: BatchApi = {
    maxRequests: 100_000,
    create: async (requests) => {
      counts.create += 1;
      const e = s.create?.(counts.create);
      if (e !== undefined) throw e;
      const id = `b${batches.size + 1}`;
      batches.set(id, requests.map((r) => r.customId));
      return { id };
    },
    retrieve: async (id): Promise<BatchStatus> => {
      counts.retrieve += 1;
      const e = s.retrieve?.(counts.retrieve);
      if (e !== undefined) throw e;
      return { id, ended: true, status: 'ended', counts: { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 } };
    },
    results: (id) => ({
      async *[Symbol.asyncIterator]() {
        counts.results += 1;
        const all = (batches.get(id) ?? []).map((cid) => ok(cid, `answer ${cid}`));
        const got = s.results?.(counts.results, all) ?? all;
        if (got instanceof ProviderError) throw got;
        yield* got;
      },
    }),
  };
  return { api, batches, counts };
}

function memLog(): BatchLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, creating: () => lines.push('creating'), created: (e) => lines.push(`created ${e.batchId}`), createFailed: () => lines.push('create_failed'), collected: (id) => lines.push(`collected ${id}`) };
}

function setup(api: BatchApi, n = 3, over: Partial<BatchOptions> = {}, onRecord?: (r: RunRecord) => void) {
  const spec = evalSpec();
  const provider: Provider = { id: HAIKU, queueKey: 'q', simulated: false, pricingModel: 'claude-haiku-5-5', complete: async () => { throw new Error('no direct calls in batch mode'); }, batch: api };
  const items = planItems(Array.from({ length: n }, (_, i) => sample(`s${i}`, { question: `q${i}` }, `answer i${i}`)), [HAIKU], 1);
  const records: RunRecord[] = [];
  const log = memLog();
  const ctx = { runId: 'run-1', spec, providers: new Map([[HAIKU, provider]]), scorers: spec.scorers.map(createScorer), targetPool: [], clock: fakeClock(), rand: () => 0, stopSignal: new AbortController().signal };
  const run = () => runBatched(items, ctx, { graceMs: 0, onRecord: (r) => { onRecord?.(r); records.push(r); } }, { pollMs: 10, maxPollMs: 100, maxPerBatch: 2, log, open: [], hasRecord: () => false, ...over });
  return { items, records, log, ctx, run };
}

const err = (kind: ProviderError['kind'], msg: string = kind) => new ProviderError(kind, msg);

describe('runBatched', () => {
  it('sends batches of maxPerBatch, collects them, half price, one record per item', async () => {
    const f = fakeApi();
    const s = setup(f.api, 5);
    const out = await s.run();
    expect(out).toMatchObject({ status: 'completed', stoppedBy: null, finished: 5 });
    expect([...f.batches.values()].map((ids) => ids.length)).toEqual([2, 2, 1]);
    expect(s.records.map((r) => [r.sampleId, r.pass, r.costUsd, r.latencyMs, r.batchId])).toEqual(
      s.items.map((item, i) => [item.sample.id, true, 0.0000525, null, `b${Math.floor(i / 2) + 1}`]));
    expect(s.log.lines.filter((l) => l.startsWith('collected'))).toHaveLength(3);
  });

  it('a status check that keeps failing transiently does not write the batch off: it is polled again', async () => {
    const f = fakeApi({ retrieve: (n) => (n <= 8 ? err('connection') : undefined) });
    const s = setup(f.api, 2);
    expect(await s.run()).toMatchObject({ status: 'completed' });
    expect(s.records.every((r) => r.status === 'ok')).toBe(true);
    expect(f.counts.create).toBe(1);
  });

  it('a batch the API says is gone (404) ends its items in error', async () => {
    const f = fakeApi({ retrieve: () => err('bad_request', 'HTTP 404 not_found_error') });
    const s = setup(f.api, 2);
    expect(await s.run()).toMatchObject({ status: 'completed' });
    expect(s.records.map((r) => r.error?.kind)).toEqual(['bad_request', 'bad_request']);
  });

  it('an auth failure while polling stops the run and leaves the batch open for a resume', async () => {
    const f = fakeApi({ retrieve: () => err('auth', 'HTTP 401') });
    const s = setup(f.api, 2);
    const out = await s.run();
    expect(out).toMatchObject({ status: 'aborted', stoppedBy: 'batch_error' });
    expect(out.stopMessage).toContain('fix the key, then --resume');
    expect(s.records).toHaveLength(0);
    expect(s.log.lines.some((l) => l.startsWith('collected'))).toBe(false);
  });

  it('a create that timed out is not retried (the batch may exist): the run stops, nothing recorded for it', async () => {
    const f = fakeApi({ create: (n) => (n === 1 ? err('timeout') : undefined) });
    const s = setup(f.api, 2);
    const out = await s.run();
    expect(f.counts.create).toBe(1);
    expect(out).toMatchObject({ status: 'aborted', stoppedBy: 'batch_error' });
    expect(out.stopMessage).toContain('the API may have made that batch');
    expect(s.records).toHaveLength(0);
  });

  it('a create refused with 429 is retried; one refused with 400 records its items as errors', async () => {
    const retried = fakeApi({ create: (n) => (n === 1 ? err('rate_limit') : undefined) });
    const a = setup(retried.api, 2);
    expect(await a.run()).toMatchObject({ status: 'completed' });
    expect(retried.counts.create).toBe(2);
    const refused = fakeApi({ create: () => err('bad_request', 'HTTP 400 invalid_request_error: too large') });
    const b = setup(refused.api, 2);
    expect(await b.run()).toMatchObject({ status: 'completed' });
    expect(b.records.map((r) => r.error?.message)).toEqual(['batch create refused: HTTP 400 invalid_request_error: too large', 'batch create refused: HTTP 400 invalid_request_error: too large']);
    expect(b.log.lines).toEqual(['creating', 'create_failed']);
  });

  it('a short or broken download is tried again; after 5 tries the run stops with the batch open', async () => {
    const short = fakeApi({ results: (n, all) => (n === 1 ? all.slice(0, 1) : n === 2 ? err('connection') : all) });
    const a = setup(short.api, 2);
    expect(await a.run()).toMatchObject({ status: 'completed' });
    expect(a.records.map((r) => r.sampleId).sort()).toEqual(['s0', 's1']);
    const broken = fakeApi({ results: () => err('server') });
    const b = setup(broken.api, 2);
    const out = await b.run();
    expect(broken.counts.results).toBe(5);
    expect(out).toMatchObject({ status: 'aborted', stoppedBy: 'batch_error' });
    expect(out.stopMessage).toContain('--resume to try again');
  });

  it('a record that cannot be written crashes the run; the item is not counted as done', async () => {
    const f = fakeApi();
    let writes = 0;
    const s = setup(f.api, 2, {}, () => { writes += 1; if (writes === 1) throw new Error('ENOSPC'); });
    await expect(s.run()).rejects.toThrow('ENOSPC');
    expect(s.log.lines.some((l) => l.startsWith('collected'))).toBe(false);
  });

  it('resumes open batches; items being retried after an error go to a new batch, never the old one', async () => {
    const f = fakeApi();
    const open: BatchEntry[] = [{ runId: 'run-1', batchId: 'b1', model: HAIKU, customIds: ['i0', 'i1'], createdAt: '2026-01-01T00:00:00.000Z' }];
    f.batches.set('b1', ['i0', 'i1']);
    const s = setup(f.api, 2, { open, hasRecord: (item: WorkItem) => customIdOf(item) === 'i1' });
    expect(await s.run()).toMatchObject({ status: 'completed' });
    expect(s.records.map((r) => [r.sampleId, r.batchId])).toEqual([['s0', 'b1'], ['s1', 'b2']]);
    expect(f.counts.create).toBe(1);
  });

  it('answers in the response cache are not sent; batch answers are stored in it', async () => {
    const rows = new Map<string, CachedEntry>();
    const store: CacheStore = { get: (k) => rows.get(k), put: (k, _m, value, now) => { rows.set(k, { value, createdAt: now }); }, stats: () => ({ entries: rows.size, bytes: 0, oldest: null, newest: null, byModel: [], path: 'mem' }), clear: () => 0, close: () => {} };
    const f = fakeApi();
    const first = setup(f.api, 3);
    const cached = { ...first.ctx, cache: responseCache(store, first.ctx.clock) };
    const firstRun = await runBatched(first.items, cached, { graceMs: 0, onRecord: () => undefined }, { pollMs: 10, maxPollMs: 10, maxPerBatch: 10, log: memLog(), open: [], hasRecord: () => false });
    expect(firstRun.status).toBe('completed');
    expect(rows.size).toBe(3);
    const records: RunRecord[] = [];
    await runBatched(first.items, cached, { graceMs: 0, onRecord: (r) => { records.push(r); } }, { pollMs: 10, maxPollMs: 10, maxPerBatch: 10, log: memLog(), open: [], hasRecord: () => false });
    expect(f.counts.create).toBe(1);
    expect(records.every((r) => r.cached && r.attempts === 0 && r.latencyMs === null)).toBe(true);
  });
});
