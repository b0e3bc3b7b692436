import type { Json, Sample } from '../types.js';
import type { EvalSpec } from '../spec/types.js';
import { renderText } from '../prompt/template.js';
import { generate, type CallContext, type Generated, type Turn } from './generate.js';
import { callTally, toolExchange, toolLoop } from './tool-loop.js';
import { toolRunner } from './tool-results.js';
import { conversation } from './conversation.js';

// The model calls of one work item: one call, a tool loop (spec tool_loop), a multi-turn
// conversation (spec prompt.turns), or a conversation whose every turn is a tool loop (both). Every
// call goes through generate().

/** Structured output: the answer as the object it must be, when it parses. */
function withParsed(got: Generated): Generated {
  if (!got.ok) return got;
  try {
    return { ...got, completion: { ...got.completion, parsed: JSON.parse(got.completion.text) as Json } };
  } catch {
    return got;
  }
}

/** With tools but no loop: the one response as the item's one step, so the record shows its calls. */
function asStep(got: Generated): Generated {
  if (!got.ok || got.completion.steps !== undefined) return got;
  const c = got.completion;
  return { ...got, completion: { ...c, steps: [{ text: c.text, calls: c.toolCalls ?? [] }] } };
}

export async function generateItem(ctx: CallContext, turn: Turn, spec: EvalSpec, sample: Sample): Promise<Generated> {
  const got = await calls(ctx, turn, spec, sample);
  const stepped = spec.tools === undefined ? got : asStep(got);
  return turn.request.outputSchema === undefined ? stepped : withParsed(stepped);
}

function calls(ctx: CallContext, turn: Turn, spec: EvalSpec, sample: Sample): Promise<Generated> {
  const loop = spec.tools?.loop;
  // One runner per item: scripted results are taken in order over every turn's calls.
  const tools = loop === undefined ? undefined : { maxSteps: loop.maxSteps, runner: toolRunner(loop.results, sample, loop.timeoutMs), tally: callTally() };
  // A prompt variant of a multi-turn spec asks its own turns.
  const turns = turn.model.variant?.turns ?? spec.prompt.turns;
  if (turns !== undefined && turns.length > 1) {
    const later = turns.slice(1).map((t) => renderText(t, sample.vars));
    return conversation(ctx, turn, later, tools === undefined ? undefined : (t) => toolExchange(ctx, t, tools));
  }
  if (tools !== undefined) return toolLoop(ctx, turn, tools);
  return generate(ctx, turn);
}
