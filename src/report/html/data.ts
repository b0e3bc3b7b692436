import type { Json, RunRecord } from '../../types.js';
import type { RunSummary } from '../../summary/run-summary.js';
import { itemKey, readInputs, readRecords, readRouteAnalysis, readSummary } from '../../run-log/index.js';

// The data of the HTML report, read from run directories through run-log/ and shaped for the page:
// a small `meta` (the summaries, the routing points) parsed at once, and per run the list rows (what
// the sample list filters and sorts on, one short array per record), the records' details and the
// inputs in blocks, each compressed on its own and decompressed only when the page needs it.

export const BLOCK = 2000;

/** One record in the list: [sample, model, epoch, status, pass, score, latencyMs, costUsd, errorKind, flip, meta, input, failedScorers]. */
export type Row = readonly [number, number, number, 0 | 1, -1 | 0 | 1, number | null, number | null, number | null, number, -1 | 0 | 1 | 2, number, number, number];

export interface RunRows {
  readonly samples: readonly string[];
  readonly models: readonly string[];
  readonly kinds: readonly string[];
  readonly scorers: readonly string[];
  /** Distinct metadata objects; a row points at one. */
  readonly metas: readonly Json[];
  readonly rows: readonly Row[];
}

export interface RoutePoint { readonly label: string; readonly quality: number; readonly costPerItem: number }

export interface RunData {
  readonly dir: string;
  readonly summary: RunSummary;
  readonly baselineDir: string | null;
  readonly route: readonly RoutePoint[] | null;
  readonly rows: RunRows;
  /** Per record (in row order), blocks of BLOCK: the record's details. */
  readonly details: readonly (readonly Json[])[];
  /** Per distinct input (by the row's input index), blocks of BLOCK; null where a record kept none. */
  readonly inputs: readonly (readonly Json[])[];
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function indexer<T>(key: (v: T) => string = String) {
  const at = new Map<string, number>();
  const list: T[] = [];
  return { list, of: (v: T) => { const k = key(v); let i = at.get(k); if (i === undefined) { i = list.length; at.set(k, i); list.push(v); } return i; } };
}

/** The routing points of route/route.json (its policies), when the run has one. */
function routePoints(dir: string): RoutePoint[] | null {
  const route = readRouteAnalysis(dir);
  if (!isObj(route) || !Array.isArray(route['policies'])) return null;
  return route['policies'].flatMap((p: unknown) => {
    if (!isObj(p) || !isObj(p['point'])) return [];
    const { quality, costPerItem } = p['point'];
    return typeof quality === 'number' && typeof costPerItem === 'number' ? [{ label: String(p['label']), quality, costPerItem }] : [];
  });
}

/** pass of the latest record of each item of a baseline run. */
async function baselinePasses(dir: string): Promise<Map<string, { pass: boolean | undefined; output: string }>> {
  const out = new Map<string, { pass: boolean | undefined; output: string }>();
  for await (const { record } of readRecords(dir)) out.set(itemKey(record), { pass: record.status === 'ok' ? record.pass : undefined, output: record.output });
  return out;
}

const flipOf = (base: boolean | undefined, now: boolean | undefined): -1 | 0 | 1 | 2 =>
  base === undefined || now === undefined ? -1 : base === now ? 0 : base ? 1 : 2;

function details(r: RunRecord, base: { output: string } | undefined): Json {
  const { runId: _r, evalId: _e, sampleId: _s, model: _m, metadata: _md, inputHash: _h, ...rest } = r;
  const d = rest as unknown as Record<string, Json>;
  return base === undefined ? d : { ...d, baselineOutput: base.output };
}

/** Read one run (and its baseline, when given or named in its summary) into the report's shape. */
export async function readRunData(dir: string, opts: { baseline?: string | undefined } = {}): Promise<RunData> {
  const summary = readSummary<RunSummary>(dir, (m) => new Error(`${dir}/summary.json: not JSON (${m})`));
  if (summary === undefined) throw new Error(`${dir}: no summary.json (not a finished run directory)`);
  const baselineDir = opts.baseline ?? summary.baseline?.dir ?? null;
  const base = baselineDir === null ? undefined : await baselinePasses(baselineDir);
  const latest = new Map<string, RunRecord>();
  for await (const { record } of readRecords(dir)) latest.set(itemKey(record), record);
  const inputs = await readInputs(dir);
  const samples = indexer<string>(), models = indexer<string>(), kinds = indexer<string>(), scorers = indexer<string>();
  const metas = indexer<Json>((m) => JSON.stringify(m)), ins = indexer<string>();
  kinds.of('');
  const rows: Row[] = [];
  const detail: Json[] = [];
  for (const r of latest.values()) {
    const b = base?.get(itemKey(r));
    let failed = 0;
    for (const s of r.scores) if (!s.pass) failed |= 1 << Math.min(30, scorers.of(s.name));
    for (const s of r.scores) scorers.of(s.name);
    const input = r.inputHash !== undefined && inputs.has(r.inputHash) ? ins.of(r.inputHash) : -1;
    rows.push([samples.of(r.sampleId), models.of(r.model), r.epoch, r.status === 'ok' ? 0 : 1, r.pass === undefined ? -1 : r.pass ? 1 : 0,
      r.score ?? null, r.latencyMs, r.costUsd, r.error === undefined ? 0 : kinds.of(r.error.kind), flipOf(b?.pass, r.status === 'ok' ? r.pass : undefined),
      metas.of(r.metadata ?? {}), input, failed]);
    detail.push(details(r, b));
  }
  const inputList = ins.list.map((h) => inputs.get(h) ?? null);
  return {
    dir, summary, baselineDir, route: routePoints(dir),
    rows: { samples: samples.list, models: models.list, kinds: kinds.list, scorers: scorers.list, metas: metas.list, rows },
    details: blocks(detail), inputs: blocks(inputList),
  };
}

const blocks = <T>(all: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < all.length; i += BLOCK) out.push(all.slice(i, i + BLOCK));
  return out;
};
