import { pairwiseOpponentsOf } from '../summary/pairwise-roles.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import type { JudgeKind } from '../types/judge-task.js';
import { judgeSystemPrompt } from '../judge/prompt.js';
import { estimateUsd } from '../pricing/model-price.js';
import { pricingOf } from '../providers/create.js';
import { buildRequest } from '../runner/request.js';
import type { WorkItem } from '../runner/plan.js';
import { requestChars } from '../prompt/content.js';

// --dry-run for model-graded scorers: the judge calls the plan implies, per judge model. Each item a
// judged scorer scores costs `samples` judge calls (a pairwise scorer asks in both orders: twice that).
// A judge call's input is its system prompt, the scorer's instructions, the model's input and the
// output under evaluation — unknown before the run, so the low end counts no output and the high end
// the model's whole max_tokens (both outputs for pairwise). Judge output is 0 … the judge's max_tokens.
// A cascade's larger judge (judge.escalate) is asked only for the items the cheap judge is unsure of,
// unknown before the run: its row is a ceiling (every item escalated) and its low end is no call.
// Not counted: re-asks of a malformed verdict (at most 2 per call) and cached answers.

export interface JudgeForecast {
  readonly judge: string;
  readonly label: string;
  readonly simulated: boolean;
  /** The model-graded scorers this judge grades for. */
  readonly scorers: readonly string[];
  /** A cascade's larger judge: calls and costs are ceilings (every item escalated); none may be made. */
  readonly escalation: boolean;
  /** Calls (a ceiling for an escalation judge). */
  readonly calls: number;
  /** [no output under evaluation, every output at the model's max_tokens] */
  readonly inputTokens: readonly [number, number];
  readonly maxOutputTokens: number;
  /** [low input only, high input + every verdict at max_tokens]; null when the judge has no known price. */
  readonly costUsd: readonly [number, number] | null;
}

const KINDS: ReadonlySet<string> = new Set<JudgeKind>(['rubric', 'reference', 'criteria', 'pairwise']);
/** Tokens of a text of this many characters, at ~4 characters a token (tokenizers differ by model). */
export const tokens = (chars: number): number => Math.ceil(chars / 4);

interface Tally { model: string; escalation: boolean; scorers: Set<string>; calls: number; low: number; high: number; out: number }

/** The judge calls of one item for one scorer, added to its judge's tally. */
function add(tallies: Map<string, Tally>, who: { model: string; samples: number; maxTokens: number }, escalation: boolean, scorer: string, orders: number, fixed: number, outputMax: number): void {
  const key = `${who.model}\u0000${String(escalation)}`;
  let t = tallies.get(key);
  if (t === undefined) tallies.set(key, (t = { model: who.model, escalation, scorers: new Set(), calls: 0, low: 0, high: 0, out: 0 }));
  const calls = who.samples * orders;
  t.scorers.add(scorer);
  t.calls += calls;
  if (!escalation) t.low += calls * fixed;
  t.high += calls * (fixed + orders * outputMax);
  t.out += calls * who.maxTokens;
}

/** Judges are called directly even under --batch (runner/batch-run), so they are priced at list price. */
export function forecastJudges(spec: EvalSpec, items: Iterable<WorkItem>): JudgeForecast[] {
  const judged = spec.scorers.filter((s) => s.judge !== undefined && KINDS.has(s.type));
  if (judged.length === 0) return [];
  const models = new Map(spec.models.map((m) => [m.id, m]));
  const tallies = new Map<string, Tally>();
  // pairwise against_model: the reference model's own items are not judged.
  const roles = pairwiseOpponentsOf(spec);
  // The plan is sample-major: a model's request is built once per sample, not once per epoch.
  const last = new Map<string, { sampleIndex: number; input: number }>();
  for (const item of items) {
    const m = models.get(item.modelId);
    if (m === undefined) continue;
    let seen = last.get(m.id);
    if (seen?.sampleIndex !== item.sampleIndex) last.set(m.id, (seen = { sampleIndex: item.sampleIndex, input: requestChars({ messages: buildRequest(spec, m, item.sample).messages }) }));
    const input = seen.input;
    for (const s of judged) {
      const settings = s.judge;
      if (settings === undefined || roles.get(s.name)?.reference === item.modelId) continue;
      const orders = s.type === 'pairwise' ? 2 : 1;
      const fixed = tokens(judgeSystemPrompt(s.type as JudgeKind).length + JSON.stringify(s.options).length + input);
      add(tallies, settings, false, s.name, orders, fixed, m.maxTokens);
      if (settings.escalate !== undefined) add(tallies, settings.escalate, true, s.name, orders, fixed, m.maxTokens);
    }
  }
  return [...tallies.values()].map((t) => {
    const id = t.model;
    const j: ModelSpec | undefined = spec.judges.find((x) => x.id === id) ?? spec.models.find((x) => x.id === id);
    // An escalation judge may never be called: its low bound is no call at all.
    const low = j === undefined ? null : t.escalation ? 0 : estimateUsd(pricingOf(j), { calls: t.calls, input: t.low, output: 0 });
    const high = j === undefined ? null : estimateUsd(pricingOf(j), { calls: t.calls, input: t.high, output: t.out });
    return {
      judge: id, label: j?.label ?? id, simulated: j?.provider === 'sim', scorers: [...t.scorers], escalation: t.escalation,
      calls: t.calls, inputTokens: [t.low, t.high], maxOutputTokens: t.out,
      costUsd: low === null || high === null ? null : [low, high],
    };
  });
}
