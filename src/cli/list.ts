import { table } from 'table';
import { PRICES, PRICE_TABLE_VERSION } from '../pricing/table.js';
import { SIM_PROFILES } from '../providers/sim-profiles.js';
import { providerRows } from '../providers/registry.js';
import { scorerMeta, scorerTypes } from '../scoring/registry.js';

const wrap = { columns: { 1: { width: 70, wrapWord: true } } } as const;

export function renderList(): string {
  const providers = [['provider', 'what it calls'], ...providerRows()];
  const sims = [['sim profile', 'accuracy', 'median latency', 'priced as'], ...Object.entries(SIM_PROFILES).map(([k, p]) => [`sim:${k}`, String(p.accuracy), `${p.latencyMs} ms`, p.pricingModel ?? 'unknown'])];
  const prices = [['model', 'status', 'input $/MTok', 'output $/MTok'], ...Object.entries(PRICES).map(([k, p]) => [
    k, p.status, p.longContext ? `${p.inputPerMTok} (${p.longContext.inputPerMTok} above ${p.longContext.aboveInputTokens / 1000}K)` : String(p.inputPerMTok),
    p.longContext ? `${p.outputPerMTok} (${p.longContext.outputPerMTok} above ${p.longContext.aboveInputTokens / 1000}K)` : String(p.outputPerMTok),
  ])];
  const scorers = [['scorer', 'checks'], ...scorerTypes.map((t) => [t, `${scorerMeta(t)?.graded === true ? '(model-graded) ' : ''}${scorerMeta(t)?.description ?? ''}`])];
  return [
    table(providers, wrap),
    table(sims),
    `Prices (USD per million tokens, table ${PRICE_TABLE_VERSION}; other models: cost unknown unless their spec entry gives price:)\n${table(prices)}`,
    table(scorers, wrap),
  ].join('\n');
}
