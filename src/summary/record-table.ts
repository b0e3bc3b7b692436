import type { FailureKind, ItemFailure } from '../types.js';
import type { SummaryRecord } from './model-summary.js';

// What the statistics keep of each finished item, in columns: one slot per plan item, typed arrays for
// the numbers, a string table for stop reasons and score names. About 70 bytes an item with one scorer,
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
  const pass = new Int8Array(capacity);
  const cached = new Uint8Array(capacity);
  const stop = new Uint16Array(capacity);
  const attempts = new Uint32Array(capacity);
  const nums = new Float64Array(capacity * 7).fill(Number.NaN); // score, latency, in, out, thinking, cost, hasUsage
  const nScores = new Uint8Array(capacity);
  const scoreValue = new Float64Array(capacity * k);
  const scorePass = new Int8Array(capacity * k);
  const scoreName = new Uint16Array(capacity * k);
  // Label scorers: interned expected and predicted labels (0: no label; predicted 0 with an expected
  // label: the output named none). Labels have their own table: free-text predictions can be many.
  const labelExpected = new Uint32Array(capacity * k);
  const labelPredicted = new Uint32Array(capacity * k);
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
      pass[i] = r.pass === undefined ? -1 : r.pass ? 1 : 0;
      cached[i] = r.cached ? 1 : 0;
      stop[i] = intern(r.stopReason);
      attempts[i] = r.attempts;
      const o = i * 7;
      nums[o] = num(r.score);
      nums[o + 1] = num(r.latencyMs);
      nums[o + 2] = r.usage === null ? Number.NaN : r.usage.inputTokens;
      nums[o + 3] = r.usage === null ? Number.NaN : r.usage.outputTokens;
      nums[o + 4] = r.usage === null ? Number.NaN : r.usage.thinkingTokens ?? 0; // absent in records of older versions
      nums[o + 5] = num(r.costUsd);
      nums[o + 6] = r.usage === null ? 0 : 1;
      if (r.error !== undefined) errors.set(i, r.error);
      else errors.delete(i);
      if (r.judge !== undefined) judged.set(i, r.judge);
      else judged.delete(i);
      const write = r.usage?.cacheWriteTokens;
      const read = r.usage?.cacheReadTokens;
      if (write !== undefined || read !== undefined || r.cacheSavingsUsd !== undefined) caching.set(i, { write, read, savings: r.cacheSavingsUsd });
      else caching.delete(i);
      nScores[i] = Math.min(r.scores.length, k);
      r.scores.slice(0, k).forEach((s, j) => {
        scoreValue[i * k + j] = s.value;
        scorePass[i * k + j] = s.pass ? 1 : 0;
        scoreName[i * k + j] = intern(s.name);
        labelExpected[i * k + j] = s.label === undefined ? 0 : labels.id(s.label.expected);
        labelPredicted[i * k + j] = s.label === undefined ? 0 : labels.id(s.label.predicted);
      });
      const pair = r.scores.slice(0, k).map((s) => s.pair);
      if (pair.some((x) => x !== undefined)) pairs.set(i, pair);
      else pairs.delete(i);
      const g = r.scores.slice(0, k).map((s) => s.graded);
      if (g.some((x) => x !== undefined)) graded.set(i, g);
      else graded.delete(i);
      if (r.scores.length > k) extraScores.set(i, r.scores.slice(k));
      else extraScores.delete(i);
    },
    has: (i) => state[i] !== NONE,
    errorKind: (i) => (state[i] === ERROR ? errors.get(i)?.kind : undefined),
    count: () => finished,
    get: (i, id) => {
      if (state[i] === NONE || state[i] === undefined) return undefined;
      const o = i * 7;
      const scores: SummaryRecord['scores'][number][] = [];
      for (let j = 0; j < (nScores[i] ?? 0); j++) {
        const expected = labels.text(labelExpected[i * k + j] ?? 0);
        scores.push({
          name: strings[scoreName[i * k + j] ?? 0] ?? '', value: scoreValue[i * k + j] ?? 0, pass: scorePass[i * k + j] === 1,
          label: expected === null ? undefined : { expected, predicted: labels.text(labelPredicted[i * k + j] ?? 0) },
          pair: pairs.get(i)?.[j],
          graded: graded.get(i)?.[j],
        });
      }
      scores.push(...(extraScores.get(i) ?? []));
      const p = pass[i];
      const c = caching.get(i);
      const usage = nums[o + 6] === 1 ? { inputTokens: nums[o + 2] ?? 0, outputTokens: nums[o + 3] ?? 0, thinkingTokens: nums[o + 4] ?? 0 } : null;
      return {
        sampleId: id.sampleId, model: id.model, epoch: id.epoch,
        status: state[i] === OK ? 'ok' : 'error',
        pass: p === -1 ? undefined : p === 1,
        score: back(nums[o]) ?? undefined,
        latencyMs: back(nums[o + 1]),
        usage: usage === null || c === undefined ? usage : { ...usage, ...(c.write !== undefined && { cacheWriteTokens: c.write }), ...(c.read !== undefined && { cacheReadTokens: c.read }) },
        costUsd: back(nums[o + 5]),
        cacheSavingsUsd: c?.savings,
        stopReason: strings[stop[i] ?? 0] ?? null,
        attempts: attempts[i] ?? 0,
        error: errors.get(i),
        cached: cached[i] === 1,
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
