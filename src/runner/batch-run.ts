import type { BatchApi, BatchResult, RunRecord } from '../types.js';
import { costUsd } from '../pricing/table.js';
import { buildRequest } from './request.js';
import { withRetries } from './retry.js';
import { errorRecord, scoreAnswer, type ItemParts, type RunContext } from './execute.js';
import type { WorkItem } from './plan.js';
import type { RunHooks, RunOutcome } from './run.js';
import type { BatchEntry, BatchLog } from './batch-log.js';

// run --batch: the work goes through the provider's Message Batches API (half price). Items are sent in
// batches of at most maxPerBatch, each batch is polled with growing waits until it ends, and its
// results are matched to items by custom_id, scored and recorded like any other item. Batch ids are
// logged in the run directory before anything waits on them, so a killed run resumes by polling the
// same batches instead of paying for new ones.

export interface BatchOptions {
  /** First wait between polls; it grows by half each round up to maxPollMs. */
  readonly pollMs: number;
  readonly maxPollMs: number;
  /** Requests per batch (also capped by the API's own maximum). */
  readonly maxPerBatch: number;
  readonly log: BatchLog;
  /** Batches an earlier process created and did not collect. */
  readonly open: readonly BatchEntry[];
  /** Status lines for the user (batch created, still processing, collected). */
  readonly onNote?: (text: string) => void;
}

/** custom_id of an item: its position in the plan (unique, stable across restarts, ≤ 64 characters). */
export const customIdOf = (item: WorkItem): string => `i${item.index}`;

type Ctx = Omit<RunContext, 'abortSignal'>;

const never = new AbortController().signal;

