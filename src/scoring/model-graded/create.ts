import type { ChatMessage, EscalationSettings, Json, JudgeSettings, Score, ScoreInput, Scorer } from '../../types.js';
import { renderText, renderValue } from '../../prompt/template.js';
import { OUTPUT_REFERENCE, type GradedDefinition, type TaskInput, type GradedResult } from './types.js';
import type { JudgeTask } from '../../types/judge-task.js';
import type { ReducedVerdict } from '../../judge/reduce.js';
import { judged } from './cascade.js';
import { escalationReasons } from '../../judge/escalate.js';

// A model-graded scorer from its resolved spec: per sample it renders its options ({{output}} is a
// pointer to the delimited output block, never the output itself: the output is untrusted and only
// ever reaches the judge inside its nonce-tagged block), asks the injected JudgeClient, and turns the
// reduced verdict into a Score. No verdict is a JudgeError, which runner/execute records as a judge
// error, never as a failed sample.

export interface GradedScorerSpec {
  readonly type: string;
  readonly name: string;
  readonly weight: number;
  readonly negate: boolean;
  readonly expected?: Json;
  readonly options: Readonly<Record<string, Json>>;
  readonly judge: JudgeSettings;
}

/** The definition's functions over plain options (ajv validated the options against its schema). */
interface LooseDefinition {
  readonly templated: readonly string[];
  task(input: TaskInput<Readonly<Record<string, Json>>>): JudgeTask;
  score(verdict: ReducedVerdict, options: Readonly<Record<string, Json>>): GradedResult;
  margin(verdict: ReducedVerdict, options: Readonly<Record<string, Json>>): number;
}

export function createGradedScorer(def: GradedDefinition<never>, spec: GradedScorerSpec, prompt: readonly ChatMessage[]): Scorer {
  const loose = def as unknown as LooseDefinition;
  return {
    name: spec.name,
    weight: spec.weight,
    score: async (input: ScoreInput, signal: AbortSignal): Promise<Score> => {
      const vars = input.sample.vars;
      const withOutput = { ...vars, output: OUTPUT_REFERENCE };
      const options: Record<string, Json> = { ...spec.options };
      for (const key of loose.templated) {
        const v = spec.options[key];
        if (v !== undefined) options[key] = renderValue(v, withOutput);
      }
      const expected = spec.expected !== undefined ? renderValue(spec.expected, vars) : input.sample.target;
      const shown = prompt.length === 0 ? undefined : prompt.map((m) => renderText(m.content, vars)).join('\n\n');
      const task = loose.task({ options, output: input.completion.text, input: shown, expected });
      // Both judges of a cascade get the same task and tag (so the same nonce); the model tells their cache entries apart.
      const ask = (settings: JudgeSettings | EscalationSettings) =>
        input.judge.judge({ scorer: spec.name, settings, task, sample: input.sample, epoch: input.epoch, output: input.completion.text }, signal);
      const out = await ask(spec.judge);
      const judgedOut = await judged<ReducedVerdict>({
        scorer: spec.name, escalate: spec.judge.escalate, cheapJudge: { model: spec.judge.model, samples: spec.judge.samples }, cheap: out, ask,
        reasons: (c, when) => escalationReasons(when, { margin: loose.margin(c.verdict, options), agreement: c.info.samples.agreement }),
        passOf: (v) => spec.negate !== loose.score(v, options).pass,
      });
      const r = loose.score(judgedOut.verdict, options);
      const value = Math.round((spec.negate ? 1 - r.value : r.value) * 1e6) / 1e6;
      const pass = spec.negate ? !r.pass : r.pass;
      const reason = spec.negate ? (r.pass ? `negated: ${spec.type} passed` : undefined) : r.reason;
      return { name: spec.name, value, pass, ...(reason !== undefined && { reason }), judge: judgedOut.info };
    },
  };
}
