import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// `haikubench calibrate` on a pairwise scorer, end to end on a hand-written run: the judge's recorded
// verdicts in both orders against human preferences (A = the run's output, B = the baseline's, tie).
// Ten items, worked by hand (judge resolved as the scorer does: a verdict that changes with the
// order is a tie):
//   s1–s3  A-first: A, B-first: B → A (win)   human A
//   s4     A, B → A                          human tie
//   s5–s6  B, A → B (loss)                   human B
//   s7–s9  A, A → tie (flipped)              human A, B, tie
//   s10    tie, tie → tie                    human tie
// Agreement 7/10. Judge margins (A, tie, B) = (.4, .4, .2), human (.4, .3, .3): p_e = .34, kappa =
// (.7 − .34)/(1 − .34) = 0.545454…. First-position wins of the judge: 12 of the 20 order verdicts
// (s1–s4 once, s5–s6 once, s7–s9 twice); the humans' preferences given in both orders: 7 decided / 20 =
// 0.35; excess 0.25. Flips: 3/10.
// Lengths (candidate, baseline): A longer in s1, s2, s4, s5; B longer in s3, s6, s7, s8; equal in
// s9, s10. The judge decided s1–s6, the longer won in s1, s2, s4, s6: 4/6. The humans decided s1–s3
// and s5–s8, the longer won in s1, s2, s6, s8: 4/7. The judge picked a winner the humans did not in
// s4 only (A, the longer): 1/1.

const RUN_ID = 'pair-20261124T000000Z-0000';
const LONGER: Readonly<Record<string, 'A' | 'B' | '='>> = { s1: 'A', s2: 'A', s4: 'A', s5: 'A', s3: 'B', s6: 'B', s7: 'B', s8: 'B', s9: '=', s10: '=' };
const lengths = (id: string) => ({ A: { candidate: 120, baseline: 80 }, B: { candidate: 60, baseline: 95 }, '=': { candidate: 70, baseline: 70 } }[LONGER[id] ?? '=']);
const ITEMS: [string, string, string, string][] = [
  ['s1', 'A', 'B', 'A'], ['s2', 'A', 'B', 'A'], ['s3', 'A', 'B', 'A'], ['s4', 'A', 'B', 'tie'],
  ['s5', 'B', 'A', 'B'], ['s6', 'B', 'A', 'b'], ['s7', 'A', 'A', 'A'], ['s8', 'A', 'A', 'B'], ['s9', 'A', 'A', 'tie'], ['s10', 'tie', 'tie', 'TIE'],
];
const SPEC = [
  'name: pair', 'dataset: { path: data.jsonl }', 'prompt: { user: "{{q}}" }', 'models: [sim:claude-haiku-5-5]',
  'scorers:', '  - { type: pairwise, against: base, judge: { model: sim:judge } }',
].join('\n');

const outcome = (first: string, second: string) => {
  const a = first === 'A' ? 'win' : first === 'B' ? 'loss' : 'tie';
  const b = second === 'B' ? 'win' : second === 'A' ? 'loss' : 'tie';
  return a === b ? a : 'tie';
};
const record = (sampleId: string, extra: Record<string, unknown>) => JSON.stringify({ runId: RUN_ID, evalId: 'pair', sampleId, model: 'sim:claude-haiku-5-5', simulated: true, epoch: 1, status: 'ok', output: 'x', scores: [], ...extra });
const judged = ([id, first, second]: [string, string, string, string], sized = true) => record(id, {
  scores: [{ name: 'pairwise', value: 0.5, pass: true, judge: { model: 'sim:judge', version: 'pairwise-v1', reasoning: 'r', verdict: { candidateFirst: first, candidateSecond: second, flipped: outcome(first, second) === 'tie' && first !== second, outcome: outcome(first, second), ...(sized && { lengths: lengths(id) }) }, samples: { valid: 2, asked: 2, agreement: 1 } } }],
});

function setup(labels: string, sized = true) {
  const dir = tempDir();
  const out = join(dir, 'out');
  mkdirSync(out);
  const records = [...ITEMS.map((it) => judged(it, sized)), record('jerr', { status: 'error', error: { kind: 'judge', stage: 'judge', message: 'refused' } }), judged(['nolabel', 'A', 'B', ''])];
  writeFiles(dir, { 'spec.yaml': SPEC, 'data.jsonl': '{"id":"s1","q":"q"}\n', 'labels.csv': labels });
  writeFiles(out, { 'records.jsonl': `${records.join('\n')}\n`, 'run.json': JSON.stringify({ schemaVersion: 1, runId: RUN_ID, evalId: 'pair', spec: join(dir, 'spec.yaml') }) });
  return { out, labels: join(dir, 'labels.csv') };
}
const LABELS = ['id,human', ...ITEMS.map(([id, , , h]) => `${id},${h}`), 'jerr,A'].join('\n');

interface Rate { x: number; n: number; rate: number }
interface Order { agreement: Rate; kappa: { kappa: number } }
interface Report {
  kind: string; calibration: { n: number; agreement: Rate; kappa: { kappa: number; weighting: string } };
  positionBias: { judgeFirstPositionWins: Rate; humanFirstPositionWins: Rate; excess: number; flips: Rate };
  lengthBias: { sized: number; equal: number; judgeLongerWins: Rate; humanLongerWins: Rate; againstHuman: Rate };
  notes: string[];
  confusion: { categories: string[]; rows: string; table: number[][] };
  leftOut: { unlabelled: number; judgeErrors: number };
  gate: { pass: boolean; reason: string } | null;
}

