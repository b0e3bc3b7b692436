// List prices in USD per million tokens (collected 2026-11-23). Versioned: a summary
// records PRICE_TABLE_VERSION so a cost can be traced to the prices it used. A model that is not here
// has an unknown cost (null), never $0.

export const PRICE_TABLE_VERSION = '2026-11-23';

export interface Price {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** A second band: when the prompt exceeds `aboveInputTokens`, every token of the request costs this. */
  readonly longContext?: { readonly aboveInputTokens: number; readonly inputPerMTok: number; readonly outputPerMTok: number };
  readonly status: 'active' | 'legacy' | 'deprecated';
  /** Prompt caching: a cache read costs this share of the input price (default 0.1). */
  readonly cacheReadFactor?: number;
}

/** Prompt caching: a 5-minute cache write costs 1.25 times the input price. */
export const CACHE_WRITE_FACTOR = 1.25;
export const DEFAULT_CACHE_READ_FACTOR = 0.1;

const p = (inputPerMTok: number, outputPerMTok: number, status: Price['status'] = 'active'): Price => ({ inputPerMTok, outputPerMTok, status });

export const PRICES: Readonly<Record<string, Price>> = {
  'claude-haiku-5-5': { ...p(0.1, 0.5), longContext: { aboveInputTokens: 100_000, inputPerMTok: 0.5, outputPerMTok: 2.5 } },
  'claude-haiku-4-5': p(1, 5, 'legacy'),
  'claude-haiku-4-5-20251001': p(1, 5, 'legacy'),
  'claude-sonnet-5-5': { ...p(2, 10), cacheReadFactor: 0.05 },
  'claude-sonnet-5': p(2, 10, 'legacy'),
  'claude-sonnet-4-6': p(3, 15, 'legacy'),
  'claude-sonnet-4-5': p(3, 15, 'deprecated'),
  'claude-sonnet-4-5-20250929': p(3, 15, 'deprecated'),
  'claude-opus-5-5': { ...p(4, 20), cacheReadFactor: 0.05 },
  'claude-opus-5': p(5, 25, 'legacy'),
  'claude-opus-4-8': p(5, 25, 'legacy'),
  'claude-opus-4-7': p(5, 25, 'legacy'),
  'claude-opus-4-6': p(5, 25, 'legacy'),
  'claude-opus-4-5-20251101': p(5, 25, 'legacy'),
  'claude-fable-5-1': { ...p(10, 50), cacheReadFactor: 0.025 },
  'claude-mythos-5-1': p(10, 50),
};

/** Claude models that the API no longer serves: a spec naming one gets told, before any call. */
export const RETIRED_MODELS: Readonly<Record<string, string>> = {
  'claude-3-5-haiku-20241022': 'retired 2026-02-19; use claude-haiku-5-5',
  'claude-3-5-haiku-latest': 'retired 2026-02-19; use claude-haiku-5-5',
  'claude-3-haiku-20240307': 'retired 2026-04-20; use claude-haiku-5-5',
};

export function priceOf(model: string | undefined): Price | undefined {
  return model !== undefined && Object.hasOwn(PRICES, model) ? PRICES[model] : undefined;
}

/** Message Batches: 50% of list price for input and output, on all models. */
export const BATCH_PRICE_FACTOR = 0.5;

/** Cost of one call in USD, or null when the model has no known price; `batch` for a Message Batch item. */
export interface PricedUsage {
  /** Every input token, cache writes and reads included. */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheWriteTokens?: number;
  readonly cacheReadTokens?: number;
}

/** Input tokens weighted by their rate: plain ones at 1, cache writes at 1.25, cache reads at the model's read factor. */
function weightedInput(usage: PricedUsage, readFactor: number): number {
  const write = usage.cacheWriteTokens ?? 0;
  const read = usage.cacheReadTokens ?? 0;
  return usage.inputTokens - write - read + write * CACHE_WRITE_FACTOR + read * readFactor;
}

export function costUsd(model: string | undefined, usage: PricedUsage, opts: { readonly batch?: boolean } = {}): number | null {
  const price = priceOf(model);
  if (price === undefined) return null;
  const band = price.longContext !== undefined && usage.inputTokens > price.longContext.aboveInputTokens ? price.longContext : price;
  const input = weightedInput(usage, price.cacheReadFactor ?? DEFAULT_CACHE_READ_FACTOR);
  const list = (input * band.inputPerMTok + usage.outputTokens * band.outputPerMTok) / 1_000_000;
  return opts.batch === true ? list * BATCH_PRICE_FACTOR : list;
}
