import type { Completion, CompletionRequest, Json, JudgeCalls, JudgeClient, Provider, ItemFailure, RunRecord, Score, Scorer } from '../types.js';
import { JudgeError, StoppedError } from '../errors.js';
import type { EvalSpec } from '../spec/types.js';
import type { ModelSpec } from '../providers/model-spec.js';
import { combine } from '../scoring/combine.js';
import { cacheSavingsUsd } from '../pricing/model-price.js';
import { sumCalls } from '../scoring/model-graded/calls.js';
import { buildRequest } from './request.js';
import type { RetryNote } from './retry.js';
import type { CallContext, Turn } from './generate.js';
import { generateItem } from './item-calls.js';
import type { WorkItem } from './plan.js';
import type { PeerBoard } from './peer-board.js';
import { lentBackoff } from './pacer.js';
import { recordedInput, type InputLog } from './input-log.js';
import { recordGroup } from '../dataset/clusters.js';

// The one place that catches provider and scorer errors and turns them into data. A failed call is an
// error record (never a failed sample); a scorer that throws is an error record too.

/** The run as its items see it; the clock, rand, signals and cache are the CallContext every model call gets. */
export interface RunContext extends CallContext {
  readonly runId: string;
  readonly spec: EvalSpec;
  readonly providers: ReadonlyMap<string, Provider>;
  readonly scorers: readonly Scorer[];
  readonly targetPool: readonly Json[];
  /** The judge of model-graded scorers (runItems builds it over the paced providers). */
  readonly judge?: JudgeClient;
  /** pairwise against_model: hands the reference model's answers to the items judged against them. */
  readonly peers?: PeerBoard;
  /** Where each item's input is kept (the run directory's inputs.jsonl); absent: records carry no inputHash. */
  readonly inputs?: InputLog;
}

/** What scoring an answer needs: the scorers, the judge the model-graded ones call, the reference answers. */
export type Scoring = Pick<RunContext, 'scorers' | 'judge' | 'peers'>;

const NO_JUDGE: JudgeClient = { judge: () => Promise.reject(new Error('no judge client in this run')) };

/** The judge calls of an item's scores (and of a failed judge), summed; undefined when none was judged. */
function judgeTotals(scores: readonly Score[], failed?: JudgeCalls): JudgeCalls | undefined {
  const all = [...scores.flatMap((s) => (s.judge === undefined ? [] : [s.judge.calls])), ...(failed === undefined ? [] : [failed])];
  if (all.length === 0) return undefined;
  return all.reduce(sumCalls);
}

/** How an item was called: attempts made, retries, this run's wall time, and where the answer came from. */
export interface CallFacts {
  readonly startedAt: number;
  readonly attempts: number;
  readonly retries: readonly RetryNote[];
  readonly durationMs: number;
  /** Set when the answer came from the response cache: when it was first stored. */
  readonly cachedAt?: string;
  /** Set when the answer came from a Message Batch. */
  readonly batchId?: string;
  /** Prompt caching: what the cache writes and reads saved against full input price (null: no known price). */
  readonly cacheSavingsUsd?: number | null;
}

export interface ItemParts {
  readonly item: WorkItem;
  readonly ctx: Pick<RunContext, 'runId' | 'spec' | 'inputs'>;
  readonly simulated: boolean;
  readonly call: CallFacts;
  /** With prompt variants: the item's variant (its model is the contestant model@variant). */
  readonly variant?: string | undefined;
  /** The request the item sent, when the caller built it already (else it is built again for the input log). */
  readonly request?: CompletionRequest | undefined;
}

// Records are built by one literal per outcome, every field always present (undefined ones are left
// out of records.jsonl by JSON.stringify): spreading several objects into a record makes V8 build a
// slow dictionary object, which at 100k items costs hundreds of MB of
// short-lived garbage (bench/memory.sh).
// A batch item has no latency of its own: NaN in the completion, null in the record.
const roundLatency = (ms: number) => (Number.isFinite(ms) ? Math.round(ms * 10) / 10 : null);

/** With dataset.fields.images: the sample's own references to its images (paths or URLs), kept beside its input. */
function mediaOf(p: ItemParts): Json | undefined {
  const images = p.ctx.spec.dataset.fields.images;
  return images === undefined ? undefined : p.item.sample.vars[images];
}

