import type { Sample } from '../types.js';

export interface WorkItem {
  /** Position in the full plan (sharded or not). */
  readonly index: number;
  /** Position of the sample in the selected dataset. */
  readonly sampleIndex: number;
  readonly sample: Sample;
  readonly modelId: string;
  readonly epoch: number;
}

/** sample × model × epoch, sample-major so that every model progresses together. Pure. */
export function planItems(samples: readonly Sample[], modelIds: readonly string[], epochs: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (const [sampleIndex, sample] of samples.entries()) {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const modelId of modelIds) items.push({ index: items.length, sampleIndex, sample, modelId, epoch });
    }
  }
  return items;
}
