import { describe, expect, it } from 'vitest';
import { GENERIC_PROFILE, SIM_PROFILES, simProfile } from '../../../src/providers/sim-profiles.js';
import { costUsd } from '../../../src/pricing/table.js';

describe('SIM_PROFILES', () => {
  it.each(Object.entries(SIM_PROFILES))('%s: probabilities in [0, 1], latency ≥ 0', (_name, p) => {
    expect(p.accuracy).toBeGreaterThanOrEqual(0);
    expect(p.accuracy).toBeLessThanOrEqual(1);
    expect(p.formatNoise).toBeGreaterThanOrEqual(0);
    expect(p.formatNoise).toBeLessThanOrEqual(1);
    expect(p.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it.each(Object.entries(SIM_PROFILES).filter(([, p]) => p.pricingModel !== undefined))('%s prices as a model that has a list price', (_name, p) => {
    expect(costUsd(p.pricingModel, { inputTokens: 1_000, outputTokens: 1_000 })).not.toBeNull();
  });

  it.each([
    ['claude-haiku-5-5', 'claude-haiku-5-5'],
    ['claude-haiku-4-5', 'claude-haiku-4-5'],
    ['claude-sonnet-5-5', 'claude-sonnet-5-5'],
    ['claude-opus-5-5', 'claude-opus-5-5'],
    ['perfect', undefined],
    ['wrong', undefined],
  ])('%s → pricing model %s', (name, pricing) => {
    expect(simProfile(name).pricingModel).toBe(pricing);
  });

  it.each([
    ['perfect', 1, 0, 0],
    ['wrong', 0, 0, 0],
  ])('%s: accuracy %i, zero latency, no format noise', (name, accuracy, latencyMs, formatNoise) => {
    expect(simProfile(name)).toMatchObject({ accuracy, latencyMs, formatNoise });
  });
});

describe('simProfile: unknown names get the generic profile, never a real model\'s price', () => {
  it.each([['gpt-4o'], ['claude-haiku-9'], ['toString'], ['__proto__'], ['']])('%s', (name) => {
    const p = simProfile(name);
    expect(p).toEqual({ ...GENERIC_PROFILE, pricingModel: undefined });
    expect(p.pricingModel).toBeUndefined();
  });
});
