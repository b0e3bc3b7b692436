import { meanWithSe } from '../stats/intervals.js';
import { tCritical } from '../stats/distributions.js';
import type { PairVerdict } from '../types.js';
import type { ContinuousWinRate } from './parts-schema.js';

// The continuous win rate of a pairwise scorer asked with scale: graded or logprobs: true, beside
// the discrete one. Each item's preference (PairVerdict.preference: the candidate's graded or
// probability-weighted preference, mean of the two orders) is one value on 0..1; the win rate is
// their mean, its standard error the sample standard deviation (ddof 1) over √n, as AlpacaEval
// reports its standard error, and the interval mean ± t(n−1)·SE at the run's confidence, clipped
// to [0, 1]. Fewer than two items: no SE and no interval (null).

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The continuous win rate over the items' preferences; undefined when no item has one. */
export function continuousWinRate(values: readonly number[], from: PairVerdict['preferenceFrom'], noLogprobs: number, level = 0.95): ContinuousWinRate | undefined {
  const m = meanWithSe(values);
  if (m === undefined || from === undefined) return undefined;
  const n = values.length;
  const se = n < 2 ? null : m.se;
  const half = se === null ? null : tCritical(level, n - 1) * se;
  const ci: [number, number] | null = half === null ? null : [round(Math.max(0, m.mean - half)), round(Math.min(1, m.mean + half))];
  return { from, n, winRate: round(m.mean), se: se === null ? null : round(se), ci, ...(from === 'logprobs' && { noLogprobs }) };
}

/** Running preferences of one pairwise scorer. */
export function continuousTally() {
  const values: number[] = [];
  let from: PairVerdict['preferenceFrom'];
  let noLogprobs = 0;
  return {
    add(pair: PairVerdict): void {
      if (pair.preference === undefined) return;
      values.push(pair.preference);
      from ??= pair.preferenceFrom;
      // Items, not answers: an item with any answer lacking log-probabilities counts once.
      if ((pair.noLogprobs ?? 0) > 0) noLogprobs += 1;
    },
    total: (level: number) => continuousWinRate(values, from, noLogprobs, level),
  };
}
