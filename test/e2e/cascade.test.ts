import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { wilson } from '../../src/stats/intervals.js';

// Cascaded judging end to end with the simulator (issue 5): the built CLI, a sim model under test, a
// cheap sim judge that agrees with the truth 70% of the time (so its samples often split) and a sim
// escalation judge at 95%. Every figure the summary reports is checked against a count made by hand
// from records.jsonl.

const CHEAP = 'sim:claude-haiku-5-5';
const BIG = 'sim:claude-sonnet-5-5';

interface Calls { attempts: number; costUsd: number | null }
interface Cascade { escalated: boolean; escalateTo: string; reasons?: string[]; cheap?: { model: string; verdict: number; pass: boolean; samples: { agreement: number }; calls: Calls }; escalationCalls?: Calls }
interface Judge { model: string; verdict: number; samples: { asked: number; agreement: number }; calls: Calls; cascade?: Cascade }
interface Rec { sampleId: string; status: string; scores: { name: string; pass: boolean; judge?: Judge }[]; judge?: Calls }
interface CascadeSum { scorer: string; escalateTo: string; items: number; escalated: number; escalatedShare: number; reasons: { near: number; disagree: number; flip: number; error: number }; cheapCostUsd: number; escalationCostUsd: number; costUsd: number; compared: number; agreed: number; agreement: number; agreementCi: [number, number] }
interface JudgeSum { calls: number; costUsd: number; cascade?: CascadeSum[]; selfAgreement?: { scorer: string; items: number; meanAgreement: number; unanimous: number }[] }

