import { zCritical } from '../stats/distributions.js';
import { wilson } from '../stats/intervals.js';
import type { Winner } from '../types/judge-task.js';
import type { PairwiseSummary, Rate } from './pairwise-schema.js';

// Combines the two orders of one pairwise comparison (issue 5). A candidate is compared with a
// baseline twice: once shown first (as A), once shown second (as B). Following MT-Bench, the
// candidate wins only if it wins in both orders (likewise a loss); any disagreement between the
// orders (win/loss, or win/tie, loss/tie) is position-inconsistent and resolves to a tie. So a
// judge that always picks position A gets a 100% flip rate and only ties: no false winner.
// With k samples per order, reduce each order first (reduce.ts reduceWinners), then combine.

export type PairOutcome = 'win' | 'tie' | 'loss';

export interface PairwiseItem {
  readonly id: string;
  /** The judge's verdict with the candidate shown first (as A); null if that call failed. */
  readonly candidateFirst: Winner | null;
  /** The judge's verdict with the candidate shown second (as B); null if that call failed. */
  readonly candidateSecond: Winner | null;
}

export interface ResolvedPair {
  readonly id: string;
  /** For the candidate; null when an order has no verdict (the item is incomplete). */
  readonly outcome: PairOutcome | null;
  /** Both orders gave the same outcome for the candidate; null when incomplete. */
  readonly positionConsistent: boolean | null;
  /** Which position won in each order, as the judge said: [candidate-first order, candidate-second order]. */
  readonly positionWinners: readonly [Winner | null, Winner | null];
}

// Its summary's shape is its JSON Schema's (pairwise-schema.ts), part of summary.json.
export type { PairwiseSummary, Rate } from './pairwise-schema.js';

/** A share with its Wilson interval at `level` (95% by default). */
export const rate = (x: number, n: number, level = 0.95): Rate => ({ x, n, rate: n === 0 ? null : x / n, ci: wilson(x, n, zCritical(level)) });

const FIRST_ORDER: Readonly<Record<Winner, PairOutcome>> = { A: 'win', tie: 'tie', B: 'loss' };
const SECOND_ORDER: Readonly<Record<Winner, PairOutcome>> = { A: 'loss', tie: 'tie', B: 'win' };

/** The outcome of one item for the candidate, from the verdicts of both orders. */
export function resolvePair(item: PairwiseItem): ResolvedPair {
  const positionWinners = [item.candidateFirst, item.candidateSecond] as const;
  if (item.candidateFirst === null || item.candidateSecond === null) {
    return { id: item.id, outcome: null, positionConsistent: null, positionWinners };
  }
  const first = FIRST_ORDER[item.candidateFirst];
  const second = SECOND_ORDER[item.candidateSecond];
  const consistent = first === second;
  return { id: item.id, outcome: consistent ? first : 'tie', positionConsistent: consistent, positionWinners };
}

/** Per-item resolution and the aggregate rates over the complete items. */
export function summarizePairwise(items: readonly PairwiseItem[], level = 0.95): { items: ResolvedPair[]; summary: PairwiseSummary } {
  const resolved = items.map(resolvePair);
  const complete = resolved.filter((r) => r.outcome !== null);
  const n = complete.length;
  const count = (o: PairOutcome) => complete.filter((r) => r.outcome === o).length;
  const flips = complete.filter((r) => r.positionConsistent === false).length;
  const firstWins = complete.reduce((s, r) => s + r.positionWinners.filter((w) => w === 'A').length, 0);
  return {
    items: resolved,
    summary: {
      n,
      incomplete: resolved.length - n,
      wins: rate(count('win'), n, level),
      ties: rate(count('tie'), n, level),
      losses: rate(count('loss'), n, level),
      flips: rate(flips, n, level),
      firstPositionWins: rate(firstWins, 2 * n, level),
    },
  };
}
