import { groupsOf, withPairedSections } from './paired-sections.js';
import { InputError } from '../errors.js';
import type { Clock, Json, PeerAnswer, Provider } from '../types.js';
import type { FinishedRun, Reporter, RunExtra } from '../report/reporter.js';
import { peerBoard, type PeerBoard } from '../runner/peer-board.js';
import { readBaselineRun } from './read-baseline-run.js';
import { filterPlan, planOf, type Plan } from '../runner/plan.js';
import type { Shard } from '../runner/shard.js';
import { runItems, type RunHooks } from '../runner/run.js';
import { runBatched, type BatchOptions } from '../runner/batch-run.js';
import { batchLog, lockRunDir, openInputLog, openRunLog, readBatchLog, writeRunInfo, type RunLog } from '../run-log/index.js';
import type { CostBudget } from '../runner/budget.js';
import type { ResponseCache } from '../runner/response-cache.js';
import { seededRandom } from '../util/random.js';
import { writeJudgePrompts } from '../report/judge-prompts.js';
import { summarizeRun, type RunSummary } from '../summary/run-summary.js';
import { toSummaryRecord, type SummaryRecord } from '../summary/model-summary.js';
import { recordTable, type RecordTable } from '../summary/record-table.js';
import type { PreparedEval } from './prepare.js';
import { judgeCalibrationOf } from './judge-calibration.js';
import { withVerdict } from '../summary/verdict.js';
import { checkAgainstBaseline, type BaselineCheck } from '../compare/baseline.js';
import type { CompareGates } from '../compare/compare.js';
import { mdFenced } from '../report/render/markdown-text.js';
import { flippedMarkdown } from '../report/render/markdown-fit.js';
import { displayNameOf } from '../report/render/verdict.js';

