import type { PreparedEval } from './prepare.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import { buildRequest } from '../runner/request.js';
import { estimateUsd } from '../pricing/model-price.js';
import { simProfile } from '../providers/sim-profiles.js';
import { pricingOf } from '../providers/create.js';
import type { ItemList, WorkItem } from '../runner/plan.js';
import { duration, int } from '../report/render/format.js';
import { forecastJudges, tokens, type JudgeForecast } from './forecast-judges.js';
import { requestChars } from '../prompt/content.js';

// --dry-run: what a run would do, from the prepared plan alone; nothing is called. Input tokens are
// estimated at ~4 characters a token (tokenizers differ by model); output is bounded by max_tokens,
// so the cost is a range from "input only" to "every call uses all of max_tokens".
//
// The time is bounded, not predicted. The spec's per-minute limits (rate_limit) give floors: the
// runner keeps them over a sliding minute that starts empty, so the first minute's budget goes out
// at once and the rest at most one budget a minute: floor = max(0, units − perMinute) / perMinute
// minutes. Output tokens are a range (no output … every call at max_tokens), and are counted only
// when a call ends, so calls in flight can overshoot that one a little. A known latency (the
// simulator's) gives calls × latency / concurrency. The API's own limits, read from its headers
// during a run, and retries are not known before a run and not counted.

export type TimeBoundKind = 'requests' | 'input_tokens' | 'output_tokens' | 'latency';

export interface TimeBound {
  readonly kind: TimeBoundKind;
  /** [low, high] milliseconds; they differ only for output tokens (no output … all of max_tokens). */
  readonly ms: readonly [number, number];
  /** The limit or latency in short: "50 requests/min", "latency 200 ms × 5,000 calls / concurrency 50". */
  readonly label: string;
  /** How the figure was reached. */
  readonly basis: string;
}

export interface TimeForecast {
  /** at_least: a per-minute limit of the spec binds (a floor); about: latency binds; unknown: nothing does. */
  readonly kind: 'at_least' | 'about' | 'unknown';
  /** [low, high] milliseconds: the largest low and the largest high of the bounds; null when unknown. */
  readonly ms: readonly [number, number] | null;
  /** What bounded the estimate, in words (every bound, and what was not known). */
  readonly basis: string;
  readonly bounds: readonly TimeBound[];
  /** Other models whose calls go through the same provider queue, so share its limits (figures are for all of them). */
  readonly sharedWith: readonly string[];
}

export interface ModelForecast {
  readonly model: string;
  readonly label: string;
  readonly simulated: boolean;
  readonly calls: number;
  readonly inputTokens: number;
  readonly maxOutputTokens: number;
  /** [input only, input + max_tokens output]; null when the model has no known price. */
  readonly costUsd: readonly [number, number] | null;
  readonly concurrency: number;
  /** Median latency when known (the simulator's profile); real models: unknown before a run. */
  readonly latencyMs: number | null;
  /** The estimated time of the run at the current limits. */
  readonly time: TimeForecast;
}

export interface Forecast {
  readonly evalId: string;
  readonly samples: number;
  readonly epochs: number;
  readonly items: number;
  /** run --batch: costs at the Message Batches price (50%); times do not apply (the API takes up to 24 h). */
  readonly batch: boolean;
  readonly models: readonly ModelForecast[];
  /** The judges of model-graded scorers: their calls and cost, apart from the models' own. */
  readonly judges: readonly JudgeForecast[];
}

/** What one model's share of the plan asks of its queue. */
interface Load {
  readonly model: ModelSpec;
  readonly calls: number;
  /** Estimated input tokens of every call, added up. */
  readonly input: number;
  /** How many calls have each estimated input size (few distinct sizes: one per sample at most). */
  readonly inputSizes: ReadonlyMap<number, number>;
  readonly maxOutputTokens: number;
  readonly latencyMs: number | null;
  /** Items of the model (a replay: answers priced per call, though nothing is called). */
  readonly items: number;
}

/**
 * The provider queue a model's calls go through: Provider.queueKey (providers/anthropic.ts, openai.ts,
 * sim.ts) without the base URL taken from the environment, which is the same for every model of a
 * provider and so splits models the same way. Model ids are unique and every key names the model, so
 * today no two models of a spec share a queue; the grouping below keeps the arithmetic right if keys
 * ever get coarser.
 */
