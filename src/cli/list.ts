import { table } from 'table';
import { PRICES, PRICE_TABLE_VERSION } from '../pricing/table.js';
import { SIM_PROFILES } from '../providers/sim-profiles.js';
import { scorerMeta, scorerTypes } from '../scoring/registry.js';

const wrap = { columns: { 1: { width: 70, wrapWord: true } } } as const;

export function renderList(): string {
  const providers = [
    ['provider', 'what it calls'],
    ['anthropic:<model>', 'Claude through @anthropic-ai/sdk (ANTHROPIC_API_KEY; ANTHROPIC_BASE_URL or base_url to redirect)'],
    ['openai:<model>', 'any OpenAI-compatible Chat Completions endpoint (base_url or OPENAI_BASE_URL; OPENAI_API_KEY or api_key_env)'],
    ['sim:<profile>', 'the built-in simulator: seeded answers from the dataset target; SIMULATED, never a real model'],
    ['replay:<field>', 'no model: the output is the sample\'s own field (outputs to grade, e.g. a judge\'s calibration set); no call, no cost'],
  ];
  const sims = [['sim profile', 'accuracy', 'median latency', 'priced as'], ...Object.entries(SIM_PROFILES).map(([k, p]) => [`sim:${k}`, String(p.accuracy), `${p.latencyMs} ms`, p.pricingModel ?? 'unknown'])];
  const prices = [['model', 'status', 'input $/MTok', 'output $/MTok'], ...Object.entries(PRICES).map(([k, p]) => [
    k, p.status, p.longContext ? `${p.inputPerMTok} (${p.longContext.inputPerMTok} above ${p.longContext.aboveInputTokens / 1000}K)` : String(p.inputPerMTok),
    p.longContext ? `${p.outputPerMTok} (${p.longContext.outputPerMTok} above ${p.longContext.aboveInputTokens / 1000}K)` : String(p.outputPerMTok),
  ])];
  const scorers = [['scorer', 'checks'], ...scorerTypes.map((t) => [t, `${scorerMeta(t)?.graded === true ? '(model-graded) ' : ''}${scorerMeta(t)?.description ?? ''}`])];
  return [
    table(providers, wrap),
    table(sims),
    `Prices (USD per million tokens, table ${PRICE_TABLE_VERSION}; other models: cost unknown)\n${table(prices)}`,
    table(scorers, wrap),
  ].join('\n');
}
