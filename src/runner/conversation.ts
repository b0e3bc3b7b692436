import type { ConversationTurn, RequestMessage, ToolStep } from '../types.js';
import { generate, type Answered, type CallContext, type Generated, type Turn } from './generate.js';
import { sumAnswers } from './sum-generated.js';
import { messageText } from '../prompt/content.js';

// Multi-turn generation (MT-Bench style): the first user turn is the request's; each later one is
// asked after the model answered, with its own answers fed back. Each turn is one generate() call, or
// with a tool loop (τ-bench style) one exchange of tool calls and results ending in the turn's answer;
// the calls and results stay in the conversation the next turn follows. The item's answer is the last
// turn's, and carries every turn, every tool step, and the usage and cost of all. A turn whose tool
// loop reaches max_steps ends the conversation there (stepLimit).

/** One turn's answer, and the conversation up to it (with any tool exchange; without the answer itself). */
export type Respond = (turn: Turn) => Promise<{ readonly got: Generated; readonly messages: readonly RequestMessage[] }>;

export async function conversation(ctx: CallContext, turn: Turn, later: readonly string[], respond?: Respond): Promise<Generated> {
  const ask: Respond = respond ?? (async (t) => ({ got: await generate(ctx, t), messages: t.request.messages }));
  const answers: Answered[] = [];
  const turns: ConversationTurn[] = [];
  const steps: ToolStep[] = [];
  let messages = turn.request.messages;
  const firstUser = messages.at(-1);
  const users = [firstUser === undefined ? '' : messageText(firstUser), ...later];
  for (const [i, user] of users.entries()) {
    if (i > 0) messages = [...messages, { role: 'assistant', content: turns[i - 1]?.output ?? '' }, { role: 'user', content: user }];
    const { got, messages: said } = await ask({ ...turn, request: { ...turn.request, messages } });
    if (!got.ok) return { ...got, attempts: answers.reduce((n, c) => n + c.attempts, got.attempts), retries: [...answers.flatMap((c) => c.retries), ...got.retries] };
    answers.push(got);
    messages = said;
    turns.push({ user, output: got.completion.text, stopReason: got.completion.stopReason });
    steps.push(...(got.completion.steps ?? []));
    if (got.completion.stepLimit === true) break;
  }
  const last = answers[answers.length - 1] as Answered;
  const tools = respond === undefined ? {} : { steps, ...(last.completion.stepLimit === true && { stepLimit: true }) };
  return sumAnswers(answers, { text: last.completion.text, stopReason: last.completion.stopReason, turns, ...tools });
}
