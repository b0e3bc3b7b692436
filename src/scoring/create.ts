import type { EpochReducer } from '../stats/scorer-epochs.js';
import type { ChatMessage, Json, JudgeSettings, Score, ScoreInput, Scorer } from '../types.js';
import { renderValue } from '../prompt/template.js';
import { scorerDefinition } from './registry.js';
import type { CheckInput, CheckResult, ScorerDefinition } from './types.js';
import { gradedDefinition } from './model-graded/index.js';
import { createGradedScorer } from './model-graded/create.js';
import { createPairwiseScorer, type Opponent } from './model-graded/index.js';
import { pluginDefinition } from './plugin/definitions.js';

/** A scorer as the resolved spec describes it: common options plus the type's own. */
export interface ScorerSpec {
  readonly type: string;
  readonly name: string;
  readonly weight: number;
  readonly negate: boolean;
  /** With epochs: how this scorer's verdicts of a sample combine in the summary (default mean). */
  readonly reducer?: EpochReducer;
  /** Template for the expected value; when absent, the sample's target. */
  readonly expected?: Json;
  readonly options: Readonly<Record<string, Json>>;
  /** Model-graded scorers: the judge, resolved from the scorer's `judge` and the spec's default. */
  readonly judge?: JudgeSettings;
  /** Plug-in scorers (module, exec): the spec file's folder, where their paths start and commands run. */
  readonly dir?: string;
  /** Multi-turn: the turn (1-based) whose answer it scores; absent: the last. */
  readonly turn?: number;
}

/** A scorer of one turn of a conversation: it sees that turn's answer as the output. */
function ofTurn(scorer: Scorer, turn: number): Scorer {
  return {
    ...scorer,
    score: (input, signal) => {
      const t = input.completion.turns?.[turn - 1];
      if (t === undefined) return { name: scorer.name, value: 0, pass: false, reason: `the answer has no turn ${turn}` };
      return scorer.score({ ...input, completion: { ...input.completion, text: t.output, stopReason: t.stopReason } }, signal);
    },
  };
}

function renderOptions(def: ScorerDefinition<never>, spec: ScorerSpec, vars: Readonly<Record<string, Json>>) {
  const out: Record<string, Json> = { ...spec.options };
  for (const key of def.templated ?? []) {
    const v = spec.options[key];
    if (v !== undefined) out[key] = renderValue(v, vars);
  }
  return out;
}

/**
 * The scorers of a spec; `prompt` is the spec's turns, which model-graded scorers show their judge
 * as the input; `opponents`: what each pairwise scorer compares with, by scorer name (a baseline run
 * read at prepare time, or a model of the run).
 */
export function createScorers(specs: readonly ScorerSpec[], prompt: readonly ChatMessage[], opponents: ReadonlyMap<string, Opponent> = new Map()): Scorer[] {
  return specs.map((s) => (s.turn === undefined ? build(s, prompt, opponents) : ofTurn(build(s, prompt, opponents), s.turn)));
}

/** Build a Scorer from its spec. The spec was validated against the definition's schema already. */
export function createScorer(spec: ScorerSpec): Scorer {
  return build(spec, [], new Map());
}

function build(spec: ScorerSpec, prompt: readonly ChatMessage[], opponents: ReadonlyMap<string, Opponent>): Scorer {
  if (spec.type === 'pairwise') {
    const opponent = opponents.get(spec.name);
    if (spec.judge === undefined || opponent === undefined) throw new Error(`scorer ${spec.name} has no judge or no opponent (prepareEval resolves it)`);
    return createPairwiseScorer({ ...spec, judge: spec.judge }, prompt, opponent);
  }
  const plugin = pluginDefinition(spec.type);
  if (plugin !== undefined) return plugin.create(spec, prompt);
  const graded = gradedDefinition(spec.type);
  if (graded !== undefined) {
    if (spec.judge === undefined) throw new Error(`scorer ${spec.name} has no judge (the spec resolver should have caught this)`);
    return createGradedScorer(graded, { ...spec, judge: spec.judge }, prompt);
  }
  const def = scorerDefinition(spec.type);
  if (def === undefined) throw new Error(`unknown scorer type ${spec.type} (the spec validator should have caught this)`);
  // Options were validated by ajv against def.options, so this is the one place the type is asserted.
  const check = def.check as (input: CheckInput<Readonly<Record<string, Json>>>) => CheckResult;
  // Options without a template in them are the same for every sample: built once, not once per item.
  const fixed = (def.templated ?? []).some((key) => spec.options[key] !== undefined) ? undefined : renderOptions(def, spec, {});
  return {
    name: spec.name,
    weight: spec.weight,
    score: (input: ScoreInput): Score => {
      const vars = input.sample.vars;
      const expected = spec.expected !== undefined ? renderValue(spec.expected, vars) : input.sample.target;
      const r = check({ ...input, options: fixed ?? renderOptions(def, spec, vars), expected });
      const value = r.value ?? (r.pass ? 1 : 0);
      if (r.undetermined === true) return { name: spec.name, value: 0, pass: false, reason: r.reason ?? 'could not be judged' };
      if (!spec.negate) return { name: spec.name, value, pass: r.pass, ...(r.reason !== undefined && !r.pass && { reason: r.reason }), ...(r.label !== undefined && { label: r.label }) };
      return { name: spec.name, value: 1 - value, pass: !r.pass, ...(r.pass && { reason: `negated: ${spec.type} matched` }) };
    },
  };
}
