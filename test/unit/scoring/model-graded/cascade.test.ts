import { describe, expect, it } from 'vitest';
import { cascade } from '../../../../src/scoring/model-graded/cascade.js';
import { reduceVerdicts } from '../../../../src/judge/reduce.js';
import { JudgeError } from '../../../../src/errors.js';
import { escalationReasons } from '../../../../src/judge/escalate.js';
import type { ReducedVerdict } from '../../../../src/judge/reduce.js';
import type { EscalateWhen, EscalationSettings, JudgeCalls, JudgeOutcome } from '../../../../src/types.js';

// The cascade step of a model-graded scorer, with the escalation judge injected as a function: the
// cheap verdict stands when it is sure; otherwise the escalation judge's verdict is the score, the
// record keeps the cheap side, and the calls are summed.

const calls = (attempts: number, costUsd: number | null): JudgeCalls => ({ attempts, answers: attempts, usage: { inputTokens: 100 * attempts, outputTokens: 10 * attempts, thinkingTokens: 0 }, costUsd });

function outcome(model: string, scores: readonly number[], c: JudgeCalls): Extract<JudgeOutcome, { ok: true }> {
  const verdict = reduceVerdicts(scores.map((score) => ({ kind: 'rubric' as const, reasoning: `${model} says ${score}`, score })), 'mean');
  if (verdict === undefined || verdict.kind !== 'rubric') throw new Error('no verdict');
  return { ok: true, verdict, info: { model, version: 'rubric-v1', reasoning: `${model} says ${scores[0]}`, verdict: verdict.score.value, samples: { valid: scores.length, asked: scores.length, agreement: verdict.score.agreement }, calls: c } };
}

const WHEN: EscalateWhen = { near: 1, disagree: true, flip: false, error: true };
const ESC: EscalationSettings = { model: 'big', samples: 1, reducer: 'mean', maxTokens: 100, when: WHEN };
const passOf = (v: ReducedVerdict) => v.kind === 'rubric' && v.score.value >= 7;

function step(cheapScores: readonly number[], margin: number, answer: JudgeOutcome, opts: { cheap?: JudgeOutcome; when?: EscalateWhen } = {}) {
  const asked: EscalationSettings[] = [];
  const cheap = opts.cheap ?? outcome('small', cheapScores, calls(cheapScores.length, 0.001));
  const escalate = { ...ESC, when: opts.when ?? WHEN };
  const run = cascade<ReducedVerdict>({
    scorer: 'rubric', escalate, cheapJudge: { model: 'small', samples: 2 }, cheap, passOf,
    reasons: (c) => escalationReasons(escalate.when, { margin, agreement: c.info.samples.agreement }),
    ask: () => { asked.push(escalate); return Promise.resolve(answer); },
  });
  return { run, asked, cheap };
}