/** An eval of n samples graded by a rubric (1..10, pass_at 6) whose spec-level judge escalates as `escalate` says. */
function setup(n: number, judge: string) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}`, a: `answer ${i}` })).join('\n'),
    'spec.yaml': [
      'name: cascaded',
      'dataset: { path: data.jsonl, fields: { target: a } }',
      'prompt: { user: "{{q}}" }',
      'models: [sim:claude-haiku-4-5]',
      `judge: ${judge}`,
      'scorers:',
      '  - type: rubric',
      '    rubric: "Does {{output}} answer {{q}}?"',
      '    scale: { min: 1, max: 10 }',
      '    pass_at: 6',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
const judgedOf = (recs: readonly Rec[]) => recs.flatMap((r) => r.scores.flatMap((s) => (s.judge === undefined ? [] : [{ pass: s.pass, judge: s.judge }])));

async function run(n: number, judge: string, extra: readonly string[] = []) {
  const { dir, spec, out } = setup(n, judge);
  const md = join(dir, 'report.md');
  // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
  const res = await runCli(['run', spec, '--out', out, '--markdown', md, ...extra], { env: { COLUMNS: '1000' } });
  expect(res.code, res.stderr).toBe(0);
  const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: { judge: JudgeSum }[] };
  const j = summary.models[0]?.judge;
  if (j === undefined) throw new Error('no judge totals');
  return { res, recs, judge: j, md: readFileSync(md, 'utf8') };
}

describe('cascaded judging with sim judges', () => {
  it('near or disagree: the summary\'s escalations, costs and agreement are what the records say', async () => {
    const { res, recs, judge, md } = await run(300, `{ model: ${CHEAP}, agreement: 0.7, samples: 2, escalate: { model: ${BIG}, agreement: 0.95, when: { near: 1, disagree: true } } }`);
    expect(recs.every((r) => r.status === 'ok')).toBe(true);
    const judged = judgedOf(recs);
    expect(judged).toHaveLength(300);
    const up = judged.filter((x) => x.judge.cascade?.escalated === true);
    const kept = judged.filter((x) => x.judge.cascade?.escalated === false);
    expect(up.length + kept.length).toBe(300);
    // Two cheap samples at 70% split on about 2·0.7·0.3 = 42% of the items: enough of each kind to test.
    expect(up.length).toBeGreaterThan(60);
    expect(kept.length).toBeGreaterThan(60);
    const c = judge.cascade?.[0];
    if (c === undefined) throw new Error('no cascade summary');
    expect(c).toMatchObject({ scorer: 'rubric', escalateTo: BIG, items: 300, escalated: up.length });
    expect(c.escalatedShare).toBeCloseTo(up.length / 300, 6);
    // Costs: the escalation's is the sum of the records' escalation calls, the cheap one's the rest.
    const escCost = sum(up.map((x) => x.judge.cascade?.escalationCalls?.costUsd ?? NaN));
    const cheapCost = sum(up.map((x) => x.judge.cascade?.cheap?.calls.costUsd ?? NaN)) + sum(kept.map((x) => x.judge.calls.costUsd ?? NaN));
    expect(escCost).toBeGreaterThan(0);
    expect(c.escalationCostUsd).toBeCloseTo(escCost, 7);
    expect(c.cheapCostUsd).toBeCloseTo(cheapCost, 7);
    expect(c.costUsd).toBeCloseTo(escCost + cheapCost, 7);
    expect(judge.costUsd).toBeCloseTo(escCost + cheapCost, 7);
    // Calls: two cheap samples for every item, one escalation call for every escalated one.
    expect(judge.calls).toBe(2 * 300 + up.length);
    expect(sum(recs.map((r) => r.judge?.attempts ?? 0))).toBe(judge.calls);
    // The escalated score is the big judge's; the cheap verdict is kept beside it.
    expect(up.every((x) => x.judge.model === BIG && x.judge.cascade?.cheap?.model === CHEAP && x.judge.samples.asked === 1)).toBe(true);
    expect(kept.every((x) => x.judge.model === CHEAP && x.judge.samples.asked === 2)).toBe(true);
    // Reasons, by hand: near = cheap mean within 1 of 6; disagree = the two samples split.
    const near = up.filter((x) => Math.abs((x.judge.cascade?.cheap?.verdict ?? NaN) - 6) <= 1).length;
    const split = up.filter((x) => (x.judge.cascade?.cheap?.samples.agreement ?? 1) < 1).length;
    expect(c.reasons).toEqual({ near, disagree: split, flip: 0, error: 0 });
    expect(c.compared).toBe(up.length);
    expect(up.every((x) => (x.judge.cascade?.reasons ?? []).length > 0)).toBe(true);
    expect(kept.every((x) => x.judge.samples.agreement === 1 && Math.abs(x.judge.verdict - 6) > 1)).toBe(true);
    // Agreement of the two judges' pass/fail decisions on the escalated items, by hand.
    const agreed = up.filter((x) => x.judge.cascade?.cheap?.pass === x.pass).length;
    expect(c.agreed).toBe(agreed);
    expect(c.agreement).toBeCloseTo(agreed / up.length, 6);
    const ci = wilson(agreed, up.length);
    expect(c.agreementCi[0]).toBeCloseTo(ci[0], 6);
    expect(c.agreementCi[1]).toBeCloseTo(ci[1], 6);
    // Self-agreement of the cheap judge, by hand.
    const unanimous = judged.filter((x) => (x.judge.cascade?.cheap?.samples.agreement ?? x.judge.samples.agreement) === 1).length;
    expect(judge.selfAgreement).toEqual([expect.objectContaining({ scorer: 'rubric', items: 300, unanimous })]);
    // The reports say it.
    const line = `judge cascade (rubric): ${up.length} of 300 item(s)`;
    expect(res.stdout).toContain(line);
    expect(res.stdout).toContain(`judges agreed on ${agreed}/${up.length} escalated`);
    expect(res.stdout).toContain('judge self-agreement (rubric): samples unanimous on');
    expect(md).toContain(line);
  });

  it('near only: every escalated item\'s cheap score is within near of pass_at, and no other item\'s is', async () => {
    // Three samples of a judge that answers 1 or 10 average to 1, 4, 7 or 10: with pass_at 6 and
    // near 1, exactly the 7s escalate (the bound is inclusive) and the 4s (2 away) do not.
    const { recs, judge } = await run(300, `{ model: ${CHEAP}, agreement: 0.7, samples: 3, escalate: { model: ${BIG}, agreement: 0.95, when: { near: 1 } } }`);
    const judged = judgedOf(recs);
    const up = judged.filter((x) => x.judge.cascade?.escalated === true);
    const kept = judged.filter((x) => x.judge.cascade?.escalated === false);
    const cheapScore = (x: (typeof judged)[number]) => (x.judge.cascade?.escalated === true ? x.judge.cascade.cheap?.verdict : x.judge.verdict) ?? NaN;
    expect(up.length).toBeGreaterThan(20);
    expect(up.every((x) => Math.abs(cheapScore(x) - 6) <= 1)).toBe(true);
    expect(kept.every((x) => Math.abs(cheapScore(x) - 6) > 1)).toBe(true);
    expect(up.every((x) => x.judge.cascade?.reasons?.join() === 'near')).toBe(true);
    expect(kept.some((x) => cheapScore(x) === 4)).toBe(true); // split samples that were not near stayed
    expect(judge.cascade?.[0]).toMatchObject({ escalated: up.length, reasons: { near: up.length, disagree: 0 } });
    const agreed = up.filter((x) => x.judge.cascade?.cheap?.pass === x.pass).length;
    expect(judge.cascade?.[0]?.agreed).toBe(agreed);
  });

  it('pairwise (against another model of the run): a verdict that flips with the order escalates, both orders asked of the larger judge', async () => {
    const n = 200;
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}`, a: `answer ${i}` })).join('\n'),
      'spec.yaml': [
        'name: pair-cascade',
        'dataset: { path: data.jsonl, fields: { target: a } }',
        'prompt: { user: "{{q}}" }',
        'models: [{ id: sim:claude-haiku-4-5, sim: { accuracy: 0.6 } }, { id: sim:claude-opus-5-5, sim: { accuracy: 0.9 } }]',
        `judge: { model: ${CHEAP}, agreement: 0.7, escalate: { model: ${BIG}, agreement: 0.95, when: { flip: true } } }`,
        'scorers:',
        '  - type: pairwise',
        '    against_model: claude-opus-5-5',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec & { model: string }>(join(out, 'records.jsonl')).filter((r) => r.model === 'sim:claude-haiku-4-5');
    expect(recs.every((r) => r.status === 'ok')).toBe(true);
    type PairJudge = Omit<Judge, 'verdict' | 'cascade'> & { verdict: { flipped: boolean; outcome: string }; cascade?: Omit<Cascade, 'cheap'> & { cheap?: { model: string; verdict: { flipped: boolean }; pass: boolean } } };
    const judged = recs.map((r) => ({ pass: r.scores[0]?.pass, judge: r.scores[0]?.judge as unknown as PairJudge }));
    const up = judged.filter((x) => x.judge.cascade?.escalated === true);
    const kept = judged.filter((x) => x.judge.cascade?.escalated === false);
    expect(up.length + kept.length).toBe(n);
    // Two orders at 70% agreement flip on about 2·0.7·0.3 = 42% of the decided items: plenty of both kinds.
    expect(up.length).toBeGreaterThan(20);
    expect(kept.length).toBeGreaterThan(20);
    // Exactly the items whose cheap verdict flipped escalated, and the score is the larger judge's.
    expect(up.every((x) => x.judge.cascade?.cheap?.verdict.flipped === true && x.judge.cascade.reasons?.join() === 'flip' && x.judge.model === BIG)).toBe(true);
    expect(kept.every((x) => x.judge.verdict.flipped === false && x.judge.model === CHEAP)).toBe(true);
    // Calls: both orders of the cheap judge for every candidate item, both orders of the larger one for every escalation.
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: { model: string; judge: JudgeSum | null }[] };
    const j = s.models.find((m) => m.model === 'sim:claude-haiku-4-5')?.judge;
    expect(j?.calls).toBe(2 * n + 2 * up.length);
    const agreed = up.filter((x) => x.judge.cascade?.cheap?.pass === x.pass).length;
    expect(j?.cascade?.[0]).toMatchObject({ scorer: 'pairwise', items: n, escalated: up.length, reasons: { near: 0, disagree: 0, flip: up.length, error: 0 }, compared: up.length, agreed });
    expect(res.stdout).toContain(`judge cascade (pairwise): ${up.length} of ${n} item(s)`);
    expect(res.stdout).toMatch(/pairwise pairwise against sim:claude-opus-5-5: /);
  });
});
