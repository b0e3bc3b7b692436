import type { BatchApi, RunRecord } from '../types.js';
import { buildRequest } from './request.js';
import { withRetries } from './retry.js';
import { errorRecord, scoreAnswer } from './execute.js';
import type { ItemList, WorkItem } from './plan.js';
import type { RunHooks, RunOutcome } from './run.js';
import type { BatchEntry, BatchLog } from './batch-log.js';
import { batchParts, collectBatch, fromCache } from './batch-collect.js';
import type { RunContext } from './execute.js';
import { judgeClient } from './judge-client.js';

// run --batch: the work goes through the provider's Message Batches API (half price). Items already in
// the response cache are answered from it; the rest are sent in batches of at most maxPerBatch requests
// (and maxBytes of JSON), each batch is polled with growing waits until it ends, and its results are
// matched to items by custom_id, scored and recorded like any other item. Batch ids are logged in the
// run directory before anything waits on them, so a killed run resumes by polling the same batches
// instead of paying for new ones. A batch is written off only when the API says it does not exist.

export interface BatchOptions {
  /** First wait between polls; it grows by half each round up to maxPollMs. */
  readonly pollMs: number;
  readonly maxPollMs: number;
  /** Requests per batch (also capped by the API's own maximum). */
  readonly maxPerBatch: number;
  /** JSON bytes per batch create (the API takes 256 MB). */
  readonly maxBytes?: number;
  readonly log: BatchLog;
  /** Batches this run created earlier (a resume) and did not collect. */
  readonly open: readonly BatchEntry[];
  /** The item has a record already (it is being retried): it is sent again, never taken from an old batch. */
  readonly hasRecord: (item: WorkItem) => boolean;
  readonly onNote?: (text: string) => void;
}

/** custom_id of an item: its position in the plan (unique, stable across restarts, ≤ 64 characters). */
export const customIdOf = (item: WorkItem): string => `i${item.index}`;

const MAX_DOWNLOAD_FAILURES = 5;
const never = new AbortController().signal;
type Ctx = Omit<RunContext, 'abortSignal'>;

