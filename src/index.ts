// Public API of haikubench as a library. The CLI is a thin layer over these.
// evaluate() is the one-call entry; the rest are the pieces it is made of (docs/library.md).
export { evaluate, INLINE_SPEC_NAME, type EvaluateOptions, type EvaluateResult } from './api/evaluate.js';
export type { Output } from './types.js';
export { readRecords, readSummary, type RecordAt } from './run-log/index.js';
export type { Json, Sample, Completion, CompletionRequest, Provider, Score, Scorer, RunRecord, FailureKind, Clock, Usage, ItemContext } from './types.js';
// Plug-ins (docs/plugins.md): what custom scorers and providers receive and return.
export type { ScorerPlugin, ScorerPluginInput, ScorerPluginResult, ProviderPlugin, PluginSample, PluginMessage, ExecProviderInput, ExecProviderOutput, PluginProviderError } from './types/plugin.js';
export { closeModulePools } from './plugin/module-pool.js';
export { HarnessError, InputError, SpecError, DatasetError, ProviderError, RunError, JudgeError } from './errors.js';
export type { EvalSpec, ModelSpec, RunOptions, Gate } from './spec/types.js';
export type { EvalSpecInput } from './spec/input.js';
export { loadSpecFile, parseSpecText, type SpecSource } from './spec/load.js';
export { validateSpec } from './spec/validate.js';
export { resolveSpec, type SpecOverrides } from './spec/resolve.js';
export { readPromptFiles } from './spec/prompt-files.js';
export { evalSpecSchema } from './spec/schema.js';
export { prepareEval, createProviders, type PreparedEval, type PrepareOptions } from './eval/prepare.js';
export { runEval, type RunEvalDeps } from './eval/run-eval.js';
export { realClock } from './runner/clock.js';
export type { Reporter, FinishedRun, RunExtra } from './report/reporter.js';
export { summarizeRun, exitCodeOf, type RunSummary, type GateResult, type BaselineSection } from './summary/run-summary.js';
export { decideVerdict, type VerdictParts, type Decision } from './summary/verdict.js';
export type { ModelSummary } from './summary/model-summary.js';
export { wilson } from './stats/intervals.js';
export { scorerDefinitions, type ScorerType } from './scoring/registry.js';
export { createScorer, type ScorerSpec } from './scoring/create.js';
export { costUsd, PRICES, PRICE_TABLE_VERSION } from './pricing/table.js';
export { createProvider } from './providers/create.js';
export { SIM_PROFILES } from './providers/sim-profiles.js';
export { recordSchema, summarySchema } from './report/schemas.js';
export { renderSummary } from './report/render/summary.js';