export async function runBatched(items: readonly WorkItem[], ctx: Ctx, hooks: RunHooks, o: BatchOptions): Promise<RunOutcome> {
  const todo = new Map(items.map((item) => [customIdOf(item), item]));
  const note = o.onNote ?? (() => undefined);
  let finished = 0;
  let errors = 0;
  const record = async (item: WorkItem, r: RunRecord) => {
    todo.delete(customIdOf(item));
    finished += 1;
    if (r.status === 'error') errors += 1;
    await hooks.onRecord(r, { done: finished, total: items.length, errors }, item);
  };
  const apiOf = (model: string): BatchApi => {
    const api = ctx.providers.get(model)?.batch;
    if (api === undefined) throw new Error(`${model} has no Message Batches API`);
    return api;
  };
  const retryDeps = { clock: ctx.clock, rand: ctx.rand, signal: ctx.stopSignal };
  const parts = (item: WorkItem, entry: BatchEntry): ItemParts => {
    const startedAt = Date.parse(entry.createdAt);
    return { item, ctx, simulated: false, call: { startedAt, attempts: 1, retries: [], durationMs: ctx.clock.now() - startedAt, batchId: entry.batchId } };
  };

  const waiting = o.open.filter((b) => b.customIds.some((id) => todo.has(id)));
  for (const b of waiting) note(`batch ${b.batchId} (${b.model}, ${b.customIds.length} requests) from the earlier run: collecting it`);
  const inOpen = new Set(waiting.flatMap((b) => b.customIds));
  const fresh = items.filter((item) => !inOpen.has(customIdOf(item)));

  // Create: one model per batch, at most maxPerBatch requests each.
  for (const model of ctx.spec.models) {
    const mine = fresh.filter((i) => i.modelId === model.id);
    const size = Math.max(1, Math.min(o.maxPerBatch, apiOf(model.id).maxRequests));
    for (let start = 0; start < mine.length && !ctx.stopSignal.aborted; start += size) {
      const chunk = mine.slice(start, start + size);
      const requests = chunk.map((item) => ({ customId: customIdOf(item), request: buildRequest(ctx.spec, model, item.sample) }));
      const at = new Date(ctx.clock.now()).toISOString();
      o.log.creating(model.id, requests.length, at);
      // A create is never cut off by a stop: its batch id must reach the log, or the batch is lost.
      const made = await withRetries(() => apiOf(model.id).create(requests, never), ctx.spec.run, { ...retryDeps, signal: never });
      if (!made.result.ok) {
        const { kind, message } = made.result.error;
        const entry = { batchId: '', model: model.id, customIds: [], createdAt: at };
        for (const item of chunk) await record(item, errorRecord({ ...parts(item, entry), call: { startedAt: Date.parse(at), attempts: made.attempts, retries: made.retries, durationMs: ctx.clock.now() - Date.parse(at) } }, { kind, message: `batch create failed: ${message}`, stage: 'provider' }));
        continue;
      }
      const entry: BatchEntry = { batchId: made.result.value.id, model: model.id, customIds: requests.map((r) => r.customId), createdAt: at };
      o.log.created(entry);
      waiting.push(entry);
      note(`batch ${entry.batchId}: ${requests.length} requests for ${model.id} sent`);
    }
  }

  // Poll until every batch has ended and been collected, or the run is stopped.
  let wait = o.pollMs;
  while (waiting.length > 0 && !ctx.stopSignal.aborted) {
    for (const entry of [...waiting]) {
      if (ctx.stopSignal.aborted) break;
      const api = apiOf(entry.model);
      const status = await withRetries(() => api.retrieve(entry.batchId, ctx.stopSignal), ctx.spec.run, retryDeps);
      if (ctx.stopSignal.aborted) break;
      if (!status.result.ok) {
        // The batch cannot be read (deleted, or the key lost access): its items end in error.
        const { kind, message } = status.result.error;
        for (const id of entry.customIds) {
          const item = todo.get(id);
          if (item !== undefined) await record(item, errorRecord(parts(item, entry), { kind, message: `batch ${entry.batchId} cannot be read: ${message}`, stage: 'provider' }));
        }
        o.log.collected(entry.batchId, new Date(ctx.clock.now()).toISOString());
        waiting.splice(waiting.indexOf(entry), 1);
        continue;
      }
      const s = status.result.value;
      if (!s.ended) continue;
      if (await collect(entry, api)) {
        o.log.collected(entry.batchId, new Date(ctx.clock.now()).toISOString());
        waiting.splice(waiting.indexOf(entry), 1);
        note(`batch ${entry.batchId}: ended (${s.counts.succeeded} succeeded, ${s.counts.errored} errored, ${s.counts.expired} expired, ${s.counts.canceled} canceled)`);
      }
    }
    if (waiting.length === 0 || ctx.stopSignal.aborted) break;
    await ctx.clock.sleep(wait, ctx.stopSignal).catch(() => undefined);
    wait = Math.min(o.maxPollMs, wait * 1.5);
  }

  /** Results of an ended batch; false when the download broke off (it is tried again at the next poll). */
  async function collect(entry: BatchEntry, api: BatchApi): Promise<boolean> {
    const model = ctx.spec.models.find((m) => m.id === entry.model);
    const provider = ctx.providers.get(entry.model);
    if (model === undefined || provider === undefined) return false;
    try {
      for await (const r of api.results(entry.batchId, ctx.stopSignal)) {
        const item = todo.get(r.customId);
        if (item === undefined) continue; // recorded before a restart, or not ours
        await record(item, await toRecord(item, r));
      }
    } catch (err) {
      if (ctx.stopSignal.aborted) return false;
      note(`batch ${entry.batchId}: results download failed (${err instanceof Error ? err.message : String(err)}); trying again`);
      return false;
    }
    for (const id of entry.customIds) {
      const item = todo.get(id);
      if (item !== undefined) await record(item, errorRecord(parts(item, entry), { kind: 'unknown', message: `batch ${entry.batchId} ended without a result for ${id}`, stage: 'provider' }));
    }
    return true;

    function toRecord(item: WorkItem, r: BatchResult): Promise<RunRecord> | RunRecord {
      const p = parts(item, entry);
      if (!r.ok) return errorRecord(p, { kind: r.kind, message: r.message, stage: 'provider' });
      return scoreAnswer(p, r.completion, costUsd(provider?.pricingModel, r.completion.usage, { batch: true }), ctx.scorers, ctx.stopSignal);
    }
  }

  const left = waiting.length;
  const status = todo.size === 0 ? 'completed' : 'aborted';
  return {
    status,
    stoppedBy: status === 'completed' ? null : 'interrupt',
    stopMessage: left > 0 ? `${left} batch(es) still processing on the API; resume with --resume to collect them (results are kept 29 days)` : null,
    finished,
  };
}
