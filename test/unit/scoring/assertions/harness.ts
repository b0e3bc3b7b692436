// Shared builders for the scorer tests: real createScorer, real samples and completions.
import { expect } from 'vitest';
import { createScorer } from '../../../../src/scoring/create.js';
import { noJudge } from '../../../../src/runner/judge-client.js';
import type { ScorerSpec } from '../../../../src/scoring/create.js';
import type { Completion, Json, Sample, Score, ScoreInput, Usage } from '../../../../src/types.js';

export interface Case {
  /** Model output. */
  readonly text: string;
  /** Sample target (omitted → no target). */
  readonly target?: Json;
  readonly vars?: Readonly<Record<string, Json>>;
  readonly costUsd?: number | null;
  readonly usage?: Partial<Usage>;
  readonly latencyMs?: number;
}

export interface SpecInput {
  readonly type: string;
  readonly name?: string;
  readonly weight?: number;
  readonly negate?: boolean;
  readonly expected?: Json;
  readonly options?: Readonly<Record<string, Json>>;
}

export function spec(s: SpecInput): ScorerSpec {
  return {
    type: s.type,
    name: s.name ?? s.type,
    weight: s.weight ?? 1,
    negate: s.negate ?? false,
    ...(s.expected !== undefined && { expected: s.expected }),
    options: s.options ?? {},
  };
}

export function sample(c: Pick<Case, 'target' | 'vars'>): Sample {
  return { id: 's1', vars: c.vars ?? {}, ...(c.target !== undefined && { target: c.target }), metadata: {}, source: 'x:1' };
}

export function completion(c: Pick<Case, 'text' | 'usage' | 'latencyMs'>): Completion {
  return {
    text: c.text,
    usage: { inputTokens: 10, outputTokens: 5, thinkingTokens: 0, ...c.usage },
    stopReason: 'end_turn',
    latencyMs: c.latencyMs ?? 100,
  };
}

export function input(c: Case): ScoreInput {
  return { sample: sample(c), completion: completion(c), costUsd: c.costUsd === undefined ? 0.001 : c.costUsd, epoch: 1, judge: noJudge };
}

export const signal = (): AbortSignal => new AbortController().signal;

/** Build the scorer through createScorer and score one completion. */
export async function run(s: SpecInput, c: Case): Promise<Score> {
  return createScorer(spec(s)).score(input(c), signal());
}

/** Asserts the verdict; a failure must carry a non-empty reason, a pass must not. */
export function expectVerdict(score: Score, pass: boolean): void {
  expect(score.pass).toBe(pass);
  if (pass) expect(score.reason).toBeUndefined();
  else expect(score.reason ?? '').toMatch(/\S/);
}
