import { summarizePairwise, type PairwiseItem, type PairwiseSummary } from '../judge/pairwise.js';
import type { PairwiseScorerSummary } from './parts-schema.js';
import type { PairVerdict } from '../types.js';
import { wilson } from '../stats/intervals.js';
import { zCritical } from '../stats/distributions.js';
import { continuousTally } from './pairwise-continuous.js';

// The model summary's `pairwise` field: for each pairwise scorer, summarizePairwise over the items it
// scored (each order's winner, as kept in the score's judge.verdict): win, tie and loss rates with
// Wilson intervals, the position-flip rate and the first-position win rate. Items that ended in an
// error (a judge error, a baseline without the sample) have no score and are not counted. With
// epochs > 1 every (sample, epoch) is an item, so the intervals treat epochs as independent.

/** Per pairwise scorer: its PairwiseSummary, what it was against, the win rate and the declared winner (parts-schema.ts). */
export type { PairwiseScorerSummary } from './parts-schema.js';

/** The win rate and the declared winner of a pairwise summary. */
export function pairwiseVerdict(s: PairwiseSummary, level = 0.95): Pick<PairwiseScorerSummary, 'winRate' | 'winner'> {
  const winRate = s.n === 0 ? null : Math.round(((s.wins.x + s.ties.x / 2) / s.n) * 1e6) / 1e6;
  const [lo, hi] = wilson(s.wins.x, s.wins.x + s.losses.x, zCritical(level));
  const decisive = s.wins.x + s.losses.x > 0;
  const winner = !decisive ? null : lo > 0.5 ? 'candidate' : hi < 0.5 ? 'baseline' : null;
  return { winRate, winner };
}

/** Structural check of a judge verdict: a pairwise score's two orders. */
export function isPairVerdict(v: unknown): v is PairVerdict {
  return v !== null && typeof v === 'object' && 'candidateFirst' in v && 'candidateSecond' in v;
}

/** What a summary record keeps of a pairwise score. */
export interface PairScore {
  readonly name: string;
  readonly pair?: PairVerdict | undefined;
}

/** Running pairwise items of one model's records, by scorer (in first-seen order). */
export function pairwiseTally() {
  const items = new Map<string, PairwiseItem[]>();
  const continuous = new Map<string, ReturnType<typeof continuousTally>>();
  return {
    /** `r.sampleId` is read only for a record with a pairwise score. */
    add(r: { readonly sampleId: string; readonly epoch: number; readonly scores: readonly PairScore[] }): void {
      for (const s of r.scores) {
        if (s.pair === undefined) continue;
        const list = items.get(s.name) ?? [];
        list.push({ id: `${r.sampleId}#${r.epoch}`, candidateFirst: s.pair.candidateFirst, candidateSecond: s.pair.candidateSecond });
        items.set(s.name, list);
        if (s.pair.preference === undefined) continue;
        const tally = continuous.get(s.name) ?? continuousTally();
        tally.add(s.pair);
        continuous.set(s.name, tally);
      }
    },
    /** undefined when the model has no pairwise score (the field is then left out of the summary). */
    totals(level = 0.95): PairwiseScorerSummary[] | undefined {
      if (items.size === 0) return undefined;
      return [...items].map(([scorer, list]) => {
        const summary = summarizePairwise(list, level).summary;
        const more = continuous.get(scorer)?.total(level);
        return { scorer, ...summary, ...pairwiseVerdict(summary, level), ...(more !== undefined && { continuous: more }) };
      });
    },
  };
}
