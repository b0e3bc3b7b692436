import { percentile } from '../stats/intervals.js';
import { krippendorffAlpha, type AlphaResult } from '../stats/krippendorff.js';
import { WINNERS, type ReduceMethod, type ReducedScore, type ReducedVerdict, type ReducedWinner, type JudgeVerdict, type Winner } from '../types/judge-task.js';

// Reduces k repeated judge samples of one item to one verdict, and measures the judge's
// self-agreement. Only valid verdicts come in: failed samples (malformed, refused) are the
// caller's to count, and an item with none has no verdict (undefined), never a zero.
//
// Methods, for scores: mean; median (type-7, so an even k can give a value between two samples);
// majority = the most frequent score, a tie between modes going to the LOWER score (conservative:
// a split never inflates). For pairwise winners, A = +1, tie = 0, B = −1: mean and median take the
// sign; majority takes the plurality, and a tie for first place is 'tie'.
// `agreement` is the share of samples equal to the sample value nearest the reduced value (ties
// to the lower): exactly "share agreeing with the verdict" for majority and odd-k median, and for a
// mean of [7, 7, 8] (7.33) it is 2/3 rather than a meaningless 0.

export type { ReduceMethod, ReducedScore, ReducedVerdict, ReducedWinner } from '../types/judge-task.js';

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: [number, number] | undefined;
  for (const [v, c] of counts) if (best === undefined || c > best[1] || (c === best[1] && v < best[0])) best = [v, c];
  return best?.[0] ?? NaN;
}

function nearestSample(values: readonly number[], target: number): number {
  let best = values[0] ?? NaN;
  for (const v of values) {
    const d = Math.abs(v - target) - Math.abs(best - target);
    if (d < 0 || (d === 0 && v < best)) best = v;
  }
  return best;
}

/** One score from k samples; undefined for k = 0. */
export function reduceScores(values: readonly number[], method: ReduceMethod): ReducedScore | undefined {
  const k = values.length;
  if (k === 0) return undefined;
  const mean = values.reduce((s, v) => s + v, 0) / k;
  const value = method === 'mean' ? mean : method === 'median' ? (percentile(values, 0.5) ?? NaN) : mode(values);
  const anchor = nearestSample(values, value);
  const agreement = values.filter((v) => v === anchor).length / k;
  const sd = k < 2 ? 0 : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1));
  return { value, k, agreement, sd };
}

const SIGN: Readonly<Record<Winner, number>> = { A: 1, tie: 0, B: -1 };
const fromSign = (x: number): Winner => (x > 0 ? 'A' : x < 0 ? 'B' : 'tie');

/** One pairwise winner from k samples; undefined for k = 0. */
export function reduceWinners(winners: readonly Winner[], method: ReduceMethod): ReducedWinner | undefined {
  const k = winners.length;
  if (k === 0) return undefined;
  const counts = { A: 0, B: 0, tie: 0 };
  for (const w of winners) counts[w]++;
  let winner: Winner;
  if (method === 'majority') {
    const top = Math.max(...WINNERS.map((w) => counts[w]));
    const leaders = WINNERS.filter((w) => counts[w] === top);
    winner = leaders.length === 1 ? (leaders[0] ?? 'tie') : 'tie';
  } else {
    const signs = winners.map((w) => SIGN[w]);
    winner = fromSign(method === 'mean' ? signs.reduce((s, x) => s + x, 0) : (percentile(signs, 0.5) ?? 0));
  }
  return { winner, k, agreement: counts[winner] / k, counts };
}

/** The reduced verdict of k samples of one item (all of one kind); undefined for k = 0. */
export function reduceVerdicts(verdicts: readonly JudgeVerdict[], method: ReduceMethod): ReducedVerdict | undefined {
  const first = verdicts[0];
  if (first === undefined) return undefined;
  const k = verdicts.length;
  if (verdicts.some((v) => v.kind !== first.kind)) throw new RangeError('reduceVerdicts: samples of different kinds');
  switch (first.kind) {
    case 'rubric':
    case 'reference': {
      const values = verdicts.map((v) => ('score' in v ? v.score : NaN));
      return { kind: first.kind, k, score: reduceScores(values, method) as ReducedScore };
    }
    case 'pairwise': {
      const winners = verdicts.map((v) => ('winner' in v ? v.winner : 'tie'));
      return { kind: 'pairwise', k, winner: reduceWinners(winners, method) as ReducedWinner };
    }
    case 'criteria': {
      const names = Object.keys(first.scores);
      const per = (name: string) => verdicts.map((v) => ('scores' in v ? (v.scores[name] ?? NaN) : NaN));
      const scores = Object.fromEntries(names.map((n) => [n, reduceScores(per(n), method) as ReducedScore]));
      return { kind: 'criteria', k, scores };
    }
  }
}

/**
 * The judge's self-agreement across items: Krippendorff's alpha at the interval level, treating
 * the k samples of an item as k raters of one unit. Needs k ≥ 2 for an item
 * to count; undefined (with a reason) when no item has 2 samples or the judge never varies.
 */
export function scoreSelfAgreement(items: readonly (readonly number[])[]): AlphaResult {
  return krippendorffAlpha(items, 'interval');
}

/** Self-agreement of pairwise winners across items: nominal Krippendorff's alpha over {A, B, tie}. */
export function winnerSelfAgreement(items: readonly (readonly Winner[])[]): AlphaResult {
  return krippendorffAlpha(items, 'nominal');
}
