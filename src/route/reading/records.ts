import { asText } from '../../prompt/template.js';
import type { Json } from '../../types.js';
import type { SafeRegex } from '../../util/safe-regex.js';
import type { RouteItem } from '../analysis/types.js';

// From the lines of records.jsonl to the paired items the routing analysis reads (pure).
// - Items are paired by sample id: one item per sample that both S and L answered.
// - Epochs: quality, cost and latency are the means over a sample's epochs for each model, so a sample
//   counts once however many epochs it ran (its epochs are not independent samples).
// - Errors are not quality 0: a sample with an error record of S or L is left out of the pairing (and
//   counted), since scoring it 0 would charge a rate limit or an outage to the model's quality.
// - A signal is a scorer's value on S's answer, or a number read from the answer's text by a regex
//   (the model's stated confidence), mean over epochs; a check is a scorer's pass (passed in more
//   than half of S's epochs; a tie counts as failed, which escalates).
// - A later line for the same (sample, model, epoch) replaces an earlier one, as `compare` reads runs.

/** The fields of a records.jsonl line that routing reads. */
export interface RouteRecord {
  readonly sampleId: string;
  readonly model: string;
  readonly epoch: number;
  readonly status: 'ok' | 'error';
  readonly simulated?: boolean;
  readonly pass?: boolean;
  readonly score?: number;
  readonly scores: readonly { readonly name: string; readonly value: number; readonly pass: boolean }[];
  readonly costUsd: number | null;
  readonly latencyMs: number | null;
  readonly metadata: Readonly<Record<string, Json>>;
  /** The sample's group value (dataset.fields.group), when the run had a group field and the sample a value. */
  readonly group?: string;
  /** The answer's text (for a signal read from it with --signal output:<regex>). */
  readonly output?: string;
}

/** What counts as quality: the record's verdict (pass = 1) or its combined score in [0, 1]. */
export type QualityMeasure = 'pass' | 'score';

export interface PairingOptions {
  readonly small: string;
  readonly large: string;
  readonly quality: QualityMeasure;
  /** Scorer whose value on S's answer is the cascade's post-generation signal. */
  readonly signal?: string | undefined;
  /** Or a number read from S's answer itself (its stated confidence): the first capture group, else the match. */
  readonly signalPattern?: SafeRegex | undefined;
  /** Scorer whose pass on S's answer is the gate's deterministic check. */
  readonly check?: string | undefined;
  /**
   * Metadata field whose value is the sample's cluster (a conversation, a source document); absent = its
   * own. Without it, the records' group (dataset.fields.group) is the cluster, when they have one.
   */
  readonly cluster?: string | undefined;
  /** The router's pre-generation signal by sample id (reading/pre-signal), when a router is asked for. */
  readonly preSignal?: ReadonlyMap<string, number> | undefined;
}

export interface Pairing {
  readonly items: readonly RouteItem[];
  /** Samples paired, and samples left out with why. */
  readonly samples: { readonly paired: number; readonly errors: number; readonly unpaired: number; readonly unscored: number };
  /** Most epochs any paired sample had, per model (1 without epochs). */
  readonly epochs: { readonly small: number; readonly large: number };
  /** Paired samples where S's records lack the signal / check scorer, or the router's signal is missing (the policy is then skipped). */
  readonly missing: { readonly signal: number; readonly check: number; readonly router: number };
}

/** One model's records of one sample, latest line per epoch. */
type Epochs = Map<number, RouteRecord>;

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;

