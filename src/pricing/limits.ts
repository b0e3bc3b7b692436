import { PRICES, RETIRED_MODELS } from './table.js';

// What each Claude model accepts, from the providers' published model tables (collected 2026-11-23,
// with the prices): the context window and the most output tokens one request may ask for. A model
// that is not here is not checked (and gets a warning naming the nearest known id).

export interface ModelLimits {
  readonly contextTokens: number;
  readonly maxOutputTokens: number;
}

const K = 1000;
const M = 1_000_000;
const l = (contextTokens: number, maxOutputTokens: number): ModelLimits => ({ contextTokens, maxOutputTokens });

export const MODEL_LIMITS: Readonly<Record<string, ModelLimits>> = {
  'claude-haiku-5-5': l(M, 128 * K),
  'claude-haiku-4-5': l(200 * K, 64 * K),
  'claude-haiku-4-5-20251001': l(200 * K, 64 * K),
  'claude-sonnet-5-5': l(M, 128 * K),
  'claude-sonnet-5': l(M, 128 * K),
  'claude-sonnet-4-6': l(M, 64 * K),
  'claude-opus-5-5': l(M, 128 * K),
  'claude-opus-5': l(M, 128 * K),
  'claude-opus-4-8': l(M, 128 * K),
  'claude-opus-4-7': l(M, 128 * K),
  'claude-opus-4-6': l(M, 128 * K),
  'claude-opus-4-5-20251101': l(200 * K, 64 * K),
  'claude-fable-5-1': l(M, 128 * K),
};

/** The largest request body the Messages API accepts, in bytes. */
export const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
/** The largest Message Batches create, in bytes (one request alone in a batch can be this large). */
export const MAX_BATCH_BYTES = 256 * 1024 * 1024;

export function limitsOf(model: string): ModelLimits | undefined {
  return Object.hasOwn(MODEL_LIMITS, model) ? MODEL_LIMITS[model] : undefined;
}

/** Every Claude model id haikubench knows of (priced, limited or retired). */
export const KNOWN_CLAUDE_MODELS: readonly string[] = [...new Set([...Object.keys(PRICES), ...Object.keys(MODEL_LIMITS), ...Object.keys(RETIRED_MODELS)])].sort();