describe('cascade', () => {
  it.each([
    // cheap samples, margin, escalated, reasons
    [[10, 10], 3, false, []],
    [[7, 7], 0, true, ['near']],
    [[1, 10], 1.5, true, ['disagree']],
    [[6, 7], 0.5, true, ['near', 'disagree']],
  ] as const)('cheap %j (margin %d) → escalated %s %j', async (cheapScores, margin, escalated, reasons) => {
    const { run, asked } = step(cheapScores, margin, outcome('big', [3], calls(1, 0.01)));
    const got = await run;
    expect(asked.length).toBe(escalated ? 1 : 0);
    expect(got.info.cascade?.escalated).toBe(escalated);
    if (got.info.cascade?.escalated === true) expect(got.info.cascade.reasons).toEqual(reasons);
  });

  it('not escalated: the cheap judge\'s verdict and info stand, marked with the judge it would have gone to', async () => {
    const { run, cheap } = step([10, 10], 3, outcome('big', [3], calls(1, 0.01)));
    const got = await run;
    if (!cheap.ok) throw new Error('the cheap judge answered');
    expect(got.verdict).toBe(cheap.verdict);
    expect(got.info).toEqual({ ...cheap.info, cascade: { escalated: false, escalateTo: 'big' } });
  });

  it('escalated: the escalation judge\'s verdict is the score; the cheap side is kept; calls are the sum', async () => {
    const got = await step([6, 7], 0.5, outcome('big', [3], calls(1, 0.01))).run;
    expect(got.verdict.kind === 'rubric' && got.verdict.score.value).toBe(3);
    expect(got.info).toMatchObject({ model: 'big', verdict: 3, reasoning: 'big says 3', samples: { valid: 1, asked: 1, agreement: 1 } });
    expect(got.info.calls).toEqual({ attempts: 3, answers: 3, usage: { inputTokens: 300, outputTokens: 30, thinkingTokens: 0 }, costUsd: 0.011 });
    expect(got.info.cascade).toEqual({
      escalated: true, escalateTo: 'big', reasons: ['near', 'disagree'],
      cheap: { model: 'small', verdict: 6.5, pass: false, samples: { valid: 2, asked: 2, agreement: 0.5 }, calls: calls(2, 0.001) },
      escalationCalls: calls(1, 0.01),
    });
  });

  it('an unknown price on either side makes the summed cost unknown', async () => {
    const got = await step([7, 7], 0, outcome('big', [8], calls(1, null))).run;
    expect(got.info.calls.costUsd).toBeNull();
  });

  it('an escalation judge without a verdict is a judge error carrying both judges\' calls', async () => {
    const failed: JudgeOutcome = { ok: false, message: 'judge refused: no', calls: calls(1, 0.01) };
    const err = await step([7, 7], 0, failed).run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JudgeError);
    expect((err as JudgeError).message).toBe('scorer rubric: escalation judge big (asked because: near): judge refused: no');
    expect((err as JudgeError).calls).toMatchObject({ attempts: 3, costUsd: 0.011 });
  });

  describe('a cheap judge with no verdict (when.error)', () => {
    const silent: JudgeOutcome = { ok: false, message: 'malformed verdict after 2 re-asks', calls: calls(3, 0.002) };

    it('escalates: the escalation judge\'s verdict is the score, the cheap side keeps why it had none', async () => {
      const { run, asked } = step([], 0, outcome('big', [8], calls(1, 0.01)), { cheap: silent });
      const got = await run;
      expect(asked).toHaveLength(1);
      expect(got.verdict.kind === 'rubric' && got.verdict.score.value).toBe(8);
      expect(got.info.calls).toMatchObject({ attempts: 4, costUsd: 0.012 });
      expect(got.info.cascade).toEqual({
        escalated: true, escalateTo: 'big', reasons: ['error'],
        cheap: { model: 'small', verdict: null, pass: null, error: 'malformed verdict after 2 re-asks', samples: { valid: 0, asked: 2, agreement: 0 }, calls: calls(3, 0.002) },
        escalationCalls: calls(1, 0.01),
      });
    });

    it('with error: false it stays a judge error, and the escalation judge is not asked', async () => {
      const { run, asked } = step([], 0, outcome('big', [8], calls(1, 0.01)), { cheap: silent, when: { ...WHEN, error: false } });
      const err = await run.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(JudgeError);
      expect((err as JudgeError).message).toBe('scorer rubric: malformed verdict after 2 re-asks');
      expect((err as JudgeError).calls).toEqual(calls(3, 0.002));
      expect(asked).toHaveLength(0);
    });

    it('both judges silent: a judge error naming both, with both judges\' calls', async () => {
      const failed: JudgeOutcome = { ok: false, message: 'judge refused: no', calls: calls(1, 0.01) };
      const err = await step([], 0, failed, { cheap: silent }).run.catch((e: unknown) => e);
      expect((err as JudgeError).message).toBe('scorer rubric: cheap judge small: malformed verdict after 2 re-asks; escalation judge big (asked because: error): judge refused: no');
      expect((err as JudgeError).calls).toMatchObject({ attempts: 4, costUsd: 0.012 });
    });
  });
});
