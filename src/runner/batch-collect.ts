import type { BatchApi, BatchResult, Provider, RunRecord } from '../types.js';
import type { ModelSpec } from '../spec/types.js';
import { recall, settle, type Answered, type Turn } from './generate.js';
import { buildRequest } from './request.js';
import { errorRecord, scoreAnswer, type ItemParts, type RunContext } from './execute.js';
import type { WorkItem } from './plan.js';
import type { BatchEntry } from './batch-log.js';

// Collecting one ended Message Batch: its results are downloaded, matched to items by custom_id, scored
// and recorded. A download that breaks off, or that holds fewer results than the batch had requests,
// is not the end of the batch: it is tried again at the next poll. Recording errors (a full disk) are
// not download errors: they stop the run.

type Ctx = Omit<RunContext, 'abortSignal'>;

export interface Collector {
  /** The item waiting on this custom_id in this batch, if any (items already recorded are not). */
  itemFor(customId: string, batchId: string): WorkItem | undefined;
  record(item: WorkItem, record: RunRecord): Promise<void>;
}

export type Collected = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** The facts every record of a batch item shares: one call, made when the batch was created. */
export function batchParts(ctx: Ctx, item: WorkItem, entry: Pick<BatchEntry, 'batchId' | 'createdAt'>): ItemParts {
  const startedAt = Date.parse(entry.createdAt);
  return { item, ctx, simulated: false, variant: ctx.spec.models.find((m) => m.id === item.modelId)?.variant?.id, call: { startedAt, attempts: 1, retries: [], durationMs: ctx.clock.now() - startedAt, ...(entry.batchId !== '' && { batchId: entry.batchId }) } };
}

export async function collectBatch(ctx: Ctx, api: BatchApi, entry: BatchEntry, c: Collector): Promise<Collected> {
  const model = ctx.spec.models.find((m) => m.id === entry.model);
  const provider = ctx.providers.get(entry.model);
  if (model === undefined || provider === undefined) return { ok: false, message: `${entry.model} is not a model of this run` };
  const ids = new Set(entry.customIds);
  const seen = new Set<string>();
  const lines = api.results(entry.batchId, ctx.stopSignal)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<BatchResult>;
    try {
      next = await lines.next();
    } catch (err) {
      return { ok: false, message: `results download failed: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (next.done === true) break;
    const r = next.value;
    if (!ids.has(r.customId)) continue;
    seen.add(r.customId);
    const item = c.itemFor(r.customId, entry.batchId);
    if (item === undefined) continue; // recorded before a restart
    const parts = batchParts(ctx, item, entry);
    if (!r.ok) {
      await c.record(item, errorRecord(parts, { kind: r.kind, message: r.message, stage: 'provider' }));
      continue;
    }
    // Kept and priced as a live call's answer would be, at the batch price.
    const cost = settle(ctx.cache, batchTurn(ctx, provider, model, item), r.completion, { batch: true });
    await c.record(item, await scoreAnswer(parts, r.completion, cost, ctx, ctx.stopSignal));
  }
  if (seen.size < ids.size) return { ok: false, message: `results incomplete: ${seen.size} of ${ids.size} requests` };
  return { ok: true };
}

/** The turn a batch request stands for: what its answer is cached under. */
function batchTurn(ctx: Ctx, provider: Provider, model: ModelSpec, item: WorkItem): Turn {
  return { provider, model, request: buildRequest(ctx.spec, model, item.sample), item: { sample: item.sample, epoch: item.epoch, targetPool: ctx.targetPool } };
}

/** Answer an item from the response cache, if it is there (a batch is not paid for what is known). */
export function fromCache(ctx: Ctx, item: WorkItem): Answered | undefined {
  const provider = ctx.providers.get(item.modelId);
  const model = ctx.spec.models.find((m) => m.id === item.modelId);
  if (ctx.cache === undefined || provider === undefined || model === undefined) return undefined;
  return recall(ctx.cache, batchTurn(ctx, provider, model, item));
}
