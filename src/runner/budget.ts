import type { RunRecord } from '../types.js';
import type { WorkItem } from './plan.js';

// --max-cost: no call starts whose likely cost would take the spend past the budget. A call's likely
// cost is the dearest call of its model so far (the average would let cheap and dear calls mix past
// the limit). The first call of each model is let through (while the budget
// is not spent) to learn that cost, and the model's other calls wait for its result. So the spend
// passes the budget only by a first call, or by a call dearer than every earlier one of its model. Calls in flight count at their estimate until
// their record arrives, so concurrency cannot overshoot.

export interface CostBudget {
  mayStart(item: WorkItem): Promise<boolean>;
  onRecord(record: RunRecord): void;
  spent(): number;
  readonly maxUsd: number;
}

const key = (sampleId: string, model: string, epoch: number) => `${sampleId}\u0000${model}\u0000${epoch}`;

export function costBudget(maxUsd: number, spentBefore = 0): CostBudget {
  let spent = spentBefore;
  let reserved = 0;
  const held = new Map<string, number>();
  const dearest = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const waiters = new Map<string, (() => void)[]>();
  const track = (model: string, delta: number) => inFlight.set(model, (inFlight.get(model) ?? 0) + delta);
  const nextResultOf = (model: string) => new Promise<void>((resolve) => waiters.set(model, [...(waiters.get(model) ?? []), resolve]));

  const mayStart = async (item: WorkItem): Promise<boolean> => {
    for (;;) {
      const estimate = dearest.get(item.modelId);
      if (estimate === undefined) {
        if ((inFlight.get(item.modelId) ?? 0) > 0) {
          await nextResultOf(item.modelId);
          continue;
        }
        if (spent + reserved >= maxUsd) return false;
        track(item.modelId, 1); // the first call: it tells us what this model's calls cost
        return true;
      }
      if (spent + reserved + estimate > maxUsd) return false;
      reserved += estimate;
      held.set(key(item.sample.id, item.modelId, item.epoch), estimate);
      track(item.modelId, 1);
      return true;
    }
  };

  const onRecord = (r: RunRecord) => {
    const k = key(r.sampleId, r.model, r.epoch);
    reserved -= held.get(k) ?? 0;
    held.delete(k);
    track(r.model, -1);
    if (r.costUsd !== null) {
      spent += r.costUsd;
      dearest.set(r.model, Math.max(dearest.get(r.model) ?? 0, r.costUsd));
    }
    const wake = waiters.get(r.model) ?? [];
    waiters.delete(r.model);
    for (const w of wake) w();
  };

  return { maxUsd, spent: () => spent, mayStart, onRecord };
}
