import type { WorkItem } from './plan.js';

// --max-cost: no call starts whose likely cost would take the spend past the budget. A call's likely
// cost is the dearest call of its model so far (the average would let cheap and dear calls mix past
// the limit). The first call of each model is let through (while the budget is not spent) to learn
// that cost, and the model's other calls wait for its result. So the spend passes the budget only by
// a first call, or by a call dearer than every earlier one of its model. Calls in flight count at
// their estimate until they settle, so concurrency cannot overshoot. One budget may span several
// evals of one command.

/** What an item spent this run (`spent`), and what it tells the budget a call of its model costs (`learn`). */
export interface Spend {
  readonly spent: number;
  /** The model's call and its judges' calls; null for a cached answer or a model without a price (learn nothing). */
  readonly learn: number | null;
}

type SpendRecord = { readonly model?: string; readonly cached?: boolean; readonly costUsd: number | null; readonly judge?: { readonly attempts: number; readonly costUsd: number | null; readonly spentUsd?: number | null } | undefined };

/**
 * An item's spend: the model's call unless its answer came from the cache, plus what its judges spent
 * this run (their answers from the cache excluded; a judge without a known price counts 0, and
 * --max-cost refuses such judges). Records written before judge spend was recorded count their
 * judges' cost when a judge call was made.
 */
export function spendOf(r: SpendRecord): Spend {
  const j = r.judge;
  const judge = j === undefined ? 0 : j.spentUsd !== undefined ? j.spentUsd ?? 0 : j.attempts > 0 ? j.costUsd ?? 0 : 0;
  // A replay: model calls nothing: its answers' price (price.per_call) is not spent by this run.
  if (r.cached === true || r.costUsd === null || r.model?.startsWith('replay:') === true) return { spent: judge, learn: null };
  return { spent: r.costUsd + judge, learn: r.costUsd + judge };
}

export interface CostBudget {
  /** Resolves false when the call must not start (over budget, or the budget was closed). */
  mayStart(item: WorkItem): Promise<boolean>;
  /** Exactly once per admitted item: with its spend, or null (no record at all). */
  settle(item: WorkItem, spend: Spend | null): void;
  /** The run is ending (stop, crash, halt): every waiting call is refused. */
  close(): void;
  spent(): number;
  readonly maxUsd: number;
}

export function costBudget(maxUsd: number, spentBefore = 0): CostBudget {
  let spent = spentBefore;
  let reserved = 0;
  let closed = false;
  const held = new Map<WorkItem, number>();
  const dearest = new Map<string, number>();
  const inFlight = new Map<string, number>();
  let waiters: (() => void)[] = [];
  const track = (model: string, delta: number) => inFlight.set(model, (inFlight.get(model) ?? 0) + delta);
  const wakeAll = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const mayStart = async (item: WorkItem): Promise<boolean> => {
    for (;;) {
      if (closed) return false;
      const estimate = dearest.get(item.modelId);
      if (estimate === undefined) {
        if ((inFlight.get(item.modelId) ?? 0) > 0) {
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        if (spent + reserved >= maxUsd) return false;
        held.set(item, 0); // the first call: it tells us what this model's calls cost
        track(item.modelId, 1);
        return true;
      }
      if (spent + reserved + estimate > maxUsd) return false;
      reserved += estimate;
      held.set(item, estimate);
      track(item.modelId, 1);
      return true;
    }
  };

  const settle = (item: WorkItem, spend: Spend | null) => {
    const estimate = held.get(item);
    if (estimate === undefined) return;
    held.delete(item);
    reserved -= estimate;
    track(item.modelId, -1);
    if (spend !== null) {
      spent += spend.spent;
      if (spend.learn !== null) dearest.set(item.modelId, Math.max(dearest.get(item.modelId) ?? 0, spend.learn));
    }
    wakeAll();
  };

  const close = () => {
    closed = true;
    wakeAll();
  };

  return { maxUsd, spent: () => spent, mayStart, settle, close };
}
