import type { Clock, Provider, RunRecord } from '../types.js';
import { planItems } from '../runner/plan.js';
import { runItems, type Progress } from '../runner/run.js';
import { seededRandom } from '../util/random.js';
import { openRunDir } from '../report/run-dir.js';
import { summarizeRun, type RunSummary } from '../stats/run-summary.js';
import { toSummaryRecord, type SummaryRecord } from '../stats/summary.js';
import type { PreparedEval } from './prepare.js';

export interface EvalReporter {
  onRunStart?(evalId: string, planned: number): void;
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
}

/** Run one prepared eval: records stream to the run directory, then summary.json is written. */
export async function runEval(prepared: PreparedEval, deps: RunEvalDeps): Promise<RunSummary> {
  const { spec } = prepared;
  const items = planItems(prepared.samples, spec.models.map((m) => m.id), spec.run.epochs);
  const dir = openRunDir(deps.runDir);
  const startedAt = new Date(deps.clock.now()).toISOString();
  for (const r of deps.reporters) r.onRunStart?.(spec.id, items.length);
  const kept: SummaryRecord[] = [];
  try {
    const outcome = await runItems(items, {
      runId: deps.runId,
      spec,
      providers: deps.providers,
      scorers: prepared.scorers,
      targetPool: prepared.targetPool,
      clock: deps.clock,
      rand: seededRandom(spec.run.seed ^ 0x5eed),
      stopSignal: deps.stopSignal,
    }, {
      graceMs: deps.graceMs,
      onRecord: (record, progress) => {
        dir.append(record);
        kept.push(toSummaryRecord(record));
        for (const r of deps.reporters) r.onRecord?.(record, progress);
      },
    });
    const simulated = new Set([...deps.providers.values()].filter((p) => p.simulated).map((p) => p.id));
    const summary = summarizeRun({
      spec,
      specPath: prepared.specPath,
      datasetPath: prepared.datasetPath,
      dataset: prepared.dataset,
      runId: deps.runId,
      version: deps.version,
      status: outcome.status,
      startedAt,
      endedAt: new Date(deps.clock.now()).toISOString(),
      planned: items.length,
      simulated,
    }, kept);
    await dir.writeSummary(summary);
    for (const r of deps.reporters) r.onRunEnd?.(summary, deps.displayDir ?? deps.runDir);
    return summary;
  } finally {
    dir.close();
  }
}
