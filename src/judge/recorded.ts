import type { ScoreLabel } from './calibration.js';

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

/** Pair every verdict with the human label of the same sample id. Order: the labels file's. */
export function pairWithLabels(collected: CollectedVerdicts, labels: ReadonlyMap<string, number>): Pairing {
  const judgeFailed = new Set(collected.judgeErrorSamples);
  const modelFailed = new Set(collected.otherErrorSamples);
  const items: ScoreLabel[] = [];
  const judgeErrors: string[] = [];
  const modelErrors: string[] = [];
  const notInRun: string[] = [];
  for (const [id, human] of labels) {
    const v = collected.verdicts.get(id);
    if (v !== undefined) items.push({ id, judge: v.value, human, length: v.length });
    else if (judgeFailed.has(id)) judgeErrors.push(id);
    else if (modelFailed.has(id)) modelErrors.push(id);
    else notInRun.push(id);
  }
  const unlabelled = [...collected.verdicts.keys()].filter((id) => !labels.has(id));
  return { items, unlabelled, judgeErrors, modelErrors, notInRun };
}
