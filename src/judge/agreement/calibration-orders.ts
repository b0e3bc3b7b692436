import { agreementTable, cohenKappa, type KappaResult } from '../../stats/kappa.js';
import { rate, type Rate } from '../pairwise.js';
import type { Winner } from '../../types/judge-task.js';

// Per-order agreement of a pairwise judge with human preferences, as MT-Bench (Zheng et al. 2023) and
// LLMBar (Zeng et al. 2024) report it: each presentation order's verdicts on their own against the
// humans (order AB: A shown first; order BA: B shown first, its verdict mapped back to A/B), Cohen's
// (1960) unweighted kappa over {A, tie, B} for each, their mean (e.g. 159/200 and 165/200, mean 81.0%),
// and how often the two orders agree with each other (with the kappa between them). This sits beside
// the resolved figures, where a verdict that changes with the order counts as a tie.

export interface OrderAgreement {
  readonly agreement: Rate;
  readonly kappa: KappaResult;
}

export interface PerOrderAgreement {
  /** Items with a verdict in both orders (the same items as the resolved figures). */
  readonly n: number;
  /** Order AB: A shown first, against the humans. */
  readonly ab: OrderAgreement;
  /** Order BA: B shown first, its verdict in A/B terms, against the humans. */
  readonly ba: OrderAgreement;
  /** (agree_AB + agree_BA)/(2n), the mean of the two orders' agreement; null when n = 0. No interval: the two orders judge the same items. */
  readonly meanAgreement: number | null;
  /** Order AB against order BA: how often the judge gives the same preference in both orders. */
  readonly orders: OrderAgreement;
}

export interface OrderVerdicts {
  readonly human: Winner;
  /** The verdict with A shown first. */
  readonly judgeAFirst: Winner;
  /** The verdict with B shown first, as the judge said it ('A' = the output shown first = B). */
  readonly judgeBFirst: Winner;
}

const CATEGORIES: readonly Winner[] = ['A', 'tie', 'B'];

/** A verdict given with B shown first, in A/B terms. */
export const unswap = (w: Winner): Winner => (w === 'A' ? 'B' : w === 'B' ? 'A' : 'tie');

function agreementOf(a: readonly Winner[], b: readonly Winner[]): OrderAgreement {
  return {
    agreement: rate(a.filter((x, i) => x === b[i]).length, a.length),
    kappa: cohenKappa(agreementTable(a, b, CATEGORIES), 'unweighted'),
  };
}

/** Agreement and kappa of each order with the humans, their mean, and order against order. */
export function perOrderAgreement(items: readonly OrderVerdicts[]): PerOrderAgreement {
  const human = items.map((it) => it.human);
  const ab = items.map((it) => it.judgeAFirst);
  const ba = items.map((it) => unswap(it.judgeBFirst));
  const first = agreementOf(ab, human);
  const second = agreementOf(ba, human);
  const n = items.length;
  return {
    n, ab: first, ba: second,
    meanAgreement: n === 0 ? null : (first.agreement.x + second.agreement.x) / (2 * n),
    orders: agreementOf(ab, ba),
  };
}
