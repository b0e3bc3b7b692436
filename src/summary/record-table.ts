import type { FailureKind, ItemFailure } from '../types.js';
import type { SummaryRecord } from './model-summary.js';
import { lazyColumn } from './lazy-column.js';
import type { ItemIdentity } from '../runner/plan.js';
import { thousands } from '../util/thousands.js';

// What the statistics keep of each finished item, in columns: typed arrays for the numbers, a string
// table for stop reasons and score names. At most ~85 bytes an item with one scorer, against ~400 for
// an object per item: at 100k items that is the difference between a run whose memory grows with the
// dataset and one that stays near its baseline (bench/memory.sh). Identity (sample id, model, epoch)
// comes from the plan, so it is not stored. The columns are cut in pages of PAGE slots, each made when
// its first record arrives: memory follows the records, not the plan (--epochs 1000000 on 20 samples
// plans 20M items; a run stopped after 5,000 holds two pages). Within a page, a column whose values
// are all the same costs nothing per item (lazy-column.ts): a replay's zero latency, one attempt each.


export interface RecordTable {
  /** Slots (the plan's length). */
  readonly capacity: number;
  set(index: number, r: SummaryRecord): void;
  has(index: number): boolean;
  /** The error kind of the item's record, when it ended in error. */
  errorKind(index: number): FailureKind | undefined;
  get(index: number, id: ItemIdentity): SummaryRecord | undefined;
  /** Finished items. */
  count(): number;
  /** The indexes of the finished items, in ascending order. */
  indexes(): Iterable<number>;
  /** Slots whose columns exist (whole pages): what the table holds in memory, whatever the capacity. */
  allocated(): number;
}

const NONE = 0;
const OK = 1;
const ERROR = 2;

/** Slots per page of columns. */
export const PAGE = 4096;

/** The columns of PAGE consecutive slots; `k` score slots per item. */
function page(k: number) {
  const f64 = (n: number) => new Float64Array(n);
  return {
    state: new Int8Array(PAGE),
    pass: lazyColumn((n) => new Int8Array(n), PAGE),
    cached: lazyColumn((n) => new Uint8Array(n), PAGE),
    stop: lazyColumn((n) => new Uint16Array(n), PAGE),
    attempts: lazyColumn((n) => new Uint32Array(n), PAGE),
    score: lazyColumn(f64, PAGE),
    latency: lazyColumn(f64, PAGE),
    tokensIn: lazyColumn(f64, PAGE),
    tokensOut: lazyColumn(f64, PAGE),
    thinking: lazyColumn(f64, PAGE),
    cost: lazyColumn(f64, PAGE),
    hasUsage: lazyColumn((n) => new Uint8Array(n), PAGE),
    nScores: lazyColumn((n) => new Uint8Array(n), PAGE),
    scoreValue: lazyColumn(f64, PAGE * k),
    scorePass: lazyColumn((n) => new Int8Array(n), PAGE * k),
    scoreName: lazyColumn((n) => new Uint16Array(n), PAGE * k),
    // Label scorers: interned expected and predicted labels (0: no label; predicted 0 with an expected
    // label: the output named none). Labels have their own table: free-text predictions can be many.
    labelExpected: lazyColumn((n) => new Uint32Array(n), PAGE * k),
    labelPredicted: lazyColumn((n) => new Uint32Array(n), PAGE * k),
  };
}
type Page = ReturnType<typeof page>;