/** The item's input kept in the run's input log; its hash, or undefined when the run keeps none. */
function keepInput(p: ItemParts): string | undefined {
  const log = p.ctx.inputs;
  if (log === undefined) return undefined;
  if (p.request !== undefined) return log.keep(recordedInput(p.request, p.item.sample.target, mediaOf(p)));
  const model = p.ctx.spec.models.find((m) => m.id === p.item.modelId);
  if (model === undefined) return undefined;
  return log.keep(recordedInput(buildRequest(p.ctx.spec, model, p.item.sample), p.item.sample.target, mediaOf(p)));
}

/** The record of an item that ended in error (a provider failure, or a scorer that threw). */
export function errorRecord(p: ItemParts, error: ItemFailure, answer?: { completion: Completion; costUsd: number | null; scores: readonly Score[]; judge?: JudgeCalls | undefined }): RunRecord {
  return {
    runId: p.ctx.runId, evalId: p.ctx.spec.id, sampleId: p.item.sample.id, model: p.item.modelId, variant: p.variant, simulated: p.simulated, epoch: p.item.epoch,
    status: 'error',
    output: answer?.completion.text ?? '',
    scores: answer?.scores ?? [],
    latencyMs: answer === undefined ? null : roundLatency(answer.completion.latencyMs),
    usage: answer?.completion.usage ?? null,
    costUsd: answer?.costUsd ?? null,
    stopReason: answer?.completion.stopReason ?? null,
    error,
    attempts: p.call.attempts, retries: p.call.retries,
    cached: p.call.cachedAt !== undefined,
    cachedAt: p.call.cachedAt, batchId: p.call.batchId,
    judge: answer?.judge,
    steps: answer?.completion.steps, stepLimit: answer?.completion.stepLimit, turns: answer?.completion.turns, parsed: answer?.completion.parsed,
    startedAt: new Date(p.call.startedAt).toISOString(), durationMs: p.call.durationMs,
    metadata: p.item.sample.metadata,
    group: recordGroup(p.item.sample),
    inputHash: keepInput(p),
  };
}

/** The scorers that score a model's answers, worked out once per (scorer list, model): items are many. */
const perModel = new WeakMap<readonly Scorer[], Map<string, readonly Scorer[]>>();
function applicable(all: readonly Scorer[], model: string): readonly Scorer[] {
  let byModel = perModel.get(all);
  if (byModel === undefined) perModel.set(all, (byModel = new Map()));
  let mine = byModel.get(model);
  if (mine === undefined) byModel.set(model, (mine = all.filter((s) => s.appliesTo?.(model) ?? true)));
  return mine;
}

/**
 * Score a provider's answer and build the item's record. A scorer that throws (a plug-in that threw,
 * timed out or answered nonsense) makes it an error record of kind and stage 'scorer'; a judge that gave no verdict (JudgeError) makes it a judge error (kind and stage 'judge'),
 * never a failed sample. Judge tokens and cost go to the record's `judge`, apart from the model's.
 */
