import type { JudgeCalibrationSpec } from '../../types/judge.js';
import type { JudgeCalibrationEntry } from './calibration-schema.js';
import type { ScorerSpec } from '../../scoring/create.js';
import { calibrate, meetsMinimum, type ScoreCalibration } from './human-agreement.js';
import { collectVerdicts, pairWithLabels } from './recorded.js';
import { scorerScale } from '../../scoring/model-graded/scorer-scale.js';

// A spec's judge.calibration, computed after the run from its own records: for each scorer whose
// judge requires an agreement and each model, the recorded verdicts on the labelled samples against
// the human labels — the same functions, and so the same figures, as `haikubench calibrate` on the
// run directory (majority over epochs, judge errors left out and counted, 95% intervals). Pure.

// An entry's shape is its JSON Schema's (calibration-schema.ts), part of summary.json.
export type { JudgeCalibrationEntry } from './calibration-schema.js';

export interface CalibrationTarget {
  readonly scorer: ScorerSpec;
  readonly calibration: JudgeCalibrationSpec;
  readonly labels: ReadonlyMap<string, number>;
}

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

function minimumText(c: JudgeCalibrationSpec): string {
  const parts = [...(c.minKappa !== undefined ? [`kappa ≥ ${f2(c.minKappa)}`] : []), ...(c.minAccuracy !== undefined ? [`accuracy ≥ ${f2(c.minAccuracy)}`] : [])];
  return `${parts.join(' and ')}${c.bound === 'lower' ? ' (lower end of the 95% interval)' : ''}`;
}

/** Whether the figures meet the minimum, and the sentence that says so. */
function decide(scores: ScoreCalibration | undefined, c: JudgeCalibrationSpec): Pick<JudgeCalibrationEntry, 'met' | 'reason'> {
  const n = scores?.n ?? 0;
  const items = `${n} labelled item${n === 1 ? '' : 's'}`;
  if (scores === undefined || n === 0) return { met: 'insufficient', reason: `no labelled sample has a judge verdict, so agreement cannot be measured (requires ${minimumText(c)})` };
  if (c.minKappa !== undefined && !scores.kappa.defined) return { met: 'insufficient', reason: `kappa is undefined on ${items} (${scores.kappa.reason}); label more varied samples (requires ${minimumText(c)})` };
  const check = meetsMinimum({ scores }, { ...(c.minKappa !== undefined && { minKappa: c.minKappa }), ...(c.minAccuracy !== undefined && { minAccuracy: c.minAccuracy }), bound: c.bound });
  const measured = [
    ...(scores.kappa.defined ? [`kappa ${f3(c.bound === 'lower' ? scores.kappa.ci[0] : scores.kappa.kappa)}${c.bound === 'lower' ? ' (lower bound)' : ''}`] : []),
    ...(c.minAccuracy !== undefined && scores.accuracy.rate !== null ? [`accuracy ${f3(c.bound === 'lower' ? scores.accuracy.ci[0] : scores.accuracy.rate)}${c.bound === 'lower' ? ' (lower bound)' : ''}`] : []),
  ].join(', ');
  if (check.pass) return { met: true, reason: `${measured} on ${items} meets the required ${minimumText(c)}` };
  const short = check.reason.split('; ').map((r) => r.replace(/^scores: /, '').replace(/ < (-?[\d.]+)$/, (_, m: string) => ` < ${f2(Number(m))}`)).join(', ');
  return { met: false, reason: `${short} on ${items}` };
}

/** The entry of one scorer × model from the run's parsed records.jsonl lines. */
export function calibrationEntry(t: CalibrationTarget, model: string, records: readonly unknown[]): JudgeCalibrationEntry {
  const c = t.calibration;
  const scale = scorerScale(t.scorer, c.criterion);
  if (!scale.ok) throw new Error(`scorer ${t.scorer.name}: calibration without a scale (the spec resolver should have caught this)`);
  const collected = collectVerdicts(records, { scorer: t.scorer.name, model, criterion: c.criterion });
  const pairing = pairWithLabels(collected, t.labels);
  const scores = pairing.items.length === 0 ? undefined : calibrate({ scores: { items: pairing.items, scale: scale.scale, weighting: c.weighting } }).scores;
  const k = scores?.kappa;
  return {
    scorer: t.scorer.name, criterion: c.criterion ?? null, model, labels: c.shown, inVerdict: t.scorer.weight > 0,
    n: scores?.n ?? 0,
    accuracy: { x: scores?.accuracy.x ?? 0, n: scores?.accuracy.n ?? 0, rate: scores?.accuracy.rate ?? null, ci95: scores?.accuracy.ci ?? [0, 1] },
    kappa: {
      weighting: c.weighting,
      value: k?.defined === true ? k.kappa : null,
      se: k?.defined === true ? k.se : null,
      ci95: k?.defined === true ? k.ci : null,
      undefinedBecause: k === undefined ? 'no labelled items' : k.defined ? null : k.reason,
    },
    minimum: { kappa: c.minKappa ?? null, accuracy: c.minAccuracy ?? null, bound: c.bound },
    ...decide(scores, c),
    leftOut: { judgeErrors: pairing.judgeErrors.length, modelErrors: pairing.modelErrors.length, notInRun: pairing.notInRun.length, unlabelled: pairing.unlabelled.length },
  };
}

/** Every scorer × model entry, in the spec's scorer order, then model order. */
export function runCalibrations(targets: readonly CalibrationTarget[], models: readonly string[], records: readonly unknown[]): JudgeCalibrationEntry[] {
  return targets.flatMap((t) => models.map((m) => calibrationEntry(t, m, records)));
}
