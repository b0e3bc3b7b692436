import type { Completion, CompletionRequest, ItemContext, Json, Provider } from '../types.js';
import type { ModelSpec } from './model-spec.js';
import type { ProviderDefinition } from './definition.js';
import { bool, dict, num, obj, opt, str, whole, type Static } from '../util/json-schema.js';
import { providerError } from './classify.js';
import { hashUniform, keyedNormal } from '../util/random.js';
import { normalCdf } from '../stats/distributions.js';
import { confidenceLine, statedConfidence, type StatedConfidence } from './sim-confidence.js';
import { SIM_PROFILES, simProfile } from './sim-profiles.js';
import { asText } from '../prompt/template.js';
import { simVerdict } from './sim-judge.js';
import { simToolAnswer } from './sim-tools.js';
import { messageText } from '../prompt/content.js';

// sim:<profile> — a seeded simulator of a model for labelled data. It answers the
// sample's target with the profile's accuracy (per segment if configured) and otherwise a wrong but
// plausible answer. Every draw is keyed by (seed, model, sample, epoch), so results do not depend on
// scheduling order or concurrency.

export interface SimSettings {
  readonly accuracy: number;
  readonly segment?: string;
  readonly accuracyBy: Readonly<Record<string, number>>;
  readonly latencyMs: number;
  readonly realtime: boolean;
  readonly seed: number;
  readonly formatNoise: number;
  readonly statedConfidence?: StatedConfidence;
}

export function simSettings(model: ModelSpec, runSeed: number): SimSettings {
  const profile = simProfile(model.model);
  const s = model.sim ?? {};
  return {
    accuracy: s.accuracy ?? profile.accuracy,
    ...(s.segment !== undefined && { segment: s.segment }),
    accuracyBy: s.accuracy_by ?? {},
    latencyMs: s.latency_ms ?? profile.latencyMs,
    realtime: s.realtime ?? false,
    seed: s.seed ?? runSeed,
    formatNoise: profile.formatNoise,
    ...(s.stated_confidence !== undefined && { statedConfidence: { auroc: s.stated_confidence.auroc, bias: s.stated_confidence.bias ?? 1 } }),
  };
}

function accuracyFor(s: SimSettings, item: ItemContext): number {
  if (s.segment === undefined) return s.accuracy;
  const v = item.sample.metadata[s.segment] ?? item.sample.vars[s.segment];
  const key = v === undefined || v === null ? '' : asText(v);
  return s.accuracyBy[key] ?? s.accuracy;
}

/**
 * How hard a sample is, shared by every model and run, and this call's own luck: a Gaussian copula
 * Φ(√ρ·z_sample + √(1−ρ)·z_call) is uniform on [0, 1), so each model keeps its accuracy exactly,
 * while two models (or two runs) succeed and fail on the same hard samples with a latent correlation
 * of ρ, as real models do (their per-question scores correlate 0.3–0.7).
 */
export const SIM_DIFFICULTY_CORRELATION = 0.5;
function correctness(sampleId: string, call: readonly (string | number)[]): number {
  const rho = SIM_DIFFICULTY_CORRELATION;
  return normalCdf(Math.sqrt(rho) * keyedNormal('difficulty', sampleId) + Math.sqrt(1 - rho) * keyedNormal(...call, 'correct'));
}

/** A wrong answer of the same shape: another label from the pool, a nearby number, an edited object. */
export function wrongAnswer(target: Json, pool: readonly Json[], u: number): Json {
  if (typeof target === 'number') {
    const delta = Math.max(1, Math.round(Math.abs(target) * (0.05 + 0.3 * u)));
    if (Number.isInteger(target)) return target + (u < 0.5 ? -delta : delta);
    const scaled = Number((target * (1.1 + u)).toFixed(2));
    // Rounding to 2 dp can land back on a 2-dp target (0.01 × 1.2 → 0.01): then step by one cent.
    return scaled !== target ? scaled : Number((target + (u < 0.5 ? -0.01 : 0.01)).toFixed(2));
  }
  if (typeof target === 'boolean') return !target;
  const others = pool.filter((p) => JSON.stringify(p) !== JSON.stringify(target));
  if (typeof target === 'string') {
    // A numeric answer gets a nearby number, unless the targets form a small label set ("1".."4").
    const numeric = Number(target);
    const labelSet = others.length > 0 && others.length < 20 && others.every((o) => typeof o === 'string' && Number.isFinite(Number(o)));
    if (target.trim() !== '' && Number.isFinite(numeric) && !labelSet) return String(wrongAnswer(numeric, [], u));
    return others.length > 0 ? (others[Math.floor(u * others.length)] as Json) : `not ${target}`;
  }
  if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
    const keys = Object.keys(target);
    const key = keys[Math.floor(u * keys.length)];
    if (key === undefined) return { wrong: true };
    const fieldPool = pool.flatMap((p) => (p !== null && typeof p === 'object' && !Array.isArray(p) && key in p ? [(p as Record<string, Json>)[key] as Json] : []));
    return { ...target, [key]: wrongAnswer((target as Record<string, Json>)[key] ?? null, fieldPool, (u * 7) % 1) };
  }
  // A null target (or a null field) with no other value in the pool must still get a different answer.
  return others[0] ?? (target === null ? 'none' : null);
}

