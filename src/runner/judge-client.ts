import type { ChatMessage, Completion, CompletionRequest, JudgeCalls, JudgeClient, JudgeOutcome, JudgeRequest, Provider, Usage } from '../types.js';
import type { EvalSpec, ModelSpec } from '../spec/types.js';
import type { JudgePrompt, JudgeVerdict } from '../types/judge-task.js';
import { buildJudgePrompt, deriveNonce } from '../judge/prompt.js';
import { parseVerdict } from '../judge/parse.js';
import { reduceVerdicts } from '../judge/reduce.js';
import { withPreference } from '../judge/graded.js';
import { winnerProbs } from '../judge/verdict-logprobs.js';
import { asText } from '../prompt/template.js';
import { normalizeLabel } from '../extract/text.js';
import { generate } from './generate.js';
import type { RunContext } from './execute.js';

// The judge of model-graded scorers, called through runner/generate like the models under test: the
// run's paced providers (so judge calls share the per-endpoint pacer and rate limits), its retries
// and retry budgets, the response cache (the judge prompt version and the sample index in the key)
// and the price table. A malformed verdict is re-asked at most MAX_REASKS times, in the same
// conversation (one generate per turn), with the parser's complaint; a refusal or a failed call is
// not re-asked. k samples (settings.samples) are reduced over the valid ones; none valid is a judge
// error, never a model failure (runner/execute records it as kind 'judge').

export const MAX_REASKS = 2;

/** What the judge client needs of the run: a slice of RunContext (the providers are the paced ones). */
export type JudgeRuntime = Pick<RunContext, 'spec' | 'providers' | 'clock' | 'rand' | 'stopSignal' | 'abortSignal' | 'targetPool' | 'cache'>;

/** The truth a sim judge agrees with: the output names the target, by the label scorer's normalisation. */
export function judgeTruth(output: string, target: JudgeRequest['sample']['target']): boolean {
  return target !== undefined && normalizeLabel(output) === normalizeLabel(asText(target));
}

interface Tally { attempts: number; answers: number; input: number; output: number; thinking: number; cost: number; spent: number; unknownCost: boolean }

const callsOf = (t: Tally): JudgeCalls => ({
  attempts: t.attempts, answers: t.answers,
  usage: { inputTokens: t.input, outputTokens: t.output, thinkingTokens: t.thinking },
  costUsd: t.unknownCost ? null : Math.round(t.cost * 1e10) / 1e10,
  spentUsd: t.unknownCost ? null : Math.round(t.spent * 1e10) / 1e10,
});

/** One answer used; `fresh`: called this run (not from the cache), so it counts as spent. */
function addUsage(t: Tally, usage: Usage, cost: number | null, fresh: boolean): void {
  t.answers += 1;
  t.input += usage.inputTokens;
  t.output += usage.outputTokens;
  t.thinking += usage.thinkingTokens;
  if (cost === null) t.unknownCost = true;
  else {
    t.cost += cost;
    if (fresh) t.spent += cost;
  }
}

const REASK = (why: string) =>
  `Your answer could not be used: ${why}. Answer again with only the JSON object described above, and nothing else.`;

interface OneCall {
  readonly req: JudgeRequest;
  readonly prompt: JudgePrompt;
  readonly provider: Provider;
  readonly model: ModelSpec;
  readonly draw: number;
  readonly tally: Tally;
}

type Sampled = { ok: true; verdict: JudgeVerdict } | { ok: false; message: string };

function judgeModel(spec: EvalSpec, id: string): ModelSpec {
  const m = spec.judges.find((j) => j.id === id) ?? spec.models.find((x) => x.id === id);
  if (m === undefined) throw new Error(`no judge model ${id} (the spec resolver should have added it)`);
  return m;
}