export function queueKeyOf(m: ModelSpec): string {
  return m.provider === 'sim' ? m.id : `${m.provider}:${m.baseUrl ?? 'default'}:${m.model}`;
}

/** The simulator reports its latency but waits it only when realtime: otherwise it is instant. */
function latencyOf(m: ModelSpec): number | null {
  if (m.provider !== 'sim') return null;
  return m.sim?.realtime === true ? m.sim.latency_ms ?? simProfile(m.model).latencyMs : 0;
}

/**
 * Every model's load, in one walk over the items, which are not held: a plan of millions of items
 * (--epochs) costs time, not memory. The plan is sample-major, so a model's request is built once per
 * sample, not once per epoch.
 */
function loadsOf(spec: EvalSpec, items: Iterable<WorkItem>): Load[] {
  interface Tally { calls: number; input: number; items: number; readonly sizes: Map<number, number>; last: { sampleIndex: number; tokens: number } | undefined }
  const tallies = new Map<string, Tally>(spec.models.map((m) => [m.id, { calls: 0, input: 0, items: 0, sizes: new Map(), last: undefined }]));
  const models = new Map(spec.models.map((m) => [m.id, m]));
  for (const item of items) {
    const t = tallies.get(item.modelId);
    const m = models.get(item.modelId);
    if (t === undefined || m === undefined) continue;
    t.items += 1;
    // A replay: model calls nothing: its outputs are the samples' own field.
    if (m.provider === 'replay') continue;
    if (t.last?.sampleIndex !== item.sampleIndex) t.last = { sampleIndex: item.sampleIndex, tokens: tokens(requestChars(buildRequest(spec, m, item.sample))) };
    const n = t.last.tokens;
    t.calls += 1;
    t.input += n;
    t.sizes.set(n, (t.sizes.get(n) ?? 0) + 1);
  }
  return spec.models.map((m) => {
    const t = tallies.get(m.id) ?? { calls: 0, input: 0, items: 0, sizes: new Map<number, number>() };
    const replay = m.provider === 'replay';
    return { model: m, calls: t.calls, input: t.input, inputSizes: t.sizes, maxOutputTokens: t.calls * m.maxTokens, latencyMs: replay ? 0 : latencyOf(m), items: t.items };
  });
}

/** The floor of sending `units` at `perMinute` over a sliding minute that starts empty. */
const floorMs = (units: number, perMinute: number): number => (Math.max(0, units - perMinute) / perMinute) * 60_000;

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);

function limitBounds(queue: readonly Load[]): TimeBound[] {
  const limits = queue[0]?.model.minuteLimits;
  if (limits === undefined) return [];
  const calls = sum(queue.map((l) => l.calls));
  const first = (perMinute: number) => `, the first minute's ${int(perMinute)} at once`;
  const bounds: TimeBound[] = [];
  const rpm = limits.requestsPerMinute;
  if (rpm !== undefined) {
    const ms = floorMs(calls, rpm);
    bounds.push({ kind: 'requests', ms: [ms, ms], label: `${int(rpm)} requests/min`, basis: `${int(calls)} calls at ${int(rpm)} requests/min${first(rpm)}: ≥ ${duration(ms)}` });
  }
  const itpm = limits.inputTokensPerMinute;
  if (itpm !== undefined) {
    // A call larger than the whole budget goes alone and holds the minute: it counts as one budget.
    const input = sum(queue.flatMap((l) => [...l.inputSizes].map(([n, count]) => Math.min(n, itpm) * count)));
    const ms = floorMs(input, itpm);
    bounds.push({ kind: 'input_tokens', ms: [ms, ms], label: `${int(itpm)} input tokens/min`, basis: `${int(input)} input tokens (est.) at ${int(itpm)} input tokens/min${first(itpm)}: ≥ ${duration(ms)}` });
  }
  const otpm = limits.outputTokensPerMinute;
  if (otpm !== undefined) {
    const output = sum(queue.map((l) => l.maxOutputTokens));
    const ms = floorMs(output, otpm);
    bounds.push({ kind: 'output_tokens', ms: [0, ms], label: `${int(otpm)} output tokens/min`, basis: `0 to ${int(output)} output tokens (no output … every call at max_tokens) at ${int(otpm)} output tokens/min${first(otpm)}: ≥ 0 s to ${duration(ms)}` });
  }
  return bounds;
}