function render(answer: Json, wrap: number): string {
  if (answer !== null && typeof answer === 'object') return `\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\``;
  const text = asText(answer);
  if (wrap < 0) return text;
  const forms = typeof answer === 'number' || /^-?\d/.test(text) ? [`The answer is ${text}.`, `#### ${text}`] : [`**${text}**`, `Answer: ${text}`];
  return forms[Math.floor(wrap * forms.length)] ?? text;
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(providerError('aborted', 'request aborted'));
    const onAbort = () => { clearTimeout(t); reject(providerError('aborted', 'request aborted')); };
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function simProvider(model: ModelSpec, runSeed: number): Provider {
  const s = simSettings(model, runSeed);
  return {
    id: model.id,
    queueKey: model.id,
    simulated: true,
    pricingModel: simProfile(model.model).pricingModel,
    complete: async (req: CompletionRequest, signal: AbortSignal, item: ItemContext): Promise<Completion> => {
      if (item.judge !== undefined) {
        return simVerdict({ key: [s.seed, model.id, item.sample.id, item.epoch], agreement: accuracyFor(s, item), latencyMs: s.latencyMs }, req, { ...item, judge: item.judge });
      }
      if (item.sample.target === undefined) throw providerError('bad_request', `${model.id}: the simulator needs a target (set dataset.fields.target)`);
      const key = [s.seed, model.id, item.sample.id, item.epoch] as const;
      const correct = correctness(item.sample.id, key) < accuracyFor(s, item);
      const tools = req.tools !== undefined && req.tools.length > 0
        ? simToolAnswer(req, item.sample.target, { correct, wrong: (v) => wrongAnswer(v, [], hashUniform(...key, 'wrong')), key: hashUniform(...key, 'id').toString(36).slice(2, 10) })
        : undefined;
      const answer = correct ? item.sample.target : wrongAnswer(item.sample.target, item.targetPool, hashUniform(...key, 'wrong'));
      const noise = hashUniform(...key, 'noise');
      // Structured output comes back as plain JSON, never fenced.
      const rendered = req.outputSchema !== undefined ? JSON.stringify(answer) : render(answer, noise < s.formatNoise ? noise / s.formatNoise : -1);
      const text = tools?.text ?? (s.statedConfidence === undefined ? rendered : `${rendered}\n${confidenceLine(statedConfidence(s.statedConfidence, correct, ...key))}`);
      // Lognormal latency around the median: exp(sigma * z), z from a Box–Muller pair of keyed uniforms.
      const z = Math.sqrt(-2 * Math.log(1 - hashUniform(...key, 'lat1'))) * Math.cos(2 * Math.PI * hashUniform(...key, 'lat2'));
      const latencyMs = s.latencyMs * Math.exp(0.35 * z);
      if (s.realtime && latencyMs > 0) await sleep(latencyMs, signal);
      const prompt = (req.system ?? '') + req.messages.map(messageText).join('');
      // Like a real model, an answer longer than max_tokens is cut off (about 4 characters a token).
      const truncated = tokens(text) > req.maxTokens;
      const shown = truncated ? text.slice(0, req.maxTokens * 4) : text;
      const usage = { inputTokens: tokens(prompt), outputTokens: Math.min(tokens(text), req.maxTokens), thinkingTokens: 0 };
      if (tools?.toolCalls !== undefined) return { ...tools, usage: { ...usage, outputTokens: tokens(JSON.stringify(tools.toolCalls)) }, latencyMs };
      return { text: shown, usage, stopReason: truncated ? 'max_tokens' : tools?.stopReason ?? 'end_turn', latencyMs };
    },
  };
}

const simSchema = obj({
  accuracy: opt(num({ minimum: 0, maximum: 1 }, 'Probability of answering the target.')),
  segment: opt(str('Metadata field whose values get their own accuracy.')),
  accuracy_by: opt(dict(num({ minimum: 0, maximum: 1 }), 'Accuracy per value of `segment`.')),
  latency_ms: opt(num({ minimum: 0 }, 'Median simulated latency.')),
  realtime: opt(bool('Actually wait the simulated latency (default false).')),
  seed: opt(whole('Seed of the simulator (default: the run seed).')),
  stated_confidence: opt(obj({
    auroc: num({ minimum: 0.5, exclusiveMaximum: 1 }, 'P(confidence on a right answer > on a wrong one), 0.5 = no information.'),
    bias: opt(num({}, 'Shift of the latent confidence in standard deviations (default 1: about 0.85 on average whatever the accuracy).')),
  }, { description: 'Append "Confidence: 0.xx" to every answer, as a model asked for its confidence would: higher on right answers, separating right from wrong with this AUROC.' })),
}, { description: 'Simulator settings, used only when this model is simulated (a sim: model, or any model under --simulate). See docs/simulator.md.' });

/** A model entry's `sim` settings, as written. */
export type SimInput = Static<typeof simSchema>;

const simOptions = { sim: opt(simSchema) };

/** sim:<profile>: the built-in simulator; also the stand-in for every other model under --simulate. */
export const sim: ProviderDefinition<typeof simOptions> = {
  kind: 'sim',
  idForm: '<profile>',
  listing: 'the built-in simulator: seeded answers from the dataset target; SIMULATED, never a real model',
  options: simOptions,
  simulated: true,
  replay: false,
  apiKeyEnv: 'ANTHROPIC_API_KEY', // never read: nothing is called
  check: ({ entry, model, where, simulate }) => simulate || Object.hasOwn(SIM_PROFILES, model) || entry.sim?.accuracy !== undefined ? []
    : [`${where}: unknown simulator profile "${model}"; use one of ${Object.keys(SIM_PROFILES).join(', ')}, or set sim.accuracy for a custom one`],
  // Simulator settings apply only when the model is simulated (sim:, or --simulate).
  resolve: (entry) => (entry.sim ? { sim: entry.sim } : {}),
  create: (model, _env, runSeed) => simProvider(model, runSeed),
  pricingModel: (model) => simProfile(model.model).pricingModel,
};
