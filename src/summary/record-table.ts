import type { FailureKind, ItemFailure } from '../types.js';
import type { SummaryRecord } from './model-summary.js';
import { lazyColumn } from './lazy-column.js';

// What the statistics keep of each finished item, in columns: one slot per plan item, typed arrays for
// the numbers, a string table for stop reasons and score names. At most ~85 bytes an item with one
// scorer, and a column whose values are all the same costs nothing per item (lazy-column.ts),
// against ~400 for an object per item: at 100k items that is the difference between a run whose
// memory grows with the dataset and one that stays near its baseline (bench/memory.sh). Identity
// (sample id, model, epoch) comes from the plan, so it is not stored.

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
}

const NONE = 0;
const OK = 1;
const ERROR = 2;

/** `scorers`: score slots per item (the spec's scorer count); a record with more keeps the rest aside. */
export function recordTable(capacity: number, scorers: number): RecordTable {
  const k = Math.max(1, scorers);
  const state = new Int8Array(capacity);
  // Columns whose values often agree across a run (lazy-column.ts): no bytes per item until they differ.
  const col = (make: (n: number) => Float64Array | Uint32Array | Uint16Array | Uint8Array | Int8Array, slots = capacity) => lazyColumn(make, slots);
  const f64 = (n: number) => new Float64Array(n);
  const pass = col((n) => new Int8Array(n));
  const cached = col((n) => new Uint8Array(n));
  const stop = col((n) => new Uint16Array(n));
  const attempts = col((n) => new Uint32Array(n));
  const score = col(f64);
  const latency = col(f64);
  const tokensIn = col(f64);
  const tokensOut = col(f64);
  const thinking = col(f64);
  const cost = col(f64);
  const hasUsage = col((n) => new Uint8Array(n));
  const nScores = col((n) => new Uint8Array(n));
  const scoreValue = col(f64, capacity * k);
  const scorePass = col((n) => new Int8Array(n), capacity * k);
  const scoreName = col((n) => new Uint16Array(n), capacity * k);
  // Label scorers: interned expected and predicted labels (0: no label; predicted 0 with an expected
  // label: the output named none). Labels have their own table: free-text predictions can be many.
  const labelExpected = col((n) => new Uint32Array(n), capacity * k);
  const labelPredicted = col((n) => new Uint32Array(n), capacity * k);
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

  return {
    capacity,
    set: (i, r) => {
      if (state[i] === NONE) finished += 1;
      state[i] = r.status === 'ok' ? OK : ERROR;
      pass.set(i, r.pass === undefined ? -1 : r.pass ? 1 : 0);
      cached.set(i, r.cached ? 1 : 0);
      stop.set(i, intern(r.stopReason));
      attempts.set(i, r.attempts);
      score.set(i, num(r.score));
      latency.set(i, num(r.latencyMs));
      tokensIn.set(i, r.usage === null ? Number.NaN : r.usage.inputTokens);
      tokensOut.set(i, r.usage === null ? Number.NaN : r.usage.outputTokens);
      thinking.set(i, r.usage === null ? Number.NaN : r.usage.thinkingTokens ?? 0); // absent in records of older versions
      cost.set(i, num(r.costUsd));
      hasUsage.set(i, r.usage === null ? 0 : 1);
      if (r.error !== undefined) errors.set(i, r.error);
      else errors.delete(i);
      if (r.judge !== undefined) judged.set(i, r.judge);
      else judged.delete(i);
      const write = r.usage?.cacheWriteTokens;
      const read = r.usage?.cacheReadTokens;
      if (write !== undefined || read !== undefined || r.cacheSavingsUsd !== undefined) caching.set(i, { write, read, savings: r.cacheSavingsUsd });
      else caching.delete(i);
      const shown = Math.min(r.scores.length, k);
      nScores.set(i, shown);
      let paired = false;
      let withGraded = false;
      for (let j = 0; j < shown; j++) {
        const s = r.scores[j] as SummaryRecord['scores'][number];
        if (s.pair !== undefined) paired = true;
        if (s.graded !== undefined) withGraded = true;
        scoreValue.set(i * k + j, s.value);
        scorePass.set(i * k + j, s.pass ? 1 : 0);
        scoreName.set(i * k + j, intern(s.name));
        labelExpected.set(i * k + j, s.label === undefined ? 0 : labels.id(s.label.expected));
        labelPredicted.set(i * k + j, s.label === undefined ? 0 : labels.id(s.label.predicted));
      }
      if (paired) pairs.set(i, r.scores.slice(0, k).map((s) => s.pair));
      else pairs.delete(i);
      if (withGraded) graded.set(i, r.scores.slice(0, k).map((s) => s.graded));
      else graded.delete(i);
      if (r.scores.length > k) extraScores.set(i, r.scores.slice(k));
      else extraScores.delete(i);
    },
    has: (i) => state[i] !== NONE,
    errorKind: (i) => (state[i] === ERROR ? errors.get(i)?.kind : undefined),
    count: () => finished,
    get: (i, id) => {
      if (state[i] === NONE || state[i] === undefined) return undefined;
      const scores: SummaryRecord['scores'][number][] = [];
      for (let j = 0; j < nScores.get(i); j++) {
        const expected = labels.text(labelExpected.get(i * k + j));
        scores.push({
          name: strings[scoreName.get(i * k + j)] ?? '', value: scoreValue.get(i * k + j), pass: scorePass.get(i * k + j) === 1,
          label: expected === null ? undefined : { expected, predicted: labels.text(labelPredicted.get(i * k + j)) },
          pair: pairs.get(i)?.[j],
          graded: graded.get(i)?.[j],
        });
      }
      scores.push(...(extraScores.get(i) ?? []));
      const p = pass.get(i);
      const c = caching.get(i);
      const usage = hasUsage.get(i) === 1 ? { inputTokens: tokensIn.get(i), outputTokens: tokensOut.get(i), thinkingTokens: thinking.get(i) } : null;
      return {
        sampleId: id.sampleId, model: id.model, epoch: id.epoch,
        status: state[i] === OK ? 'ok' : 'error',
        pass: p === -1 ? undefined : p === 1,
        score: back(score.get(i)) ?? undefined,
        latencyMs: back(latency.get(i)),
        usage: usage === null || c === undefined ? usage : { ...usage, ...(c.write !== undefined && { cacheWriteTokens: c.write }), ...(c.read !== undefined && { cacheReadTokens: c.read }) },
        costUsd: back(cost.get(i)),
        cacheSavingsUsd: c?.savings,
        stopReason: strings[stop.get(i)] ?? null,
        attempts: attempts.get(i),
        cached: cached.get(i) === 1,
        error: errors.get(i),
        judge: judged.get(i),
        scores,
      };
    },
  };
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
