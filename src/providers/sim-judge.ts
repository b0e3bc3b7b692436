import type { Completion, CompletionRequest, ItemContext } from '../types.js';
import type { Scale, VerdictShape } from '../types/judge-task.js';
import { hashUniform } from '../util/random.js';
import { messageText } from '../prompt/content.js';

// The simulator as a judge. A judge call carries `item.judge` (ItemContext, never sent anywhere
// or hashed): the verdict shape and the truth (does the judged output name the sample's target, by
// the label scorer's normalisation). The sim agrees with the truth with probability `agreement`
// (the model's sim accuracy: 0.9 for the sim:judge profile, or judge.agreement in the spec), keyed
// by (seed, judge model, sample, epoch, draw), so verdicts do not depend on scheduling. Agreeing
// with a true output gives the top of each scale, otherwise the bottom: a well-formed verdict JSON
// that the real parser reads. Pairwise (truth about output A, truthB about output B): agreeing, the
// sim prefers the output that names the target, and says tie when both or neither do; disagreeing,
// it prefers the other output, or on a true tie the one shown first (a position-biased mistake).
// Asked for a graded verdict, it says the strong label when it agrees and the weak one when not.

type JudgeItem = NonNullable<ItemContext['judge']>;

const top = (s: Scale) => (s.type === 'values' ? Math.max(...s.values) : s.max);
const bottom = (s: Scale) => (s.type === 'values' ? Math.min(...s.values) : s.min);

function verdictJson(expect: VerdictShape, good: boolean): string {
  const reasoning = `simulated judge: the output ${good ? 'matches' : 'does not match'} what was asked`;
  switch (expect.kind) {
    case 'rubric':
    case 'reference':
      return JSON.stringify({ reasoning, score: good ? top(expect.scale) : bottom(expect.scale) });
    case 'criteria':
      return JSON.stringify({ reasoning, scores: Object.fromEntries(expect.criteria.map((c) => [c.name, good ? top(c.scale) : bottom(c.scale)])) });
    case 'pairwise':
      return pairJson(expect, reasoning, good ? 'A' : 'B', true);
  }
}

/** A pairwise verdict as the prompt asked: a winner, or (scale graded) a label, strong when the sim agrees with the truth. */
function pairJson(expect: Extract<VerdictShape, { kind: 'pairwise' }>, reasoning: string, winner: 'A' | 'B' | 'tie', agrees: boolean): string {
  if (expect.scale !== 'graded') return JSON.stringify({ reasoning, winner });
  const label = winner === 'tie' ? 'A=B' : winner === 'A' ? (agrees ? 'A>>B' : 'A>B') : agrees ? 'B>>A' : 'B>A';
  return JSON.stringify({ reasoning, verdict: `[[${label}]]` });
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

/** The pairwise winner: the output naming the target, tie when both or neither do; flipped when not agreeing. */
function pairWinner(a: boolean, b: boolean, agrees: boolean): 'A' | 'B' | 'tie' {
  const right = a === b ? 'tie' : a ? 'A' : 'B';
  if (agrees) return right;
  return right === 'A' ? 'B' : 'A';
}

/** A simulated judge's answer to `req` for `item` (which carries `judge`). */
export function simVerdict(opts: { readonly key: readonly (string | number)[]; readonly agreement: number; readonly latencyMs: number }, req: CompletionRequest, item: ItemContext & { readonly judge: JudgeItem }): Completion {
  const agrees = hashUniform(...opts.key, item.judge.draw, 'judge') < opts.agreement;
  const { truth, truthB, expect } = item.judge;
  const text = expect.kind === 'pairwise' && truthB !== undefined
    ? pairJson(expect, `simulated judge: ${agrees ? 'prefers' : 'mistakes'} the output that names the target`, pairWinner(truth, truthB, agrees), agrees)
    : verdictJson(expect, agrees ? truth : !truth);
  const prompt = (req.system ?? '') + req.messages.map(messageText).join('');
  return { text, usage: { inputTokens: tokens(prompt), outputTokens: tokens(text), thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: opts.latencyMs };
}
