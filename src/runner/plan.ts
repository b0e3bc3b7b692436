import type { Sample } from '../types.js';
import type { SampleList } from '../dataset/file-samples.js';
import { inShard, type Shard } from './shard.js';

export interface WorkItem {
  /** Position in the full plan (sharded or not). */
  readonly index: number;
  /** Position of the sample in the selected dataset. */
  readonly sampleIndex: number;
  readonly sample: Sample;
  readonly modelId: string;
  readonly epoch: number;
}

/** Work items in plan order, with their count: an array, or a plan computed item by item. */
export interface ItemList extends Iterable<WorkItem> {
  readonly length: number;
}

/**
 * The plan, sample × epoch × model in sample-major order (every model progresses together), computed
 * from the index on demand rather than held as one object per item: a 100k-item plan costs nothing
 * until it is walked, and each item is garbage as soon as it is done. Index arithmetic:
 * index = sampleIndex·epochs·models + (epoch − 1)·models + modelIndex.
 */
export interface Plan extends ItemList {
  /** Items in the full plan (all shards). */
  readonly fullLength: number;
  /** The item at this full-plan index (whether or not it is in the shard). */
  at(index: number): WorkItem;
  /** Whether the full-plan index belongs to this plan's shard. */
  has(index: number): boolean;
  /** The full-plan indexes of this plan's items, in plan order, without building the items (or reading samples). */
  indexes(): Iterable<number>;
}

export function planOf(samples: SampleList, modelIds: readonly string[], epochs: number, shard?: Shard): Plan {
  const perSample = epochs * modelIds.length;
  const fullLength = samples.length * perSample;
  const shardSamples = shard === undefined ? samples.length
    : Math.max(0, Math.ceil((samples.length - (shard.index - 1)) / shard.count));
  const at = (index: number): WorkItem => {
    const sampleIndex = Math.floor(index / perSample);
    const rest = index - sampleIndex * perSample;
    const sample = samples.at(sampleIndex);
    const modelId = modelIds[rest % modelIds.length];
    if (sample === undefined || modelId === undefined || index < 0) throw new RangeError(`plan index ${index} outside 0..${fullLength - 1}`);
    return { index, sampleIndex, sample, modelId, epoch: Math.floor(rest / modelIds.length) + 1 };
  };
  function* indexes(): Generator<number> {
    const step = shard?.count ?? 1;
    for (let s = shard === undefined ? 0 : shard.index - 1; s < samples.length; s += step) {
      for (let k = 0; k < perSample; k++) yield s * perSample + k;
    }
  }
  return {
    length: shardSamples * perSample,
    fullLength,
    at,
    has: (index) => index >= 0 && index < fullLength && inShard(Math.floor(index / perSample), shard),
    indexes,
    *[Symbol.iterator]() {
      for (const i of indexes()) yield at(i);
    },
  };
}

/** The whole plan as an array (small plans, tests). Pure. */
export function planItems(samples: SampleList, modelIds: readonly string[], epochs: number): WorkItem[] {
  return [...planOf(samples, modelIds, epochs)];
}

/**
 * The items of `plan` whose index `keep` selects, decided once, up front (one byte per plan item), then
 * walked lazily: the selection does not shift while the run records items as done. Only the selected
 * items are built (a streamed dataset is read for them alone).
 */
export function filterPlan(plan: Plan, keep: (index: number) => boolean): ItemList & { has(index: number): boolean } {
  const chosen = new Uint8Array(plan.fullLength);
  let length = 0;
  for (const i of plan.indexes()) {
    if (keep(i)) { chosen[i] = 1; length += 1; }
  }
  return {
    length,
    /** Whether the item at this full-plan index was selected. */
    has: (index) => chosen[index] === 1,
    *[Symbol.iterator]() {
      for (const i of plan.indexes()) if (chosen[i] === 1) yield plan.at(i);
    },
  };
}
