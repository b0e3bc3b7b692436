import { isScored } from './scored.js';
import type { FieldSegments, Segment, SegmentChange, SegmentModel } from './parts-schema.js';
import type { Json } from '../types.js';
import { mcnemar } from '../stats/mcnemar.js';
import { pairedDifference } from '../stats/paired.js';
import { passInterval, type ModelSummary, type SummaryRecord } from './model-summary.js';
import { ownCluster } from '../dataset/clusters.js';

// Pass rates by metadata field (dataset.fields.metadata): for each field and each of its values (a
// segment), per model the scored items, the pass rate with its interval (the run's confidence level) (as the model summary:
// Wilson, or with epochs the CLT over per-sample pass shares), the errors,
// and every model after the first against the first, paired on the segment's samples both scored.
// Pure. Errors are counted apart and never as failures; an empty segment gives nulls, never NaN.

/** At most this many values per field, the most frequent; the rest are summed into one OTHER segment. */
export const MAX_SEGMENTS = 50;
/** Paired samples below which a segment's change is marked too small to conclude. */
export const SMALL_SEGMENT = 30;
export const OTHER = '(other)';
/** The value of a sample whose metadata field is absent or null. */
export const MISSING = '(none)';

// The segments' shape is their JSON Schema's (parts-schema.ts), part of summary.json.
export type { FieldSegments, Segment, SegmentChange, SegmentModel } from './parts-schema.js';

export interface SegmentInput {
  readonly models: readonly Pick<ModelSummary, 'model'>[];
  readonly records: readonly SummaryRecord[];
  readonly metadataOf: (sampleId: string) => Readonly<Record<string, Json>>;
  readonly fields: readonly string[];
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** With dataset.fields.group: each sample's cluster, so the changes are clustered (t interval and test on clusters − 1 df). */
  readonly clusterOf?: ((sampleId: string) => string | undefined) | undefined;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const roundPair = (ci: readonly [number, number] | null): readonly [number, number] | null => (ci === null ? null : [round(ci[0]), round(ci[1])]);

/** A metadata value as a segment name: strings as they are, other JSON as JSON, null/absent as MISSING. */
export function segmentValue(v: Json | undefined): string {
  if (v === undefined || v === null) return MISSING;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function segmentModel(model: string, mine: readonly SummaryRecord[], level: number): SegmentModel {
  const ok = mine.filter(isScored);
  const passed = ok.filter((r) => r.pass === true).length;
  const { ci, method, samples } = passInterval(ok, level);
  return {
    model, n: ok.length, passed, passRate: ok.length > 0 ? round(passed / ok.length) : null,
    ci: roundPair(ci), ciMethod: method, samples, errors: mine.filter((r) => r.status === 'error').length,
  };
}

/** sampleId → share of the scored epochs that passed; samples with no scored item are absent. */
function passShares(mine: readonly SummaryRecord[]): Map<string, number> {
  const acc = new Map<string, { pass: number; n: number }>();
  for (const r of mine) {
    if (!isScored(r)) continue;
    const cur = acc.get(r.sampleId) ?? { pass: 0, n: 0 };
    acc.set(r.sampleId, { pass: cur.pass + (r.pass === true ? 1 : 0), n: cur.n + 1 });
  }
  return new Map([...acc].map(([id, x]) => [id, x.pass / x.n]));
}

interface Pairing { readonly level: number; readonly clusterOf?: SegmentInput['clusterOf'] }

function segmentChange(reference: string, model: string, ref: ReadonlyMap<string, number>, cand: ReadonlyMap<string, number>, how: Pairing): SegmentChange {
  const { level, clusterOf } = how;
  const ids = [...cand.keys()].filter((id) => ref.has(id)).sort();
  const a = ids.map((id) => cand.get(id) as number);
  const b = ids.map((id) => ref.get(id) as number);
  const clusters = clusterOf === undefined ? undefined : ids.map((id) => clusterOf(id) ?? ownCluster(id));
  const d = pairedDifference(a, b, clusters === undefined ? { level } : { level, clusters }); // diff = mean(model) − mean(reference)
  const regressed = a.filter((x, i) => x < (b[i] as number)).length;
  const improved = a.filter((x, i) => x > (b[i] as number)).length;
  // discordant.b = #(model 1, reference 0), .c = the reverse: exact McNemar when every share is 0/1.
  // The p-value in full: rounded to 6 dp, a tiny p would read 0.
  // With clusters, the t test behind the clustered interval: McNemar takes the samples as independent.
  const test = clusters !== undefined ? { name: 'clustered-t' as const, p: d.p }
    : d.discordant !== null ? { name: 'mcnemar-exact' as const, p: mcnemar(d.discordant.b, d.discordant.c).exactP }
    : { name: 'paired-z' as const, p: d.p };
  return {
    reference, model, n: ids.length, diff: d.diff === null ? null : round(d.diff), ci: roundPair(d.ci), test,
    ...(d.clusters !== null && { clusters: d.clusters }),
    regressed, improved, small: ids.length < SMALL_SEGMENT,
  };
}

function segmentOf(value: string, models: readonly string[], recs: readonly SummaryRecord[], how: Pairing): Segment {
  const { level } = how;
  const byModel = new Map<string, SummaryRecord[]>(models.map((m) => [m, []]));
  for (const r of recs) byModel.get(r.model)?.push(r);
  const [ref, ...others] = models;
  const refShares = ref === undefined ? new Map<string, number>() : passShares(byModel.get(ref) ?? []);
  return {
    value,
    samples: new Set(recs.map((r) => r.sampleId)).size,
    models: models.map((m) => segmentModel(m, byModel.get(m) ?? [], level)),
    changes: ref === undefined ? [] : others.map((m) => segmentChange(ref, m, refShares, passShares(byModel.get(m) ?? []), how)),
  };
}

function fieldSegments(field: string, input: SegmentInput, models: readonly string[]): FieldSegments {
  const groups = new Map<string, SummaryRecord[]>();
  const samplesOf = new Map<string, Set<string>>();
  for (const r of input.records) {
    const value = segmentValue(input.metadataOf(r.sampleId)[field]);
    const list = groups.get(value);
    if (list === undefined) { groups.set(value, [r]); samplesOf.set(value, new Set([r.sampleId])); } else { list.push(r); samplesOf.get(value)?.add(r.sampleId); }
  }
  // Most samples first; ties by name, so the order (and what falls into OTHER) is deterministic.
  const size = (v: string) => samplesOf.get(v)?.size ?? 0;
  const order = [...groups.keys()].sort((x, y) => size(y) - size(x) || (x < y ? -1 : x > y ? 1 : 0));
  const kept = order.slice(0, MAX_SEGMENTS);
  const rest = order.slice(kept.length).flatMap((v) => groups.get(v) ?? []);
  const how: Pairing = { level: input.level ?? 0.95, clusterOf: input.clusterOf };
  const segments = kept.map((v) => segmentOf(v, models, groups.get(v) ?? [], how));
  if (rest.length > 0) segments.push(segmentOf(OTHER, models, rest, how));
  return { field, values: order.length, segments };
}

/** Per metadata field, per value: every model's pass rate and its change against the first model. */
export function segmentBreakdown(input: SegmentInput): FieldSegments[] {
  const models = input.models.map((m) => m.model);
  return input.fields.map((f) => fieldSegments(f, input, models));
}
