import { pairwiseOpponentsOf, withPairwiseRoles } from './pairwise-roles.js';
import type { EvalSpec, RegressionGates } from '../spec/types.js';
import type { Shard } from '../runner/shard.js';
import { PRICE_TABLE_VERSION } from '../pricing/table.js';
import { allowedLabels } from '../scoring/assertions/label.js';
import { normalizeLabel } from '../extract/text.js';
import { gateTarget } from '../spec/gates.js';
import type { FieldSegments } from './segments.js';
import { summarizeModel, type ModelSummary, type SummaryRecord } from './model-summary.js';
import type { JudgeCalibrationEntry } from '../judge/agreement/run-calibration.js';
import { decideVerdict } from './verdict.js';

export interface GateResult {
  readonly model: string;
  readonly minPassRate: number;
  readonly passRate: number | null;
  readonly pass: boolean;
  /** The gate's model is not in this run (--model replaced the spec's models): not applied. */
  readonly skipped: boolean;
  readonly reason: string;
}

/** One regression gate of run --baseline: a model of this run against its baseline (src/compare/compare.ts). */
export interface BaselineGateResult {
  readonly model: string;
  readonly gate: string;
  readonly pass: boolean;
  readonly reason: string;
}

/** run --baseline: this run compared with the baseline run of its eval. */
export interface BaselineSection {
  /** The baseline run directory. */
  readonly dir: string;
  /** Why the runs could not be compared (no gate applied, which fails the run); null when they were. */
  readonly problem: string | null;
  readonly gates: readonly BaselineGateResult[];
}

/** One model against the first (the reference), paired on the samples both scored. */
export interface PairedChange {
  readonly reference: string;
  readonly model: string;
  /** Samples both scored. */
  readonly n: number;
  /** Pass rate (mean per-sample pass share) of model − reference. */
  readonly diff: number | null;
  readonly ci: readonly [number, number] | null;
  /** Samples whose pass share fell (reference → model), and rose. */
  readonly regressed: number;
  readonly improved: number;
}

/** In a multi-model run, over all its samples (src/compare/in-run.ts). */
export interface ReferenceComparison extends PairedChange {
  readonly test: { readonly name: 'mcnemar-exact' | 'permutation'; readonly p: number | null };
  /** Smallest change in pass rate the run could detect at 80% power. */
  readonly mde: number | null;
}

/** summary.json (schemas/summary.schema.json). */
export interface RunSummary {
  readonly schemaVersion: 1;
  readonly harness: { readonly name: 'haikubench'; readonly version: string };
  readonly runId: string;
  readonly status: 'completed' | 'aborted';
  /** Why an aborted run stopped: Ctrl-C/SIGTERM, --max-cost, or the circuit breaker. */
  readonly stoppedBy: 'interrupt' | 'max_cost' | 'circuit_breaker' | 'batch_error' | null;
  readonly stopMessage: string | null;
  readonly verdict: 'pass' | 'gate_failed' | 'incomplete';
  readonly startedAt: string;
  readonly endedAt: string;
  readonly eval: { readonly id: string; readonly description: string | null; readonly file: string };
  readonly dataset: { readonly path: string; readonly sha256: string; readonly records: number; readonly samples: number };
  readonly options: {
    readonly epochs: number; readonly concurrency: number; readonly seed: number; readonly timeoutMs: number;
    readonly maxAttempts: number; readonly maxRetryWaitMs: number; readonly maxErrorRate: number;
    /** Confidence level of every interval in this summary. */
    readonly confidence: number;
    readonly passRule: string; readonly priceTable: string; readonly maxCostUsd: number | null;
    readonly retryBudgets: { readonly rate_limit: number; readonly overloaded: number; readonly server: number };
    /** The spec's regression gates (compare reads them from the candidate run); null when it declares none. */
    readonly regression: RegressionGates | null;
  };
  readonly simulated: boolean;
  readonly items: { readonly planned: number; readonly finished: number; readonly errors: number };
  /** --shard i/n: this run holds one slice of the plan (`haikubench merge` joins the slices). */
  readonly shard: Shard | null;
  /** A run made by `haikubench merge`: the run directories it joined. */
  readonly mergedFrom: readonly string[] | null;
  readonly models: readonly ModelSummary[];
  /** Every model against the first (src/compare/in-run.ts); empty with one model. */
  readonly comparisons: readonly ReferenceComparison[];
  /** Per metadata field (dataset.fields.metadata), per value: pass rates and changes (src/summary/segments.ts). */
  readonly segments: readonly FieldSegments[];
  readonly gates: readonly GateResult[];
  /** Judges whose spec requires an agreement with human labels (judge.calibration): per scorer and model; absent when none does. */
  readonly judgeCalibration?: readonly JudgeCalibrationEntry[];
  /** run --baseline: the comparison with the eval's baseline and its gates; absent without the flag (or when the run is incomplete). */
  readonly baseline?: BaselineSection;
}

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
  const models = spec.models.map((m) => withPairwiseRoles(summarizeModel({ id: m.id, label: m.label, simulated: input.simulated.has(m.id) }, records, opts), roles));
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

/** Exit code contract (DESIGN.md §3): 0 pass, 1 gate failed, 3 incomplete. */
export const exitCodeOf = (s: RunSummary): 0 | 1 | 3 => (s.verdict === 'pass' ? 0 : s.verdict === 'gate_failed' ? 1 : 3);
