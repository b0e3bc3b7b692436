import { extractFinalNumber } from '../../extract/number.js';
import { asText } from '../../prompt/template.js';
import type { RouteRecord } from './records.js';

// A router's pre-generation signal: a number known before the small or the large model is called, one
// per sample, from
// - field:<name>, a metadata field of the samples (a dataset column listed under dataset.fields.metadata:
//   a difficulty tag, a score from a trained router), or
// - model:<id>, the answer of another model in the runs (a cheap classifier run as its own model on the
//   same samples), read as a number (its final number: JSON, "answer:" markers, or the last number).
// Higher values favour the small model unless `high` says 'large', in which case the value is negated so
// that the analysis keeps one convention (preSignal ≤ τ → the large model). A sample whose value is
// missing or not a number has none (the router is then not analysed, and the report says how many).

export type PreSignalSource = { readonly kind: 'field'; readonly field: string } | { readonly kind: 'model'; readonly model: string };

export interface RouterSpec {
  readonly source: PreSignalSource;
  /** Which model high values favour. */
  readonly high: 'small' | 'large';
  /** As the user wrote it: "field:difficulty", "model:sim:classifier". */
  readonly name: string;
}

/** "field:<name>" or "model:<id>" → the source; a message naming the flag's forms when it is neither. */
export function parseRouterFlag(v: string): PreSignalSource | string {
  const field = /^field:(.+)$/s.exec(v);
  if (field !== null) return { kind: 'field', field: (field[1] as string).trim() };
  const model = /^model:(.+)$/s.exec(v);
  if (model !== null) return { kind: 'model', model: (model[1] as string).trim() };
  return `--router ${v}: write field:<name> (a numeric metadata field of the samples, e.g. field:difficulty) or model:<id> (a number answered by another model in the runs, e.g. model:openai:router-small)`;
}

/** A metadata value as a number: numbers, and strings that are one number ("0.83", " 7 "). */
function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : undefined;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** From a field: the value on any record of the sample (metadata is the sample's, the same for every model). */
function fromField(records: readonly RouteRecord[], field: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) {
    if (out.has(r.sampleId) || !Object.hasOwn(r.metadata, field)) continue;
    const v = numeric(r.metadata[field]);
    if (v !== undefined) out.set(r.sampleId, v);
  }
  return out;
}

/** From a model's answers: the number each epoch's answer gives, mean over epochs; none when an epoch failed or gave none. */
function fromModel(records: readonly RouteRecord[], model: string): Map<string, number> {
  const epochs = new Map<string, Map<number, RouteRecord>>();
  for (const r of records) {
    if (r.model !== model) continue;
    let m = epochs.get(r.sampleId);
    if (m === undefined) epochs.set(r.sampleId, (m = new Map()));
    m.set(r.epoch, r); // the later line wins
  }
  const out = new Map<string, number>();
  for (const [id, m] of epochs) {
    const values = [...m.values()].map((r) => (r.status === 'ok' ? extractFinalNumber(asText(r.output ?? ''))?.value : undefined));
    if (values.every((v): v is number => v !== undefined && Number.isFinite(v))) out.set(id, mean(values));
  }
  return out;
}

/** Sample id → the router's signal, oriented so that higher favours the small model. */
export function preSignals(records: readonly RouteRecord[], router: RouterSpec): Map<string, number> {
  const raw = router.source.kind === 'field' ? fromField(records, router.source.field) : fromModel(records, router.source.model);
  if (router.high === 'small') return raw;
  return new Map([...raw].map(([id, v]) => [id, v === 0 ? 0 : -v]));
}

/** Mean cost per sample of the router's own model (model:<id>), or null when a cost is unknown or it is a field. */
export function routerCostPerItem(records: readonly RouteRecord[], router: RouterSpec): number | null {
  if (router.source.kind !== 'model') return null;
  const model = router.source.model;
  const costs = records.filter((r) => r.model === model && r.status === 'ok').map((r) => r.costUsd);
  if (costs.length === 0 || costs.some((c) => c === null)) return null;
  const samples = new Set(records.filter((r) => r.model === model && r.status === 'ok').map((r) => r.sampleId)).size;
  return (costs as number[]).reduce((s, c) => s + c, 0) / samples;
}