export function judgeClient(rt: JudgeRuntime): JudgeClient {
  /** One answer: from the cache, or a call with retries; its attempts and usage go to the tally. */
  async function answer(c: OneCall, request: CompletionRequest, round: number): Promise<{ ok: true; completion: Completion } | { ok: false; message: string }> {
    const item = {
      sample: c.req.sample, epoch: c.req.epoch, targetPool: rt.targetPool,
      judge: {
        truth: judgeTruth(c.req.output, c.req.sample.target), expect: c.prompt.expect, draw: `${c.req.scorer}/${c.draw}/${round}`,
        ...(c.req.task.kind === 'pairwise' && { truthB: judgeTruth(c.req.task.outputB, c.req.sample.target) }),
      },
    };
    const got = await generate(rt, { provider: c.provider, model: c.model, request, item, variant: { judge: c.prompt.version, sample: c.draw } });
    c.tally.attempts += got.attempts;
    if (!got.ok) return { ok: false, message: `judge call failed (${got.error.kind}): ${got.error.message}` };
    addUsage(c.tally, got.completion.usage, got.costUsd, !got.cached);
    return { ok: true, completion: got.completion };
  }

  /** One verdict sample, re-asking a malformed answer up to MAX_REASKS times. */
  async function sample(c: OneCall): Promise<Sampled> {
    let messages: ChatMessage[] = [{ role: 'user', content: c.prompt.user }];
    for (let round = 0; ; round++) {
      const request: CompletionRequest = {
        model: c.model.model, system: c.prompt.system, messages, maxTokens: c.req.settings.maxTokens,
        timeoutMs: rt.spec.run.timeoutMs,
        // structured: none sends no schema (the prompt alone asks for the JSON verdict).
        ...(c.req.settings.structured !== 'none' && { outputSchema: c.prompt.schema }),
        ...(c.req.settings.structured === 'tool' && { outputMode: 'tool' as const }),
        ...(c.req.task.kind === 'pairwise' && c.req.task.logprobs === true && { logprobs: true }),
      };
      const got = await answer(c, request, round);
      if (!got.ok) return got;
      const parsed = parseVerdict(got.completion.text, c.prompt.expect, got.completion.stopReason);
      if (parsed.ok) return { ok: true, verdict: withProbs(parsed.verdict, c.req, got.completion) };
      if (parsed.kind === 'refused' || round >= MAX_REASKS) {
        const tries = round === 0 ? '' : ` (after ${round} re-ask${round === 1 ? '' : 's'})`;
        return { ok: false, message: `${parsed.kind === 'refused' ? 'judge refused' : 'malformed verdict'}${tries}: ${parsed.message}` };
      }
      // An empty assistant turn is rejected by the API: say it was empty instead.
      const said = got.completion.text.trim() === '' ? '(empty answer)' : got.completion.text;
      messages = [...messages, { role: 'assistant', content: said }, { role: 'user', content: REASK(parsed.message) }];
    }
  }

  return {
    judge: async (req): Promise<JudgeOutcome> => {
      const model = judgeModel(rt.spec, req.settings.model);
      const provider = rt.providers.get(model.id);
      if (provider === undefined) throw new Error(`no provider for judge ${model.id}`);
      const nonce = deriveNonce([String(rt.spec.run.seed), req.sample.id, String(req.epoch), req.scorer]);
      const prompt = buildJudgePrompt(req.task, nonce);
      const tally: Tally = { attempts: 0, answers: 0, input: 0, output: 0, thinking: 0, cost: 0, spent: 0, unknownCost: false };
      const verdicts: JudgeVerdict[] = [];
      const failures: string[] = [];
      for (let draw = 0; draw < req.settings.samples; draw++) {
        const got = await sample({ req, prompt, provider, model, draw, tally });
        if (got.ok) verdicts.push(got.verdict);
        else failures.push(got.message);
      }
      const pairwise = req.task.kind === 'pairwise' ? req.task : undefined;
      const how = { graded: pairwise?.scale === 'graded', logprobs: pairwise?.logprobs === true };
      const reducedAll = reduceVerdicts(verdicts, req.settings.reducer);
      const reduced = reducedAll === undefined ? undefined : withPreference(reducedAll, verdicts, how);
      const first = verdicts[0];
      if (reduced === undefined || first === undefined) {
        const more = failures.length > 1 ? ` (all ${failures.length} samples failed)` : '';
        return { ok: false, message: `${failures[0] ?? 'no verdict'}${more}`, calls: callsOf(tally) };
      }
      return { ok: true, verdict: reduced, info: {
        model: model.id, version: prompt.version, reasoning: first.reasoning,
        verdict: verdictValue(reduced),
        samples: { valid: verdicts.length, asked: req.settings.samples, agreement: agreementOf(reduced) },
        calls: callsOf(tally),
      } };
    },
  };
}

/** A pairwise verdict asked with logprobs, with its token's winner probabilities when the answer has them. */
function withProbs(v: JudgeVerdict, req: JudgeRequest, completion: Completion): JudgeVerdict {
  if (v.kind !== 'pairwise' || req.task.kind !== 'pairwise' || req.task.logprobs !== true) return v;
  const probs = winnerProbs(completion.logprobs, v.winner);
  return probs === undefined ? v : { ...v, probs };
}

type Reduced = Extract<JudgeOutcome, { ok: true }>['verdict'];

function verdictValue(r: Reduced): number | Readonly<Record<string, number>> {
  if (r.kind === 'criteria') return Object.fromEntries(Object.entries(r.scores).map(([k, v]) => [k, v.value]));
  if (r.kind === 'pairwise') return r.winner.winner === 'A' ? 1 : r.winner.winner === 'B' ? -1 : 0;
  return r.score.value;
}

function agreementOf(r: Reduced): number {
  if (r.kind === 'criteria') return Math.min(...Object.values(r.scores).map((v) => v.agreement));
  return r.kind === 'pairwise' ? r.winner.agreement : r.score.agreement;
}

/** A client for paths with no model-graded scorer (tests, tools): a call to it is a bug. */
export const noJudge: JudgeClient = {
  judge: () => Promise.reject(new Error('this run has no judge client')),
};
