// Built-in simulator profiles. Accuracies are illustrative settings of the simulator, NOT measurements
// of the real models: a profile only borrows a real model's name so that prices and reports read
// naturally. Every record and report of a sim: model says "simulated".

export interface SimProfile {
  readonly description: string;
  /** Probability of answering the target. */
  readonly accuracy: number;
  /** Median simulated latency (lognormal, sigma 0.35). */
  readonly latencyMs: number;
  /** Model whose list price prices the simulated tokens; undefined → cost unknown. */
  readonly pricingModel: string | undefined;
  /** Probability that a correct answer comes wrapped in formatting ("**x**", "Answer: x"). */
  readonly formatNoise: number;
}

export const SIM_PROFILES: Readonly<Record<string, SimProfile>> = {
  'claude-haiku-5-5': { description: 'fast small tier', accuracy: 0.84, latencyMs: 650, pricingModel: 'claude-haiku-5-5', formatNoise: 0.1 },
  'claude-haiku-4-5': { description: 'legacy small tier', accuracy: 0.8, latencyMs: 800, pricingModel: 'claude-haiku-4-5', formatNoise: 0.1 },
  'claude-sonnet-5-5': { description: 'large tier', accuracy: 0.93, latencyMs: 1600, pricingModel: 'claude-sonnet-5-5', formatNoise: 0.05 },
  'claude-opus-5-5': { description: 'largest tier', accuracy: 0.95, latencyMs: 2800, pricingModel: 'claude-opus-5-5', formatNoise: 0.05 },
  perfect: { description: 'always answers the target, zero latency (for tests and benchmarks)', accuracy: 1, latencyMs: 0, pricingModel: undefined, formatNoise: 0 },
  judge: { description: 'a judge (model-graded scorers) that agrees with the truth 90% of the time; zero latency', accuracy: 0.9, latencyMs: 0, pricingModel: undefined, formatNoise: 0 },
  wrong: { description: 'never answers the target', accuracy: 0, latencyMs: 0, pricingModel: undefined, formatNoise: 0 },
};

/** Profile for a name that is not built in (e.g. a --simulate stand-in for an openai: model). */
export const GENERIC_PROFILE: SimProfile = { description: 'generic model', accuracy: 0.8, latencyMs: 1000, pricingModel: undefined, formatNoise: 0.1 };

export function simProfile(name: string): SimProfile {
  return Object.hasOwn(SIM_PROFILES, name) ? (SIM_PROFILES[name] as SimProfile) : { ...GENERIC_PROFILE, pricingModel: undefined };
}
