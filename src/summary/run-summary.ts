import { pairwiseOpponentsOf, withPairwiseRoles } from './pairwise-roles.js';
import type { GateResult, RunSummary } from './schema.js';
import type { EvalSpec } from '../spec/types.js';
import type { Shard } from '../runner/shard.js';
import { PRICE_TABLE_VERSION } from '../pricing/table.js';
import { allowedLabels } from '../scoring/assertions/label.js';
import { normalizeLabel } from '../extract/text.js';
import { gateTarget } from '../spec/gates.js';
import { summarizeModel, type ModelSummary, type SummaryRecord } from './model-summary.js';
import { decideVerdict } from './verdict.js';

// summary.json's shape is its JSON Schema's (schema.ts): one definition of both.
export type { BaselineGateResult, BaselineSection, GateResult, PairedChange, ReferenceComparison, RunSummary, VariantComparison, VariantsSection } from './schema.js';

export interface SummaryInput {
  readonly spec: EvalSpec;
  readonly specPath: string;
  readonly datasetPath: string;
  readonly dataset: { readonly sha256: string; readonly total: number; readonly samples: number };
  readonly runId: string;
  readonly version: string;
  readonly status: 'completed' | 'aborted';
  readonly stoppedBy?: 'interrupt' | 'max_cost' | 'circuit_breaker' | 'batch_error' | null;
  readonly stopMessage?: string | null;
  readonly maxCostUsd?: number | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly planned: number;
  readonly shard?: Shard | null;
  readonly mergedFrom?: readonly string[] | null;
  readonly simulated: ReadonlySet<string>;
  /** With dataset.fields.group: each sample's cluster (clustered intervals in the model summaries). */
  readonly groupOf?: (sampleId: string) => string | undefined;
}

function gateResults(spec: EvalSpec, models: readonly ModelSummary[]): GateResult[] {
  return spec.gates.map((g) => {
    const m = gateTarget(g.model, models.map((x) => ({ ...x, id: x.model })));
    if (m === undefined) return { model: g.model, minPassRate: g.minPassRate, passRate: null, pass: true, skipped: true, reason: 'model not in this run; gate not applied' };
    if (m.passRate === null) {
      const why = m.unscored !== undefined && m.passed + m.failed === 0 ? 'no scored items: no scorer applies to this model\'s answers (the reference of a pairwise scorer)' : 'no scored items';
      return { model: m.model, minPassRate: g.minPassRate, passRate: null, pass: false, skipped: false, reason: why };
    }
    const pass = m.passRate >= g.minPassRate;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    return { model: m.model, minPassRate: g.minPassRate, passRate: m.passRate, pass, skipped: false, reason: `pass rate ${pct(m.passRate)} ${pass ? '>=' : '<'} ${pct(g.minPassRate)}` };
  });
}

/** Label scorers with a literal `allowed` list: their classes, normalised as the scorer compares them. */
function declaredLabels(spec: EvalSpec): Map<string, string[]> {
  return new Map(spec.scorers.flatMap((s) => {
    const allowed = s.options['allowed'];
    if (s.type !== 'label' || s.negate || allowed === undefined || JSON.stringify(allowed).includes('{{')) return [];
    return [[s.name, [...new Set(allowedLabels(allowed).map(normalizeLabel))]] as const];
  }));
}

/** A contestant's summary names its variant, right after its label; unchanged without variants. */
function withVariant(m: ModelSummary, variant: string | undefined): ModelSummary {
  if (variant === undefined) return m;
  const { model, label, ...rest } = m;
  return { model, label, variant, ...rest };
}

const passRuleText = (spec: EvalSpec) => (spec.pass.mode === 'weighted' ? `weighted>=${spec.pass.threshold}` : spec.pass.mode);

/**
 * The run's summary from its records, one pass per model over `records` (which may produce them on
 * demand, see summarizeModel); records of models outside the spec are not counted.
 */
export function summarizeRun(input: SummaryInput, records: Iterable<SummaryRecord>): RunSummary {
  const { spec } = input;
  const field = spec.dataset.fields.group;
  const opts = {
    epochs: spec.run.epochs,
    level: spec.run.confidence,
    seed: spec.run.seed,
    reducers: new Map(spec.scorers.flatMap((s) => (s.reducer === undefined ? [] : [[s.name, s.reducer] as const]))),
    labelClasses: declaredLabels(spec),
    ...(field !== undefined && input.groupOf !== undefined && { groups: { field, of: input.groupOf } }),
  };
  const roles = pairwiseOpponentsOf(spec);
  const models = spec.models.map((m) => withVariant(withPairwiseRoles(summarizeModel({ id: m.id, label: m.label, simulated: input.simulated.has(m.id) }, records, opts), roles), m.variant?.id));
  const gates = gateResults(spec, models);
  const errors = models.reduce((s, m) => s + m.errors, 0);
  const finished = models.reduce((s, m) => s + m.n, 0);
  // Per model: errors that cluster on one model (say, timeouts on its long prompts) must not hide
  // behind the other models' clean runs.
  const tooManyErrors = models.some((m) => m.n > 0 && m.errors / m.n > spec.run.maxErrorRate);
  const incomplete = input.status === 'aborted' || tooManyErrors || finished === 0;
  return {
    schemaVersion: 1,
    harness: { name: 'haikubench', version: input.version },
    runId: input.runId,
    status: input.status,
    stoppedBy: input.status === 'aborted' ? input.stoppedBy ?? 'interrupt' : null,
    stopMessage: input.status === 'aborted' ? input.stopMessage ?? null : null,
    verdict: decideVerdict({ incomplete, shard: (input.shard ?? null) !== null, gates }).verdict,
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    eval: { id: spec.id, description: spec.description ?? null, file: input.specPath },
    dataset: { path: input.datasetPath, sha256: input.dataset.sha256, records: input.dataset.total, samples: input.dataset.samples },
    options: {
      epochs: spec.run.epochs, concurrency: spec.run.concurrency, seed: spec.run.seed, timeoutMs: spec.run.timeoutMs,
      maxAttempts: spec.run.maxAttempts, maxRetryWaitMs: spec.run.maxRetryWaitMs, maxErrorRate: spec.run.maxErrorRate, confidence: spec.run.confidence,
      passRule: passRuleText(spec), priceTable: PRICE_TABLE_VERSION, maxCostUsd: input.maxCostUsd ?? null,
      retryBudgets: spec.run.retryBudgets,
      regression: spec.regression,
    },
    simulated: models.some((m) => m.simulated),
    items: { planned: input.planned, finished, errors },
    shard: input.shard ?? null,
    mergedFrom: input.mergedFrom ?? null,
    models,
    comparisons: [],
    segments: [],
    gates,
  };
}

/** Exit code contract: 0 pass, 1 gate failed, 3 incomplete. */
export const exitCodeOf = (s: RunSummary): 0 | 1 | 3 => (s.verdict === 'pass' ? 0 : s.verdict === 'gate_failed' ? 1 : 3);
