import { agreementTable, cohenKappa, type KappaResult, type KappaWeighting } from '../../stats/kappa.js';
import { correlation } from '../../stats/moments.js';
import { perOrderAgreement, type PerOrderAgreement } from './calibration-orders.js';
import { rate, summarizePairwise, type PairwiseSummary, type Rate } from '../pairwise.js';
import { scaleCategories } from '../scale.js';
import type { Scale, Winner } from '../../types/judge-task.js';

// "Can I trust my judge?": recorded verdicts against human labels, no calls.
//
// Scores: exact accuracy; weighted kappa (quadratic by default: the scale is ordinal, and a miss by
// one point should cost less than a miss by five) with its FCE CI, and unweighted kappa beside it;
// the confusion matrix (rows judge, columns human) over the scale's categories. Scores must be
// on the scale: reduce repeated samples by majority or median-of-odd-k, not by mean.
// Length bias, scores: corr(judge score, length) − corr(human score, length), both Pearson. A
// positive excess means the judge rewards length more than the humans do.
// Preferences: the judge's verdict resolved over both orders (pairwise.ts: disagreement = tie) vs
// the human's; agreement rate and unweighted kappa over {A, tie, B}; position bias (flip rate,
// first-position win rate), and beside them each order's own agreement and kappa with the humans, their
// mean and order-vs-order agreement (calibration-orders.ts). Length bias, preferences: of the items
// where the judge picked a winner the human did not pick (the human chose the other output or a tie), the share where the
// judge's winner is the longer output; judge's and human's longer-wins rates are reported beside it.

export interface ScoreLabel {
  readonly id: string;
  readonly judge: number;
  readonly human: number;
  /** Length of the graded output (characters or tokens: be consistent), for the length bias. */
  readonly length?: number;
}

export interface PreferenceLabel {
  readonly id: string;
  /** The human's preference between the pair's outputs A and B (in the dataset's order). */
  readonly human: Winner;
  /** Judge verdict with A shown first; null if that call failed. */
  readonly judgeAFirst: Winner | null;
  /** Judge verdict with B shown first, as the judge said it ('A' = the output shown first = B). */
  readonly judgeBFirst: Winner | null;
  readonly lengthA?: number;
  readonly lengthB?: number;
}

export interface CalibrationInput {
  readonly scores?: { readonly items: readonly ScoreLabel[]; readonly scale: Scale; readonly weighting?: KappaWeighting };
  readonly preferences?: { readonly items: readonly PreferenceLabel[] };
}

export interface AgreementTable<L> {
  readonly categories: readonly L[];
  /** Rows: judge; columns: human. */
  readonly table: readonly (readonly number[])[];
}

export interface ScoreCalibration {
  readonly n: number;
  readonly accuracy: Rate;
  readonly kappa: KappaResult;
  readonly unweightedKappa: KappaResult;
  readonly confusion: AgreementTable<number>;
  readonly lengthBias: {
    readonly n: number;
    readonly judge: number | null;
    readonly human: number | null;
    readonly excess: number | null;
  };
}

export interface PreferenceCalibration {
  /** Items with a judge verdict in both orders. */
  readonly n: number;
  readonly incomplete: number;
  readonly agreement: Rate;
  readonly kappa: KappaResult;
  readonly confusion: AgreementTable<Winner>;
  readonly position: PairwiseSummary;
  /** Each presentation order's agreement and kappa with the humans, their mean, and order against order (calibration-orders.ts). */
  readonly perOrder: PerOrderAgreement;
  readonly lengthBias: { readonly againstHuman: Rate; readonly judgeLongerWins: Rate; readonly humanLongerWins: Rate };
}

export interface CalibrationReport {
  readonly scores?: ScoreCalibration;
  readonly preferences?: PreferenceCalibration;
}

function calibrateScores(input: NonNullable<CalibrationInput['scores']>): ScoreCalibration {
  const categories = scaleCategories(input.scale);
  if (categories === undefined) throw new RangeError('calibration: kappa needs a discrete scale (integer or values), not continuous');
  for (const it of input.items) {
    for (const [who, v] of [['judge', it.judge], ['human', it.human]] as const) {
      if (categories.includes(v)) continue;
      throw new RangeError(`calibration: ${who} score ${v} of item ${it.id} is not on the scale (reduce samples by majority, not mean)`);
    }
  }
  const judge = input.items.map((it) => it.judge);
  const human = input.items.map((it) => it.human);
  const table = agreementTable(judge, human, categories);
  const agree = input.items.filter((it) => it.judge === it.human).length;
  const withLength = input.items.filter((it) => it.length !== undefined);
  const lengths = withLength.map((it) => it.length ?? 0);
  const cj = correlation(withLength.map((it) => it.judge), lengths);
  const ch = correlation(withLength.map((it) => it.human), lengths);
  return {
    n: input.items.length,
    accuracy: rate(agree, input.items.length),
    kappa: cohenKappa(table, input.weighting ?? 'quadratic'),
    unweightedKappa: cohenKappa(table, 'unweighted'),
    confusion: { categories, table },
    lengthBias: { n: withLength.length, judge: cj, human: ch, excess: cj === null || ch === null ? null : cj - ch },
  };
}

