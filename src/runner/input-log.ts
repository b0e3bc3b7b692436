import type { CompletionRequest, Json } from '../types.js';

// What a work item was given, kept for the reports: the rendered request exactly as it went to the
// provider (system, messages and whatever else the request carries: tools, image references, never
// image bytes; only the client-side timeout is left out) and the sample's expected answer. The runner
// defines this seam; run-log/inputs.ts keeps the inputs in the run directory, once per distinct
// content, and the record holds only the hash.

/** Where the inputs of a run go: `keep` is called once per record and returns the input's hash (the same content, the same hash). */
export interface InputLog {
  keep(input: Json): string;
}

/** The kept input of an item: the request as sent, and the sample's target when it has one. */
export function recordedInput(request: CompletionRequest, target: Json | undefined): Json {
  const { timeoutMs: _timeout, ...sent } = request;
  return target === undefined ? { request: sent as unknown as Json } : { request: sent as unknown as Json, target };
}
