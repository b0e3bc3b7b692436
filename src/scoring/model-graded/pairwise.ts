import type { ChatMessage, EscalationSettings, Json, JudgeSettings, PeerAnswer, JudgeCalls, JudgeInfo, JudgeOutcome, PairVerdict, Score, ScoreInput, Scorer } from '../../types.js';
import { JudgeError, StoppedError } from '../../errors.js';
import { renderText, renderValue } from '../../prompt/template.js';
import { resolvePair } from '../../judge/pairwise.js';
import type { ReducedVerdict, Winner } from '../../types/judge-task.js';
import type { ScorerMeta } from '../registry.js';
import type { GradedScorerSpec } from './create.js';
import type { Baseline } from './baseline.js';
import { OUTPUT_REFERENCE } from './types.js';
import { NO_CALLS, sumCalls } from './calls.js';
import { judged, type Graded } from './cascade.js';
import { escalationReasons } from '../../judge/escalate.js';
import { candidatePreference } from '../../judge/graded.js';

// pairwise: the model's output on a sample compared with its opponent's output for the same sample:
// the answer a baseline run recorded (`against`, baseline.ts), or the answer another model of the same
// run gave (`against_model`, handed over by runner/peer-board). A judge is asked in BOTH orders:
// candidate first (as A), then the opponent first. resolvePair combines them: the candidate wins only when it wins in both orders (likewise a
// loss); a verdict that flips with the order is a tie, so a judge that always picks position A
// gives only ties and no false winner.
// value: 1 win, 0.5 tie, 0 loss for the candidate (scale: graded or logprobs: its continuous preference
// on 0..1, judge/graded.ts, the mean of the two orders). pass = win or tie ("not worse than the
// baseline"), so a pass rate over a pairwise scorer reads as a non-inferiority rate; the win, tie
// and loss rates themselves are in the model summary's `pairwise` field (summary/pairwise-summary.ts).
// An opponent without an answer for the sample is a JudgeError (recorded as a judge error for that
// item, never a model failure), and so is either order without a verdict, unless a cascade
// (judge.escalate, when.error) asks the larger judge instead; an answer lost to a stop of the run
// is a StoppedError (an "aborted" record, which a resume runs again). With against_model, the
// scorer does not apply to the reference model's own items (Scorer.appliesTo): they are the
// yardstick, and a record no scorer applies to has no verdict (summary/scored.ts).

export interface PairwiseOptions {
  /** The baseline run directory (relative to the spec file). */
  readonly against?: string;
  /** Another model of this spec whose answers, in this run, are the opponent. */
  readonly against_model?: string;
  /** What makes an output better ({{var}} templates); a general default otherwise. */
  readonly criteria?: string;
  /** The baseline's model to compare with, when the baseline ran several. */
  readonly model?: string;
  /** ab (default): A / B / tie; graded: Arena-Hard's five levels. */
  readonly scale?: 'ab' | 'graded';
  /** openai: judges: weigh the verdict by its token probabilities. */
  readonly logprobs?: boolean;
}

const DEFAULT_CRITERIA = 'The better output does what the input asks: it is correct, complete and clear, and no longer than it needs to be.';

