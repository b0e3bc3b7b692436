import { table } from 'table';
import { InputError } from '../../errors.js';
import { calibrate, meetsMinimum, type MinimumCheck, type PreferenceCalibration } from './human-agreement.js';
import { rate, type Rate } from '../pairwise.js';
import { collectPairVerdicts, pairPreferences } from './recorded.js';
import type { Winner } from '../../types/judge-task.js';
import type { KappaResult } from '../../stats/kappa.js';

// `haikubench calibrate` on a pairwise scorer: human preferences (A = this run's output, the
// candidate; B = the baseline's; tie) against the judge's recorded verdicts in both orders, resolved
// as the scorer resolves them (a verdict that changes with the order is a tie). Agreement, unweighted
// kappa over {A, tie, B}, the confusion matrix, and the judge's position bias: its first-position win
// rate over the 2n order verdicts against the humans' — the rate a judge giving the humans'
// preference in both orders would have (decided items / 2n) — and its position-flip rate. Length
// bias, over the items whose record kept both outputs' lengths (characters) and whose lengths
// differ: how often the longer output won for the judge and for the humans, and, where the judge
// picked a winner the humans did not, how often that winner was the longer output (an unbiased
// judge's disagreements land on either side about equally). Beside the resolved figures: each
// presentation order's own agreement and kappa with the humans, their mean, and order against order.

export interface PairwiseCalibrateReport {
  readonly kind: 'preferences';
  readonly run: string;
  readonly labels: string;
  readonly model: string;
  readonly scorer: string;
  readonly leftOut: { readonly unlabelled: number; readonly labelsWithoutVerdict: number; readonly judgeErrors: number; readonly modelErrors: number; readonly notInRun: number; readonly judgeErrorRecords: number; readonly laterEpochs: number };
  readonly calibration: Omit<PreferenceCalibration, 'lengthBias'>;
  readonly positionBias: {
    /** Share of the judge's 2n order verdicts won by the output shown first. */
    readonly judgeFirstPositionWins: Rate;
    /** The same share for a judge that gave the humans' preference in both orders: decided / 2n. */
    readonly humanFirstPositionWins: Rate;
    /** judge − human; positive: the judge favours the first position more than the humans' preferences explain. */
    readonly excess: number | null;
    /** Items whose resolved outcome changed with the order. */
    readonly flips: Rate;
  };
  readonly lengthBias: PreferenceCalibration['lengthBias'] & {
    /** Paired items whose record kept both lengths, and of those, the ones of equal length (left out). */
    readonly sized: number;
    readonly equal: number;
  };
  /** Rows: human preference; columns: the judge's resolved verdict; categories A, tie, B. */
  readonly confusion: { readonly categories: readonly Winner[]; readonly rows: 'human'; readonly table: readonly (readonly number[])[] };
  readonly gate: MinimumCheck | null;
  readonly notes: readonly string[];
}

export interface PairwiseInputs {
  readonly run: string;
  readonly labelsShown: string;
  readonly records: readonly unknown[];
  readonly model: string;
  readonly scorer: string;
  readonly labels: ReadonlyMap<string, Winner>;
  readonly minimum: { readonly minKappa?: number | undefined; readonly minAccuracy?: number | undefined; readonly bound: 'estimate' | 'lower' };
  readonly notes: readonly string[];
}

const transpose = (t: readonly (readonly number[])[]): number[][] => t.map((_, j) => t.map((row) => row[j] ?? 0));

