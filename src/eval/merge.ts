import { groupsOf, withPairedSections } from './paired-sections.js';
import { InputError } from '../errors.js';
import type { RunRecord } from '../types.js';
import { copyInputs, isRunRecord, lockRunDir, openInputLog, openRunLog, readRunInfo, readSummary, recordLines, RECORDS_FILE, recordsSize, writeRunInfo, type RunInfo } from '../run-log/index.js';
import { planOf } from '../runner/plan.js';
import { inShard, shardText, type Shard } from '../runner/shard.js';
import { summarizeRun, type RunSummary } from '../summary/run-summary.js';
import { toSummaryRecord } from '../summary/model-summary.js';
import { recordTable, type RecordTable } from '../summary/record-table.js';
import { recordsOf } from './run-eval.js';
import { prepareEval } from './prepare.js';
import { withJudgeCalibration } from './judge-calibration.js';

// `haikubench merge`: the shards of one plan (--shard 1/n … n/n) joined into one run directory whose
// summary is the one an unsharded run of the same plan would have. Every shard must come from the same
// spec, dataset and overrides, and every slice must be there exactly once.

export interface MergeSource {
  /** Absolute path. */
  readonly dir: string;
  /** As the user wrote it, for messages. */
  readonly shownDir: string;
}

interface ShardRun extends MergeSource {
  readonly info: RunInfo & { readonly shard: Shard };
  readonly summary: RunSummary | undefined;
}

/** The flags that shape the plan; concurrency does not change a result, so shards may differ in it. */
const planFlags = (i: RunInfo) => JSON.stringify({ ...i.overrides, concurrency: undefined });
const sameOverrides = (a: RunInfo, b: RunInfo) => planFlags(a) === planFlags(b);

/** A shard's summary, if it has a readable one (it only gives the time the shard ended). */
function shardSummary(dir: string): RunSummary | undefined {
  try {
    return readSummary<RunSummary>(dir);
  } catch {
    return undefined;
  }
}

/** Every shard of one plan, each once; throws an InputError naming each problem (exit 2). */
export function checkShards(sources: readonly MergeSource[]): ShardRun[] {
  const issues: string[] = [];
  if (sources.length < 2) issues.push('name the run directories of every shard (at least two), e.g. haikubench merge out/shard-1 out/shard-2 out/shard-3');
  const runs: ShardRun[] = [];
  for (const s of sources) {
    const info = readRunInfo(s.dir);
    if (info.shard === undefined || info.shard === null) issues.push(`${s.shownDir}: not a shard (it was run without --shard); nothing to merge it with`);
    else runs.push({ ...s, info: { ...info, shard: info.shard }, summary: shardSummary(s.dir) });
  }
  const first = runs[0];
  if (first !== undefined) {
    for (const r of runs.slice(1)) {
      const what = r.info.evalId !== first.info.evalId ? `another eval (${r.info.evalId}, not ${first.info.evalId})`
        : r.info.specSha256 !== first.info.specSha256 ? 'another version of the spec'
        : r.info.datasetSha256 !== first.info.datasetSha256 ? 'another version of the dataset'
        : r.info.promptFilesSha256 !== first.info.promptFilesSha256 ? "other versions of the prompt variants' files"
        : !sameOverrides(r.info, first.info) ? `other flags (${planFlags(r.info)}, not ${planFlags(first.info)})`
        : r.info.shard.count !== first.info.shard.count ? `another split (${shardText(r.info.shard)}, not of ${first.info.shard.count})`
        : undefined;
      if (what !== undefined) issues.push(`${r.shownDir}: ${what} than ${first.shownDir}; shards of one plan share spec, dataset, flags and n`);
    }
    const n = first.info.shard.count;
    for (let i = 1; i <= n; i++) {
      const have = runs.filter((r) => r.info.shard.index === i);
      if (have.length === 0) issues.push(`shard ${i}/${n} is missing; run it (haikubench run ${first.info.spec} --shard ${i}/${n}) and name its directory`);
      if (have.length > 1) issues.push(`shard ${i}/${n} is named ${have.length} times (${have.map((h) => h.shownDir).join(', ')}); name each shard once`);
    }
  }
  if (issues.length > 0) throw new InputError('merge.mismatch', 'Cannot merge these runs:', issues);
  return runs;
}

export interface MergeOptions {
  readonly cwd: string;
  readonly outDir: string;
  readonly runId: string;
  readonly version: string;
  readonly now: () => number;
}

