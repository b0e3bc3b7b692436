import type { ModelSummary } from '../../summary/model-summary.js';
import { usd } from './format.js';
import { thousands } from '../../util/thousands.js';

// Money in the reports. A simulated model (sim:, --simulate) calls no one and pays nothing: its cost is
// what the answers would have cost at list price, shown as a simulated cost, never as spent.

type CostFigures = Pick<ModelSummary, 'simulated' | 'costUsd' | 'spentUsd' | 'simulatedCostUsd'>;

/** Prompt caching: "prompt cache: 3,000 tokens written, 9,000 read; saved $0.0026 at list price", or undefined when nothing was cached. */
export function cacheLine(m: Pick<ModelSummary, 'tokens' | 'cacheSavingsUsd'>): string | undefined {
  const { cacheWrite, cacheRead } = m.tokens;
  if (cacheWrite === undefined && cacheRead === undefined) return undefined;
  const saved = m.cacheSavingsUsd;
  const money = saved === undefined || saved === null ? 'savings unknown (no price)' : saved >= 0 ? `saved ${usd(saved)} at list price` : `cost ${usd(-saved)} more than no caching (writes not yet paid back by reads)`;
  return `prompt cache: ${thousands(cacheWrite ?? 0)} tokens written, ${thousands(cacheRead ?? 0)} read; ${money}`;
}

/** A model's cost: "$0.0042", or "$0.0042 (simulated)". */
export const costText = (m: Pick<ModelSummary, 'simulated' | 'costUsd'>): string => (m.simulated ? `${usd(m.costUsd)} (simulated)` : usd(m.costUsd));

/** A model's spend this run: "$0.0042", or "nothing paid" for a simulated model. */
export const spentCell = (m: CostFigures): string => (m.simulated ? 'nothing paid' : usd(m.spentUsd));

/** "spent $X"; with simulated calls, their cost apart, and "nothing paid" when no real call cost anything. */
export function spentText(paid: number | null, simulated: number): string {
  if (simulated <= 0) return `spent ${usd(paid)}`;
  if (paid === 0) return `nothing paid (simulated cost ${usd(simulated)})`;
  return `spent ${usd(paid)} + simulated cost ${usd(simulated)} (not paid)`;
}

/** What a run's models spent (summary.json's spentUsd and simulatedCostUsd), as spentText says it. */
export function runSpentText(models: readonly CostFigures[]): string {
  const paid = models.reduce((sum, m) => sum + (m.spentUsd ?? 0), 0);
  const simulated = models.reduce((sum, m) => sum + (m.simulated ? m.simulatedCostUsd ?? 0 : 0), 0);
  return spentText(paid, simulated);
}

/** After "stopped by --max-cost $1": " (spent $1.02)", or ", nothing paid (simulated cost $1.02)". */
export function maxCostSpent(models: readonly CostFigures[]): string {
  const text = runSpentText(models);
  return text.startsWith('spent ') && !text.includes('simulated') ? ` (${text})` : `, ${text}`;
}

/** Why a model's cost is unknown and how to give it a price (a replay: model reports no tokens: per call only). */
export function unpricedText(model: string, priceTable: string): string {
  const how = model.startsWith('replay:') ? 'price: {per_call: …} (USD per answer)' : 'price: {input: …, output: …} (USD per million tokens) or price: {per_call: …} (USD per call)';
  return `cost unknown (no price for this model in price table ${priceTable}; give its model entry ${how})`;
}