/** Mean of the values, or null when any is unknown. */
const knownMean = (xs: readonly (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : mean(xs as number[]);

function qualityOf(r: RouteRecord, measure: QualityMeasure): number {
  if (measure === 'pass') return r.pass === true ? 1 : 0;
  return Math.min(1, Math.max(0, r.score ?? 0));
}

/** Metadata values as segment labels; null and absent values are left out (the verdicts call them "(none)"). */
function segmentsOf(metadata: Readonly<Record<string, Json>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) if (v !== null && v !== undefined) out[k] = asText(v);
  return out;
}

/** The scorer's entries on every epoch of S's answer, or null when an epoch lacks it. */
function scorerEntries(recs: readonly RouteRecord[], name: string): { value: number; pass: boolean }[] | null {
  const found = recs.map((r) => r.scores.find((s) => s.name === name));
  return found.every((s) => s !== undefined) ? (found as { value: number; pass: boolean }[]) : null;
}

/** The number the pattern reads from every epoch of S's answer, or null when an epoch has none. */
function statedNumbers(recs: readonly RouteRecord[], pattern: SafeRegex): { value: number }[] | null {
  const values = recs.map((r) => {
    const m = pattern.exec(r.output ?? '');
    const text = m === null ? '' : (m.groups[0] ?? m.match).trim();
    const v = m === null ? Number.NaN : Number(/^\d+,\d+$/.test(text) ? text.replace(',', '.') : text); // a decimal comma, not a thousands one
    return Number.isFinite(v) ? v : undefined;
  });
  return values.every((v) => v !== undefined) ? values.map((value) => ({ value: value as number })) : null;
}

/** Records by sample, then model, then epoch (latest line wins). */
function bySample(records: Iterable<RouteRecord>, models: ReadonlySet<string>): Map<string, Map<string, Epochs>> {
  const out = new Map<string, Map<string, Epochs>>();
  for (const r of records) {
    if (!models.has(r.model)) continue;
    let sample = out.get(r.sampleId);
    if (sample === undefined) out.set(r.sampleId, (sample = new Map()));
    let epochs = sample.get(r.model);
    if (epochs === undefined) sample.set(r.model, (epochs = new Map()));
    epochs.set(r.epoch, r);
  }
  return out;
}

interface Built {
  readonly item: RouteItem;
  readonly lacksSignal: boolean;
  readonly lacksCheck: boolean;
  readonly lacksPre: boolean;
}

/** The item of one sample whose S and L records are all ok. */
function buildItem(id: string, s: readonly RouteRecord[], l: readonly RouteRecord[], opts: PairingOptions): Built {
  const signal = opts.signalPattern !== undefined ? statedNumbers(s, opts.signalPattern)
    : opts.signal === undefined ? null : scorerEntries(s, opts.signal);
  const check = opts.check === undefined ? null : scorerEntries(s, opts.check);
  const passes = check === null ? 0 : check.filter((c) => c.pass).length;
  const meta = (s[0] as RouteRecord).metadata;
  const group = opts.cluster === undefined ? s[0]?.group ?? l[0]?.group : meta[opts.cluster];
  const pre = opts.preSignal?.get(id);
  const item: RouteItem = {
    id,
    qS: mean(s.map((r) => qualityOf(r, opts.quality))),
    qL: mean(l.map((r) => qualityOf(r, opts.quality))),
    cS: knownMean(s.map((r) => r.costUsd)), cL: knownMean(l.map((r) => r.costUsd)),
    lS: knownMean(s.map((r) => r.latencyMs)), lL: knownMean(l.map((r) => r.latencyMs)),
    segments: segmentsOf(meta),
    ...(group === undefined || group === null || asText(group).trim() === '' ? {} : { cluster: asText(group) }),
    ...(pre === undefined ? {} : { preSignal: pre }),
    ...(signal === null ? {} : { signal: mean(signal.map((x) => x.value)) }),
    ...(check === null ? {} : { checkPassed: passes * 2 > check.length }),
  };
  const wantsSignal = opts.signal !== undefined || opts.signalPattern !== undefined;
  return { item, lacksSignal: wantsSignal && signal === null, lacksCheck: opts.check !== undefined && check === null, lacksPre: opts.preSignal !== undefined && pre === undefined };
}

/** Pair S's and L's records by sample id, in order of first appearance. */
export function pairRecords(records: Iterable<RouteRecord>, opts: PairingOptions): Pairing {
  const samples = bySample(records, new Set([opts.small, opts.large]));
  const items: RouteItem[] = [];
  let errors = 0;
  let unpaired = 0;
  let unscored = 0;
  let missingSignal = 0;
  let missingCheck = 0;
  let missingPre = 0;
  const epochs = { small: 0, large: 0 };
  for (const [id, models] of samples) {
    const s = [...(models.get(opts.small)?.values() ?? [])];
    const l = [...(models.get(opts.large)?.values() ?? [])];
    if ([...s, ...l].some((r) => r.status === 'error')) errors++;
    else if (s.length === 0 || l.length === 0) unpaired++;
    // A side with no verdict (no scorer applied: a pairwise reference) cannot be routed on.
    else if ([...s, ...l].some((r) => r.pass === undefined)) unscored++;
    else {
      const built = buildItem(id, s, l, opts);
      items.push(built.item);
      if (built.lacksSignal) missingSignal++;
      if (built.lacksCheck) missingCheck++;
      if (built.lacksPre) missingPre++;
      epochs.small = Math.max(epochs.small, s.length);
      epochs.large = Math.max(epochs.large, l.length);
    }
  }
  return { items, samples: { paired: items.length, errors, unpaired, unscored }, epochs, missing: { signal: missingSignal, check: missingCheck, router: missingPre } };
}

/** Metadata fields to give verdicts for by default: those with 2 to 50 distinct values over the items (never the cluster field). */
export function defaultSegmentFields(items: readonly RouteItem[], cluster?: string): string[] {
  const values = new Map<string, Set<string>>();
  for (const it of items) {
    for (const [k, v] of Object.entries(it.segments ?? {})) {
      if (k === cluster) continue;
      let set = values.get(k);
      if (set === undefined) values.set(k, (set = new Set()));
      set.add(v);
    }
  }
  return [...values].filter(([, set]) => set.size >= 2 && set.size <= 50).map(([k]) => k);
}
