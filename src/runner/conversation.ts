import type { ConversationTurn } from '../types.js';
import { generate, type Answered, type CallContext, type Generated, type Turn } from './generate.js';
import { sumAnswers } from './sum-generated.js';
import { messageText } from '../prompt/content.js';

// Multi-turn generation (MT-Bench style): the first user turn is the request's; each later one is
// asked after the model answered, with its own answers fed back. Each turn is one generate() call;
// the item's answer is the last turn's, and carries every turn and the usage and cost of all.

export async function conversation(ctx: CallContext, turn: Turn, later: readonly string[]): Promise<Generated> {
  const answers: Answered[] = [];
  const turns: ConversationTurn[] = [];
  let messages = turn.request.messages;
  const firstUser = messages.at(-1);
  const users = [firstUser === undefined ? '' : messageText(firstUser), ...later];
  for (const [i, user] of users.entries()) {
    if (i > 0) messages = [...messages, { role: 'assistant', content: turns[i - 1]?.output ?? '' }, { role: 'user', content: user }];
    const got = await generate(ctx, { ...turn, request: { ...turn.request, messages } });
    if (!got.ok) return { ...got, attempts: answers.reduce((n, c) => n + c.attempts, got.attempts), retries: [...answers.flatMap((c) => c.retries), ...got.retries] };
    answers.push(got);
    turns.push({ user, output: got.completion.text, stopReason: got.completion.stopReason });
  }
  const last = answers[answers.length - 1] as Answered;
  return sumAnswers(answers, { text: last.completion.text, stopReason: last.completion.stopReason, turns });
}
