import { describe, expect, it } from 'vitest';
import { judgeTally } from '../../../src/summary/judge-summary.js';
import { toSummaryRecord, type SummaryRecord } from '../../../src/summary/model-summary.js';
import { recordTable } from '../../../src/summary/record-table.js';
import { wilson } from '../../../src/stats/intervals.js';
import type { EscalationReason, JudgeCalls, JudgeCascade, JudgeInfo, RunRecord, Score } from '../../../src/types.js';

// The judge's figures per model: totals, self-agreement over k samples, and per cascaded scorer the
// escalations, each judge's cost and the two judges' agreement on the escalated items.

const calls = (n: number, costUsd: number | null): JudgeCalls => ({ attempts: n, answers: n, usage: { inputTokens: 10 * n, outputTokens: n, thinkingTokens: 0 }, costUsd });
const samples = (asked: number, agreement: number) => ({ valid: asked, asked, agreement });

interface Item {
  readonly pass: boolean;
  /** Cheap samples asked and their agreement. */
  readonly asked: number;
  readonly agreement: number;
  /** Escalated: the cheap judge's pass decision and the reasons; absent: not escalated; null: no cascade. */
  readonly escalated?: { readonly cheapPass: boolean | null; readonly reasons: readonly EscalationReason[] } | null;
}

function judgeInfo(it: Item): JudgeInfo {
  const cheap = calls(it.asked, 0.001 * it.asked);
  const base = { model: 'small', version: 'rubric-v1', reasoning: '', verdict: it.pass ? 9 : 2, samples: samples(it.asked, it.agreement), calls: cheap };
  if (it.escalated === null) return base;
  if (it.escalated === undefined) return { ...base, cascade: { escalated: false, escalateTo: 'big' } };
  const esc = calls(1, 0.01);
  const cascade: JudgeCascade = {
    escalated: true, escalateTo: 'big', reasons: it.escalated.reasons,
    cheap: it.escalated.cheapPass === null
      ? { model: 'small', verdict: null, pass: null, error: 'malformed', samples: { valid: 0, asked: it.asked, agreement: 0 }, calls: cheap }
      : { model: 'small', verdict: it.escalated.cheapPass ? 7 : 6, pass: it.escalated.cheapPass, samples: samples(it.asked, it.agreement), calls: cheap },
    escalationCalls: esc,
  };
  return { ...base, model: 'big', samples: samples(1, 1), calls: { ...calls(it.asked + 1, 0), costUsd: Math.round((0.001 * it.asked + 0.01) * 1e10) / 1e10 }, cascade };
}

function record(i: number, items: readonly Item[]): RunRecord {
  const scores: Score[] = items.map((it, j) => ({ name: `rubric${j === 0 ? '' : j + 1}`, value: it.pass ? 1 : 0, pass: it.pass, judge: judgeInfo(it) }));
  const sum = scores.reduce((s, x) => s + (x.judge?.calls.costUsd ?? 0), 0);
  return {
    runId: 'r', evalId: 'e', sampleId: `s${i}`, model: 'm', simulated: true, epoch: 1, status: 'ok', output: 'x',
    pass: items.every((x) => x.pass), score: 1, scores, latencyMs: 1, usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, costUsd: 0,
    stopReason: 'end_turn', attempts: 1, retries: [], cached: false, startedAt: '', durationMs: 1, metadata: {},
    judge: { ...calls(scores.reduce((n, x) => n + (x.judge?.calls.attempts ?? 0), 0), 0), costUsd: sum },
  };
}

function tally(items: readonly (readonly Item[])[], level = 0.95) {
  const t = judgeTally(level);
  items.forEach((its, i) => t.add(toSummaryRecord(record(i, its))));
  return t.totals();
}

const sure = (pass: boolean): Item => ({ pass, asked: 2, agreement: 1 });
const up = (pass: boolean, cheapPass: boolean | null, reasons: readonly EscalationReason[] = ['disagree']): Item => ({ pass, asked: 2, agreement: 0.5, escalated: { cheapPass, reasons } });

