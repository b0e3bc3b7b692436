// Pure helpers shared by the fakes: the token estimate and how stop sequences and max_tokens cut text.

/** The fakes' tokenizer: one token per 4 characters, rounded up. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export interface LimitInput {
  readonly text: string;
  /** Token count to report for `text` when it is not cut; defaults to `estimateTokens(text)`. */
  readonly tokens: number | undefined;
  /** Tokens the text may use (`undefined`: unlimited). */
  readonly budget: number | undefined;
  readonly stops: readonly string[];
}

export interface LimitedText {
  readonly text: string;
  readonly tokens: number;
  readonly cut: 'stop_sequence' | 'max_tokens' | null;
  readonly stopSequence: string | null;
}

/** Cut at the earliest stop sequence, then at the token budget (4 characters per token). */
export function limitText({ text, tokens, budget, stops }: LimitInput): LimitedText {
  let best: { index: number; stop: string } | undefined;
  for (const stop of stops) {
    const index = stop === '' ? -1 : text.indexOf(stop);
    if (index >= 0 && (best === undefined || index < best.index)) best = { index, stop };
  }
  const stopped = best === undefined ? text : text.slice(0, best.index);
  const count = best === undefined ? (tokens ?? estimateTokens(text)) : estimateTokens(stopped);
  if (budget !== undefined && count > budget) {
    const cutText = stopped.slice(0, Math.max(0, budget) * 4);
    return { text: cutText, tokens: Math.max(0, budget), cut: 'max_tokens', stopSequence: null };
  }
  if (best !== undefined) return { text: stopped, tokens: count, cut: 'stop_sequence', stopSequence: best.stop };
  return { text, tokens: count, cut: null, stopSequence: null };
}

/** Split text into small pieces for stream deltas (so clients really have to accumulate). */
export function chunkText(text: string, size = 12): readonly string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Concatenate the text of a message `content` (string or blocks with `type: 'text'`). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (isRecord(block) && typeof block['text'] === 'string') parts.push(block['text']);
  }
  return parts.join('\n');
}

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 3339 timestamp without milliseconds, as the Anthropic rate-limit headers use. */
export const rfc3339 = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
