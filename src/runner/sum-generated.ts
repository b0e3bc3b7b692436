import type { Completion, Usage } from '../types.js';
import type { Answered } from './generate.js';

// Several model calls that make one item (a tool loop, a multi-turn conversation) as one answer: the
// usage, cost, attempts, retries and latency of all of them; cached only when every call was.

export function sumUsage(a: Usage, b: Usage): Usage {
  const write = (a.cacheWriteTokens ?? 0) + (b.cacheWriteTokens ?? 0);
  const read = (a.cacheReadTokens ?? 0) + (b.cacheReadTokens ?? 0);
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    thinkingTokens: a.thinkingTokens + b.thinkingTokens,
    ...(write > 0 && { cacheWriteTokens: write }),
    ...(read > 0 && { cacheReadTokens: read }),
  };
}

/** The calls' totals, with `completion` (the item's answer, built by the caller from the last call) in place. */
export function sumAnswers(calls: readonly Answered[], completion: Omit<Completion, 'usage' | 'latencyMs'>): Answered {
  const first = calls[0];
  if (first === undefined) throw new Error('sumAnswers: no calls');
  const costs = calls.map((c) => c.costUsd);
  return {
    ok: true,
    completion: {
      ...completion,
      usage: calls.slice(1).reduce((u, c) => sumUsage(u, c.completion.usage), first.completion.usage),
      latencyMs: calls.reduce((n, c) => n + c.completion.latencyMs, 0),
    },
    costUsd: costs.some((c) => c === null) ? null : costs.reduce<number>((n, c) => n + (c ?? 0), 0),
    attempts: calls.reduce((n, c) => n + c.attempts, 0),
    retries: calls.flatMap((c) => c.retries),
    cached: calls.every((c) => c.cached),
    cachedAt: calls.every((c) => c.cached) ? first.cachedAt : undefined,
  };
}
