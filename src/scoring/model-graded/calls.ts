import type { JudgeCalls } from '../../types.js';

// Sums of judge calls: a pairwise score's two orders, a cascade's cheap and escalation judges.

export const NO_CALLS: JudgeCalls = { attempts: 0, answers: 0, usage: { inputTokens: 0, outputTokens: 0, thinkingTokens: 0 }, costUsd: 0 };

export function sumCalls(a: JudgeCalls, b: JudgeCalls): JudgeCalls {
  return {
    attempts: a.attempts + b.attempts,
    answers: a.answers + b.answers,
    usage: {
      inputTokens: a.usage.inputTokens + b.usage.inputTokens,
      outputTokens: a.usage.outputTokens + b.usage.outputTokens,
      thinkingTokens: a.usage.thinkingTokens + b.usage.thinkingTokens,
    },
    costUsd: a.costUsd === null || b.costUsd === null ? null : Math.round((a.costUsd + b.costUsd) * 1e10) / 1e10,
  };
}
