import { rubric } from './rubric.js';
import { reference } from './reference.js';
import { criteria } from './criteria.js';
import type { AnyGradedDefinition } from './types.js';

/** Every model-graded scorer type, derived from the definitions. Pairwise comes later (issue 5). */
export const gradedDefinitions = { rubric, reference, criteria } as const satisfies Record<string, AnyGradedDefinition>;

export function gradedDefinition(type: string): AnyGradedDefinition | undefined {
  return Object.hasOwn(gradedDefinitions, type) ? gradedDefinitions[type as keyof typeof gradedDefinitions] : undefined;
}

export type { AnyGradedDefinition, GradedDefinition, OptionIssue } from './types.js';
export { OUTPUT_REFERENCE } from './types.js';
