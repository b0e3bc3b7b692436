import type { Clock, Provider, RunRecord } from '../types.js';
import { planItems } from '../runner/plan.js';
import { inShard, type Shard } from '../runner/shard.js';
import { runItems, type Progress, type RunHooks } from '../runner/run.js';
import { runBatched, type BatchOptions } from '../runner/batch-run.js';
import { batchLog, readBatchLog } from '../runner/batch-log.js';
import type { CostBudget } from '../runner/budget.js';
import type { ResponseCache } from '../runner/response-cache.js';
import { seededRandom } from '../util/random.js';
import { openRunDir } from '../report/run-dir.js';
import { itemKey, lockRunDir, writeRunInfo } from '../report/run-state.js';
import { referenceComparisons } from '../compare/in-run.js';
import { summarizeRun, type RunSummary } from '../stats/run-summary.js';
import { segmentBreakdown } from '../stats/segments.js';
import { toSummaryRecord, type SummaryRecord } from '../stats/summary.js';
import { recordTable } from '../stats/record-table.js';
import type { PreparedEval } from './prepare.js';

export interface EvalReporter {
  onRunStart?(evalId: string, planned: number): void;
  /** A status line that is not a record (Message Batches: created, ended). */
  onNote?(text: string): void;
  onRecord?(record: RunRecord, progress: Progress): void;
  onRunEnd?(summary: RunSummary, runDir: string): void;
}

export interface RunEvalDeps {
  readonly providers: ReadonlyMap<string, Provider>;
  readonly clock: Clock;
  readonly runId: string;
  readonly runDir: string;
  readonly version: string;
  readonly stopSignal: AbortSignal;
  readonly graceMs: number;
  readonly reporters: readonly EvalReporter[];
  /** The run directory as the user should see it (default: runDir). */
  readonly displayDir?: string;
  /** --shard i/n: run only this slice of the plan (kept in run.json, so a resume keeps it). */
  readonly shard?: Shard;
  /** run --batch: the work goes through the Message Batches API (kept in run.json for resumes). */
  readonly batch?: BatchSettings;
  /** The response cache (absent with --no-cache). */
  readonly cache?: ResponseCache;
  /** --max-cost: one budget for every eval of the command. */
  readonly budget?: CostBudget;
  /** Continue a run: its records so far; errors are run again only with retryErrors. */
  readonly resume?: {
    readonly previous: readonly SummaryRecord[];
    readonly retryErrors: boolean;
    readonly startedAt: string;
    /** Cuts a torn last record off records.jsonl; called once this process holds the run lock. */
    readonly repair: () => void;
  };
}

/**
 * A run's plan, the latest record of each item done so far (so a retried error is replaced by its
 * rerun), and the items still to do. An item cut off by a stop (kind "aborted") was never really
 * done, so it runs again; other errors only with retryErrors. Records are kept in one slot per plan
 * item (no per-item key strings or map growth: memory stays close to what the statistics need).
 */
export function workLeft(prepared: PreparedEval, resume?: RunEvalDeps['resume'], shard?: Shard) {
  const full = planItems(prepared.samples, prepared.spec.models.map((m) => m.id), prepared.spec.run.epochs);
  const plan = shard === undefined ? full : full.filter((item) => inShard(item.sampleIndex, shard));
  const done = recordTable(full.length, prepared.spec.scorers.length);
  if (resume !== undefined && resume.previous.length > 0) {
    const index = new Map(plan.map((item) => [itemKey({ sampleId: item.sample.id, model: item.modelId, epoch: item.epoch }), item.index]));
    for (const r of resume.previous) {
      const i = index.get(itemKey(r));
      if (i !== undefined) done.set(i, r);
    }
  }
  const items = plan.filter((item) => {
    if (!done.has(item.index)) return true;
    const kind = done.errorKind(item.index);
    return kind !== undefined && (kind === 'aborted' || resume?.retryErrors === true);
  });
  return { plan, done, items };
}

/** Run one prepared eval: records stream to the run directory, then summary.json is written. */
export async function runEval(prepared: PreparedEval, deps: RunEvalDeps): Promise<RunSummary> {
  const unlock = lockRunDir(deps.runDir);
  try {
    return await runLocked(prepared, deps);
  } finally {
    unlock();
  }
}