export async function runBatched(items: ItemList, given: Ctx, hooks: RunHooks, o: BatchOptions): Promise<RunOutcome> {
  // Judges of model-graded scorers are called directly (not batched), with the run's retries and cache.
  const ctx: Ctx = { ...given, judge: judgeClient({ ...given, abortSignal: given.stopSignal }) };
  const todo = new Map(Array.from(items, (item) => [customIdOf(item), item]));
  /** custom_id → the batch that will answer it. */
  const assigned = new Map<string, string>();
  const note = o.onNote ?? (() => undefined);
  let finished = 0;
  let errors = 0;
  let fatal: string | undefined;
  const record = async (item: WorkItem, r: RunRecord) => {
    const progress = { done: finished + 1, total: items.length, errors: errors + (r.status === 'error' ? 1 : 0) };
    await hooks.onRecord(r, progress, item); // only once it is written does the item count as done
    todo.delete(customIdOf(item));
    finished = progress.done;
    errors = progress.errors;
  };
  const collector = {
    itemFor: (id: string, batchId: string) => (assigned.get(id) === batchId ? todo.get(id) : undefined),
    record,
  };
  const apiOf = (model: string): BatchApi => {
    const api = ctx.providers.get(model)?.batch;
    if (api === undefined) throw new Error(`${model} has no Message Batches API`);
    return api;
  };
  const retryDeps = { clock: ctx.clock, rand: ctx.rand, signal: ctx.stopSignal };

  const waiting: BatchEntry[] = [];
  for (const b of o.open) {
    const mine = b.customIds.filter((id) => { const item = todo.get(id); return item !== undefined && !o.hasRecord(item); });
    if (mine.length === 0) continue;
    for (const id of mine) assigned.set(id, b.batchId);
    waiting.push(b);
    note(`batch ${b.batchId} (${b.model}, ${b.customIds.length} requests) from before the restart: collecting it`);
  }
  const fresh: WorkItem[] = [];
  for (const item of items) {
    if (assigned.has(customIdOf(item))) continue;
    const hit = fromCache(ctx, item);
    if (hit === undefined) fresh.push(item);
    else await record(item, await scoreAnswer({ item, ctx, simulated: false, call: { startedAt: ctx.clock.now(), attempts: 0, retries: [], durationMs: 0, cachedAt: hit.cachedAt } }, hit.completion, hit.costUsd, ctx, ctx.stopSignal));
  }

  // Create: one model per batch, at most maxPerBatch requests and maxBytes of JSON each.
  for (const model of ctx.spec.models) {
    if (ctx.stopSignal.aborted || fatal !== undefined) break;
    const mine = fresh.filter((i) => i.modelId === model.id).map((item) => ({ item, request: { customId: customIdOf(item), request: buildRequest(ctx.spec, model, item.sample) } }));
    const size = Math.max(1, Math.min(o.maxPerBatch, apiOf(model.id).maxRequests));
    for (const chunk of chunks(mine, size, o.maxBytes ?? 200_000_000)) {
      if (ctx.stopSignal.aborted) break;
      const at = new Date(ctx.clock.now()).toISOString();
      o.log.creating(model.id, chunk.length, at);
      // Retried only when the API surely refused it (429, 529): after a timeout or a reset the batch may
      // exist, and a second create would pay twice. A create is never cut off by a stop.
      const made = await withRetries(() => apiOf(model.id).create(chunk.map((c) => c.request), never), ctx.spec.run,
        { ...retryDeps, signal: never, retryable: (e) => e.kind === 'rate_limit' || e.kind === 'overloaded' });
      if (made.result.ok) {
        const entry: BatchEntry = { runId: ctx.runId, batchId: made.result.value.id, model: model.id, customIds: chunk.map((c) => c.request.customId), createdAt: at };
        o.log.created(entry);
        for (const id of entry.customIds) assigned.set(id, entry.batchId);
        waiting.push(entry);
        note(`batch ${entry.batchId}: ${chunk.length} requests for ${model.id} sent`);
        continue;
      }
      const { kind, message } = made.result.error;
      if (kind === 'bad_request' || kind === 'auth' || kind === 'rate_limit' || kind === 'overloaded') {
        o.log.createFailed(model.id, at);
        for (const { item } of chunk) await record(item, errorRecord({ ...batchParts(ctx, item, { batchId: '', createdAt: at }), call: { startedAt: Date.parse(at), attempts: made.attempts, retries: made.retries, durationMs: ctx.clock.now() - Date.parse(at) } }, { kind, message: `batch create refused: ${message}`, stage: 'provider' }));
        continue;
      }
      fatal = `a batch create for ${chunk.length} requests ended in ${kind} (${message}); the API may have made that batch. Nothing was recorded for its items: look for it in the Console, then --resume (they are sent again)`;
      break;
    }
  }

  // Poll until every batch has ended and been collected, or the run stops.
  let wait = o.pollMs;
  const failures = new Map<string, number>();
  while (waiting.length > 0 && !ctx.stopSignal.aborted) {
    for (const entry of [...waiting]) {
      if (ctx.stopSignal.aborted) break;
      const api = apiOf(entry.model);
      const status = await withRetries(() => api.retrieve(entry.batchId, ctx.stopSignal), ctx.spec.run, retryDeps);
      if (ctx.stopSignal.aborted) break;
      if (!status.result.ok) {
        const { kind, message } = status.result.error;
        if (kind === 'bad_request') {
          // 404: the batch is gone (deleted, or another workspace). Its items end in error.
          for (const id of entry.customIds) {
            const item = collector.itemFor(id, entry.batchId);
            if (item !== undefined) await record(item, errorRecord(batchParts(ctx, item, entry), { kind, message: `batch ${entry.batchId} cannot be read: ${message}`, stage: 'provider' }));
          }
          o.log.collected(entry.batchId, new Date(ctx.clock.now()).toISOString());
          waiting.splice(waiting.indexOf(entry), 1);
        } else if (kind === 'auth') {
          fatal = `batch ${entry.batchId} cannot be read (${message}); the batches stay open on the API: fix the key, then --resume to collect them`;
        } else {
          note(`batch ${entry.batchId}: status check failed (${kind}: ${message}); trying again at the next poll`);
        }
        continue;
      }
      const s = status.result.value;
      if (!s.ended) continue;
      const got = await collectBatch(ctx, api, entry, collector);
      if (got.ok) {
        o.log.collected(entry.batchId, new Date(ctx.clock.now()).toISOString());
        waiting.splice(waiting.indexOf(entry), 1);
        note(`batch ${entry.batchId}: ended (${s.counts.succeeded} succeeded, ${s.counts.errored} errored, ${s.counts.expired} expired, ${s.counts.canceled} canceled)`);
        continue;
      }
      if (ctx.stopSignal.aborted) break;
      const n = (failures.get(entry.batchId) ?? 0) + 1;
      failures.set(entry.batchId, n);
      note(`batch ${entry.batchId}: ${got.message} (${n} of ${MAX_DOWNLOAD_FAILURES} tries)`);
      if (n >= MAX_DOWNLOAD_FAILURES) fatal = `batch ${entry.batchId}: ${got.message}, ${n} times; the batch stays open: --resume to try again (results are kept 29 days)`;
    }
    if (waiting.length === 0 || ctx.stopSignal.aborted || fatal !== undefined) break;
    await ctx.clock.sleep(wait, ctx.stopSignal).catch(() => undefined);
    wait = Math.min(o.maxPollMs, wait * 1.5);
  }

  const status = todo.size === 0 ? 'completed' : 'aborted';
  const left = waiting.length > 0 ? `${waiting.length} batch(es) still open on the API; --resume collects them (results are kept 29 days)` : null;
  return {
    status,
    stoppedBy: status === 'completed' ? null : ctx.stopSignal.aborted ? 'interrupt' : 'batch_error',
    stopMessage: fatal ?? (status === 'completed' ? null : left),
    finished,
  };
}

/** Consecutive slices of at most `size` requests and about `maxBytes` of JSON (one request always fits). */
function chunks<T extends { request: { request: unknown } }>(all: readonly T[], size: number, maxBytes: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const x of all) {
    const b = JSON.stringify(x.request.request).length + 200;
    if (cur.length > 0 && (cur.length >= size || bytes + b > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(x);
    bytes += b;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}
