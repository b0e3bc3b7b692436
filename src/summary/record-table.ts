import type { FailureKind, ItemFailure } from '../types.js';
import type { SummaryRecord } from './model-summary.js';

// What the statistics keep of each finished item, in columns: typed arrays for the numbers, a string
// table for stop reasons and score names. About 70 bytes an item with one scorer, against ~400 for an
// object per item: at 100k items that is the difference between a run whose memory grows with the
// dataset and one that stays near its baseline (bench/memory.sh). Identity (sample id, model, epoch)
// comes from the plan, so it is not stored. The columns are cut in pages of PAGE slots, each made when
// its first record arrives: memory follows the records, not the plan (--epochs 1000000 on 20 samples
// plans 20M items; a run stopped after 5,000 holds two pages).

export interface ItemIdentity {
  readonly sampleId: string;
  readonly model: string;
  readonly epoch: number;
}

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
  return {
    state: new Int8Array(PAGE),
    pass: new Int8Array(PAGE),
    cached: new Uint8Array(PAGE),
    stop: new Uint16Array(PAGE),
    attempts: new Uint32Array(PAGE),
    nums: new Float64Array(PAGE * 7).fill(Number.NaN), // score, latency, in, out, thinking, cost, hasUsage
    nScores: new Uint8Array(PAGE),
    scoreValue: new Float64Array(PAGE * k),
    scorePass: new Int8Array(PAGE * k),
    scoreName: new Uint16Array(PAGE * k),
    // Label scorers: interned expected and predicted labels (0: no label; predicted 0 with an expected
    // label: the output named none). Labels have their own table: free-text predictions can be many.
    labelExpected: new Uint32Array(PAGE * k),
    labelPredicted: new Uint32Array(PAGE * k),
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
      pg.pass[j] = r.pass === undefined ? -1 : r.pass ? 1 : 0;
      pg.cached[j] = r.cached ? 1 : 0;
      pg.stop[j] = intern(r.stopReason);
      pg.attempts[j] = r.attempts;
      const o = j * 7;
      const nums = pg.nums;
      nums[o] = num(r.score);
      nums[o + 1] = num(r.latencyMs);
      nums[o + 2] = r.usage === null ? Number.NaN : r.usage.inputTokens;
      nums[o + 3] = r.usage === null ? Number.NaN : r.usage.outputTokens;
      nums[o + 4] = r.usage === null ? Number.NaN : r.usage.thinkingTokens ?? 0; // absent in records of older versions
      nums[o + 5] = num(r.costUsd);
      nums[o + 6] = r.usage === null ? 0 : 1;
      aside(errors, i, r.error);
      aside(judged, i, r.judge);
      const write = r.usage?.cacheWriteTokens;
      const read = r.usage?.cacheReadTokens;
      aside(caching, i, write !== undefined || read !== undefined || r.cacheSavingsUsd !== undefined ? { write, read, savings: r.cacheSavingsUsd } : undefined);
      pg.nScores[j] = Math.min(r.scores.length, k);
      r.scores.slice(0, k).forEach((s, n) => {
        const at = j * k + n;
        pg.scoreValue[at] = s.value;
        pg.scorePass[at] = s.pass ? 1 : 0;
        pg.scoreName[at] = intern(s.name);
        pg.labelExpected[at] = s.label === undefined ? 0 : labels.id(s.label.expected);
        pg.labelPredicted[at] = s.label === undefined ? 0 : labels.id(s.label.predicted);
      });
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
      const o = j * 7;
      const nums = pg.nums;
      const scores: SummaryRecord['scores'][number][] = [];
      for (let n = 0; n < (pg.nScores[j] ?? 0); n++) {
        const at = j * k + n;
        const expected = labels.text(pg.labelExpected[at] ?? 0);
        scores.push({
          name: strings[pg.scoreName[at] ?? 0] ?? '', value: pg.scoreValue[at] ?? 0, pass: pg.scorePass[at] === 1,
          label: expected === null ? undefined : { expected, predicted: labels.text(pg.labelPredicted[at] ?? 0) },
          pair: pairs.get(i)?.[n],
          graded: graded.get(i)?.[n],
        });
      }
      scores.push(...(extraScores.get(i) ?? []));
      const p = pg.pass[j];
      const c = caching.get(i);
      const usage = nums[o + 6] === 1 ? { inputTokens: nums[o + 2] ?? 0, outputTokens: nums[o + 3] ?? 0, thinkingTokens: nums[o + 4] ?? 0 } : null;
      return {
        sampleId: id.sampleId, model: id.model, epoch: id.epoch,
        status: pg.state[j] === OK ? 'ok' : 'error',
        pass: p === -1 ? undefined : p === 1,
        score: back(nums[o]) ?? undefined,
        latencyMs: back(nums[o + 1]),
        usage: usage === null || c === undefined ? usage : { ...usage, ...(c.write !== undefined && { cacheWriteTokens: c.write }), ...(c.read !== undefined && { cacheReadTokens: c.read }) },
        costUsd: back(nums[o + 5]),
        cacheSavingsUsd: c?.savings,
        stopReason: strings[pg.stop[j] ?? 0] ?? null,
        attempts: pg.attempts[j] ?? 0,
        error: errors.get(i),
        cached: pg.cached[j] === 1,
        judge: judged.get(i),
        scores,
      };
    },
  };
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
        if (id > max) throw new Error(`record table: more than ${max.toLocaleString('en-US')} distinct ${what}`);
        strings.push(s);
        ids.set(s, id);
      }
      return id;
    },
    text: (id: number): string | null => strings[id] ?? null,
  };
}