describe('judgeTally: cascade', () => {
  // 10 items: 6 sure (not escalated), 4 escalated, of which the judges agree on 3.
  const items: Item[][] = [
    ...[true, true, true, false, false, true].map((p) => [sure(p)]),
    [up(true, true, ['near'])], [up(false, false)], [up(true, true, ['near', 'disagree'])], [up(true, false)],
  ];

  it('counts items, escalations by reason, each judge\'s cost, and agreement with a Wilson interval', () => {
    const c = tally(items)?.cascade;
    const ci = wilson(3, 4).map((x) => Math.round(x * 1e6) / 1e6);
    expect(c).toEqual([{
      scorer: 'rubric', escalateTo: 'big', items: 10, escalated: 4, escalatedShare: 0.4, reasons: { near: 2, disagree: 3, flip: 0, error: 0 },
      cheapCostUsd: 0.02, escalationCostUsd: 0.04, costUsd: 0.06, unresolved: 0, compared: 4, agreed: 3, agreement: 0.75, agreementCi: ci,
    }]);
  });

  it('the interval follows the run\'s confidence level', () => {
    const c90 = tally(items, 0.9)?.cascade?.[0]?.agreementCi;
    const c95 = tally(items, 0.95)?.cascade?.[0]?.agreementCi;
    expect(c90?.[0]).toBeGreaterThan(c95?.[0] ?? 1);
  });

  it.each([
    ['nothing escalated', [[sure(true)], [sure(false)]], { escalated: 0, agreed: 0, agreement: null, agreementCi: null, escalationCostUsd: 0 }],
    ['everything escalated, judges never agree', [[up(true, false)], [up(false, true)]], { escalated: 2, escalatedShare: 1, agreed: 0, agreement: 0 }],
    // A cheap judge without a verdict is rescued by the escalation judge: escalated, but not compared.
    ['cheap judges without a verdict', [[up(true, null, ['error'])], [up(true, true, ['flip'])], [up(false, true, ['flip', 'disagree'])]],
      { escalated: 3, reasons: { near: 0, disagree: 1, flip: 2, error: 1 }, compared: 2, agreed: 1, agreement: 0.5 }],
    ['only rescues: nothing to compare', [[up(true, null, ['error'])]], { escalated: 1, compared: 0, agreed: 0, agreement: null, agreementCi: null }],
  ] as const)('%s', (_name, its, want) => {
    expect(tally(its)?.cascade?.[0]).toMatchObject(want);
  });

  it('an unknown price makes the cascade\'s costs unknown, not zero', () => {
    const rec = record(0, [up(true, true)]);
    const s0 = rec.scores[0];
    if (s0?.judge?.cascade?.escalated !== true) throw new Error('fixture');
    const unpriced: RunRecord = { ...rec, scores: [{ ...s0, judge: { ...s0.judge, calls: { ...s0.judge.calls, costUsd: null }, cascade: { ...s0.judge.cascade, escalationCalls: calls(1, null) } } }] };
    const t = judgeTally(0.95);
    t.add(toSummaryRecord(unpriced));
    expect(t.totals()?.cascade?.[0]).toMatchObject({ cheapCostUsd: 0.002, escalationCostUsd: null, costUsd: null });
  });

  it.each([
    // items → the judges named
    ['one judge', [[{ pass: true, asked: 1, agreement: 1, escalated: null }]], ['small']],
    ['a cascade: the cheap judge graded every item; the larger one is under cascade', [[up(true, true)], [sure(false)]], ['small']],
  ] as const)('models: %s', (_name, its, want) => {
    expect(tally(its)?.models).toEqual(want);
  });

  it('counts an escalated item neither judge answered (a judge error record) with its cascade: escalated, its reasons and both costs', () => {
    const t = judgeTally(0.95);
    const ok = record(0, [up(true, true, ['near'])]);
    const failed: RunRecord = {
      ...record(1, []), status: 'error', pass: undefined, score: undefined, scores: [],
      error: { kind: 'judge', stage: 'judge', message: 'no verdict', escalation: { scorer: 'rubric', escalateTo: 'big', reasons: ['error'], cheapCalls: calls(2, 0.002), escalationCalls: calls(1, 0.01) } },
      judge: { ...calls(3, 0.012) },
    };
    t.add(toSummaryRecord(ok));
    t.add(toSummaryRecord(failed));
    const c = t.totals()?.cascade?.[0];
    expect(c).toMatchObject({ scorer: 'rubric', escalateTo: 'big', items: 2, escalated: 2, unresolved: 1, compared: 1, agreed: 1, reasons: { near: 1, error: 1 } });
    expect(c?.escalationCostUsd).toBeCloseTo(0.02, 10);
    expect(c?.cheapCostUsd).toBeCloseTo(0.004, 10);
    expect(c?.costUsd).toBeCloseTo(0.024, 10);
    expect(t.totals()?.errors).toBe(1);
  });

  it('no cascade, no samples > 1: neither field appears', () => {
    const t = tally([[{ pass: true, asked: 1, agreement: 1, escalated: null }]]);
    expect(t).not.toHaveProperty('cascade');
    expect(t).not.toHaveProperty('selfAgreement');
  });

  it('keeps two scorers\' cascades apart', () => {
    const c = tally([[sure(true), up(true, true)], [up(false, true), sure(true)]])?.cascade;
    expect(c?.map((x) => [x.scorer, x.items, x.escalated, x.agreed])).toEqual([['rubric', 2, 1, 0], ['rubric2', 2, 1, 1]]);
  });
});

describe('judgeTally: self-agreement', () => {
  it.each([
    // items (asked, agreement), meanAgreement, unanimous
    [[[2, 1], [2, 0.5], [2, 1], [2, 1]], 0.875, 3],
    [[[3, 2 / 3], [3, 1 / 3]], 0.5, 0],
    [[[1, 1], [2, 0.5]], 0.5, 0], // one sample says nothing about agreement: left out
  ] as const)('%j → mean %d, %d unanimous', (its, mean, unanimous) => {
    const t = tally(its.map(([asked, agreement]) => [{ pass: true, asked, agreement, escalated: null }]));
    const n = its.filter(([asked]) => asked >= 2).length;
    expect(t?.selfAgreement).toEqual([{ scorer: 'rubric', items: n, meanAgreement: mean, unanimous, unanimousShare: Math.round((unanimous / n) * 1e6) / 1e6 }]);
  });

  it('an escalated item counts the cheap judge\'s samples, not the escalation judge\'s one', () => {
    expect(tally([[up(true, true)], [sure(true)]])?.selfAgreement?.[0]).toMatchObject({ items: 2, meanAgreement: 0.75, unanimous: 1 });
  });
});

describe('recordTable keeps what the judge summary needs', () => {
  it('a record read back from the table tallies like the record itself', () => {
    const recs = [record(0, [up(true, false, ['near'])]), record(1, [sure(true)])].map(toSummaryRecord);
    const table = recordTable(2, 1);
    recs.forEach((r, i) => table.set(i, r));
    const back = recs.map((r, i) => table.get(i, { sampleId: r.sampleId, model: r.model, epoch: r.epoch }) as SummaryRecord);
    const a = judgeTally(0.95), b = judgeTally(0.95);
    recs.forEach((r) => a.add(r));
    back.forEach((r) => b.add(r));
    expect(b.totals()).toEqual(a.totals());
    expect(b.totals()?.cascade?.[0]?.escalated).toBe(1);
  });
});
