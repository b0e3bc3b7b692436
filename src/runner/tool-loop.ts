import type { ContentBlock, RequestMessage, ToolCall, ToolCallResult, ToolStep } from '../types.js';
import { generate, type Answered, type CallContext, type Generated, type Turn } from './generate.js';
import { sumAnswers } from './sum-generated.js';
import type { ToolRunner } from './tool-results.js';

// A tool loop: the model's calls are answered (parallel calls together) and the model is asked
// again, until it answers without calling a tool or max_steps responses were made. Each response is
// one generate() call (cache, retries, pacing, pricing); the item's answer carries every step, and
// the usage and cost of all of them.

export interface ToolLoop {
  readonly maxSteps: number;
  readonly runner: ToolRunner;
  /**
   * The item's calls so far, overall and per tool name: scripted results are taken in this order.
   * Shared by the loops of one conversation's turns; a loop of its own starts from none.
   */
  readonly tally?: CallTally;
}

export interface CallTally { index: number; readonly perName: Map<string, number> }
export const callTally = (): CallTally => ({ index: 0, perName: new Map() });

const resultText = (r: ToolCallResult) => (typeof r.result === 'string' ? r.result : JSON.stringify(r.result ?? null));

/** The assistant's turn as it was (its blocks: text, thinking, tool_use), and the user turn with the results. */
function followUp(assistant: readonly ContentBlock[] | undefined, calls: readonly ToolCall[], answered: readonly ToolCallResult[]): RequestMessage[] {
  const said: readonly ContentBlock[] = assistant ?? calls.map((c) => ({ type: 'tool_use', ...c }));
  const results: ContentBlock[] = answered.map((r) => ({ type: 'tool_result', toolUseId: r.id, content: resultText(r), ...(r.isError === true && { isError: true }) }));
  return [{ role: 'assistant', content: said }, { role: 'user', content: results }];
}

function failed(got: Extract<Generated, { ok: false }>, before: readonly Answered[]): Generated {
  return { ...got, attempts: before.reduce((n, c) => n + c.attempts, got.attempts), retries: [...before.flatMap((c) => c.retries), ...got.retries] };
}

export async function toolLoop(ctx: CallContext, turn: Turn, loop: ToolLoop): Promise<Generated> {
  return (await toolExchange(ctx, turn, loop)).got;
}

/**
 * The loop, and the conversation it ends with: the request's messages, then each response that called
 * tools with the results' turn (what a later user turn of a conversation follows, before the final answer).
 */
export async function toolExchange(ctx: CallContext, turn: Turn, loop: ToolLoop): Promise<{ readonly got: Generated; readonly messages: readonly RequestMessage[] }> {
  const answers: Answered[] = [];
  const steps: ToolStep[] = [];
  const tally = loop.tally ?? callTally();
  const { perName } = tally;
  let messages = turn.request.messages;
  for (let step = 1; ; step++) {
    const got = await generate(ctx, { ...turn, request: { ...turn.request, messages } });
    if (!got.ok) return { got: failed(got, answers), messages };
    answers.push(got);
    const c = got.completion;
    const calls = c.toolCalls ?? [];
    const done = calls.length === 0;
    if (done || step >= loop.maxSteps) {
      steps.push({ text: c.text, calls });
      return { got: sumAnswers(answers, { text: c.text, stopReason: c.stopReason, steps, ...(!done && { stepLimit: true }) }), messages };
    }
    const answered = await Promise.all(calls.map(async (call, i): Promise<ToolCallResult> => {
      const ofName = perName.get(call.name) ?? 0;
      perName.set(call.name, ofName + 1);
      const a = await loop.runner.answer(call, { index: tally.index + i, ofName }, ctx.abortSignal);
      return { ...call, result: a.result, ...(a.isError && { isError: true }) };
    }));
    tally.index += calls.length;
    steps.push({ text: c.text, calls: answered });
    messages = [...messages, ...followUp(c.content, calls, answered)];
  }
}