export function buildPairwiseReport(i: PairwiseInputs): PairwiseCalibrateReport {
  const collected = collectPairVerdicts(i.records, { scorer: i.scorer, model: i.model });
  const p = pairPreferences(collected, i.labels);
  if (p.items.length === 0) {
    throw new InputError('calibrate.no_pairs', `${i.labelsShown}: no label matches a recorded pairwise verdict of ${i.scorer} on ${i.model}`, [
      `${i.labels.size} label(s), ${collected.verdicts.size} sample(s) with a verdict; judge errors ${p.judgeErrors.length}, model errors ${p.modelErrors.length}, not in the run ${p.notInRun.length}`,
    ]);
  }
  const full = calibrate({ preferences: { items: p.items } }).preferences as PreferenceCalibration;
  const { lengthBias, ...c } = full;
  const sized = p.items.filter((it) => it.lengthA !== undefined && it.lengthB !== undefined);
  const unsized = p.items.length - sized.length;
  // Every paired item has a verdict in both orders (collectPairVerdicts keeps only those).
  const decided = p.items.filter((it) => it.human !== 'tie').length;
  const human = rate(decided, 2 * c.n);
  const judge = c.position.firstPositionWins;
  const gated = i.minimum.minKappa !== undefined || i.minimum.minAccuracy !== undefined;
  return {
    kind: 'preferences', run: i.run, labels: i.labelsShown, model: i.model, scorer: i.scorer,
    leftOut: {
      unlabelled: p.unlabelled.length, labelsWithoutVerdict: p.judgeErrors.length + p.modelErrors.length + p.notInRun.length,
      judgeErrors: p.judgeErrors.length, modelErrors: p.modelErrors.length, notInRun: p.notInRun.length,
      judgeErrorRecords: collected.judgeErrorRecords, laterEpochs: collected.laterEpochs,
    },
    calibration: c,
    positionBias: { judgeFirstPositionWins: judge, humanFirstPositionWins: human, excess: judge.rate === null || human.rate === null ? null : judge.rate - human.rate, flips: c.position.flips },
    lengthBias: { ...lengthBias, sized: sized.length, equal: sized.filter((it) => it.lengthA === it.lengthB).length },
    confusion: { categories: c.confusion.categories, rows: 'human', table: transpose(c.confusion.table) },
    gate: gated ? meetsMinimum({ preferences: full }, { ...(i.minimum.minKappa !== undefined && { minKappa: i.minimum.minKappa }), ...(i.minimum.minAccuracy !== undefined && { minAccuracy: i.minimum.minAccuracy }), bound: i.minimum.bound }) : null,
    notes: [
      ...i.notes,
      ...(collected.laterEpochs > 0 ? [`epochs: each sample's first epoch is compared; ${collected.laterEpochs} verdict(s) of later epochs left out.`] : []),
      ...(unsized > 0 ? [`length bias: ${unsized} item(s) left out, their records do not keep the outputs' lengths (written before haikubench kept them)`] : []),
    ],
  };
}

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const rateCells = (r: Rate): string[] => [`${f3(r.rate)} (${r.x}/${r.n})`, `${f3(r.ci[0])} – ${f3(r.ci[1])}`, ''];
const kappaCells = (k: KappaResult): string[] => (k.defined ? [f3(k.kappa), `${f3(k.ci[0])} – ${f3(k.ci[1])}`, f3(k.se)] : ['undefined', k.reason, '']);

export function renderPairwiseText(r: PairwiseCalibrateReport): string {
  const c = r.calibration;
  const o = c.perOrder;
  const b = r.positionBias;
  const lo = r.leftOut;
  const head = `calibrate ${r.scorer} (pairwise) on ${r.model}: ${r.run} vs ${r.labels}\n`;
  const summary = table([
    ['measure', 'value', '95% CI', 'SE'],
    ['paired items (n, both orders judged)', String(c.n), '', ''],
    ['agreement (A / tie / B)', ...rateCells(c.agreement)],
    ['kappa (unweighted, 3 categories)', ...kappaCells(c.kappa)],
    ['agreement, order AB only (A shown first)', ...rateCells(o.ab.agreement)],
    ['agreement, order BA only (B shown first)', ...rateCells(o.ba.agreement)],
    ['agreement, mean of the two orders', f3(o.meanAgreement), '', ''],
    ['kappa, order AB only', ...kappaCells(o.ab.kappa)],
    ['kappa, order BA only', ...kappaCells(o.ba.kappa)],
    ['order AB vs order BA: same verdict', ...rateCells(o.orders.agreement)],
    ['order AB vs order BA: kappa', ...kappaCells(o.orders.kappa)],
    ['first-position wins: judge', ...rateCells(b.judgeFirstPositionWins)],
    ['first-position wins: humans\' preferences', ...rateCells(b.humanFirstPositionWins)],
    ['position bias (judge − humans)', f3(b.excess), '', ''],
    ['position flips (verdict changed with the order)', ...rateCells(b.flips)],
    ['longer output won: judge (its decided items)', ...rateCells(r.lengthBias.judgeLongerWins)],
    ['longer output won: humans (their decided items)', ...rateCells(r.lengthBias.humanLongerWins)],
    ['judge over humans: its winner was the longer', ...rateCells(r.lengthBias.againstHuman)],
  ]);
  const cats = r.confusion.categories.map(String);
  const confusion = table([['human \\ judge', ...cats], ...r.confusion.table.map((row, k) => [cats[k] ?? '', ...row.map(String)])]);
  const notes = [
    'A = this run\'s output (the candidate), B = the baseline\'s; the judge\'s verdict is resolved over both orders (a verdict that changes with the order is a tie).',
    'order rows: each presentation order\'s verdicts on their own against the humans (MT-Bench/LLMBar style), their mean, and how often the two orders give the same verdict.',
    `length rows: ${r.lengthBias.sized - r.lengthBias.equal} item(s) whose outputs differ in length (characters); "judge over humans" counts the items where the judge picked a winner the humans did not, and near 0.5 is unbiased.`,
    `left out: ${lo.unlabelled} sample(s) without a human label; ${lo.labelsWithoutVerdict} label(s) without a verdict (judge errors ${lo.judgeErrors}, model errors ${lo.modelErrors}, not in the run ${lo.notInRun}); ${c.incomplete} item(s) without a verdict in both orders. Judge errors are never counted as disagreement.`,
    ...r.notes,
    ...(r.gate === null ? [] : [`${r.gate.pass ? 'PASS' : 'FAIL'}: ${r.gate.reason}`]),
  ];
  return `${head}${summary}${confusion}${notes.join('\n')}\n`;
}
