import type { Static } from '../util/json-schema.js';
import type { specSchema } from './schema.js';
import type { calibrationSchema, escalateSchema, judgeSchema } from './judge-schema.js';

// The spec as the user writes it (after schema validation), typed by its JSON Schema (spec/schema.ts,
// spec/judge-schema.ts, the provider registry): one definition for both. spec/resolve turns it into
// EvalSpec.

export type { ModelInput, SimInput } from '../providers/model-entry.js';
export type { ScorerInput } from './schema.js';

export type EvalSpecInput = Static<typeof specSchema>;

/** The judge of model-graded scorers, as written (on a scorer, or the spec-level default). */
export type JudgeInput = Static<ReturnType<typeof judgeSchema>>;

/** The escalation judge of a cascade, as written. */
export type EscalateInput = Static<typeof escalateSchema>;

/** `judge.calibration`: the agreement with human labels required before the scorer's scores gate. */
export type JudgeCalibrationInput = Static<typeof calibrationSchema>;
