import { rubric } from './rubric.js';
import { reference } from './reference.js';
import { criteria } from './criteria.js';
import type { AnyGradedDefinition } from './types.js';

/** The model-graded scorer types asking one judge question per item. pairwise (two orders, a baseline run) is apart: pairwise.ts. */
export const gradedDefinitions = { rubric, reference, criteria } as const satisfies Record<string, AnyGradedDefinition>;

export function gradedDefinition(type: string): AnyGradedDefinition | undefined {
  return Object.hasOwn(gradedDefinitions, type) ? gradedDefinitions[type as keyof typeof gradedDefinitions] : undefined;
}

export type { AnyGradedDefinition, GradedDefinition, OptionIssue } from './types.js';
export { OUTPUT_REFERENCE } from './types.js';
export { pairwiseMeta, createPairwiseScorer, baselineOpponent, modelOpponent, type Opponent } from './pairwise.js';
export { indexBaseline, type Baseline, type IndexedBaseline } from './baseline.js';
