import { isScored } from '../stats/scored.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonLines } from '../util/json-lines.js';
import { InputError } from '../errors.js';
import type { FailureKind, RunRecord } from '../types.js';
import type { RunSummary } from '../stats/run-summary.js';
import { itemKey } from '../report/run-state.js';
import type { Comparison } from './compare.js';

// A finished run as `compare` reads it: summary.json for identity and labels, and the latest record
// of each item from records.jsonl (a rerun error replaces its first record), streamed line by line.
// Outputs are not kept: they are read again only for the samples that flipped.

export interface Verdict {
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
}

export interface RunView {
  readonly dir: string;
  readonly shown: string;
  readonly summary: RunSummary;
  /** Latest record per item, by itemKey. */
  readonly verdicts: ReadonlyMap<string, Verdict>;
}

/** The records of a run, a torn last line forgiven (util/json-lines). */
async function* recordLines(file: string, shown: string): AsyncGenerator<RunRecord> {
  const corrupt = (line: number, message: string) => new InputError('compare.bad_record', `${shown}/records.jsonl:${line}: not a JSON record (${message})`, ['The file was edited or is not a haikubench run.']);
  for await (const { value } of jsonLines(file, corrupt)) yield value as RunRecord;
}

export async function readRun(dir: string, shown: string): Promise<RunView> {
  const summaryFile = join(dir, 'summary.json');
  const recordsFile = join(dir, 'records.jsonl');
  if (!existsSync(summaryFile) || !existsSync(recordsFile)) {
    throw new InputError('compare.no_run', `${shown}: not a finished run directory (needs summary.json and records.jsonl)`, ['Pass a directory that `haikubench run` wrote (reports/<runId> or its --out); an interrupted run can be finished with --resume first.']);
  }
  let summary: RunSummary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary;
  } catch (err) {
    throw new InputError('compare.bad_run', `${shown}/summary.json: not valid JSON (${(err as Error).message})`, []);
  }
  const verdicts = new Map<string, Verdict>();
  for await (const r of recordLines(recordsFile, shown)) {
    verdicts.set(itemKey(r), {
      sampleId: r.sampleId, model: r.model, epoch: r.epoch,
      ok: r.status === 'ok', unscored: r.status === 'ok' && r.pass === undefined, pass: isScored(r) && r.pass === true, score: r.score ?? 0, errorKind: r.error?.kind,
    });
  }
  return { dir, shown, summary, verdicts };
}

/** The outputs of the given (sampleId, model) pairs, latest record of epoch 1 first. */
export async function readOutputs(run: RunView, wanted: ReadonlySet<string>): Promise<Map<string, { output: string; reason: string }>> {
  const out = new Map<string, { output: string; reason: string }>();
  for await (const r of recordLines(join(run.dir, 'records.jsonl'), run.shown)) {
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
