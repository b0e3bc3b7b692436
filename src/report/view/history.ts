import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunSummary } from '../../summary/run-summary.js';
import { isFinishedRun, readRecords, readSummary } from '../../run-log/index.js';

// The run history under a reports folder, for `haikubench view`: every finished run (a directory with
// summary.json and records.jsonl, up to three levels down), grouped by eval, oldest first; and the
// samples whose verdict changed between runs of an eval at the same input (flaky). Runs are read
// through run-log/ only.

export interface HistoryRun {
  /** The run's directory relative to the reports folder: its id in the viewer's URLs. */
  readonly id: string;
  readonly dir: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly verdict: string;
  readonly simulated: boolean;
  readonly datasetSha256: string;
  readonly models: readonly { readonly model: string; readonly passRate: number | null; readonly ci: readonly [number, number] | null; readonly n: number; readonly costUsd: number | null }[];
}

export interface EvalHistory { readonly id: string; readonly runs: readonly HistoryRun[] }

function runDirs(root: string, depth: number): string[] {
  if (isFinishedRun(root)) return [root];
  if (depth === 0) return [];
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
  } catch {
    return [];
  }
  return names.flatMap((n) => runDirs(join(root, n), depth - 1));
}

/** The finished runs under `root`, per eval (evals by name, runs oldest first). */
export function readHistory(root: string): EvalHistory[] {
  const byEval = new Map<string, HistoryRun[]>();
  for (const dir of runDirs(root, 3)) {
    let s: RunSummary | undefined;
    try {
      s = readSummary<RunSummary>(dir);
    } catch {
      continue; // a summary.json that is not JSON is not a run to show
    }
    if (s?.eval === undefined || !Array.isArray(s.models)) continue;
    const run: HistoryRun = {
      id: relative(root, dir).split('\\').join('/') || '.', dir, runId: s.runId, startedAt: s.startedAt, verdict: s.verdict, simulated: s.simulated,
      datasetSha256: s.dataset.sha256,
      models: s.models.map((m) => ({ model: m.model, passRate: m.passRate, ci: m.ci ?? m.ci95 ?? null, n: m.n, costUsd: m.costUsd })),
    };
    byEval.set(s.eval.id, [...(byEval.get(s.eval.id) ?? []), run]);
  }
  return [...byEval].sort((a, b) => a[0].localeCompare(b[0])).map(([id, runs]) => ({ id, runs: runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt)) }));
}

export interface FlakySample {
  readonly sampleId: string;
  readonly model: string;
  readonly passed: number;
  readonly failed: number;
  /** The verdict in each run that scored the item at that input, oldest run first. */
  readonly verdicts: readonly boolean[];
}

/**
 * Samples whose verdict changed between runs at a fixed input: the same sample, model and epoch, and
 * the same input (its inputHash; a record without one counts as the same input when the dataset file
 * is the same). Errors are not verdicts and are left out.
 */
export async function flakySamples(runs: readonly HistoryRun[]): Promise<FlakySample[]> {
  const seen = new Map<string, { sampleId: string; model: string; verdicts: boolean[] }>();
  for (const run of runs) {
    for await (const { record: r } of readRecords(run.dir)) {
      if (r.status !== 'ok' || r.pass === undefined) continue;
      const key = `${r.sampleId}\u0000${r.model}\u0000${r.epoch}\u0000${r.inputHash ?? run.datasetSha256}`;
      const got = seen.get(key) ?? { sampleId: r.sampleId, model: r.model, verdicts: [] };
      got.verdicts.push(r.pass);
      seen.set(key, got);
    }
  }
  return [...seen.values()].flatMap((s) => {
    const passed = s.verdicts.filter(Boolean).length;
    return passed > 0 && passed < s.verdicts.length ? [{ ...s, passed, failed: s.verdicts.length - passed }] : [];
  }).sort((a, b) => Math.min(b.passed, b.failed) - Math.min(a.passed, a.failed) || a.sampleId.localeCompare(b.sampleId));
}
