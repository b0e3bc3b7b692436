import { describe, expect, it } from 'vitest';
import { baselineOpponent, createPairwiseScorer, modelOpponent } from '../../../../src/scoring/model-graded/pairwise.js';
import { indexBaseline, type Baseline } from '../../../../src/scoring/model-graded/baseline.js';
import { JudgeError, StoppedError } from '../../../../src/errors.js';
import type { Winner } from '../../../../src/types/judge-task.js';
import type { JudgeCalls, JudgeClient, JudgeOutcome, JudgeRequest, PeerAnswer, ScoreInput } from '../../../../src/types.js';

// The pairwise scorer with an injected JudgeClient (no module mocks): both orders asked, resolved
// with resolvePair, value 1 / 0.5 / 0, pass on a win or a tie; no verdict is a JudgeError.

const calls = (n: number): JudgeCalls => ({ attempts: n, answers: n, usage: { inputTokens: 100 * n, outputTokens: 10 * n, thinkingTokens: 0 }, costUsd: 0.001 * n });

const ok = (w: Winner, reasoning = `said ${w}`): JudgeOutcome => ({
  ok: true,
  verdict: { kind: 'pairwise', k: 1, winner: { winner: w, k: 1, agreement: 1, counts: { A: 0, B: 0, tie: 0, [w]: 1 } } },
  info: { model: 'judge', version: 'pairwise-v1', reasoning, verdict: 0, samples: { valid: 1, asked: 1, agreement: 1 }, calls: calls(1) },
});

/** A judge answering by order: the candidate-first order gets `first`, the baseline-first one `second`. */
function judge(first: JudgeOutcome, second: JudgeOutcome, seen: JudgeRequest[] = []): JudgeClient {
  return { judge: (req) => { seen.push(req); return Promise.resolve(req.scorer.endsWith('#baseline-first') ? second : first); } };
}

function baseline(): Baseline {
  const got = indexBaseline('base', [
    { sampleId: 's1', model: 'old', epoch: 1, status: 'ok', output: 'baseline answer' },
    { sampleId: 's2', model: 'old', epoch: 1, status: 'error', error: { kind: 'server', message: '500' } },
  ], undefined);
  if (!got.ok) throw new Error(got.problem);
  return got.baseline;
}

const scorer = (negate = false) => createPairwiseScorer({
  type: 'pairwise', name: 'vs-base', weight: 1, negate, options: { against: 'base', criteria: 'Better answers {{q}}.' },
  judge: { model: 'anthropic:judge', samples: 1, reducer: 'majority', maxTokens: 256 },
}, [{ role: 'user', content: 'Q: {{q}}' }], baselineOpponent(baseline()));

const input = (client: JudgeClient, id = 's1'): ScoreInput => ({
  sample: { id, vars: { q: 'why' }, metadata: {}, source: 'x:1' },
  completion: { text: 'candidate answer', usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 1 },
  costUsd: null, epoch: 1, judge: client,
});

const signal = () => new AbortController().signal;