export async function scoreAnswer(p: ItemParts, completion: Completion, cost: number | null, scoring: Scoring, signal: AbortSignal): Promise<RunRecord> {
  const scores: Score[] = [];
  const { peers } = scoring;
  const scorers = applicable(scoring.scorers, p.item.modelId);
  const judge = scoring.judge ?? NO_JUDGE;
  const item = p.item;
  const peer = peers?.isCandidate(item.modelId) === true ? () => peers.answerFor(item) : undefined;
  for (const scorer of scorers) {
    try {
      scores.push(await scorer.score({ sample: item.sample, completion, costUsd: cost, epoch: item.epoch, judge, model: item.modelId, ...(peer !== undefined && { peer }) }, signal));
    } catch (err) {
      if (err instanceof StoppedError) {
        return errorRecord(p, { kind: 'aborted', message: err.message, stage: err.stage }, { completion, costUsd: cost, scores, judge: judgeTotals(scores) });
      }
      if (err instanceof JudgeError) {
        const failure: ItemFailure = { kind: 'judge', message: err.message, stage: 'judge', ...(err.escalation !== undefined && { escalation: err.escalation }) };
        return errorRecord(p, failure, { completion, costUsd: cost, scores, judge: judgeTotals(scores, err.calls) });
      }
      const message = `scorer ${scorer.name} failed: ${err instanceof Error ? err.message : String(err)}`;
      return errorRecord(p, { kind: 'scorer', message, stage: 'scorer' }, { completion, costUsd: cost, scores, judge: judgeTotals(scores) });
    }
  }
  // No scorer applies (a model that is only a pairwise reference): answered, but no verdict at all.
  const verdict = scorers.length === 0 ? undefined : combine(scores, scorers.map((s) => s.weight), p.ctx.spec.pass);
  return {
    runId: p.ctx.runId, evalId: p.ctx.spec.id, sampleId: p.item.sample.id, model: p.item.modelId, variant: p.variant, simulated: p.simulated, epoch: p.item.epoch,
    status: 'ok',
    output: completion.text,
    pass: verdict?.pass,
    score: verdict === undefined ? undefined : Math.round(verdict.score * 1e6) / 1e6,
    scores,
    latencyMs: roundLatency(completion.latencyMs),
    usage: completion.usage,
    costUsd: cost,
    stopReason: completion.stopReason,
    attempts: p.call.attempts, retries: p.call.retries,
    cached: p.call.cachedAt !== undefined,
    cachedAt: p.call.cachedAt, batchId: p.call.batchId,
    judge: judgeTotals(scores),
    cacheSavingsUsd: p.call.cacheSavingsUsd,
    steps: completion.steps, stepLimit: completion.stepLimit, turns: completion.turns, parsed: completion.parsed,
    startedAt: new Date(p.call.startedAt).toISOString(), durationMs: p.call.durationMs,
    metadata: p.item.sample.metadata,
    group: recordGroup(p.item.sample),
    inputHash: keepInput(p),
  };
}

/** Prompt caching: the savings of an answer that wrote to or read from the cache (nothing otherwise). */
function cacheSavings(provider: Provider, model: ModelSpec, usage: Completion['usage']): { cacheSavingsUsd?: number | null } {
  if ((usage.cacheReadTokens ?? 0) === 0 && (usage.cacheWriteTokens ?? 0) === 0) return {};
  const saved = cacheSavingsUsd({ tableModel: provider.pricingModel, price: model.price }, usage);
  return { cacheSavingsUsd: saved === null ? null : Math.round(saved * 1e10) / 1e10 };
}

export async function executeItem(item: WorkItem, ctx: RunContext): Promise<RunRecord> {
  const provider = ctx.providers.get(item.modelId);
  const model = ctx.spec.models.find((m) => m.id === item.modelId);
  if (provider === undefined || model === undefined) throw new Error(`no provider for ${item.modelId}`);
  const startedAt = ctx.clock.now();
  const request = buildRequest(ctx.spec, model, item.sample);
  // A replay: model calls nothing: nothing to save by caching it. Its answer costs what the spec's
  // price.per_call says, else its cost is unknown (null, never $0: the answers came from somewhere).
  const replay = provider.replay === true;
  const backoff = lentBackoff(provider);
  const turn: Turn = { provider, model, request, item: { sample: item.sample, epoch: item.epoch, targetPool: ctx.targetPool }, uncached: replay, ...(backoff !== undefined && { backoff }) };
  const got = await generateItem(ctx, turn, ctx.spec, item.sample);
  const facts: ItemParts = {
    item, ctx, simulated: provider.simulated, variant: model.variant?.id, request,
    call: { startedAt, durationMs: ctx.clock.now() - startedAt, attempts: got.attempts, retries: got.retries, cachedAt: got.cachedAt, ...(got.ok && cacheSavings(provider, model, got.completion.usage)) },
  };
  if (!got.ok) {
    const { kind, message } = got.error;
    ctx.peers?.publish(item, { ok: false, message: `${item.modelId} gave no answer to compare with (${kind}: ${message})`, stopped: kind === 'aborted' });
    return errorRecord(facts, { kind, message, stage: 'provider' });
  }
  ctx.peers?.publish(item, { ok: true, output: got.completion.text });
  return scoreAnswer(facts, got.completion, got.costUsd, ctx, ctx.abortSignal);
}
