import type { PreferenceLabel, ScoreLabel } from './human-agreement.js';
import type { Winner } from '../../types/judge-task.js';

// Judge verdicts already recorded in records.jsonl, read for calibration against human labels (no
// calls). Pure: the caller reads the file and passes the parsed lines. A record's score of the chosen
// scorer carries `judge.verdict` (a number, or one number per criterion); a record that ended as a
// judge error (error.stage 'judge') has no verdict and is counted apart, never as a disagreement.
// With epochs, a sample's verdicts are combined by majority (ties: the lower of the tied values), so
// the combined verdict stays on the scale, as kappa needs.

/** Which verdicts to read: the scorer's name, the model whose outputs were judged, a criterion. */
export interface VerdictSelection {
  readonly scorer: string;
  readonly model: string;
  /** Criteria scorers: the criterion whose score is calibrated. */
  readonly criterion?: string | undefined;
}

/** One sample's verdict, combined over its epochs. */
export interface SampleVerdict {
  readonly value: number;
  /** Mean length (characters) of the judged outputs, for the length bias. */
  readonly length: number;
  /** Epochs with a valid verdict. */
  readonly epochs: number;
  /** The majority was a tie, broken towards the lower value. */
  readonly tie: boolean;
}

export interface CollectedVerdicts {
  readonly verdicts: ReadonlyMap<string, SampleVerdict>;
  /** Samples whose every record of this model is a judge error (no verdict at all). */
  readonly judgeErrorSamples: readonly string[];
  /** Samples with no verdict because the model's call failed (provider or scorer error). */
  readonly otherErrorSamples: readonly string[];
  /** Judge-error records (epochs), including those of samples that have a verdict from another epoch. */
  readonly judgeErrorRecords: number;
  /** Records with the scorer but no usable verdict for the criterion. */
  readonly missingVerdicts: number;
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The model ids in the records, in first-seen order. */
export function recordedModels(records: readonly unknown[]): string[] {
  return [...new Set(records.flatMap((r) => (isObj(r) && typeof r['model'] === 'string' ? [r['model']] : [])))];
}

/** The verdict a record's score of `sel.scorer` carries, or undefined. */
function verdictOf(record: Obj, sel: VerdictSelection): number | undefined {
  const scores = Array.isArray(record['scores']) ? record['scores'] : [];
  const score = scores.find((s): s is Obj => isObj(s) && s['name'] === sel.scorer);
  const judge = score === undefined ? undefined : score['judge'];
  if (!isObj(judge)) return undefined;
  const verdict = judge['verdict'];
  if (sel.criterion === undefined) return num(verdict);
  return isObj(verdict) ? num(verdict[sel.criterion]) : undefined;
}

/** Majority of the epochs' verdicts; a tie goes to the lowest of the most frequent values. */
export function combineEpochs(values: readonly number[]): { readonly value: number; readonly tie: boolean } {
  if (values.length === 0) throw new RangeError('combineEpochs: no verdicts');
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const top = Math.max(...counts.values());
  const modes = [...counts].filter(([, c]) => c === top).map(([v]) => v).sort((a, b) => a - b);
  return { value: modes[0] as number, tie: modes.length > 1 };
}

const isJudgeError = (r: Obj): boolean => isObj(r['error']) && (r['error']['stage'] === 'judge' || r['error']['kind'] === 'judge');

/** Collect the selected scorer's verdicts per sample from parsed records.jsonl lines. */
export function collectVerdicts(records: readonly unknown[], sel: VerdictSelection): CollectedVerdicts {
  const perSample = new Map<string, { values: number[]; lengths: number[] }>();
  const judgeErrors = new Set<string>();
  const otherErrors = new Set<string>();
  let judgeErrorRecords = 0;
  let missingVerdicts = 0;
  for (const r of records) {
    if (!isObj(r) || r['model'] !== sel.model || typeof r['sampleId'] !== 'string') continue;
    const id = r['sampleId'];
    if (r['status'] === 'error') {
      if (isJudgeError(r)) {
        judgeErrorRecords += 1;
        judgeErrors.add(id);
      } else otherErrors.add(id);
      continue;
    }
    const v = verdictOf(r, sel);
    if (v === undefined) {
      missingVerdicts += 1;
      continue;
    }
    const entry = perSample.get(id) ?? { values: [], lengths: [] };
    entry.values.push(v);
    entry.lengths.push(typeof r['output'] === 'string' ? r['output'].length : 0);
    perSample.set(id, entry);
  }
  const verdicts = new Map<string, SampleVerdict>();
  for (const [id, { values, lengths }] of perSample) {
    const { value, tie } = combineEpochs(values);
    verdicts.set(id, { value, tie, epochs: values.length, length: lengths.reduce((s, x) => s + x, 0) / lengths.length });
  }
  return {
    verdicts,
    judgeErrorSamples: [...judgeErrors].filter((id) => !verdicts.has(id)),
    otherErrorSamples: [...otherErrors].filter((id) => !verdicts.has(id) && !judgeErrors.has(id)),
    judgeErrorRecords,
    missingVerdicts,
  };
}

/** Verdicts paired with human labels by sample id, and what could not be paired. */
export interface Pairing {
  readonly items: readonly ScoreLabel[];
  /** Samples with a verdict but no human label. */
  readonly unlabelled: readonly string[];
  /** Labels without a verdict: the judge failed on the sample. */
  readonly judgeErrors: readonly string[];
  /** Labels without a verdict: the model's own call failed. */
  readonly modelErrors: readonly string[];
  /** Labels whose sample is not in the run (for this model and scorer). */
  readonly notInRun: readonly string[];
}

/** Labels paired with verdicts by id (the labels file's order); what could not be paired, counted by why. */
function pairBy<V, L, I>(
  c: { readonly verdicts: ReadonlyMap<string, V>; readonly judgeErrorSamples: readonly string[]; readonly otherErrorSamples: readonly string[] },
  labels: ReadonlyMap<string, L>,
  make: (id: string, verdict: V, human: L) => I,
): { items: I[]; unlabelled: string[]; judgeErrors: string[]; modelErrors: string[]; notInRun: string[] } {
  const judgeFailed = new Set(c.judgeErrorSamples);
  const modelFailed = new Set(c.otherErrorSamples);
  const out = { items: [] as I[], unlabelled: [] as string[], judgeErrors: [] as string[], modelErrors: [] as string[], notInRun: [] as string[] };
  for (const [id, human] of labels) {
    const v = c.verdicts.get(id);
    if (v !== undefined) out.items.push(make(id, v, human));
    else if (judgeFailed.has(id)) out.judgeErrors.push(id);
    else if (modelFailed.has(id)) out.modelErrors.push(id);
    else out.notInRun.push(id);
  }
  out.unlabelled = [...c.verdicts.keys()].filter((id) => !labels.has(id));
  return out;
}

/** Pair every verdict with the human label of the same sample id. Order: the labels file's. */
export function pairWithLabels(collected: CollectedVerdicts, labels: ReadonlyMap<string, number>): Pairing {
  return pairBy(collected, labels, (id, v, human): ScoreLabel => ({ id, judge: v.value, human, length: v.length }));
}

// Pairwise scorers: a record's score carries `judge.verdict` as a PairVerdict (the position the judge
// named in each order). With epochs, a sample's epoch-1 verdict is used (the lowest epoch with one):
// the two orders' verdicts of different epochs do not combine into one item.

/** One sample's pairwise verdict: the winning position named in each order (A = shown first). */
export interface SamplePairVerdict {
  /** The candidate (this run's output) shown first. */
  readonly candidateFirst: Winner;
  /** The baseline shown first. */
  readonly candidateSecond: Winner;
  readonly epoch: number;
  /** The candidate's and the baseline's output lengths (characters), when the record kept them. */
  readonly lengths?: { readonly candidate: number; readonly baseline: number };
}

export interface CollectedPairs {
  readonly verdicts: ReadonlyMap<string, SamplePairVerdict>;
  readonly judgeErrorSamples: readonly string[];
  readonly otherErrorSamples: readonly string[];
  readonly judgeErrorRecords: number;
  /** Verdicts of later epochs not used (a sample's lowest epoch is). */
  readonly laterEpochs: number;
}

const isWinner = (v: unknown): v is Winner => v === 'A' || v === 'B' || v === 'tie';

/** Collect the pairwise scorer's verdicts per sample from parsed records.jsonl lines. */
export function collectPairVerdicts(records: readonly unknown[], sel: Omit<VerdictSelection, 'criterion'>): CollectedPairs {
  const verdicts = new Map<string, SamplePairVerdict>();
  const judgeErrors = new Set<string>();
  const otherErrors = new Set<string>();
  let judgeErrorRecords = 0;
  let laterEpochs = 0;
  for (const r of records) {
    if (!isObj(r) || r['model'] !== sel.model || typeof r['sampleId'] !== 'string') continue;
    const id = r['sampleId'];
    if (r['status'] === 'error') {
      if (isJudgeError(r)) { judgeErrorRecords += 1; judgeErrors.add(id); } else otherErrors.add(id);
      continue;
    }
    const scores = Array.isArray(r['scores']) ? r['scores'] : [];
    const judge = scores.find((s): s is Obj => isObj(s) && s['name'] === sel.scorer)?.['judge'];
    const v = isObj(judge) ? judge['verdict'] : undefined;
    if (!isObj(v) || !isWinner(v['candidateFirst']) || !isWinner(v['candidateSecond'])) continue;
    const epoch = num(r['epoch']) ?? 1;
    const had = verdicts.get(id);
    if (had !== undefined) laterEpochs += 1;
    const l = isObj(v['lengths']) ? v['lengths'] : {};
    const [lc, lb] = [num(l['candidate']), num(l['baseline'])];
    const lengths = lc !== undefined && lb !== undefined ? { candidate: lc, baseline: lb } : undefined;
    if (had === undefined || epoch < had.epoch) verdicts.set(id, { candidateFirst: v['candidateFirst'], candidateSecond: v['candidateSecond'], epoch, ...(lengths !== undefined && { lengths }) });
  }
  return {
    verdicts,
    judgeErrorSamples: [...judgeErrors].filter((id) => !verdicts.has(id)),
    otherErrorSamples: [...otherErrors].filter((id) => !verdicts.has(id) && !judgeErrors.has(id)),
    judgeErrorRecords,
    laterEpochs,
  };
}

/** Pairwise verdicts paired with human preferences (A = this run's output) by sample id. */
export function pairPreferences(collected: CollectedPairs, labels: ReadonlyMap<string, Winner>): Omit<Pairing, 'items'> & { readonly items: readonly PreferenceLabel[] } {
  return pairBy(collected, labels, (id, v, human): PreferenceLabel => ({
    id, human, judgeAFirst: v.candidateFirst, judgeBFirst: v.candidateSecond,
    ...(v.lengths !== undefined && { lengthA: v.lengths.candidate, lengthB: v.lengths.baseline }),
  }));
}
