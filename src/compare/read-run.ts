import { isScored } from '../summary/scored.js';
import { InputError } from '../errors.js';
import type { FailureKind, RunRecord } from '../types.js';
import type { RunSummary } from '../summary/run-summary.js';
import { hasRecords, latestPerItem, readRecords, readSummary, RECORDS_FILE, SUMMARY_FILE, type RecordsOptions } from '../run-log/index.js';
import type { Comparison } from './compare.js';
import { clusterOfRecord } from '../dataset/clusters.js';

// A finished run as `compare` reads it: summary.json for identity and labels, and the latest record
// of each item from records.jsonl (a rerun error replaces its first record), streamed line by line.
// Outputs are not kept: they are read again only for the samples that flipped.

export interface ItemResult {
  readonly sampleId: string;
  readonly model: string;
  readonly epoch: number;
  /** The item ended without an error. */
  readonly ok: boolean;
  /** Answered, but no scorer applies to it (a pairwise reference): no verdict to compare. */
  readonly unscored: boolean;
  readonly pass: boolean;
  readonly score: number;
  readonly errorKind: FailureKind | undefined;
  /** With dataset.fields.group: the sample's cluster; undefined without a group field. */
  readonly cluster?: string | undefined;
}

export interface RunView {
  readonly dir: string;
  readonly shownDir: string;
  readonly summary: RunSummary;
  /** Latest record per item, by itemKey. */
  readonly verdicts: ReadonlyMap<string, ItemResult>;
}

/** The part of a record a comparison reads, with its sample's cluster (undefined without a group field). */
export function itemResultOf(r: Pick<RunRecord, 'sampleId' | 'model' | 'epoch' | 'status' | 'pass' | 'score' | 'error'>, cluster: string | undefined): ItemResult {
  return {
    sampleId: r.sampleId, model: r.model, epoch: r.epoch,
    ok: r.status === 'ok', unscored: r.status === 'ok' && r.pass === undefined, pass: isScored(r) && r.pass === true, score: r.score ?? 0, errorKind: r.error?.kind, cluster,
  };
}

/** How `compare` reads a run's records: a torn last line forgiven, a bad line in the middle an InputError. */
const recordsOptions = (shown: string): RecordsOptions => ({
  corrupt: (line, message) => new InputError('compare.bad_record', `${shown}/${RECORDS_FILE}:${line}: not a JSON record (${message})`, ['The file was edited or is not a haikubench run.']),
});

export async function readRun(dir: string, shown: string): Promise<RunView> {
  const bad = (message: string) => new InputError('compare.bad_run', `${shown}/${SUMMARY_FILE}: not valid JSON (${message})`, []);
  const summary = hasRecords(dir) ? readSummary<RunSummary>(dir, bad) : undefined;
  if (summary === undefined) {
    throw new InputError('compare.no_run', `${shown}: not a finished run directory (needs ${SUMMARY_FILE} and ${RECORDS_FILE})`, ['Pass a directory that `haikubench run` wrote (reports/<runId> or its --out); an interrupted run can be finished with --resume first.']);
  }
  const verdicts = await latestPerItem<ItemResult>(dir, ({ record: r }) => itemResultOf(r, clusterOfRecord(r)), recordsOptions(shown));
  return { dir, shownDir: shown, summary, verdicts };
}

/** The outputs of the given (sampleId, model) pairs, latest record of epoch 1 first. */
export async function readOutputs(run: RunView, wanted: ReadonlySet<string>): Promise<Map<string, { output: string; reason: string }>> {
  const out = new Map<string, { output: string; reason: string }>();
  for await (const { record: r } of readRecords(run.dir, recordsOptions(run.shownDir))) {
    const key = `${r.sampleId}\u0000${r.model}`;
    if (!wanted.has(key) || (out.has(key) && r.epoch !== 1)) continue;
    const reason = r.status === 'error' ? `error (${r.error?.kind ?? 'unknown'}): ${r.error?.message ?? ''}` : r.scores.filter((s) => !s.pass).map((s) => `${s.name}: ${s.reason ?? 'failed'}`).join('; ');
    out.set(key, { output: r.output, reason });
  }
  return out;
}

/** Both sides' outputs of the flipped samples a report will show: the first `show` each way. */
export async function flippedOutputs(base: RunView, cand: RunView, comparisons: readonly Comparison[], show: number) {
  const shown = (c: Comparison) => [...c.flipped.regressed.slice(0, show), ...c.flipped.improved.slice(0, show)];
  const want = (model: (c: Comparison) => string) => new Set(comparisons.flatMap((c) => shown(c).map((f) => `${f.sampleId}\u0000${model(c)}`)));
  return { baseline: await readOutputs(base, want((c) => c.baseline.model)), candidate: await readOutputs(cand, want((c) => c.candidate.model)) };
}
