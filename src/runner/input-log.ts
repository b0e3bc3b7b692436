import { createHash } from 'node:crypto';
import type { CompletionRequest, ContentBlock, Json, RequestMessage } from '../types.js';

// What a work item was given, kept for the reports: the rendered request exactly as it went to the
// provider (system, messages and whatever else the request carries: tools, image references, never
// image bytes; only the client-side timeout is left out) and the sample's expected answer. The runner
// defines this seam; run-log/inputs.ts keeps the inputs in the run directory, once per distinct
// content, and the record holds only the hash.

/** Where the inputs of a run go: `keep` is called once per record and returns the input's hash (the same content, the same hash). */
export interface InputLog {
  keep(input: Json): string;
}

/** An image or document sent inline, as kept: its type, size and hash instead of its bytes. */
function withoutBytes(b: ContentBlock): Json {
  if ((b.type !== 'image' && b.type !== 'document') || b.source.kind !== 'base64') return b as unknown as Json;
  const { data, ...source } = b.source;
  const bytes = Buffer.byteLength(data, 'base64');
  const sha256 = createHash('sha256').update(data, 'base64').digest('hex');
  return { ...b, source: { ...source, bytes, sha256 } } as unknown as Json;
}

const keptMessage = (m: RequestMessage): Json => (typeof m.content === 'string' ? m as unknown as Json : { ...m, content: m.content.map(withoutBytes) } as unknown as Json);

/**
 * The kept input of an item: the request as sent (inline images and documents by type, size and hash),
 * the sample's target when it has one, and `media`, the dataset's own references to them (file paths or URLs).
 */
export function recordedInput(request: CompletionRequest, target: Json | undefined, media?: Json): Json {
  const { timeoutMs: _timeout, messages, ...sent } = request;
  const kept = { ...sent, messages: messages.map(keptMessage) } as unknown as Json;
  return { request: kept, ...(target !== undefined && { target }), ...(media !== undefined && { media }) };
}
