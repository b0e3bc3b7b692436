import { latestKept, openRecordReader } from '../run-log/index.js';
import type { FailureKind, Json, RunRecord } from '../types.js';

// What a finished run's reports list beyond its figures: the failing samples (their output, the
// failing scorers' reasons, the expected value) and the errors by kind with the first message. Read
// from records.jsonl through run-log (the latest record of each item, as every reader does): a first
// pass keeps a small slot per failing or errored item, a second reads back only the records shown.

export interface FailingSample {
  readonly model: string;
  readonly sampleId: string;
  readonly epoch: number;
  readonly output: string;
  /** The failing scorers, each with its reason when it gave one. */
  readonly scores: readonly { readonly name: string; readonly reason?: string | undefined }[];
  /** The sample's target, when the run could say (absent: unknown, e.g. a report of an older run). */
  readonly expected?: Json | undefined;
}

/** A model's failing items as the terminal lists them. */
export interface ShownFailures {
  readonly model: string;
  /** Failing items (sample × epoch) of this model. */
  readonly total: number;
  /** The first ones, in sample id order, with their records' details. */
  readonly shown: readonly FailingSample[];
}

export interface ModelFailures extends ShownFailures {
  /** Every failing sample id, in order (each once, whatever the epochs). */
  readonly ids: readonly string[];
}

export interface ErrorKindFinding {
  readonly model: string;
  readonly kind: FailureKind;
  readonly stage: string;
  readonly count: number;
  /** The first such error's message (in the order the items finished). */
  readonly message: string;
  /** Where the model's calls went (the API host), when known. */
  readonly endpoint?: string | undefined;
}

/** What a report lists beyond its figures: the failing samples shown, and the errors by kind. */
export interface ShownFindings {
  readonly failures: readonly ShownFailures[];
  readonly errors: readonly ErrorKindFinding[];
}

export interface Findings extends ShownFindings {
  readonly failures: readonly ModelFailures[];
}

export interface FindingsOptions {
  /** Failing samples read back for the whole run, dealt round-robin over the models (Infinity: all). */
  readonly show: number;
  /** The targets of these samples (a finished run can look them up in its dataset). */
  readonly targets?: ((ids: ReadonlySet<string>) => ReadonlyMap<string, Json>) | undefined;
  /** Each model's API host. */
  readonly endpoints?: ReadonlyMap<string, string> | undefined;
  /** Model ids in report order (others after them, as first seen). */
  readonly models?: readonly string[] | undefined;
}

interface Slot {
  readonly model: string;
  readonly sampleId: string;
  readonly epoch: number;
  readonly failed: boolean;
  readonly kind?: FailureKind | undefined;
  readonly stage?: string | undefined;
  readonly offset: number;
  readonly bytes: number;
}

// Made when first used: a collator loads ICU's collation data, which most runs never need.
let collator: Intl.Collator | undefined;
const compareIds = (a: string, b: string) => (collator ??= new Intl.Collator('en', { numeric: true })).compare(a, b);
/** Failing samples in the order reports list them: by sample id (numbers in ids as numbers), then epoch. */
export const bySample = (a: { readonly sampleId: string; readonly epoch: number }, b: { readonly sampleId: string; readonly epoch: number }) =>
  compareIds(a.sampleId, b.sampleId) || a.epoch - b.epoch;

function slotOf(r: RunRecord, offset: number, bytes: number): Slot | null {
  const failed = r.status === 'ok' && r.pass === false;
  if (!failed && r.status !== 'error') return null;
  return { model: r.model, sampleId: r.sampleId, epoch: r.epoch, failed, kind: r.error?.kind, stage: r.error?.stage, offset, bytes };
}

export const failingScores = (r: RunRecord): FailingSample['scores'] =>
  r.scores.filter((s) => !s.pass).map((s) => ({ name: s.name, ...(s.reason !== undefined && s.reason !== '' && { reason: s.reason }) }));

function errorFindings(slots: readonly Slot[], read: (s: Slot) => RunRecord, endpoints: FindingsOptions['endpoints']): ErrorKindFinding[] {
  const groups = new Map<string, { first: Slot; count: number }>();
  for (const s of slots) {
    const key = `${s.model}\u0000${s.kind ?? 'unknown'}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { first: s, count: 1 });
    else g.count++;
  }
  return [...groups.values()].map(({ first, count }) => ({
    model: first.model, kind: first.kind ?? 'unknown', stage: first.stage ?? 'provider', count,
    message: read(first).error?.message ?? '', endpoint: endpoints?.get(first.model),
  }));
}

/** `show` items dealt round-robin over groups of these sizes: how many each group shows. */
export function quotas(sizes: readonly number[], show: number): number[] {
  if (!Number.isFinite(show)) return sizes.map((n) => n);
  const out = sizes.map(() => 0);
  let left = show;
  while (left > 0 && out.some((q, i) => q < (sizes[i] as number))) {
    for (let i = 0; i < sizes.length && left > 0; i++) {
      if ((out[i] as number) < (sizes[i] as number)) { out[i] = (out[i] as number) + 1; left--; }
    }
  }
  return out;
}

/** Models in report order: those of `order` first, in its order, then the others as first seen. */
export function inReportOrder(models: Iterable<string>, order: readonly string[] | undefined): string[] {
  const rank = (m: string) => { const i = order?.indexOf(m) ?? -1; return i < 0 ? Number.MAX_SAFE_INTEGER : i; };
  return [...new Set(models)].sort((a, b) => rank(a) - rank(b));
}

/** The failing samples and the errors of the run in `dir`; nothing when it has no records. */
export async function readFindings(dir: string, o: FindingsOptions): Promise<Findings> {
  // Only failing and errored items are kept: a run's passing items cost nothing here.
  const slots = [...(await latestKept(dir, ({ record, offset, bytes }) => slotOf(record, offset, bytes))).values()];
  const reader = openRecordReader(dir);
  if (reader === undefined || slots.length === 0) {
    reader?.close();
    return { failures: [], errors: [] };
  }
  try {
    const read = (s: Slot) => reader.read(s);
    const models = inReportOrder(slots.filter((s) => s.failed).map((s) => s.model), o.models);
    const failing = models.map((model) => ({ model, slots: slots.filter((s) => s.failed && s.model === model).sort(bySample) }));
    const quota = quotas(failing.map((f) => f.slots.length), o.show);
    const shownSlots = failing.flatMap((f, i) => f.slots.slice(0, quota[i]));
    const targets = o.targets?.(new Set(shownSlots.map((s) => s.sampleId)));
    const failures = failing.map(({ model, slots: mine }) => ({
      model,
      total: mine.length,
      ids: [...new Set(mine.map((s) => s.sampleId))],
      shown: mine.slice(0, quota[failing.findIndex((f) => f.model === model)]).map((s) => {
        const r = read(s);
        return { model, sampleId: s.sampleId, epoch: s.epoch, output: r.output, scores: failingScores(r), ...(targets?.has(s.sampleId) === true && { expected: targets.get(s.sampleId) }) };
      }),
    }));
    return { failures, errors: errorFindings(slots.filter((s) => !s.failed), read, o.endpoints) };
  } finally {
    reader.close();
  }
}