describe('haikubench calibrate on a pairwise scorer', () => {
  it('records without the outputs\' lengths (written before they were kept): the length rows are empty and a note says why', async () => {
    const s = setup(LABELS, false);
    const res = await runCli(['calibrate', s.out, '--labels', s.labels, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as Report;
    expect(r.lengthBias).toMatchObject({ sized: 0, judgeLongerWins: { n: 0 }, humanLongerWins: { n: 0 }, againstHuman: { n: 0 } });
    expect(r.notes.join('\n')).toContain('length bias: 10 item(s) left out, their records do not keep the outputs\' lengths');
    expect(r.calibration.agreement).toMatchObject({ x: 7, n: 10 });
  });

  it('acceptance: agreement, 3-category kappa, confusion and position bias equal the hand figures', async () => {
    const s = setup(LABELS);
    const res = await runCli(['calibrate', s.out, '--labels', s.labels, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as Report;
    expect(r.kind).toBe('preferences');
    expect(r.calibration.n).toBe(10);
    expect(r.calibration.agreement).toMatchObject({ x: 7, n: 10 });
    expect(r.calibration.kappa.weighting).toBe('unweighted');
    expect(r.calibration.kappa.kappa).toBeCloseTo(0.36 / 0.66, 9);
    expect(r.confusion).toEqual({ categories: ['A', 'tie', 'B'], rows: 'human', table: [[3, 1, 0], [1, 2, 0], [0, 1, 2]] });
    expect(r.positionBias.judgeFirstPositionWins).toMatchObject({ x: 12, n: 20 });
    expect(r.positionBias.humanFirstPositionWins).toMatchObject({ x: 7, n: 20 });
    expect(r.positionBias.excess).toBeCloseTo(0.25, 9);
    expect(r.positionBias.flips).toMatchObject({ x: 3, n: 10 });
    expect(r.lengthBias).toMatchObject({ sized: 10, equal: 2, judgeLongerWins: { x: 4, n: 6 }, humanLongerWins: { x: 4, n: 7 }, againstHuman: { x: 1, n: 1 } });
    expect(r.notes.join('\n')).not.toMatch(/length bias: .* left out/);
    expect(r.leftOut).toMatchObject({ unlabelled: 1, judgeErrors: 1 });
    expect(r.gate).toBeNull();
  });

  // Per order (the B-first verdict mapped back: its 'A' is B). Order AB agrees with the humans on s1–s3,
  // s5–s7, s10 = 7/10; order BA on s1–s3, s5, s6, s8, s10 = 7/10; mean 0.7; the orders agree on s1–s6,
  // s10 = 7/10. Margins (A, tie, B): AB (.7, .1, .2), BA (.4, .1, .5), humans (.4, .3, .3). Kappa AB:
  // p_e = .28 + .03 + .06 = .37, (.7 − .37)/.63; BA: p_e = .34, .36/.66; AB vs BA: p_e = .28 + .01 + .10 = .39, .31/.61.
  it('per-order agreement and kappa, and order against order, in JSON and text (hand figures)', async () => {
    const s = setup(LABELS);
    const res = await runCli(['calibrate', s.out, '--labels', s.labels, '--json']);
    expect(res.code, res.stderr).toBe(0);
    const o = (JSON.parse(res.stdout) as { calibration: { perOrder: { n: number; meanAgreement: number; ab: Order; ba: Order; orders: Order } } }).calibration.perOrder;
    expect([o.n, o.ab.agreement.x, o.ba.agreement.x, o.orders.agreement.x, o.meanAgreement]).toEqual([10, 7, 7, 7, 0.7]);
    expect(o.ab.kappa.kappa).toBeCloseTo(0.33 / 0.63, 9);
    expect(o.ba.kappa.kappa).toBeCloseTo(0.36 / 0.66, 9);
    expect(o.orders.kappa.kappa).toBeCloseTo(0.31 / 0.61, 9);
    const text = await runCli(['calibrate', s.out, '--labels', s.labels]);
    expect(text.stdout).toMatch(/agreement, order AB only \(A shown first\)\s*│ 0\.700 \(7\/10\)/);
    expect(text.stdout).toMatch(/agreement, mean of the two orders\s*│ 0\.700/);
    expect(text.stdout).toMatch(/kappa, order AB only\s*│ 0\.524/);
    expect(text.stdout).toMatch(/order AB vs order BA: kappa\s*│ 0\.508/);
  });

  it.each([
    { flags: ['--min-kappa', '0.5'], code: 0, out: /PASS: meets the minimum \(preferences\)/ },
    { flags: ['--min-kappa', '0.6'], code: 1, out: /FAIL: preferences: kappa 0\.545 < 0\.6/ },
    { flags: ['--min-accuracy', '0.8'], code: 1, out: /FAIL: preferences: accuracy 0\.700 < 0\.8/ },
  ])('gate $flags exits $code; the text report shows the position bias', async ({ flags, code, out }) => {
    const s = setup(LABELS);
    const res = await runCli(['calibrate', s.out, '--labels', s.labels, ...flags]);
    expect(res.code, res.stderr).toBe(code);
    expect(res.stdout).toMatch(out);
    expect(res.stdout).toMatch(/first-position wins: judge\s*│ 0\.600 \(12\/20\)/);
    expect(res.stdout).toMatch(/position bias \(judge − humans\)\s*│ 0\.250/);
  });

  it('bad input: a preference that is not A, B or tie names the line (exit 2)', async () => {
    const s = setup('id,human\ns1,A\ns2,C\n');
    const res = await runCli(['calibrate', s.out, '--labels', s.labels]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/labels\.csv: 1 bad label\(s\); labels must be preferences A \(this run's output\), B \(the baseline's output\) or tie/);
    expect(res.stderr).toMatch(/labels\.csv:3: "C" is not A, B or tie/);
  });
});
