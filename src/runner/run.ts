import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { RunRecord } from '../types.js';
import { executeItem, type RunContext } from './execute.js';
import type { WorkItem } from './plan.js';

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly errors: number;
}

export interface RunHooks {
  /** Called once per finished item, in completion order (the records writer appends here). */
  readonly onRecord: (record: RunRecord, progress: Progress) => void | Promise<void>;
  /** How long calls in flight may finish after a stop before they are cancelled. */
  readonly graceMs: number;
}

export interface RunOutcome {
  readonly status: 'completed' | 'aborted';
  /** Items that produced a record. Records themselves go to hooks.onRecord only (memory stays flat). */
  readonly finished: number;
}

/** Run every item through one p-queue per provider queue key; stop cleanly when stopSignal fires. */
export async function runItems(items: readonly WorkItem[], ctx: Omit<RunContext, 'abortSignal'>, hooks: RunHooks): Promise<RunOutcome> {
  const abort = new AbortController();
  // Every call in flight listens on these signals (SDK requests, backoff sleeps): lift Node's
  // listener-count warning, which assumes ~10 listeners per target.
  setMaxListeners(0, abort.signal, ctx.stopSignal);
  const full: RunContext = { ...ctx, abortSignal: abort.signal };
  const queues = new Map<string, PQueue>();
  const queueFor = (modelId: string): PQueue => {
    const provider = ctx.providers.get(modelId);
    const model = ctx.spec.models.find((m) => m.id === modelId);
    const key = provider?.queueKey ?? modelId;
    let q = queues.get(key);
    if (q === undefined) {
      q = new PQueue({ concurrency: model?.concurrency ?? ctx.spec.run.concurrency });
      queues.set(key, q);
    }
    return q;
  };
  let finished = 0;
  let errors = 0;
  let grace: NodeJS.Timeout | undefined;
  const onStop = () => {
    for (const q of queues.values()) q.clear();
    grace = setTimeout(() => abort.abort(new Error('grace period over')), hooks.graceMs);
  };
  ctx.stopSignal.addEventListener('abort', onStop, { once: true });
  const finish = async (item: WorkItem) => {
    if (ctx.stopSignal.aborted) return;
    const record = await executeItem(item, full);
    finished += 1;
    if (record.status === 'error') errors += 1;
    await hooks.onRecord(record, { done: finished, total: items.length, errors });
  };
  try {
    // A stop clears the queues (onStop): queued items never start and their add() promises never
    // settle, so completion is awaited through onIdle, and bugs surface through `crashed`.
    let crashed: unknown;
    // Items are fed lazily, a few per slot, so a 100k-item plan never sits in the queues at once.
    for (const item of items) {
      if (ctx.stopSignal.aborted) break;
      const q = queueFor(item.modelId);
      const high = Math.max(4, q.concurrency * 2);
      if (q.size >= high) await q.onSizeLessThan(high);
      void q.add(() => finish(item)).catch((err: unknown) => { crashed ??= err; });
    }
    await Promise.all([...queues.values()].map((q) => q.onIdle()));
    await new Promise((resolve) => setImmediate(resolve)); // let the last rejection handlers run
    if (crashed !== undefined) throw crashed;
  } finally {
    ctx.stopSignal.removeEventListener('abort', onStop);
    if (grace !== undefined) clearTimeout(grace);
  }
  return { status: finished < items.length ? 'aborted' : 'completed', finished };
}
