import type { Completion, CompletionRequest, ContentBlock, Json, ToolCall } from '../types.js';

// The simulator with tools: the sample's target names the calls expected (BFCL style: a list of
// {tool: {argument: [allowed values]}}, or for a tool loop a list of such lists, one per step). A
// correct draw makes the expected calls of the step (the first allowed value of each argument, an
// optional one left out); a wrong one gets an argument wrong. After the last expected step it answers
// in text.

const isObject = (v: Json | undefined): v is { readonly [k: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The target as steps of expected calls. */
function stepsOf(target: Json): readonly (readonly Json[])[] {
  if (Array.isArray(target) && target.length > 0 && target.every(Array.isArray)) return target as readonly (readonly Json[])[];
  return [Array.isArray(target) ? target : [target]];
}

function callOf(expected: Json, id: string): ToolCall | undefined {
  if (!isObject(expected)) return undefined;
  const [entry] = Object.entries(expected);
  if (entry === undefined || !isObject(entry[1])) return undefined;
  const input: Record<string, Json> = {};
  for (const [k, allowed] of Object.entries(entry[1])) {
    const first = Array.isArray(allowed) ? allowed[0] : allowed;
    if (first !== undefined && first !== '') input[k] = first;
  }
  return { id, name: entry[0], input };
}

/** An argument made wrong (or, with none, a call of the wrong tool). */
function spoil(call: ToolCall, wrong: (v: Json) => Json): ToolCall {
  const [key] = Object.keys(call.input);
  if (key === undefined) return { ...call, name: `${call.name}_unknown` };
  return { ...call, input: { ...call.input, [key]: wrong(call.input[key] ?? null) } };
}

/** The steps with tool calls the conversation already holds. */
const stepsTaken = (req: CompletionRequest) => req.messages.filter((m) => m.role === 'assistant' && typeof m.content !== 'string' && m.content.some((b) => b.type === 'tool_use')).length;

export function simToolAnswer(req: CompletionRequest, target: Json, draw: { readonly correct: boolean; readonly wrong: (v: Json) => Json; readonly key: string }): Pick<Completion, 'text' | 'stopReason' | 'content' | 'toolCalls'> {
  const step = stepsTaken(req);
  const expected = req.toolChoice?.type === 'none' ? [] : stepsOf(target)[step] ?? [];
  const calls = expected.flatMap((e, i) => { const c = callOf(e, `toolu_sim_${draw.key}_${step}_${i}`); return c === undefined ? [] : [c]; });
  if (calls.length === 0) return { text: step === 0 ? 'No tool applies here.' : 'Done.', stopReason: 'end_turn' };
  const made = draw.correct ? calls : [spoil(calls[0] as ToolCall, draw.wrong), ...calls.slice(1)];
  const content: ContentBlock[] = made.map((c) => ({ type: 'tool_use', ...c }));
  return { text: '', stopReason: 'tool_use', content, toolCalls: made };
}