/** `scorers`: score slots per item (the spec's scorer count); a record with more keeps the rest aside. */
export function recordTable(capacity: number, scorers: number): RecordTable {
  const k = Math.max(1, scorers);
  const pages = new Map<number, Page>();
  const labels = internTable(0xffffffff, 'labels');
  const errors = new Map<number, ItemFailure>();
  const extraScores = new Map<number, SummaryRecord['scores']>();
  // Judge calls only exist for model-graded scorers: kept aside, so other runs pay nothing for them.
  const judged = new Map<number, NonNullable<SummaryRecord['judge']>>();
  // Pairwise scores' two-order verdicts (summary/pairwise-summary): kept aside, like the judge calls.
  const pairs = new Map<number, readonly SummaryRecord['scores'][number]['pair'][]>();
  // Model-graded scores' judge samples and cascade (summary/judge-summary): aside too.
  const graded = new Map<number, readonly SummaryRecord['scores'][number]['graded'][]>();
  // Prompt caching: write and read tokens and the savings, aside too (only items that used the cache).
  const caching = new Map<number, { readonly write: number | undefined; readonly read: number | undefined; readonly savings: number | null | undefined }>();
  const names = internTable(0xffff, 'stop reasons and score names');
  const intern = names.id;
  const strings = names.strings;
  let finished = 0;

  const num = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);
  const back = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  /** The page of slot i and the slot's place in it; no page when none was made (or i is outside the table). */
  const find = (i: number): [Page | undefined, number] => {
    const p = Math.floor(i / PAGE);
    return [Number.isInteger(i) && i >= 0 && i < capacity ? pages.get(p) : undefined, i - p * PAGE];
  };
  const make = (i: number): [Page, number] => {
    if (!Number.isInteger(i) || i < 0 || i >= capacity) throw new RangeError(`record table: slot ${i} outside 0..${capacity - 1}`);
    const p = Math.floor(i / PAGE);
    let pg = pages.get(p);
    if (pg === undefined) pages.set(p, (pg = page(k)));
    return [pg, i - p * PAGE];
  };
  const stateOf = (i: number) => {
    const [pg, j] = find(i);
    return pg?.state[j] ?? NONE;
  };

  return {
    capacity,
    set: (i, r) => {
      const [pg, j] = make(i);
      if (pg.state[j] === NONE) finished += 1;
      pg.state[j] = r.status === 'ok' ? OK : ERROR;
      pg.pass.set(j, r.pass === undefined ? -1 : r.pass ? 1 : 0);
      pg.cached.set(j, r.cached ? 1 : 0);
      pg.stop.set(j, intern(r.stopReason));
      pg.attempts.set(j, r.attempts);
      pg.score.set(j, num(r.score));
      pg.latency.set(j, num(r.latencyMs));
      pg.tokensIn.set(j, r.usage === null ? Number.NaN : r.usage.inputTokens);
      pg.tokensOut.set(j, r.usage === null ? Number.NaN : r.usage.outputTokens);
      pg.thinking.set(j, r.usage === null ? Number.NaN : r.usage.thinkingTokens ?? 0); // absent in records of older versions
      pg.cost.set(j, num(r.costUsd));
      pg.hasUsage.set(j, r.usage === null ? 0 : 1);
      aside(errors, i, r.error);
      aside(judged, i, r.judge);
      const write = r.usage?.cacheWriteTokens;
      const read = r.usage?.cacheReadTokens;
      aside(caching, i, write !== undefined || read !== undefined || r.cacheSavingsUsd !== undefined ? { write, read, savings: r.cacheSavingsUsd } : undefined);
      const shown = Math.min(r.scores.length, k);
      pg.nScores.set(j, shown);
      for (let n = 0; n < shown; n++) {
        const sc = r.scores[n] as SummaryRecord['scores'][number];
        const at = j * k + n;
        pg.scoreValue.set(at, sc.value);
        pg.scorePass.set(at, sc.pass ? 1 : 0);
        pg.scoreName.set(at, intern(sc.name));
        pg.labelExpected.set(at, sc.label === undefined ? 0 : labels.id(sc.label.expected));
        pg.labelPredicted.set(at, sc.label === undefined ? 0 : labels.id(sc.label.predicted));
      }
      const pair = r.scores.slice(0, k).map((s) => s.pair);
      aside(pairs, i, pair.some((x) => x !== undefined) ? pair : undefined);
      const g = r.scores.slice(0, k).map((s) => s.graded);
      aside(graded, i, g.some((x) => x !== undefined) ? g : undefined);
      aside(extraScores, i, r.scores.length > k ? r.scores.slice(k) : undefined);
    },
    has: (i) => stateOf(i) !== NONE,
    errorKind: (i) => (stateOf(i) === ERROR ? errors.get(i)?.kind : undefined),
    count: () => finished,
    allocated: () => pages.size * PAGE,
    *indexes() {
      for (const p of [...pages.keys()].sort((a, b) => a - b)) {
        const st = pages.get(p)?.state;
        for (let j = 0; st !== undefined && j < PAGE; j++) if (st[j] !== NONE) yield p * PAGE + j;
      }
    },
    get: (i, id) => {
      const [pg, j] = find(i);
      if (pg === undefined || pg.state[j] === NONE) return undefined;
      const scores: SummaryRecord['scores'][number][] = [];
      for (let n = 0; n < pg.nScores.get(j); n++) {
        const at = j * k + n;
        const expected = labels.text(pg.labelExpected.get(at));
        scores.push({
          name: strings[pg.scoreName.get(at)] ?? '', value: pg.scoreValue.get(at), pass: pg.scorePass.get(at) === 1,
          label: expected === null ? undefined : { expected, predicted: labels.text(pg.labelPredicted.get(at)) },
          pair: pairs.get(i)?.[n],
          graded: graded.get(i)?.[n],
        });
      }
      scores.push(...(extraScores.get(i) ?? []));
      const p = pg.pass.get(j);
      const c = caching.get(i);
      const usage = pg.hasUsage.get(j) === 1 ? { inputTokens: pg.tokensIn.get(j), outputTokens: pg.tokensOut.get(j), thinkingTokens: pg.thinking.get(j) } : null;
      return new TableRecord(id, {
        status: pg.state[j] === OK ? 'ok' : 'error',
        pass: p === -1 ? undefined : p === 1,
        score: back(pg.score.get(j)) ?? undefined,
        latencyMs: back(pg.latency.get(j)),
        usage: usage === null || c === undefined ? usage : { ...usage, ...(c.write !== undefined && { cacheWriteTokens: c.write }), ...(c.read !== undefined && { cacheReadTokens: c.read }) },
        costUsd: back(pg.cost.get(j)),
        cacheSavingsUsd: c?.savings,
        stopReason: strings[pg.stop.get(j)] ?? null,
        attempts: pg.attempts.get(j),
        error: errors.get(i),
        cached: pg.cached.get(j) === 1,
        judge: judged.get(i),
        scores,
      });
    },
  };
}

