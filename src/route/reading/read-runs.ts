import { existsSync } from 'node:fs';
import { InputError } from '../../errors.js';
import { isFinishedRun, readSummary as readRunSummary, recordLines, RECORDS_FILE, SUMMARY_FILE } from '../../run-log/index.js';
import type { RunSummary } from '../../summary/run-summary.js';
import type { Json } from '../../types.js';
import type { RouteRecord } from './records.js';
import type { RunRef } from '../report/report-types.js';

// The file edge of `haikubench route`: finished run directories (summary.json + records.jsonl, as `run`
// writes them) read into the fields routing needs. Records are streamed line by line; a torn last line
// is forgiven (as `compare` does), a bad line in the middle is an input error naming the file and line.

export interface RunRecords {
  readonly run: RunRef;
  readonly summary: RunSummary;
  readonly records: readonly RouteRecord[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function scoresOf(v: unknown): RouteRecord['scores'] {
  if (!Array.isArray(v)) return [];
  return v.filter(isObj).flatMap((s) => (typeof s['name'] === 'string' ? [{ name: s['name'], value: num(s['value']) ?? 0, pass: s['pass'] === true }] : []));
}

/** A records.jsonl line as a RouteRecord, or null when it lacks what identifies a record. */
/** `outputs`: keep the answer's text (only --signal output:<regex> reads it; 100k answers add up). */
export function toRouteRecord(v: unknown, outputs = true): RouteRecord | null {
  if (!isObj(v) || typeof v['sampleId'] !== 'string' || typeof v['model'] !== 'string' || (v['status'] !== 'ok' && v['status'] !== 'error')) return null;
  const score = num(v['score']);
  return {
    sampleId: v['sampleId'], model: v['model'], epoch: num(v['epoch']) ?? 1, status: v['status'],
    simulated: v['simulated'] === true, ...(typeof v['pass'] === 'boolean' ? { pass: v['pass'] } : {}), ...(score === null ? {} : { score }),
    scores: scoresOf(v['scores']), costUsd: num(v['costUsd']), latencyMs: num(v['latencyMs']),
    metadata: isObj(v['metadata']) ? (v['metadata'] as Record<string, Json>) : {},
    ...(typeof v['group'] === 'string' ? { group: v['group'] } : {}),
    ...(outputs && typeof v['output'] === 'string' ? { output: v['output'] } : {}),
  };
}

async function readRecords(dir: string, shown: string, outputs: boolean): Promise<RouteRecord[]> {
  const out: RouteRecord[] = [];
  const corrupt = (line: number, message: string) => new InputError('route.bad_record', `${shown}/${RECORDS_FILE}:${line}: not a JSON record (${message})`, ['The file was edited or is not a haikubench run.']);
  for await (const { line, value } of recordLines(dir, { corrupt })) {
    const rec = toRouteRecord(value, outputs);
    if (rec === null) throw new InputError('route.bad_record', `${shown}/${RECORDS_FILE}:${line}: not a haikubench record (needs sampleId, model and status)`, []);
    out.push(rec);
  }
  return out;
}

function readSummary(dir: string, shown: string): RunSummary {
  if (!existsSync(dir)) throw new InputError('route.no_run', `${shown}: no such run directory`, ['Pass a directory that `haikubench run` wrote (reports/<runId> or its --out).']);
  if (!isFinishedRun(dir)) {
    throw new InputError('route.no_run', `${shown}: not a finished run directory (needs ${SUMMARY_FILE} and ${RECORDS_FILE})`, ['Pass a directory that `haikubench run` wrote; an interrupted run can be finished with `haikubench run --resume` first.']);
  }
  const summary: unknown = readRunSummary(dir, (message) => new InputError('route.bad_run', `${shown}/${SUMMARY_FILE}: not valid JSON (${message})`, []));
  if (!isObj(summary) || typeof summary['runId'] !== 'string') throw new InputError('route.bad_run', `${shown}/${SUMMARY_FILE}: not a haikubench run summary`, []);
  return summary as unknown as RunSummary;
}

/** One finished run: its identity, summary and records. A run that did not complete is an input error. */
export async function readRunRecords(dir: string, shown: string, opts: { readonly outputs?: boolean } = {}): Promise<RunRecords> {
  const summary = readSummary(dir, shown);
  if (summary.status !== 'completed') {
    const why = summary.stoppedBy === null || summary.stoppedBy === undefined ? '' : ` (stopped by ${summary.stoppedBy})`;
    throw new InputError('route.unfinished', `${shown}: the run did not finish${why}; routing on part of the samples would be biased`, [`Finish it first: haikubench run --resume ${shown}`]);
  }
  const records = await readRecords(dir, shown, opts.outputs === true);
  return { run: { dir: shown, runId: summary.runId, evalId: summary.eval?.id ?? '' }, summary, records };
}
