import type { StructuredMode } from '../types/judge.js';
import type { ModelSpec } from './types.js';

// How a judge's verdict is asked for (judge.structured). Forced tool use, the older way to get JSON
// from Claude, returns an error on the newest models (Sonnet 5.5, Opus 5.5, Fable 5.1), which take
// the JSON-schema output format instead: a spec asking those for `tool` is refused before any call.

const FORCED_TOOL_REFUSED: ReadonlySet<string> = new Set(['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-fable-5-1']);

/** The problem with asking `model` for its verdicts in `mode`, or undefined. */
export function structuredProblem(mode: StructuredMode | undefined, model: ModelSpec): string | undefined {
  if (mode !== 'tool' || model.provider !== 'anthropic' || !FORCED_TOOL_REFUSED.has(model.model)) return undefined;
  return `${model.id} returns an error for forced tool use; ask it with structured: json_schema (the default), or none`;
}
