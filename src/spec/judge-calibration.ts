import { dirname, resolve as resolvePath } from 'node:path';
import type { JudgeCalibrationSpec } from '../types/judge.js';
import type { ScorerSpec } from '../scoring/create.js';
import { scorerScale } from '../scoring/model-graded/scorer-scale.js';
import type { JudgeCalibrationInput, JudgeInput } from './input.js';

// `judge.calibration` of a model-graded scorer (its own judge's, else the spec-level judge's, which
// pairwise scorers do not take and whose criterion only criteria scorers read):
// resolved with its defaults, the labels path made absolute (relative to the spec, like
// dataset.path), and checked against the scorer: a minimum must be set, and the scorer must have a
// discrete scale (a criterion named for a criteria scorer; pairwise preferences are not supported).
// The labels file itself is read once the dataset is loaded (eval/calibration-labels.ts).

export const CALIBRATION_DEFAULTS = { weighting: 'quadratic', bound: 'estimate', idField: 'id', labelField: 'human' } as const;

/** The resolved calibration of scorer `i`, or undefined; problems go to `issues` as "file#/pointer: message". */
export function resolveCalibration(s: ScorerSpec, i: number, own: JudgeInput, spec: JudgeInput | undefined, file: string, issues: string[]): JudgeCalibrationSpec | undefined {
  const inherited = own.calibration === undefined;
  // The spec-level calibration is for score scorers: a pairwise scorer does not take it, and its
  // criterion only concerns criteria scorers.
  if (inherited && s.type === 'pairwise') return undefined;
  const declared = own.calibration ?? spec?.calibration;
  if (declared === undefined) return undefined;
  const c: JudgeCalibrationInput = inherited && s.type !== 'criteria' ? { ...declared, criterion: undefined } : declared;
  const at = inherited ? '/judge/calibration' : `/scorers/${i}/judge/calibration`;
  const where = `${file}#${at}`;
  const before = issues.length;
  if (c.min_kappa === undefined && c.min_accuracy === undefined) issues.push(`${where}: set the required agreement, min_kappa (e.g. 0.6) and/or min_accuracy (e.g. 0.8)`);
  const scale = scorerScale(s, c.criterion);
  if (!scale.ok && scale.why === 'pairwise') issues.push(`${where}: scorer ${s.name} is pairwise; calibrating pairwise preferences inside a run is not supported (use haikubench calibrate on score scorers), remove calibration here`);
  if (!scale.ok && scale.why === 'continuous') issues.push(`${where}: scorer ${s.name} has no discrete scale, so kappa has no categories; give it an integer scale`);
  if (!scale.ok && scale.why === 'criterion') issues.push(`${where}${c.criterion === undefined ? '' : '/criterion'}: scorer ${s.name} is a criteria scorer: name the criterion to calibrate with "criterion:" (one of ${scale.criteria.join(', ')})${c.criterion === undefined ? '' : `; "${c.criterion}" is not one`}`);
  if (scale.ok && c.criterion !== undefined && s.type !== 'criteria') issues.push(`${where}/criterion: scorer ${s.name} is a ${s.type} scorer, not a criteria one; remove criterion`);
  if (issues.length > before) return undefined;
  return {
    labels: resolvePath(dirname(resolvePath(file)), c.labels),
    shown: c.labels,
    at,
    ...(c.min_kappa !== undefined && { minKappa: c.min_kappa }),
    ...(c.min_accuracy !== undefined && { minAccuracy: c.min_accuracy }),
    weighting: c.weighting ?? CALIBRATION_DEFAULTS.weighting,
    bound: c.bound ?? CALIBRATION_DEFAULTS.bound,
    idField: c.id_field ?? CALIBRATION_DEFAULTS.idField,
    labelField: c.label_field ?? CALIBRATION_DEFAULTS.labelField,
    ...(c.criterion !== undefined && { criterion: c.criterion }),
  };
}