describe('pairwise scorer', () => {
  it.each([
    // candidate-first winner, baseline-first winner → value, pass, flipped, outcome
    ['A', 'B', 1, true, false, 'win'],
    ['B', 'A', 0, false, false, 'loss'],
    ['tie', 'tie', 0.5, true, false, 'tie'],
    ['A', 'A', 0.5, true, true, 'tie'],
    ['B', 'B', 0.5, true, true, 'tie'],
    ['A', 'tie', 0.5, true, true, 'tie'],
  ] as const)('orders %s / %s → value %s, pass %s, flipped %s', async (first, second, value, pass, flipped, outcome) => {
    const s = await scorer().score(input(judge(ok(first), ok(second))), signal());
    expect(s).toMatchObject({ name: 'vs-base', value, pass });
    expect(s.judge?.verdict).toEqual({ candidateFirst: first, candidateSecond: second, flipped, outcome, lengths: { candidate: 16, baseline: 15 } });
    // Both orders' calls are counted, and both reasonings kept.
    expect(s.judge?.calls).toEqual(calls(2));
    expect(s.judge?.reasoning).toBe(`candidate first: said ${first}\nbaseline first: said ${second}`);
  });

  it('asks in both orders, with the rendered criteria and the prompt as the input', async () => {
    const seen: JudgeRequest[] = [];
    await scorer().score(input(judge(ok('A'), ok('B'), seen)), signal());
    expect(seen.map((r) => [r.scorer, r.output])).toEqual([['vs-base', 'candidate answer'], ['vs-base#baseline-first', 'baseline answer']]);
    expect(seen.map((r) => r.task)).toEqual([
      { kind: 'pairwise', instructions: 'Better answers why.', input: 'Q: why', outputA: 'candidate answer', outputB: 'baseline answer' },
      { kind: 'pairwise', instructions: 'Better answers why.', input: 'Q: why', outputA: 'baseline answer', outputB: 'candidate answer' },
    ]);
  });

  it('negate turns a win into a failure', async () => {
    expect(await scorer(true).score(input(judge(ok('A'), ok('B'))), signal())).toMatchObject({ value: 0, pass: false });
  });

  it.each([
    ['the baseline lacks the sample', 's9', ok('A'), /scorer vs-base: baseline base has no answer of old for sample s9/, 0],
    ['the baseline answered with an error', 's2', ok('A'), /sample s2 \(epoch 1 ended in error: 500\)/, 0],
    ['one order gave no verdict', 's1', { ok: false, message: 'malformed verdict', calls: calls(3) } as const, /baseline first: malformed verdict/, 4],
  ] as const)('a judge error when %s (never a model failure)', async (_what, id, second, message, attempts) => {
    const err = await Promise.resolve(scorer().score(input(judge(ok('A'), second), id), signal())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JudgeError);
    expect((err as JudgeError).message).toMatch(message);
    expect((err as JudgeError).calls.attempts).toBe(attempts);
  });

  describe('against_model (another model of the same run)', () => {
    const inRun = (negate = false) => createPairwiseScorer({
      type: 'pairwise', name: 'vs-ref', weight: 1, negate, options: { against_model: 'ref' },
      judge: { model: 'anthropic:judge', samples: 1, reducer: 'majority', maxTokens: 256 },
    }, [], modelOpponent('ref'));
    const from = (model: string, client: JudgeClient, peer?: PeerAnswer): ScoreInput => ({
      ...input(client), model, ...(peer !== undefined && { peer: () => Promise.resolve(peer) }),
    });

    it('judges the candidate against the reference answer the run hands over, in both orders', async () => {
      const seen: JudgeRequest[] = [];
      const s = await inRun().score(from('cand', judge(ok('A'), ok('B'), seen), { ok: true, output: 'the reference answer' }), signal());
      expect(s).toMatchObject({ value: 1, pass: true });
      expect(seen.map((r) => r.task.kind === 'pairwise' && [r.task.outputA, r.task.outputB])).toEqual([
        ['candidate answer', 'the reference answer'], ['the reference answer', 'candidate answer'],
      ]);
      expect(s.judge?.verdict).toMatchObject({ lengths: { candidate: 16, baseline: 20 } });
    });

    it('does not apply to the reference model\'s own answers (they are the yardstick), only to the others\'', () => {
      expect(inRun().appliesTo?.('ref')).toBe(false);
      expect(inRun().appliesTo?.('cand')).toBe(true);
      // Against a baseline run every model of the run is judged.
      expect(scorer().appliesTo).toBeUndefined();
    });

    it.each([
      ['the reference failed', { ok: false, message: 'ref gave no answer to compare with (server: 500)' } as PeerAnswer, JudgeError, /scorer vs-ref: ref gave no answer to compare with \(server: 500\)/],
      ['the run stopped first', { ok: false, stopped: true, message: 'the run stopped before ref answered this sample' } as PeerAnswer, StoppedError, /scorer vs-ref: the run stopped before ref answered/],
      ['no run hands answers over', undefined, JudgeError, /no answer of ref to compare with: against_model needs a run of both models/],
    ] as const)('%s: no judge call, and the error says why', async (_what, peer, kind, message) => {
      const seen: JudgeRequest[] = [];
      const err = await Promise.resolve(inRun().score(from('cand', judge(ok('A'), ok('B'), seen), peer), signal())).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(kind);
      expect((err as Error).message).toMatch(message);
      expect(seen).toHaveLength(0);
    });
  });
});
