import type { Clock, Json, Provider, RunRecord, Score, Scorer } from '../types.js';
import type { EvalSpec } from '../spec/types.js';
import { costUsd } from '../pricing/table.js';
import { combine } from '../scoring/combine.js';
import { buildRequest } from './request.js';
import { withRetries } from './retry.js';
import type { WorkItem } from './plan.js';

// The one place that catches provider and scorer errors and turns them into data. A failed call is an
// error record (never a failed sample); a scorer that throws is an error record too.

export interface RunContext {
  readonly runId: string;
  readonly spec: EvalSpec;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly scorers: readonly Scorer[];
  readonly targetPool: readonly Json[];
  readonly clock: Clock;
  readonly rand: () => number;
  /** Stops retries and new work (Ctrl-C). */
  readonly stopSignal: AbortSignal;
  /** Cancels calls in flight (after the grace period). */
  readonly abortSignal: AbortSignal;
}

export async function executeItem(item: WorkItem, ctx: RunContext): Promise<RunRecord> {
  const provider = ctx.providers.get(item.modelId);
  const model = ctx.spec.models.find((m) => m.id === item.modelId);
  if (provider === undefined || model === undefined) throw new Error(`no provider for ${item.modelId}`);
  const startedAt = ctx.clock.now();
  const base = {
    runId: ctx.runId,
    evalId: ctx.spec.id,
    sampleId: item.sample.id,
    model: item.modelId,
    simulated: provider.simulated,
    epoch: item.epoch,
    cached: false,
    startedAt: new Date(startedAt).toISOString(),
    metadata: item.sample.metadata,
  };
  const request = buildRequest(ctx.spec, model, item.sample);
  const itemCtx = { sample: item.sample, epoch: item.epoch, targetPool: ctx.targetPool };
  const call = await withRetries(() => provider.complete(request, ctx.abortSignal, itemCtx), ctx.spec.run, { clock: ctx.clock, rand: ctx.rand, signal: ctx.stopSignal });
  const durationMs = ctx.clock.now() - startedAt;
  const calls = { attempts: call.attempts, retries: call.retries, durationMs };
  if (!call.result.ok) {
    const { kind, message } = call.result.error;
    return { ...base, ...calls, status: 'error', output: '', scores: [], latencyMs: null, usage: null, costUsd: null, stopReason: null, error: { kind, message, stage: 'provider' } };
  }
  const completion = call.result.value;
  const cost = costUsd(provider.pricingModel, completion.usage);
  const done = { output: completion.text, latencyMs: Math.round(completion.latencyMs * 10) / 10, usage: completion.usage, costUsd: cost, stopReason: completion.stopReason };
  const scores: Score[] = [];
  for (const scorer of ctx.scorers) {
    try {
      scores.push(await scorer.score({ sample: item.sample, completion, costUsd: cost }, ctx.abortSignal));
    } catch (err) {
      const message = `scorer ${scorer.name} failed: ${err instanceof Error ? err.message : String(err)}`;
      return { ...base, ...calls, ...done, status: 'error', scores, error: { kind: 'unknown', message, stage: 'scorer' } };
    }
  }
  const verdict = combine(scores, ctx.scorers.map((s) => s.weight), ctx.spec.pass);
  return { ...base, ...calls, ...done, status: 'ok', pass: verdict.pass, score: Math.round(verdict.score * 1e6) / 1e6, scores };
}