/** The spec layer's view of the type (schema, templates); scoring is createPairwiseScorer's. */
export const pairwiseMeta: Omit<ScorerMeta, 'graded'> = {
  type: 'pairwise',
  description: 'A judge model compares the output with another model\'s output for the same sample (a model of this run, or a baseline run\'s), in both orders; a verdict that flips with the order is a tie. Value 1 win, 0.5 tie, 0 loss (with scale: graded or logprobs: the candidate\'s preference on 0..1); passes on a win or a tie.',
  options: {
    properties: {
      against: { type: 'string', minLength: 1, description: 'A finished run directory (relative to the spec file) whose answers are the baseline, matched by sample id (same epoch when it ran it, else epoch 1). Give this or against_model.' },
      against_model: { type: 'string', minLength: 1, description: 'A model id of this spec whose answers in the same run are the opponent (same sample, same epoch). The scorer does not score that model\'s own answers (they are the yardstick). Give this or against.' },
      criteria: { type: 'string', minLength: 1, description: 'What makes an output better ({{var}} templates from the sample). Default: correct, complete, clear and concise.' },
      model: { type: 'string', minLength: 1, description: 'The baseline\'s model to compare with (required when the baseline run has several models).' },
      scale: { type: 'string', enum: ['ab', 'graded'], description: 'The judge\'s verdict scale: ab (default: A, B or tie) or graded (Arena-Hard\'s five levels [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]]; the summary adds the graded win rate with its standard error).' },
      logprobs: { type: 'boolean', description: 'Weigh the A / B / tie verdict by the probabilities of its token (the judge must be an openai: model: the endpoint is asked for logprobs); the summary adds the probability-weighted win rate with its standard error. Not with scale: graded or structured: tool.' },
    },
  },
  needsExpected: false,
  templated: ['criteria'],
};

const OUTCOME_VALUE = { win: 1, tie: 0.5, loss: 0 } as const;

/** The candidate's continuous preference over both orders: its preference as A, and 1 − the opponent's as A. */
function continuousOf(first: ReducedVerdict, second: ReducedVerdict, from: 'graded' | 'logprobs' | undefined): Pick<PairVerdict, 'preference' | 'preferenceFrom' | 'noLogprobs'> {
  if (from === undefined || first.kind !== 'pairwise' || second.kind !== 'pairwise' || first.preferA === undefined || second.preferA === undefined) return {};
  const preference = candidatePreference(first.preferA, second.preferA);
  return { preference, preferenceFrom: from, ...(from === 'logprobs' && { noLogprobs: (first.noLogprobs ?? 0) + (second.noLogprobs ?? 0) }) };
}

const callsOf = (o: JudgeOutcome): JudgeCalls => (o.ok ? o.info.calls : o.calls);
const winnerOf = (o: Extract<JudgeOutcome, { ok: true }>): Winner => (o.verdict.kind === 'pairwise' ? o.verdict.winner.winner : 'tie');

/** The two orders' judge info as one: calls summed, both reasonings kept, the pair verdict. */
function mergeInfo(first: JudgeInfo, second: JudgeInfo, verdict: PairVerdict): JudgeInfo {
  return {
    model: first.model,
    version: first.version,
    reasoning: `candidate first: ${first.reasoning}\nbaseline first: ${second.reasoning}`,
    verdict,
    samples: {
      valid: Math.min(first.samples.valid, second.samples.valid),
      asked: first.samples.asked,
      agreement: Math.min(first.samples.agreement, second.samples.agreement),
    },
    calls: sumCalls(first.calls, second.calls),
  };
}

/** What a pairwise scorer compares with: a baseline run's answers, or another model's in this run. */
export interface Opponent {
  /** How reasons name it: "the baseline (model)" or the model id. */
  readonly label: string;
  /** With against_model: the reference model, whose own items are not judged. */
  readonly model?: string;
  answerFor(input: ScoreInput): PeerAnswer | Promise<PeerAnswer>;
}

/** A baseline run's answers as an opponent. */
export const baselineOpponent = (b: Baseline): Opponent => ({ label: `the baseline (${b.model})`, answerFor: (i) => b.lookup(i.sample.id, i.epoch) });

/** Another model of this run as the opponent: its answer comes from the runner (ScoreInput.peer). */
export const modelOpponent = (model: string): Opponent => ({
  label: model,
  model,
  answerFor: (i) => i.peer?.() ?? { ok: false, message: `no answer of ${model} to compare with: against_model needs a run of both models` },
});