const PREFERENCE_CATEGORIES: readonly Winner[] = ['A', 'tie', 'B'];
const OUTCOME_TO_WINNER = { win: 'A', tie: 'tie', loss: 'B' } as const;

function longer(it: PreferenceLabel): Winner | undefined {
  if (it.lengthA === undefined || it.lengthB === undefined || it.lengthA === it.lengthB) return undefined;
  return it.lengthA > it.lengthB ? 'A' : 'B';
}

function lengthBias(pairs: readonly { it: PreferenceLabel; judge: Winner }[]): PreferenceCalibration['lengthBias'] {
  const sized = pairs.flatMap(({ it, judge }) => {
    const l = longer(it);
    return l === undefined ? [] : [{ judge, human: it.human, longer: l }];
  });
  const judgeDecided = sized.filter((p) => p.judge !== 'tie');
  const humanDecided = sized.filter((p) => p.human !== 'tie');
  const against = judgeDecided.filter((p) => p.judge !== p.human);
  return {
    againstHuman: rate(against.filter((p) => p.judge === p.longer).length, against.length),
    judgeLongerWins: rate(judgeDecided.filter((p) => p.judge === p.longer).length, judgeDecided.length),
    humanLongerWins: rate(humanDecided.filter((p) => p.human === p.longer).length, humanDecided.length),
  };
}

function calibratePreferences(input: NonNullable<CalibrationInput['preferences']>): PreferenceCalibration {
  const { items: resolved, summary } = summarizePairwise(
    input.items.map((it) => ({ id: it.id, candidateFirst: it.judgeAFirst, candidateSecond: it.judgeBFirst })),
  );
  const pairs = input.items.flatMap((it, i) => {
    const outcome = resolved[i]?.outcome ?? null;
    return outcome === null ? [] : [{ it, judge: OUTCOME_TO_WINNER[outcome] as Winner }];
  });
  const table = agreementTable(pairs.map((p) => p.judge), pairs.map((p) => p.it.human), PREFERENCE_CATEGORIES);
  return {
    n: pairs.length,
    incomplete: input.items.length - pairs.length,
    agreement: rate(pairs.filter((p) => p.judge === p.it.human).length, pairs.length),
    kappa: cohenKappa(table, 'unweighted'),
    confusion: { categories: PREFERENCE_CATEGORIES, table },
    position: summary,
    perOrder: perOrderAgreement(pairs.flatMap(({ it }) => (it.judgeAFirst === null || it.judgeBFirst === null ? [] : [{ human: it.human, judgeAFirst: it.judgeAFirst, judgeBFirst: it.judgeBFirst }]))),
    lengthBias: lengthBias(pairs),
  };
}

/** The calibration report for whichever sections have labelled items. */
export function calibrate(input: CalibrationInput): CalibrationReport {
  return {
    ...(input.scores === undefined ? {} : { scores: calibrateScores(input.scores) }),
    ...(input.preferences === undefined ? {} : { preferences: calibratePreferences(input.preferences) }),
  };
}

export interface CalibrationMinimum {
  readonly minKappa?: number;
  readonly minAccuracy?: number;
  /** Compare the point estimate (default) or the lower end of the 95% interval. */
  readonly bound?: 'estimate' | 'lower';
}

export type MinimumCheck = { readonly pass: true; readonly reason: string } | { readonly pass: false; readonly reason: string };

function sectionFailures(name: string, accuracy: Rate, kappa: KappaResult, min: CalibrationMinimum): string[] {
  const lower = min.bound === 'lower';
  const failures: string[] = [];
  const fmt = (x: number) => x.toFixed(3);
  if (min.minAccuracy !== undefined) {
    const got = accuracy.rate === null ? null : lower ? accuracy.ci[0] : accuracy.rate;
    if (got === null) failures.push(`${name}: no labelled items`);
    else if (got < min.minAccuracy) failures.push(`${name}: accuracy ${lower ? 'lower bound ' : ''}${fmt(got)} < ${min.minAccuracy}`);
  }
  if (min.minKappa !== undefined) {
    if (!kappa.defined) failures.push(`${name}: kappa undefined (${kappa.reason})`);
    else {
      const got = lower ? kappa.ci[0] : kappa.kappa;
      if (got < min.minKappa) failures.push(`${name}: kappa ${lower ? 'lower bound ' : ''}${fmt(got)} < ${min.minKappa}`);
    }
  }
  return failures;
}

/** Whether the judge meets a spec's minimum agreement, in every section the report has. */
export function meetsMinimum(report: CalibrationReport, min: CalibrationMinimum): MinimumCheck {
  const sections: [string, Rate, KappaResult][] = [];
  if (report.scores !== undefined) sections.push(['scores', report.scores.accuracy, report.scores.kappa]);
  if (report.preferences !== undefined) sections.push(['preferences', report.preferences.agreement, report.preferences.kappa]);
  if (sections.length === 0) return { pass: false, reason: 'no calibration data' };
  const failures = sections.flatMap(([name, acc, kappa]) => sectionFailures(name, acc, kappa, min));
  if (failures.length > 0) return { pass: false, reason: failures.join('; ') };
  if (min.minKappa === undefined && min.minAccuracy === undefined) return { pass: true, reason: 'no minimum set' };
  return { pass: true, reason: `meets the minimum (${sections.map(([n]) => n).join(', ')})` };
}
