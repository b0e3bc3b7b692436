import { renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { copyRun, isFinishedRun, itemKey, readSummary, RECORDS_FILE, SUMMARY_FILE } from '../run-log/index.js';
import { flippedOutputs, itemResultOf, readRun, type RunView, type ItemResult } from './read-run.js';
import type { ClusterOf } from './in-run.js';
import { compareRuns, type CompareGates } from './compare.js';
import { renderComparison } from './render.js';
import type { BaselineSection, RunSummary } from '../summary/run-summary.js';
import type { SummaryRecord } from '../summary/model-summary.js';
import type { Output } from '../types.js';
import { makeDirSync } from '../util/make-dir.js';

// Baselines kept in git: `haikubench baseline accept <runDir>` copies a finished run into
// baselines/<evalId>/ (a deliberate act, reviewed in the pull request like any other change), and
// `run --baseline baselines` compares each eval with its baseline and applies the regression gates.

/** Flipped samples listed each way after a run. */
const SHOW = 10;

/** The baseline run directory of each eval, checked before any call (exit 2 when one is missing). */
export function baselineDirs(baseline: string, evalIds: readonly string[], cwd: string): Map<string, string> {
  const root = resolve(cwd, baseline);
  const out = new Map<string, string>();
  const issues: string[] = [];
  for (const id of evalIds) {
    const dir = isFinishedRun(root) && evalIds.length === 1 ? root : join(root, id);
    if (!isFinishedRun(dir)) issues.push(`--baseline ${baseline}: no baseline run for eval "${id}" (looked in ${dir}); accept one with: haikubench baseline accept reports/<runId> --dir ${baseline}`);
    else out.set(id, dir);
  }
  if (issues.length > 0) throw new InputError('cli.baseline', 'Cannot compare with the baseline:', issues);
  return out;
}

/** The comparison of a finished run with its baseline: summary.json's `baseline` section and the text to print. */
export interface BaselineCheck {
  readonly section: BaselineSection;
  readonly text: string;
  /** Per model compared, the sample ids that flipped: pass → fail (regressed) and fail → pass (improved). */
  readonly flipped: readonly { readonly model: string; readonly regressed: readonly string[]; readonly improved: readonly string[] }[];
}

export interface BaselineCheckInput {
  readonly baselineDir: string;
  /** The run's directory (records.jsonl, read again only for the outputs of flipped samples), and as the user sees it. */
  readonly runDir: string;
  readonly shownDir: string;
  /** The run's summary before its verdict takes the baseline in (summary.json is written after this). */
  readonly summary: RunSummary;
  /** The latest record of each of the run's items. */
  readonly records: Iterable<SummaryRecord>;
  readonly gates: CompareGates;
  /** With dataset.fields.group: each sample's cluster (the baseline's records carry their own). */
  readonly clusterOf?: ClusterOf | undefined;
}

/** The run as compare reads a finished one, from its summary and records in memory. */
function candidateView(input: BaselineCheckInput): RunView {
  const verdicts = new Map<string, ItemResult>();
  for (const r of input.records) {
    verdicts.set(itemKey(r), itemResultOf(r, input.clusterOf?.(r.sampleId)));
  }
  return { dir: input.runDir, shownDir: input.shownDir, summary: input.summary, verdicts };
}

/** Compare a finished run with its baseline, before its summary.json is written: the gates, and the text to print. */
export async function checkAgainstBaseline(input: BaselineCheckInput): Promise<BaselineCheck> {
  const { baselineDir } = input;
  const base = await readRun(baselineDir, baselineDir);
  const cand = candidateView(input);
  const { comparisons, problem } = compareRuns(base, cand, input.gates);
  if (problem !== undefined) return { section: { dir: baselineDir, problem, gates: [] }, text: `baseline ${baselineDir}: ${problem}; no gate applied\n`, flipped: [] };
  const outputs = await flippedOutputs(base, cand, comparisons, SHOW);
  const text = comparisons.map((c) => `against the baseline:\n${renderComparison(c, outputs, SHOW)}`).join('\n');
  const gates = comparisons.flatMap((c) => c.gates.map((g) => ({ model: c.candidate.model, gate: g.gate, pass: g.pass, status: g.status, reason: g.reason })));
  const flipped = comparisons.map((c) => ({ model: c.candidate.model, regressed: c.flipped.regressed.map((f) => f.sampleId), improved: c.flipped.improved.map((f) => f.sampleId) }));
  return { section: { dir: baselineDir, problem: null, gates }, text, flipped };
}

export interface AcceptArgs {
  readonly run: string;
  readonly dir: string;
  readonly force: boolean;
}

/** Copy a finished run to <dir>/<evalId>/, replacing the old baseline (written aside first, then swapped). */
export function acceptBaseline(args: AcceptArgs, io: { out: Output; cwd: string }): number {
  const src = resolve(io.cwd, args.run);
  const summary = isFinishedRun(src) ? readSummary<RunSummary>(src) : undefined;
  if (summary === undefined) throw new InputError('baseline.no_run', `${args.run}: not a finished run directory (needs ${SUMMARY_FILE} and ${RECORDS_FILE})`, []);
  const problems = [
    ...(summary.status !== 'completed' ? [`the run is ${summary.status} (${summary.items.finished}/${summary.items.planned} items): finish it with --resume first`] : []),
    ...(summary.shard !== null ? [`the run is shard ${summary.shard.index}/${summary.shard.count}: merge the shards first (haikubench merge)`] : []),
  ];
  if (problems.length > 0 && !args.force) throw new InputError('baseline.incomplete', `Not accepting ${args.run} as a baseline:`, [...problems, 'or pass --force to accept it anyway']);
  const target = resolve(io.cwd, args.dir, summary.eval.id);
  const old = isFinishedRun(target) ? readSummary<RunSummary>(target) : undefined;
  const staging = `${target}.new`;
  rmSync(staging, { recursive: true, force: true });
  makeDirSync(staging);
  copyRun(src, staging);
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  const rate = (s: RunSummary | undefined, model: string) => { const m = s?.models.find((x) => x.model === model); return m?.passRate === null || m === undefined ? '—' : `${(m.passRate * 100).toFixed(1)}%`; };
  const lines = [`baseline for ${summary.eval.id}: ${join(args.dir, summary.eval.id)} ← ${args.run} (run ${summary.runId}${summary.simulated ? ', SIMULATED' : ''})`,
    ...summary.models.map((m) => `  ${m.model}: pass rate ${old === undefined ? '' : `${rate(old, m.model)} → `}${rate(summary, m.model)}`),
    'Commit the folder to keep it: later runs compare with it through `haikubench run … --baseline ' + args.dir + '`.'];
  io.out.write(`${lines.join('\n')}\n`);
  return 0;
}
