import { describe, numOrNull, obj, pair, whole, type Static } from '../util/json-schema.js';

// What summarizePairwise (pairwise.ts) computes, as JSON Schema properties (a model summary's
// `pairwise` entries in summary.json add the scorer, what it was against, the win rate and the
// winner: summary/parts-schema.ts) and, through Static<>, as its TypeScript types.

const rateSchema = (what: string) => describe(obj({ x: whole(), n: whole(), rate: numOrNull(), ci: pair('Wilson 95% interval.') }), what);

/** The properties of a pairwise summary, in summary.json's order. */
export const pairwiseSummaryProperties = {
  n: whole('Items with a verdict in both orders.'),
  incomplete: whole('Items missing a verdict in an order: left out of the rates.'),
  wins: rateSchema('The candidate won in both orders.'),
  ties: rateSchema('A tie in both orders, or a verdict that flipped with the order.'),
  losses: rateSchema('The baseline won in both orders.'),
  flips: rateSchema('Position-flip rate: items whose outcome changed with the order.'),
  firstPositionWins: rateSchema('Share of the 2n order verdicts won by the output shown first (about (1 - ties)/2 for an unbiased judge).'),
};

const pairwiseSummarySchema = obj(pairwiseSummaryProperties);

/** A count over a denominator with a Wilson 95% interval. rate is null when n = 0. */
export type Rate = Static<ReturnType<typeof rateSchema>>;
/** Win, tie and loss rates of a pairwise comparison, its position-flip and first-position win rates. */
export type PairwiseSummary = Static<typeof pairwiseSummarySchema>;