type Fields = Omit<SummaryRecord, 'sampleId' | 'model' | 'epoch'>;

/**
 * A record read back from the table. Its sample id is read (from the plan, maybe from the dataset's
 * file) only when asked for: a summary of one model and one epoch never needs it. The getter is the
 * class's, not the object's: a getter in an object literal is defined on each object, which leaves it
 * a slow dictionary-mode object; with one per record that was ~17 MB of a 100,000-item run's peak
 * memory, at its summary.
 */
// The fields are declared once, by SummaryRecord (through Fields), and copied in by the constructor.
interface TableRecord extends Fields {
  readonly model: string;
  readonly epoch: number;
}
class TableRecord implements SummaryRecord {
  readonly #id: ItemIdentity;
  constructor(id: ItemIdentity, f: Fields) {
    this.#id = id;
    Object.assign(this, { model: id.model, epoch: id.epoch }, f);
  }
  get sampleId(): string { return this.#id.sampleId; }
}

/** A value kept aside for a slot, or none (a later record of the slot without it drops the earlier one). */
function aside<V>(map: Map<number, V>, i: number, v: V | undefined): void {
  if (v === undefined) map.delete(i);
  else map.set(i, v);
}

/** Strings stored once each, numbered from 1 (0 is null). */
function internTable(max: number, what: string) {
  const strings: (string | null)[] = [null];
  const ids = new Map<string, number>();
  return {
    strings,
    id: (s: string | null): number => {
      if (s === null) return 0;
      let id = ids.get(s);
      if (id === undefined) {
        id = strings.length;
        if (id > max) throw new Error(`record table: more than ${thousands(max)} distinct ${what}`);
        strings.push(s);
        ids.set(s, id);
      }
      return id;
    },
    text: (id: number): string | null => strings[id] ?? null,
  };
}