/** A pairwise scorer over its opponent; `prompt` is shown to the judge as the input. */
export function createPairwiseScorer(spec: GradedScorerSpec, prompt: readonly ChatMessage[], opponent: Opponent): Scorer {
  return {
    name: spec.name,
    weight: spec.weight,
    // The reference's own answers are the yardstick: not scored by this scorer at all.
    ...(opponent.model !== undefined && { appliesTo: (model: string) => model !== opponent.model }),
    score: async (input: ScoreInput, signal: AbortSignal): Promise<Score> => {
      const vars = input.sample.vars;
      const other = await opponent.answerFor(input);
      if (!other.ok) {
        if (other.stopped === true) throw new StoppedError(`scorer ${spec.name}: ${other.message}`);
        throw new JudgeError(`scorer ${spec.name}: ${other.message}`, NO_CALLS);
      }
      const raw: Json | undefined = spec.options['criteria'];
      const criteria = raw === undefined ? DEFAULT_CRITERIA : String(renderValue(raw, { ...vars, output: OUTPUT_REFERENCE }));
      const shown = prompt.length === 0 ? undefined : prompt.map((m) => renderText(m.content, vars)).join('\n\n');
      const cand = input.completion.text;
      const lengths = { candidate: cand.length, baseline: other.output.length };
      const graded = spec.options['scale'] === 'graded';
      const logprobs = spec.options['logprobs'] === true;
      const from = graded ? 'graded' : logprobs ? 'logprobs' : undefined;
      // One judge (the cheap one, or a cascade's escalation judge) asked in both orders.
      const askBoth = async (settings: JudgeSettings | EscalationSettings): Promise<Graded<PairVerdict>> => {
        const ask = (a: string, b: string, tag: string) => input.judge.judge({
          scorer: tag, settings, sample: input.sample, epoch: input.epoch, output: a,
          task: {
            kind: 'pairwise', instructions: criteria, outputA: a, outputB: b, ...(shown !== undefined && { input: shown }),
            ...(graded && { scale: 'graded' as const }), ...(logprobs && { logprobs: true }),
          },
        }, signal);
        // The second order gets its own tag: its own nonce, cache entry and simulator draw.
        const [first, second] = await Promise.all([ask(cand, other.output, spec.name), ask(other.output, cand, `${spec.name}#baseline-first`)]);
        if (!first.ok || !second.ok) {
          const why = [!first.ok && `candidate first: ${first.message}`, !second.ok && `baseline first: ${second.message}`].filter((x) => x !== false).join('; ');
          return { ok: false, message: why, calls: sumCalls(callsOf(first), callsOf(second)) };
        }
        const pair = resolvePair({ id: input.sample.id, candidateFirst: winnerOf(first), candidateSecond: winnerOf(second) });
        const verdict: PairVerdict = {
          candidateFirst: winnerOf(first), candidateSecond: winnerOf(second), flipped: pair.positionConsistent === false, outcome: pair.outcome ?? 'tie', lengths,
          ...continuousOf(first.verdict, second.verdict, from),
        };
        return { ok: true, verdict, info: mergeInfo(first.info, second.info, verdict) };
      };
      const passOf = (v: PairVerdict) => (spec.negate ? v.outcome === 'loss' : v.outcome !== 'loss');
      const cheap = await askBoth(spec.judge);
      const result = await judged<PairVerdict>({
        scorer: spec.name, escalate: spec.judge.escalate, cheapJudge: { model: spec.judge.model, samples: spec.judge.samples }, cheap, passOf, ask: askBoth,
        reasons: (c, when) => escalationReasons(when, { margin: Number.NaN, agreement: c.info.samples.agreement, flipped: c.verdict.flipped }),
      });
      const { verdict } = result;
      const outcome = verdict.outcome;
      // scale: graded or logprobs: the candidate's continuous preference; A/B/tie: 1, 0.5 or 0.
      const base = verdict.preference ?? OUTCOME_VALUE[outcome];
      const value = spec.negate ? Math.round((1 - base) * 1e9) / 1e9 : base;
      const reason = outcome === 'loss' ? `lost to ${opponent.label}` : verdict.flipped ? 'tie: the verdict flipped with the order' : undefined;
      return { name: spec.name, value, pass: passOf(verdict), ...(reason !== undefined && { reason }), judge: result.info };
    },
  };
}
