import type { EvalSpec, ModelSpec } from '../spec/types.js';
import type { JudgeKind } from '../judge/types.js';
import { judgeSystemPrompt } from '../judge/prompt.js';
import { BATCH_PRICE_FACTOR, priceOf } from '../pricing/table.js';
import { pricingModelOf } from '../providers/create.js';
import { buildRequest } from '../runner/request.js';
import type { WorkItem } from '../runner/plan.js';

// --dry-run for model-graded scorers: the judge calls the plan implies, per judge model. Each item a
// judged scorer scores costs `samples` judge calls (a pairwise scorer asks in both orders: twice that).
// A judge call's input is its system prompt, the scorer's instructions, the model's input and the
// output under evaluation — unknown before the run, so the low end counts no output and the high end
// the model's whole max_tokens (both outputs for pairwise). Judge output is 0 … the judge's max_tokens.
// Not counted: re-asks of a malformed verdict (at most 2 per call) and cached answers.

export interface JudgeForecast {
  readonly judge: string;
  readonly label: string;
  readonly simulated: boolean;
  /** The model-graded scorers this judge grades for. */
  readonly scorers: readonly string[];
  readonly calls: number;
  /** [no output under evaluation, every output at the model's max_tokens] */
  readonly inputTokens: readonly [number, number];
  readonly maxOutputTokens: number;
  /** [low input only, high input + every verdict at max_tokens]; null when the judge has no known price. */
  readonly costUsd: readonly [number, number] | null;
}

const KINDS: ReadonlySet<string> = new Set<JudgeKind>(['rubric', 'reference', 'criteria', 'pairwise']);
const tokens = (chars: number): number => Math.ceil(chars / 4);

interface Tally { scorers: Set<string>; calls: number; low: number; high: number; out: number }

export function forecastJudges(spec: EvalSpec, items: Iterable<WorkItem>, opts: { readonly batch?: boolean } = {}): JudgeForecast[] {
  const judged = spec.scorers.filter((s) => s.judge !== undefined && KINDS.has(s.type));
  if (judged.length === 0) return [];
  const models = new Map(spec.models.map((m) => [m.id, m]));
  const tallies = new Map<string, Tally>();
  for (const item of items) {
    const m = models.get(item.modelId);
    if (m === undefined) continue;
    const req = buildRequest(spec, m, item.sample);
    const input = req.messages.reduce((n, msg) => n + msg.content.length, 0);
    for (const s of judged) {
      const settings = s.judge;
      if (settings === undefined) continue;
      const orders = s.type === 'pairwise' ? 2 : 1;
      const calls = settings.samples * orders;
      const fixed = tokens(judgeSystemPrompt(s.type as JudgeKind).length + JSON.stringify(s.options).length + input);
      let t = tallies.get(settings.model);
      if (t === undefined) tallies.set(settings.model, (t = { scorers: new Set(), calls: 0, low: 0, high: 0, out: 0 }));
      t.scorers.add(s.name);
      t.calls += calls;
      t.low += calls * fixed;
      t.high += calls * (fixed + orders * m.maxTokens);
      t.out += calls * settings.maxTokens;
    }
  }
  const factor = opts.batch === true ? BATCH_PRICE_FACTOR : 1;
  return [...tallies].map(([id, t]) => {
    const j: ModelSpec | undefined = spec.judges.find((x) => x.id === id) ?? spec.models.find((x) => x.id === id);
    const price = j === undefined ? undefined : priceOf(pricingModelOf(j));
    const cost = (input: number, out: number) => (price === undefined ? 0 : (factor * (input * price.inputPerMTok + out * price.outputPerMTok)) / 1_000_000);
    return {
      judge: id, label: j?.label ?? id, simulated: j?.provider === 'sim', scorers: [...t.scorers],
      calls: t.calls, inputTokens: [t.low, t.high], maxOutputTokens: t.out,
      costUsd: price === undefined ? null : [cost(t.low, 0), cost(t.high, t.out)],
    };
  });
}