export interface RunEvalDeps {
  readonly providers: ReadonlyMap<string, Provider>;
  readonly clock: Clock;
  readonly runId: string;
  readonly runDir: string;
  readonly version: string;
  readonly stopSignal: AbortSignal;
  readonly graceMs: number;
  readonly reporters: readonly Reporter[];
  /** Analyses of the finished run (run --route), each a section of its reports; summary.json is written first. */
  readonly analyses?: readonly RunAnalysis[];
  /** The run directory as the user should see it (default: runDir). */
  readonly shownDir?: string;
  /** --shard i/n: run only this slice of the plan (kept in run.json, so a resume keeps it). */
  readonly shard?: Shard;
  /** run --batch: the work goes through the Message Batches API (kept in run.json for resumes). */
  readonly batch?: BatchSettings;
  /** run --record / --replay: the cassette, kept in run.json for resumes. */
  readonly cassette?: { readonly mode: 'record' | 'replay'; readonly dir: string };
  /** The response cache (absent with --no-cache). */
  readonly cache?: ResponseCache;
  /** --max-cost: one budget for every eval of the command. */
  readonly budget?: CostBudget;
  /** run --baseline: the eval's baseline run, and the gates to apply against it (part of the verdict). */
  readonly baseline?: { readonly dir: string; readonly gates: CompareGates };
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
 * done, so it runs again; other errors only with retryErrors. The plan is computed item by item and
 * records are kept in column slots made as records arrive (no per-item objects or key strings, nothing
 * reserved for items not done: memory follows the records, not the size of the plan).
 */
export function workLeft(prepared: PreparedEval, resume?: RunEvalDeps['resume'], shard?: Shard) {
  const models = planModels(prepared);
  const epochs = prepared.spec.run.epochs;
  const plan = planOf(prepared.samples, models, epochs, shard);
  const done = recordTable(plan.fullLength, prepared.spec.scorers.length);
  if (resume !== undefined && resume.previous.length > 0) {
    const sampleAt = new Map(Array.from(prepared.samples, (x, i) => [x.id, i] as const));
    for (const r of resume.previous) {
      const s = sampleAt.get(r.sampleId);
      const m = models.indexOf(r.model);
      if (s === undefined || m < 0 || !Number.isInteger(r.epoch) || r.epoch < 1 || r.epoch > epochs) continue;
      const i = (s * epochs + r.epoch - 1) * models.length + m;
      if (plan.has(i)) done.set(i, r);
    }
  }
  const again = (index: number) => {
    const kind = done.errorKind(index);
    return kind !== undefined && (kind === 'aborted' || resume?.retryErrors === true);
  };
  const items = filterPlan(plan, [...done.indexes()].filter((index) => !again(index)));
  return { plan, done, items };
}

/**
 * The plan's model order: the spec's, except that a pairwise reference model (against_model) comes
 * first, so in every (sample, epoch) group its item is fed and started before the items that wait on
 * its answer (runner/peer-board).
 */
export function planModels(prepared: Pick<PreparedEval, 'spec' | 'pairwiseReference'>): string[] {
  const ids = prepared.spec.models.map((m) => m.id);
  const ref = prepared.pairwiseReference;
  return ref === undefined ? ids : [ref, ...ids.filter((id) => id !== ref)];
}

/** The reference answers of pairwise against_model scorers, handed from item to item inside this run. */
function peersOf(prepared: PreparedEval, willRun: (index: number) => boolean, runDir: string, resumed: boolean): PeerBoard | undefined {
  const reference = prepared.pairwiseReference;
  if (reference === undefined) return undefined;
  // A resumed run takes the answers its reference gave before the restart from records.jsonl.
  const before = resumed ? readBaselineRun(runDir, runDir, reference, 'the run before its restart') : undefined;
  const prior = before === undefined ? undefined
    : (sampleId: string, epoch: number): PeerAnswer => (before.ok ? before.baseline.lookup(sampleId, epoch) : { ok: false, message: before.problem });
  return peerBoard({ reference, models: planModels(prepared), willRun, ...(prior !== undefined && { prior }) });
}

/**
 * The plan's records so far, in plan order, each built from the record table when the walk reaches it
 * (the walk skips the items not done). A record's sample id is read from the dataset only when asked for.
 */
export function recordsOf(plan: Plan, done: RecordTable): Iterable<SummaryRecord> {
  return {
    *[Symbol.iterator]() {
      for (const index of done.indexes()) {
        const r = done.get(index, plan.identityAt(index));
        if (r !== undefined) yield r;
      }
    },
  };
}

/** A finished eval: its summary, and with --baseline the comparison with its baseline. */
interface EvalOutcome {
  readonly summary: RunSummary;
  readonly baseline?: BaselineCheck;
}

/** What an analysis of a finished run adds to its reports; undefined when it has nothing to say. */
export type RunAnalysis = (summary: RunSummary, runDir: string) => Promise<RunExtra | undefined>;

/** Run one prepared eval: records stream to the run directory, then summary.json is written. */
export async function runEval(prepared: PreparedEval, deps: RunEvalDeps): Promise<RunSummary> {
  return (await runEvalFinished(prepared, deps)).summary;
}

/** runEval, with what else the run's reports show (the comparison with the baseline, the analyses). */
export async function runEvalFinished(prepared: PreparedEval, deps: RunEvalDeps): Promise<FinishedRun> {
  // A library caller without types: say what is missing (evaluate() builds all of it).
  if (typeof deps?.runDir !== 'string' || !(deps.providers instanceof Map)) throw new InputError('api.run_eval_deps', 'runEval(prepared, deps): deps needs providers (a Map by model id), clock, runId, runDir, version, stopSignal, graceMs and reporters; evaluate(spec, options) builds them for you', []);
  const unlock = lockRunDir(deps.runDir);
  try {
    return await runLocked(prepared, deps);
  } finally {
    unlock();
  }
}

/**
 * The summary of the run's records with everything its verdict rests on: the spec's gates, the judges'
 * calibrations, and with --baseline the comparison with the baseline (an incomplete run is not compared).
 */
async function decidedSummary(base: RunSummary, records: Iterable<SummaryRecord>, prepared: PreparedEval, deps: RunEvalDeps): Promise<EvalOutcome> {
  const paired = withPairedSections(base, records, prepared);
  const judgeCalibration = await judgeCalibrationOf(paired, prepared, deps.runDir);
  const calibrated = withVerdict(paired, { judgeCalibration });
  if (deps.baseline === undefined || calibrated.verdict === 'incomplete') return { summary: calibrated };
  const baseline = await checkAgainstBaseline({
    baselineDir: deps.baseline.dir, runDir: deps.runDir, shownDir: deps.shownDir ?? deps.runDir, summary: calibrated, records, gates: deps.baseline.gates, clusterOf: groupsOf(prepared),
  });
  return { summary: withVerdict(paired, { judgeCalibration, baseline: baseline.section }), baseline };
}

/** summary.json written with the decided verdict, then the analyses (run --route), then every reporter's onRunEnd. */
async function finishRun(prepared: PreparedEval, deps: RunEvalDeps, run: { readonly base: RunSummary; readonly records: Iterable<SummaryRecord>; readonly dir: RunLog; readonly recordsBefore: number }): Promise<FinishedRun> {
  const { summary, baseline } = await decidedSummary(run.base, run.records, prepared, deps);
  await run.dir.writeSummary(summary);
  const extras: RunExtra[] = baseline === undefined ? [] : [{ text: baseline.text, section: { title: 'Against the baseline', body: mdFenced(baseline.text), lead: flippedMarkdown(baseline.flipped, (id) => displayNameOf(summary, id)) } }];
  for (const analyse of deps.analyses ?? []) {
    const extra = await analyse(summary, deps.runDir);
    if (extra !== undefined) extras.push(extra);
  }
  const finished: FinishedRun = { summary, dir: deps.runDir, shownDir: deps.shownDir ?? deps.runDir, extras, targets: targetsIn(prepared), endpoints: endpointsOf(deps.providers), recordsBefore: run.recordsBefore };
  for (const r of deps.reporters) await r.onRunEnd?.(summary, finished);
  return finished;
}

/** Looks up samples' targets in the dataset (one pass, stopping once every id asked for is found). */
const targetsIn = (prepared: PreparedEval) => (ids: ReadonlySet<string>): ReadonlyMap<string, Json> => {
  const out = new Map<string, Json>();
  if (ids.size === 0) return out;
  for (const sample of prepared.samples) {
    if (ids.has(sample.id) && sample.target !== undefined) out.set(sample.id, sample.target);
    if (out.size === ids.size) break;
  }
  return out;
};

/** Each model's API host, for the errors a report lists. */
function endpointsOf(providers: ReadonlyMap<string, Provider>): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [id, p] of providers) if (p.endpoint !== undefined) out.set(id, p.endpoint);
  return out;
}

