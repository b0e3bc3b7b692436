import type { JudgeCalls } from '../../types.js';

// Sums of judge calls: a pairwise score's two orders, a cascade's cheap and escalation judges.

export const NO_CALLS: JudgeCalls = { attempts: 0, answers: 0, usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, costUsd: 0, spentUsd: 0 };

/** a + b rounded to 1e-10 USD; null when either is unknown (null), undefined when either was not recorded. */
function addUsd(a: number | null | undefined, b: number | null | undefined): number | null | undefined {
  if (a === undefined || b === undefined) return undefined;
  return a === null || b === null ? null : Math.round((a + b) * 1e10) / 1e10;
}

export function sumCalls(a: JudgeCalls, b: JudgeCalls): JudgeCalls {
  return {
    attempts: a.attempts + b.attempts,
    answers: a.answers + b.answers,
    usage: {
      inputTokens: a.usage.inputTokens + b.usage.inputTokens,
      outputTokens: a.usage.outputTokens + b.usage.outputTokens,
      thinkingTokens: a.usage.thinkingTokens + b.usage.thinkingTokens,
    },
    costUsd: addUsd(a.costUsd, b.costUsd) as number | null,
    ...withSpent(addUsd(a.spentUsd, b.spentUsd)),
  };
}

const withSpent = (spent: number | null | undefined): { spentUsd?: number | null } => (spent === undefined ? {} : { spentUsd: spent });
