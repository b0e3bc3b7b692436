import { BATCH_PRICE_FACTOR, costUsd, priceOf } from './table.js';

// A price the spec gives a model (its entry's `price:`), for any model: one the price table does not
// know (an OpenAI-compatible endpoint, a replay: of another system's recorded answers) or one whose
// list price the user wants replaced (a negotiated rate). It wins over the price table. A model with
// neither has an unknown cost (null), never $0.

/** USD per million tokens, and/or USD per call. Resolved: every field present (0 where not given). */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** Prompt-cache writes; when the spec gives none, they cost the input price. */
  readonly cacheWritePerMTok: number;
  /** Prompt-cache reads; when the spec gives none, they cost the input price. */
  readonly cacheReadPerMTok: number;
  /** A fixed price per call, added to the token prices. */
  readonly perCall: number;
}

/** The usage a call is priced on. `inputTokens` counts every input token, cache writes and reads included. */
export interface UsageToPrice {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheWriteTokens?: number;
  readonly cacheReadTokens?: number;
}

/** The `price:` of a model entry as the user writes it. */
export interface ModelPriceInput {
  readonly input?: number;
  readonly output?: number;
  readonly cache_write?: number;
  readonly cache_read?: number;
  readonly per_call?: number;
}

/** The resolved price of an entry's `price:`. */
export function modelPrice(p: ModelPriceInput): ModelPrice {
  const input = p.input ?? 0;
  return {
    inputPerMTok: input, outputPerMTok: p.output ?? 0,
    cacheWritePerMTok: p.cache_write ?? input, cacheReadPerMTok: p.cache_read ?? input,
    perCall: p.per_call ?? 0,
  };
}

/**
 * Problems of an entry's `price:` that its JSON Schema cannot say, one message each. `tokens`: false for
 * a model that reports no tokens (replay:), whose only price can be per call.
 */
export function priceProblems(p: ModelPriceInput, where: string, opts: { readonly tokens: boolean }): string[] {
  const out: string[] = [];
  const tokenFields = (['input', 'output', 'cache_write', 'cache_read'] as const).filter((k) => p[k] !== undefined);
  if (tokenFields.length === 0 && p.per_call === undefined) {
    out.push(`${where}/price: give input and output (USD per million tokens), or per_call (USD per call)`);
  }
  if (!opts.tokens && tokenFields.length > 0) {
    out.push(`${where}/price/${tokenFields[0] as string}: this model calls nothing and reports no tokens, so a token price would make it cost $0; give price.per_call (USD per answer) instead`);
    return out;
  }
  if ((p.input === undefined) !== (p.output === undefined)) {
    out.push(`${where}/price: give both input and output (USD per million tokens; 0 for a side that is free), not only ${p.input === undefined ? 'output' : 'input'}`);
  }
  if ((p.cache_write !== undefined || p.cache_read !== undefined) && p.input === undefined) {
    out.push(`${where}/price: cache_write and cache_read need input and output prices beside them`);
  }
  return out;
}

/** A call's cost under a spec price (a Message Batch item at half price, as the price table does). */
export function modelPriceCost(price: ModelPrice, usage: UsageToPrice, opts: { readonly batch?: boolean } = {}): number {
  const write = usage.cacheWriteTokens ?? 0;
  const read = usage.cacheReadTokens ?? 0;
  const plain = Math.max(0, usage.inputTokens - write - read);
  const tokens = plain * price.inputPerMTok + write * price.cacheWritePerMTok + read * price.cacheReadPerMTok + usage.outputTokens * price.outputPerMTok;
  const list = tokens / 1_000_000 + price.perCall;
  return opts.batch === true ? list * BATCH_PRICE_FACTOR : list;
}

/** How a model's calls are priced: the spec's price if it gave one, else the price table's list price of `tableModel`. */
export interface Pricing {
  readonly tableModel: string | undefined;
  readonly price?: ModelPrice | undefined;
}

/** Cost of one call in USD, or null when the model has no price at all. */
export function callCostUsd(pricing: Pricing, usage: UsageToPrice, opts: { readonly batch?: boolean } = {}): number | null {
  return pricing.price !== undefined ? modelPriceCost(pricing.price, usage, opts) : costUsd(pricing.tableModel, usage, opts);
}

/** What the cache reads and writes of `usage` saved (positive) or cost (negative) against no caching, or null when the model has no price. */
export function cacheSavingsUsd(pricing: Pricing, usage: UsageToPrice): number | null {
  const plain = callCostUsd(pricing, { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  const real = callCostUsd(pricing, usage);
  return plain === null || real === null ? null : plain - real;
}

/** True when the model's calls can be priced. */
export const isPriced = (pricing: Pricing): boolean => pricing.price !== undefined || priceOf(pricing.tableModel) !== undefined;

/** A forecast's cost of `calls` calls with `input` prompt tokens and `output` answer tokens in all, or null when unpriced. */
export function estimateUsd(pricing: Pricing, load: { readonly calls: number; readonly input: number; readonly output: number }, opts: { readonly batch?: boolean } = {}): number | null {
  if (pricing.price !== undefined) {
    const tokens = modelPriceCost({ ...pricing.price, perCall: 0 }, { inputTokens: load.input, outputTokens: load.output }, opts);
    return tokens + load.calls * pricing.price.perCall * (opts.batch === true ? BATCH_PRICE_FACTOR : 1);
  }
  const table = priceOf(pricing.tableModel);
  if (table === undefined) return null;
  const list = (load.input * table.inputPerMTok + load.output * table.outputPerMTok) / 1_000_000;
  return opts.batch === true ? list * BATCH_PRICE_FACTOR : list;
}
