import type { JudgeSettings } from '../types.js';
import type { ScorerSpec } from '../scoring/create.js';

// A pairwise scorer's `logprobs: true`, checked before any call: token log-probabilities come from
// OpenAI-compatible Chat Completions endpoints only (logprobs, top_logprobs), of the message text
// only (not of a forced function call's arguments), and the verdict must be one token (A, B or
// tie: a graded label such as [[A>>B]] spans several tokens, so no single position carries it).

/**
 * Problems with a pairwise scorer's logprobs option, as "file#/pointer: message". `declared`: the judge
 * and escalation judge model ids as the spec wrote them (under --simulate the resolved ones are sim:,
 * and a simulated judge, which returns no log-probabilities, counts every discrete verdict instead).
 */
export function pairwiseLogprobsProblems(s: ScorerSpec, index: number, judge: JudgeSettings, declared: { judge: string; escalate?: string | undefined }, file: string): string[] {
  if (s.type !== 'pairwise' || s.options['logprobs'] !== true) return [];
  const at = `${file}#/scorers/${index}/logprobs`;
  const out: string[] = [];
  if (s.options['scale'] === 'graded') {
    out.push(`${at}: logprobs weighs a one-token verdict (A, B or tie), and a graded label ([[A>>B]]) spans several tokens; remove logprobs, or use scale: ab`);
  }
  const judges = [['the judge', declared.judge, judge.structured], ['the escalation judge', judge.escalate === undefined ? undefined : declared.escalate, judge.escalate?.structured]] as const;
  for (const [who, model, structured] of judges) {
    if (model === undefined) continue;
    if (!model.startsWith('openai:')) {
      out.push(`${at}: ${who} ${model} is not an openai: model; token log-probabilities come only from OpenAI-compatible endpoints (Chat Completions logprobs), so remove logprobs or judge with an openai: model`);
    } else if (structured === 'tool') {
      out.push(`${at}: ${who} ${model} answers by a forced function call (structured: tool), whose arguments carry no log-probabilities; use structured: json_schema or none with logprobs`);
    }
  }
  return out;
}