/** Join checked shards into outDir: run.json, records.jsonl (the latest record of each item), summary.json. */
export async function mergeShards(runs: readonly ShardRun[], o: MergeOptions): Promise<RunSummary> {
  const first = runs[0];
  if (first === undefined) throw new Error('no shards');
  const p = await prepareEval(first.info.spec, { cwd: o.cwd, overrides: first.info.overrides, batch: runs.some((r) => r.info.batch === true) });
  const changed = [
    ...(p.specSha256 !== first.info.specSha256 ? [`${p.specPath}: changed since the shards ran; merging would describe another plan`] : []),
    ...(p.dataset.sha256 !== first.info.datasetSha256 ? [`${p.datasetPath}: changed since the shards ran`] : []),
    ...(p.promptFilesSha256 !== first.info.promptFilesSha256 ? [`${p.specPath}: a prompt variant's file changed since the shards ran; merging would describe another prompt`] : []),
  ];
  if (changed.length > 0) throw new InputError('merge.changed', 'Cannot merge these runs:', changed);
  // The plan is computed from the index and the records kept in columns: nothing per planned item.
  const models = p.spec.models.map((m) => m.id);
  const epochs = p.spec.run.epochs;
  const plan = planOf(p.samples, models, epochs);
  const sampleAt = new Map(Array.from(p.samples, (x, i) => [x.id, i] as const));
  const locate: Locate = (r) => {
    const s = sampleAt.get(r.sampleId);
    const m = models.indexOf(r.model);
    if (s === undefined || m < 0 || !Number.isInteger(r.epoch) || r.epoch < 1 || r.epoch > epochs) return undefined;
    return { index: (s * epochs + r.epoch - 1) * models.length + m, sampleIndex: s };
  };
  const done = recordTable(plan.fullLength, p.spec.scorers.length);
  const unlock = lockRunDir(o.outDir);
  const out = openRunLog(o.outDir);
  try {
    if (recordsSize(o.outDir) > 0) {
      throw new InputError('merge.out', `${o.outDir}: already holds records; choose another --out`, []);
    }
    try {
      for (const r of runs) await mergeOne(r, locate, done, out.append);
      const inputs = openInputLog(o.outDir);
      try {
        for (const r of runs) await copyInputs(r.dir, inputs);
      } finally {
        inputs.close();
      }
    } catch (err) {
      out.discardRecords(); // a failed merge leaves nothing to refuse a retry
      throw err;
    }
    const records = recordsOf(plan, done);
    // Which shards lack items, from the records themselves (a shard's summary.json may be stale).
    const perSample = epochs * models.length;
    const short = runs.flatMap((r) => {
      const want = planOf(p.samples, models, epochs, r.info.shard).length;
      let have = 0;
      for (const i of done.indexes()) if (inShard(Math.floor(i / perSample), r.info.shard)) have += 1;
      return have < want ? [`shard ${shardText(r.info.shard)} (${r.shownDir}) has ${have} of its ${want} items; --resume it, then merge again`] : [];
    });
    const startedAt = runs.map((r) => r.info.createdAt).sort()[0] ?? new Date(o.now()).toISOString();
    const endedAt = runs.map((r) => r.summary?.endedAt ?? '').sort().at(-1) || new Date(o.now()).toISOString();
    await writeRunInfo(o.outDir, {
      schemaVersion: 1, runId: o.runId, evalId: p.spec.id, spec: first.info.spec, specSha256: first.info.specSha256, ...(first.info.promptFilesSha256 !== undefined && { promptFilesSha256: first.info.promptFilesSha256 }),
      datasetSha256: first.info.datasetSha256, overrides: first.info.overrides, createdAt: startedAt, harnessVersion: o.version, shard: null,
    });
    const base = summarizeRun({
      spec: p.spec, specPath: p.specPath, datasetPath: p.datasetPath, dataset: p.dataset, runId: o.runId, version: o.version,
      status: done.count() < plan.length ? 'aborted' : 'completed',
      stoppedBy: short.length > 0 ? 'interrupt' : null,
      stopMessage: short.length > 0 ? short.join('; ') : null,
      maxCostUsd: null,
      startedAt, endedAt,
      planned: plan.length,
      shard: null,
      mergedFrom: runs.map((r) => r.shownDir),
      simulated: new Set(p.spec.models.filter((m) => m.provider === 'sim').map((m) => m.id)),
      groupOf: groupsOf(p),
    }, records);
    const summary = await withJudgeCalibration(withPairedSections(base, records, p), p, o.outDir);
    await out.writeSummary(summary);
    return summary;
  } finally {
    out.close();
    unlock();
  }
}

/** The plan index and sample position of a record's item; undefined when the plan has no such item. */
type Locate = (r: Pick<RunRecord, 'sampleId' | 'model' | 'epoch'>) => { readonly index: number; readonly sampleIndex: number } | undefined;

/** One shard's records: each must belong to its slice; the last record of an item wins (a rerun error). */
async function mergeOne(run: ShardRun, locate: Locate, done: RecordTable, append: (r: RunRecord) => void): Promise<void> {
  const latest = new Map<number, RunRecord>();
  // A torn last line is dropped (that item was not finished); a bad line before others is an error.
  const corrupt = (line: number) => new InputError('merge.bad_record', `${run.shownDir}/${RECORDS_FILE}:${line}: not a JSON record`, []);
  for await (const { line, value } of recordLines(run.dir, { corrupt })) {
    const record = value as RunRecord;
    const item = isRunRecord(value) ? locate(value) : undefined;
    if (item === undefined || !inShard(item.sampleIndex, run.info.shard)) {
      throw new InputError('merge.bad_record', `${run.shownDir}/${RECORDS_FILE}:${line}: sample ${record.sampleId} (${record.model}, epoch ${record.epoch}) is not in shard ${shardText(run.info.shard)} of this plan`, []);
    }
    latest.set(item.index, record);
  }
  for (const [i, record] of [...latest].sort((a, b) => a[0] - b[0])) {
    append(record);
    done.set(i, toSummaryRecord(record));
  }
}
