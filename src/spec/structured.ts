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

/**
 * The problem with `tool_choice` any or {name} (forced tool use) on `model`, or undefined: refused on
 * the newest models, and never allowed with thinking on (Haiku 5.5 thinks unless told not to).
 */
export function forcedToolProblem(model: ModelSpec): string | undefined {
  if (model.provider !== 'anthropic') return undefined;
  if (FORCED_TOOL_REFUSED.has(model.model)) return `${model.id} returns an error for forced tool use; use tool_choice auto (or output_format for structured answers)`;
  const thinks = model.thinking !== undefined ? model.thinking !== 'disabled' : /^claude-haiku-5-5/.test(model.model);
  return thinks ? `${model.id} thinks${model.thinking === undefined ? ' by default' : ''}, and the API refuses forced tool use with thinking; set thinking: disabled on this model or use tool_choice auto` : undefined;
}