async function runLocked(prepared: PreparedEval, deps: RunEvalDeps): Promise<FinishedRun> {
  const { spec } = prepared;
  const { plan, done, items } = workLeft(prepared, deps.resume, deps.shard);
  const recordsBefore = done.count();
  deps.resume?.repair();
  const inputs = openInputLog(deps.runDir);
  // Inputs are buffered; each write of records writes them first, so a record's input is on disk before it.
  const dir = openRunLog(deps.runDir, undefined, { beforeWrite: () => inputs.flush() });
  const startedAt = deps.resume?.startedAt ?? new Date(deps.clock.now()).toISOString();
  if (deps.resume === undefined) {
    await writeRunInfo(deps.runDir, {
      schemaVersion: 1, runId: deps.runId, evalId: spec.id, spec: spec.file, specSha256: prepared.specSha256,
      datasetSha256: prepared.dataset.sha256, ...(prepared.promptFilesSha256 !== undefined && { promptFilesSha256: prepared.promptFilesSha256 }), overrides: prepared.overrides, createdAt: startedAt, harnessVersion: deps.version,
      shard: deps.shard ?? null,
      batch: deps.batch !== undefined,
      ...(deps.cassette !== undefined && { cassette: deps.cassette }),
    });
  }
  writeJudgePrompts(deps.runDir, spec);
  for (const r of deps.reporters) r.onRunStart?.(spec.id, items.length);
  const peers = peersOf(prepared, (i) => items.has(i), deps.runDir, deps.resume !== undefined);
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
      inputs,
      ...(deps.cache !== undefined && { cache: deps.cache }),
      ...(peers !== undefined && { peers }),
    };
    const hooks: RunHooks = {
      graceMs: deps.graceMs,
      ...(deps.budget !== undefined && { budget: deps.budget }),
      // Batched: records finishing in one turn of the event loop share one write, and an item is
      // counted and reported only once its record is in the file (run-log/batched-writer.ts).
      onRecord: async (record, progress, item) => {
        await dir.appendBatched(record);
        done.set(item.index, toSummaryRecord(record));
        for (const r of deps.reporters) r.onRecord?.(record, progress, item.sample);
      },
    };
    const outcome = deps.batch === undefined ? await runItems(items, ctx, hooks)
      : await runBatchedIn(deps.runDir, items, ctx, hooks, { ...deps.batch, hasRecord: (item) => done.has(item.index) }, deps.reporters);
    const records = recordsOf(plan, done);
    const simulated = new Set([...deps.providers.values()].filter((p) => p.simulated).map((p) => p.id));
    const base = summarizeRun({
      spec,
      specPath: prepared.specPath,
      datasetPath: prepared.datasetPath,
      dataset: prepared.dataset,
      runId: deps.runId,
      version: deps.version,
      status: outcome.status === 'aborted' || done.count() < plan.length ? 'aborted' : 'completed',
      stoppedBy: outcome.stoppedBy === 'budget' ? 'max_cost' : outcome.stoppedBy,
      stopMessage: outcome.stopMessage,
      maxCostUsd: deps.budget?.maxUsd ?? null,
      startedAt,
      endedAt: new Date(deps.clock.now()).toISOString(),
      planned: plan.length,
      shard: deps.shard ?? null,
      simulated,
      groupOf: groupsOf(prepared),
    }, records);
    return await finishRun(prepared, deps, { base, records, dir, recordsBefore });
  } finally {
    try {
      inputs.close();
    } finally {
      dir.close(); // the records waiting are written even when the inputs could not be: the records are the work done
    }
  }
}

export type BatchSettings = Pick<BatchOptions, 'pollMs' | 'maxPollMs' | 'maxPerBatch'>;

/** The batch path, with the run directory's batch log (batches an earlier process left open). */
function runBatchedIn(runDir: string, items: Parameters<typeof runBatched>[0], ctx: Parameters<typeof runBatched>[1], hooks: RunHooks, settings: BatchSettings & Pick<BatchOptions, 'hasRecord'>, reporters: readonly Reporter[]) {
  const state = readBatchLog(runDir, ctx.runId);
  const onNote = (text: string) => { for (const r of reporters) r.onNote?.(text); };
  if (state.unconfirmed > 0) onNote(`warning: ${state.unconfirmed} batch create(s) were cut off before their id was logged; if the API created them they are not collected here (see the Console's batches)`);
  return runBatched(items, ctx, hooks, { ...settings, log: batchLog(runDir), open: state.open, onNote });
}
