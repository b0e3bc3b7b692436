import type { Sample } from '../types.js';

export interface WorkItem {
  readonly index: number;
  readonly sample: Sample;
  readonly modelId: string;
  readonly epoch: number;
}

/** sample × model × epoch, sample-major so that every model progresses together. Pure. */
export function planItems(samples: readonly Sample[], modelIds: readonly string[], epochs: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (const sample of samples) {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const modelId of modelIds) items.push({ index: items.length, sample, modelId, epoch });
    }
  }
  return items;
}