async function runLocked(prepared: PreparedEval, deps: RunEvalDeps): Promise<RunSummary> {
  const { spec } = prepared;
  const { plan, done, items } = workLeft(prepared, deps.resume, deps.shard);
  deps.resume?.repair();
  const dir = openRunDir(deps.runDir);
  const startedAt = deps.resume?.startedAt ?? new Date(deps.clock.now()).toISOString();
  if (deps.resume === undefined) {
    await writeRunInfo(deps.runDir, {
      schemaVersion: 1, runId: deps.runId, evalId: spec.id, spec: spec.file, specSha256: prepared.specSha256,
      datasetSha256: prepared.dataset.sha256, overrides: prepared.overrides, createdAt: startedAt, harnessVersion: deps.version,
      shard: deps.shard ?? null,
      batch: deps.batch !== undefined,
    });
  }
  for (const r of deps.reporters) r.onRunStart?.(spec.id, items.length);
  try {
    const ctx = {
      runId: deps.runId,
      spec,
      providers: deps.providers,
      scorers: prepared.scorers,
      targetPool: prepared.targetPool,
      clock: deps.clock,
      rand: seededRandom(spec.run.seed ^ 0x5eed),
      stopSignal: deps.stopSignal,
      ...(deps.cache !== undefined && { cache: deps.cache }),
    };
    const hooks: RunHooks = {
      graceMs: deps.graceMs,
      ...(deps.budget !== undefined && { budget: deps.budget }),
      onRecord: (record, progress, item) => {
        dir.append(record);
        done.set(item.index, toSummaryRecord(record));
        for (const r of deps.reporters) r.onRecord?.(record, progress);
      },
    };
    const outcome = deps.batch === undefined ? await runItems(items, ctx, hooks)
      : await runBatchedIn(deps.runDir, items, ctx, hooks, { ...deps.batch, hasRecord: (item) => done.has(item.index) }, deps.reporters);
    const records = plan.flatMap((item) => done.get(item.index, { sampleId: item.sample.id, model: item.modelId, epoch: item.epoch }) ?? []);
    const simulated = new Set([...deps.providers.values()].filter((p) => p.simulated).map((p) => p.id));
    const base = summarizeRun({
      spec,
      specPath: prepared.specPath,
      datasetPath: prepared.datasetPath,
      dataset: prepared.dataset,
      runId: deps.runId,
      version: deps.version,
      status: outcome.status === 'aborted' || records.length < plan.length ? 'aborted' : 'completed',
      stoppedBy: outcome.stoppedBy === 'budget' ? 'max_cost' : outcome.stoppedBy,
      stopMessage: outcome.stopMessage,
      maxCostUsd: deps.budget?.maxUsd ?? null,
      startedAt,
      endedAt: new Date(deps.clock.now()).toISOString(),
      planned: plan.length,
      shard: deps.shard ?? null,
      simulated,
    }, records);
    const metadata = new Map(prepared.samples.map((x) => [x.id, x.metadata]));
    const segments = segmentBreakdown({ models: base.models, records, metadataOf: (id) => metadata.get(id) ?? {}, fields: spec.dataset.fields.metadata });
    const summary = { ...base, comparisons: referenceComparisons(base, records), segments };
    await dir.writeSummary(summary);
    for (const r of deps.reporters) r.onRunEnd?.(summary, deps.displayDir ?? deps.runDir);
    return summary;
  } finally {
    dir.close();
  }
}

export type BatchSettings = Pick<BatchOptions, 'pollMs' | 'maxPollMs' | 'maxPerBatch'>;

/** The batch path, with the run directory's batch log (batches an earlier process left open). */
function runBatchedIn(runDir: string, items: Parameters<typeof runBatched>[0], ctx: Parameters<typeof runBatched>[1], hooks: RunHooks, settings: BatchSettings & Pick<BatchOptions, 'hasRecord'>, reporters: readonly EvalReporter[]) {
  const state = readBatchLog(runDir, ctx.runId);
  const onNote = (text: string) => { for (const r of reporters) r.onNote?.(text); };
  if (state.unconfirmed > 0) onNote(`warning: ${state.unconfirmed} batch create(s) were cut off before their id was logged; if the API created them they are not collected here (see the Console's batches)`);
  return runBatched(items, ctx, hooks, { ...settings, log: batchLog(runDir), open: state.open, onNote });
}