function latencyBound(queue: readonly Load[]): TimeBound | undefined {
  if (queue.some((l) => l.latencyMs === null)) return undefined;
  const concurrency = queue[0]?.model.concurrency ?? 1;
  const calls = sum(queue.map((l) => l.calls));
  const total = sum(queue.map((l) => l.calls * (l.latencyMs ?? 0)));
  const ms = total / concurrency;
  if (calls === 0) return { kind: 'latency', ms: [0, 0], label: 'no calls', basis: 'no calls: instant' };
  if (total === 0) return { kind: 'latency', ms: [0, 0], label: 'simulated, latency not waited', basis: 'simulated, latency not waited: instant' };
  const label = `latency ${int(Math.round(total / calls))} ms × ${int(calls)} calls / concurrency ${int(concurrency)}`;
  return { kind: 'latency', ms: [ms, ms], label, basis: `${label}: ≈ ${duration(ms)}` };
}

export const UNKNOWN_TIME = 'unknown: no rate limit in the spec and no latency known before a run';

/** The time of the calls of one queue (the loads of every model that shares it, in spec order). */
function timeForecast(queue: readonly Load[], self: string): TimeForecast {
  const sharedWith = queue.map((l) => l.model.id).filter((id) => id !== self);
  const latency = latencyBound(queue);
  const bounds = [...limitBounds(queue), ...(latency === undefined ? [] : [latency])];
  const shared = sharedWith.length > 0 ? [`queue shared with ${sharedWith.join(', ')} (these figures are for the calls of all of them)`] : [];
  const notes = [...(latency === undefined ? ['latency unknown before a run'] : []), ...shared];
  // The bound with the largest high end binds; on a tie, latency (an estimate says more than a floor).
  const binding = bounds.reduce<TimeBound | undefined>((b, x) => (b === undefined || x.ms[1] > b.ms[1] || (x.ms[1] === b.ms[1] && x.kind === 'latency') ? x : b), undefined);
  if (binding === undefined) return { kind: 'unknown', ms: null, basis: [UNKNOWN_TIME, ...shared].join('; '), bounds, sharedWith };
  const ms: [number, number] = [Math.max(...bounds.map((b) => b.ms[0])), Math.max(...bounds.map((b) => b.ms[1]))];
  return { kind: binding.kind === 'latency' ? 'about' : 'at_least', ms, basis: [...bounds.map((b) => b.basis), ...notes].join('; '), bounds, sharedWith };
}

/** The forecast of the given items (all of the plan, or what a resume has left). */
export function forecast(p: PreparedEval, items: ItemList, opts: { readonly batch?: boolean } = {}): Forecast {
  const { spec } = p;
  const epochs = spec.run.epochs;
  const loads = loadsOf(spec, items);
  const models = loads.map((load): ModelForecast => {
    const m = load.model;
    const calls = load.calls;
    const input = load.input;
    const maxOutput = load.maxOutputTokens;
    // A replay: answer is priced per answer (price.per_call), though nothing is called.
    const answers = m.provider === 'replay' ? load.items : calls;
    const cost = (output: number) => estimateUsd(pricingOf(m), { calls: answers, input, output }, opts);
    const low = cost(0);
    const high = cost(maxOutput);
    const queue = loads.filter((l) => queueKeyOf(l.model) === queueKeyOf(m));
    return {
      model: m.id,
      label: m.label,
      simulated: m.provider === 'sim',
      calls,
      inputTokens: input,
      maxOutputTokens: maxOutput,
      costUsd: low === null || high === null ? null : [low, high],
      concurrency: m.concurrency,
      latencyMs: load.latencyMs,
      time: timeForecast(queue, m.id),
    };
  });
  return { evalId: spec.id, samples: p.samples.length, epochs, items: items.length, batch: opts.batch === true, models, judges: forecastJudges(spec, items) };
}
