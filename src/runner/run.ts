import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import type { Provider, RunRecord } from '../types.js';
import { createPacer, paced, type Pacer } from './pacer.js';
import { executeItem, type RunContext } from './execute.js';
import { judgeClient } from './judge-client.js';
import { RunError } from '../errors.js';
import type { ItemList, WorkItem } from './plan.js';
import { spendOf, type CostBudget, type Spend } from './budget.js';
import { circuitBreaker } from './breaker.js';

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly errors: number;
}

export interface RunHooks {
  /** Called once per finished item, in completion order (the records writer appends here). */
  readonly onRecord: (record: RunRecord, progress: Progress, item: WorkItem) => void | Promise<void>;
  /** How long calls in flight may finish after a stop before they are cancelled. */
  readonly graceMs: number;
  /** A budget asked before each item starts; false ends the run there (calls in flight finish). */
  readonly budget?: CostBudget;
}

export interface RunOutcome {
  readonly status: 'completed' | 'aborted';
  /** Why an aborted run stopped. */
  readonly stoppedBy: 'interrupt' | 'budget' | 'circuit_breaker' | 'batch_error' | null;
  /** For a circuit-breaker stop: which error, how often. */
  readonly stopMessage: string | null;
  /** Items that produced a record. Records themselves go to hooks.onRecord only (memory stays flat). */
  readonly finished: number;
}

/** One queue and one pacer per provider queue key; providers are wrapped so every attempt is paced. */
function queuesFor(ctx: Omit<RunContext, 'abortSignal'>): { queues: Map<string, PQueue>; providers: Map<string, Provider> } {
  const queues = new Map<string, PQueue>();
  const pacers = new Map<string, Pacer>();
  const providers = new Map<string, Provider>();
  for (const [modelId, provider] of ctx.providers) {
    const key = provider.queueKey;
    let pacer = pacers.get(key);
    if (pacer === undefined) {
      const model = ctx.spec.models.find((m) => m.id === modelId);
      const queue = new PQueue({ concurrency: model?.concurrency ?? ctx.spec.run.concurrency });
      pacer = createPacer({
        clock: ctx.clock,
        maxConcurrency: queue.concurrency,
        setConcurrency: (n) => { queue.concurrency = n; },
        ...(model?.minuteLimits !== undefined && { minuteLimits: model.minuteLimits }),
      });
      queues.set(key, queue);
      pacers.set(key, pacer);
    }
    providers.set(modelId, paced(provider, pacer, ctx.stopSignal));
  }
  return { queues, providers };
}

/** Run every item through one p-queue per provider queue key; stop cleanly when stopSignal fires. */
export async function runItems(items: ItemList, ctx: Omit<RunContext, 'abortSignal'>, hooks: RunHooks): Promise<RunOutcome> {
  const abort = new AbortController();
  // Every call in flight listens on these signals (SDK requests, backoff sleeps): lift Node's
  // listener-count warning, which assumes ~10 listeners per target.
  setMaxListeners(0, abort.signal, ctx.stopSignal);
  const { queues, providers } = queuesFor(ctx);
  const paced: RunContext = { ...ctx, providers, abortSignal: abort.signal };
  // Model-graded scorers call their judges through the same paced providers, retries and cache.
  const full: RunContext = { ...paced, judge: judgeClient(paced) };
  const queueFor = (modelId: string): PQueue => {
    const key = ctx.providers.get(modelId)?.queueKey;
    const q = key === undefined ? undefined : queues.get(key);
    if (q === undefined) throw new Error(`no provider for ${modelId}`);
    return q;
  };
  let crashed: { error: unknown } | undefined;
  let halted: { by: 'budget' | 'circuit_breaker'; message: string | null } | undefined;
  const breaker = circuitBreaker(undefined, () => ctx.clock.now(), { firstContact: ctx.spec.run.connectionRetryMs === undefined });
  let finished = 0;
  let errors = 0;
  let grace: NodeJS.Timeout | undefined;
  // A candidate item waiting on a reference answer (pairwise against_model) must not outlive the run:
  // a stop ends the waits on references that never started, a crash every wait.
  const peers = ctx.peers;
  const onStop = () => {
    for (const q of queues.values()) q.clear();
    hooks.budget?.close();
    peers?.close(false);
    grace = setTimeout(() => abort.abort(new Error('grace period over')), hooks.graceMs);
  };
  ctx.stopSignal.addEventListener('abort', onStop, { once: true });
  // A crash (say, records.jsonl cannot be written) stops everything at once: no call is paid for
  // whose result could not be kept.
  const crash = (error: unknown) => {
    if (crashed !== undefined) return;
    crashed = { error };
    for (const q of queues.values()) q.clear();
    hooks.budget?.close();
    peers?.close(true);
    abort.abort(new Error('run crashed'));
  };
  const halt = (by: 'budget' | 'circuit_breaker', message: string | null = null) => {
    halted = { by, message };
    for (const q of queues.values()) q.clear();
    hooks.budget?.close();
    peers?.close(false);
  };
  const stopped = () => ctx.stopSignal.aborted || crashed !== undefined || halted !== undefined;
  const finish = async (item: WorkItem) => {
    if (stopped()) return;
    if (hooks.budget !== undefined && !(await hooks.budget.mayStart(item))) {
      if (!stopped()) halt('budget');
      return;
    }
    let cost: Spend | null = null;
    try {
      if (stopped()) return; // admitted, but the run ended while it waited
      peers?.started(item);
      const record = await executeItem(item, full);
      // The model's and its judges' spend; a cached answer settles as unknown, so the budget does not
      // learn a price of $0.
      cost = spendOf(record);
      finished += 1;
      if (record.status === 'error') errors += 1;
      await hooks.onRecord(record, { done: finished, total: items.length, errors }, item);
      const tripped = breaker.observe(record);
      if (tripped !== undefined && !stopped()) halt('circuit_breaker', tripped);
    } catch (err) {
      crash(err); // synchronously, before the queue starts the next item
    } finally {
      hooks.budget?.settle(item, cost);
      peers?.release(item);
    }
  };
  try {
    // A stop or a crash clears the queues: queued items never start and their add() promises never
    // settle, so completion is awaited through onIdle (finish never rejects; crashes are kept).
    // Items are fed lazily, a few per slot, so a 100k-item plan never sits in the queues at once.
    for (const item of items) {
      if (stopped()) break;
      const q = queueFor(item.modelId);
      const high = Math.max(4, q.concurrency * 2);
      if (q.size >= high) await q.onSizeLessThan(high);
      void q.add(() => finish(item));
    }
    await Promise.all([...queues.values()].map((q) => q.onIdle()));
    if (crashed !== undefined) {
      const e = crashed.error;
      throw new RunError(`run stopped: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  } finally {
    ctx.stopSignal.removeEventListener('abort', onStop);
    if (grace !== undefined) clearTimeout(grace);
  }
  const status = finished < items.length ? 'aborted' : 'completed';
  return { status, stoppedBy: status === 'completed' ? null : halted?.by ?? 'interrupt', stopMessage: halted?.message ?? null, finished };
}
