import { describe, expect, it } from 'vitest';
import { simProvider } from '../../../src/providers/sim.js';
import { parseVerdict } from '../../../src/judge/parse.js';
import type { CompletionRequest, ItemContext } from '../../../src/types.js';
import type { VerdictShape } from '../../../src/types/judge-task.js';
import { modelSpec } from '../runner/fakes.js';

// The simulator as a pairwise judge: agreeing (agreement 1), it prefers the output that names the
// target and says tie when both or neither do; disagreeing (agreement 0), it prefers the other
// output, or on a true tie the one shown first.

const shape: VerdictShape = { kind: 'pairwise', nonce: 'abcdef123456' };
const req: CompletionRequest = { model: 'm', messages: [{ role: 'user', content: 'compare' }], maxTokens: 64, timeoutMs: 1000 };
const item = (truth: boolean, truthB: boolean): ItemContext => ({
  sample: { id: 's1', vars: {}, target: 'x', metadata: {}, source: 'd:1' }, epoch: 1, targetPool: [], judge: { truth, truthB, expect: shape, draw: 'pairwise/0/0' },
});

describe('the simulator as a pairwise judge', () => {
  it.each([
    { agreement: 1, a: true, b: false, winner: 'A' },
    { agreement: 1, a: false, b: true, winner: 'B' },
    { agreement: 1, a: true, b: true, winner: 'tie' },
    { agreement: 1, a: false, b: false, winner: 'tie' },
    { agreement: 0, a: true, b: false, winner: 'B' },
    { agreement: 0, a: false, b: true, winner: 'A' },
    { agreement: 0, a: true, b: true, winner: 'A' },
  ])('agreement $agreement, A right $a, B right $b → $winner', async ({ agreement, a, b, winner }) => {
    const sim = simProvider(modelSpec('sim:judge', { sim: { accuracy: agreement } }), 7);
    const c = await sim.complete(req, new AbortController().signal, item(a, b));
    const parsed = parseVerdict(c.text, shape, c.stopReason);
    expect(parsed.ok && parsed.verdict.kind === 'pairwise' ? parsed.verdict.winner : undefined).toBe(winner);
  });
});

describe('the simulator as a graded pairwise judge', () => {
  const graded: VerdictShape = { kind: 'pairwise', scale: 'graded', nonce: 'abcdef123456' };
  const gradedItem = (truth: boolean, truthB: boolean): ItemContext => ({ ...item(truth, truthB), judge: { truth, truthB, expect: graded, draw: 'pairwise/0/0' } });
  it.each([
    { agreement: 1, a: true, b: false, grade: 'A>>B' },
    { agreement: 1, a: false, b: true, grade: 'B>>A' },
    { agreement: 1, a: true, b: true, grade: 'A=B' },
    { agreement: 0, a: true, b: false, grade: 'B>A' },
    { agreement: 0, a: false, b: true, grade: 'A>B' },
  ])('agreement $agreement, A right $a, B right $b → $grade (strong when it agrees)', async ({ agreement, a, b, grade }) => {
    const sim = simProvider(modelSpec('sim:judge', { sim: { accuracy: agreement } }), 7);
    const c = await sim.complete(req, new AbortController().signal, gradedItem(a, b));
    const parsed = parseVerdict(c.text, graded, c.stopReason);
    expect(parsed.ok && parsed.verdict.kind === 'pairwise' ? parsed.verdict.grade : undefined).toBe(grade);
  });
});
