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

/** An item's identity; `sampleId` may be computed when read. */
export interface ItemIdentity {
  readonly sampleId: string;
  readonly model: string;
  readonly epoch: number;
}

/**
 * An identity whose sample id is read when first asked for. A class, not an object literal with a
 * getter: a literal's getter is defined on each object, which leaves it a slow dictionary-mode object,
 * and a run's summary makes one identity per record (at 100,000 items the literals were ~17 MB of the
 * run's peak memory, bench/memory.sh).
 */
class LazyIdentity implements ItemIdentity {
  #id: string | undefined;
  readonly #read: () => string;
  readonly model: string;
  readonly epoch: number;
  constructor(read: () => string, model: string, epoch: number) {
    this.#read = read;
    this.model = model;
    this.epoch = epoch;
  }
  get sampleId(): string { return (this.#id ??= this.#read()); }
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
  /**
   * Who the item at this full-plan index is (sample id, model, epoch) without reading its sample: the
   * sample id is read (for a dataset streamed from its file, a record re-read and parsed) only when it
   * is asked for, so a pass over many items that never needs it reads nothing.
   */
  identityAt(index: number): ItemIdentity;
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
  const place = (index: number) => {
    const sampleIndex = Math.floor(index / perSample);
    const rest = index - sampleIndex * perSample;
    const modelId = modelIds[rest % modelIds.length];
    if (!Number.isInteger(index) || index < 0 || index >= fullLength || modelId === undefined) throw new RangeError(`plan index ${index} outside 0..${fullLength - 1}`);
    return { sampleIndex, modelId, epoch: Math.floor(rest / modelIds.length) + 1 };
  };
  const sampleAt = (index: number, sampleIndex: number): Sample => {
    const sample = samples.at(sampleIndex);
    if (sample === undefined) throw new RangeError(`plan index ${index} outside 0..${fullLength - 1}`);
    return sample;
  };
  const at = (index: number): WorkItem => {
    const { sampleIndex, modelId, epoch } = place(index);
    return { index, sampleIndex, sample: sampleAt(index, sampleIndex), modelId, epoch };
  };
  const identityAt = (index: number): ItemIdentity => {
    const { sampleIndex, modelId, epoch } = place(index);
    return new LazyIdentity(() => sampleAt(index, sampleIndex).id, modelId, epoch);
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
    identityAt,
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
 * The items of `plan` but those at the `skipped` full-plan indexes (a resume: the items done before),
 * decided once, up front, then walked lazily: the selection does not shift while the run records items
 * as done. Memory follows the skipped items, not the plan; only the selected items are built (a
 * streamed dataset is read for them alone).
 */
export function filterPlan(plan: Plan, skipped: Iterable<number>): ItemList & { has(index: number): boolean } {
  const skip = new Set<number>();
  for (const i of skipped) if (plan.has(i)) skip.add(i);
  return {
    length: plan.length - skip.size,
    /** Whether the item at this full-plan index was selected. */
    has: (index) => plan.has(index) && !skip.has(index),
    *[Symbol.iterator]() {
      for (const i of plan.indexes()) if (!skip.has(i)) yield plan.at(i);
    },
  };
}
