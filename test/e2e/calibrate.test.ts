import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// `haikubench calibrate` end to end on a hand-written run: records whose rubric verdicts, against the
// labels file, realise exactly the 4-point table (human rows × judge columns,
// n = 70), so accuracy and kappa must equal the hand-computed figures. Plus the gates (exit 1/0) and
// each bad input (exit 2).

const TABLE = [[10, 3, 1, 0], [2, 12, 4, 1], [1, 3, 14, 3], [0, 1, 2, 13]];
const RUN_ID = 'cal-20261124T000000Z-0000';

const SPEC = [
  'name: cal',
  'dataset: { path: data.jsonl }',
  'prompt: { user: "{{q}}" }',
  'models: [sim:claude-haiku-5-5]',
  'judge: { model: sim:judge }',
  'scorers:',
  '  - { type: contains, expected: x, weight: 0 }',
  '  - type: rubric',
  '    rubric: "Is {{output}} good?"',
  '    scale: { min: 1, max: 4 }',
  '    pass_at: 3',
  '  - type: criteria',
  '    criteria:',
  '      - { name: tone, description: polite, scale: { min: 1, max: 3 }, pass_at: 2 }',
].join('\n');

interface Case { id: string; human: number; judge: number }

/** One case per table count, ids c0..c69, with output length 10 × judge score. */
function cases(): Case[] {
  const out: Case[] = [];
  TABLE.forEach((row, h) => row.forEach((n, j) => { for (let k = 0; k < n; k++) out.push({ id: `c${out.length}`, human: h + 1, judge: j + 1 }); }));
  return out;
}

function record(sampleId: string, extra: Record<string, unknown>): string {
  return JSON.stringify({ runId: RUN_ID, evalId: 'cal', sampleId, model: 'sim:claude-haiku-5-5', simulated: true, epoch: 1, status: 'ok', output: '', scores: [], ...extra });
}

const judged = (c: Case) => record(c.id, {
  output: 'x'.repeat(10 * c.judge),
  scores: [
    { name: 'contains', value: 1, pass: true },
    { name: 'rubric', value: (c.judge - 1) / 3, pass: c.judge >= 3, judge: { model: 'sim:judge', version: 'rubric-v1', reasoning: 'r', verdict: c.judge, samples: { valid: 1, asked: 1, agreement: 1 } } },
  ],
});

const TABLE_LABELS = [...cases(), { id: 'jerr', human: 2 }, { id: 'ghost', human: 3 }].map((c) => JSON.stringify({ id: c.id, human: c.human })).join('\n');

/**
 * A run folder as `run` writes it (records.jsonl, run.json naming the spec) with the 70 table cases,
 * a judge error (labelled) and a judged sample without a label; the labels add one id not in the run.
 */
function setup(labels = TABLE_LABELS, labelsName = 'labels.jsonl') {
  const dir = tempDir();
  const out = join(dir, 'out');
  mkdirSync(out);
  const records = [
    ...cases().map(judged),
    record('jerr', { status: 'error', error: { kind: 'judge', stage: 'judge', message: 'malformed verdict (after 2 re-asks)' } }),
    judged({ id: 'nolabel', human: 1, judge: 2 }),
  ];
  writeFiles(dir, { 'spec.yaml': SPEC, 'data.jsonl': '{"id":"c0","q":"q"}\n', [labelsName]: labels });
  writeFiles(out, {
    'records.jsonl': `${records.join('\n')}\n`,
    'run.json': JSON.stringify({ schemaVersion: 1, runId: RUN_ID, evalId: 'cal', spec: join(dir, 'spec.yaml') }),
  });
  return { dir, out, labels: join(dir, labelsName) };
}

interface Kappa { kappa: number; se: number; ci: [number, number]; weighting: string }
interface Report {
  calibration: { n: number; accuracy: { x: number; n: number; rate: number }; kappa: Kappa; unweightedKappa: Kappa; lengthBias: { judge: number; human: number; excess: number } };
  confusion: { categories: number[]; rows: string; table: number[][] };
  leftOut: { unlabelled: number; labelsWithoutVerdict: number; judgeErrors: number; modelErrors: number; notInRun: number; judgeErrorRecords: number };
  gate: { pass: boolean; reason: string } | null;
}

const cli = (s: { out: string; labels: string }, ...flags: string[]) => runCli(['calibrate', s.out, '--labels', s.labels, '--scorer', 'rubric', ...flags]);

/** Pearson correlation, written out for the hand check of the length bias. */
function pearson(a: number[], b: number[]): number {
  const m = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const [ma, mb] = [m(a), m(b)];
  const sab = a.reduce((s, x, i) => s + (x - ma) * ((b[i] as number) - mb), 0);
  const ss = (xs: number[], mx: number) => xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return sab / Math.sqrt(ss(a, ma) * ss(b, mb));
}

describe('haikubench calibrate on recorded verdicts', () => {
  it('acceptance: reproduces the hand-computed accuracy and kappa', async () => {
    const s = setup();
    const res = await cli(s, '--json');
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as Report;
    expect(r.calibration.n).toBe(70);
    expect(r.calibration.accuracy).toMatchObject({ x: 49, n: 70 });
    expect(r.calibration.accuracy.rate).toBeCloseTo(0.7, 9);
    expect(r.calibration.kappa.weighting).toBe('quadratic');
    expect(r.calibration.kappa.kappa).toBeCloseTo(0.785992, 6);
    expect(r.calibration.kappa.se).toBeCloseTo(0.056937, 6);
    expect(r.calibration.kappa.ci[0]).toBeCloseTo(0.785992 - 1.959964 * 0.056937, 5);
    expect(r.calibration.unweightedKappa.kappa).toBeCloseTo(0.596597, 6);
    expect(r.calibration.unweightedKappa.se).toBeCloseTo(0.074233, 6);
    expect(r.confusion).toEqual({ categories: [1, 2, 3, 4], rows: 'human', table: TABLE });
    // Judge errors and unmatched ids are left out and counted, never scored as disagreement.
    expect(r.leftOut).toEqual({ unlabelled: 1, labelsWithoutVerdict: 2, judgeErrors: 1, modelErrors: 0, notInRun: 1, judgeErrorRecords: 1 });
    // Length = 10 × judge score: corr(judge, length) = 1, and the excess is 1 − corr(human, judge).
    const c = cases();
    const human = pearson(c.map((x) => x.human), c.map((x) => x.judge));
    expect(r.calibration.lengthBias.judge).toBeCloseTo(1, 9);
    expect(r.calibration.lengthBias.excess).toBeCloseTo(1 - human, 9);
    expect(r.gate).toBeNull();
  });

  it('prints the same figures as a table, with the human × judge confusion matrix and what was left out', async () => {
    const res = await cli(setup());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/exact accuracy\s*│ 0\.700 \(49\/70\)/);
    expect(res.stdout).toMatch(/kappa \(quadratic\)\s*│ 0\.786\s*│ 0\.674 – 0\.898 │ 0\.057/);
    expect(res.stdout).toMatch(/kappa \(unweighted\)\s*│ 0\.597/);
    expect(res.stdout).toMatch(/human \\ judge │ 1 +│ 2 +│ 3 +│ 4/);
    expect(res.stdout).toMatch(/║ 2 +│ 2 +│ 12 +│ 4 +│ 1 +║/);
    expect(res.stdout).toContain('1 sample(s) without a human label; 2 label(s) without a verdict (judge errors 1, model errors 0, not in the run 1)');
  });

  it('--weighting linear gives the linear kappa; a CSV labels file with other column names reads the same', async () => {
    const csv = ['sample,grade', ...cases().map((c) => `${c.id},${c.human}`)].join('\n');
    const s = setup(csv, 'labels.csv');
    const res = await cli(s, '--weighting', 'linear', '--id-field', 'sample', '--label-field', 'grade', '--json');
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as Report;
    expect(r.calibration.kappa.kappa).toBeCloseTo(0.69459, 6);
    expect(r.calibration.kappa.se).toBeCloseTo(0.063258, 6);
    expect(r.leftOut).toMatchObject({ unlabelled: 1, labelsWithoutVerdict: 0 }); // 'nolabel' (jerr has no verdict, so it is not unlabelled)
  });

  it.each([
    { flags: ['--min-kappa', '0.7'], code: 0, reason: /meets the minimum/ },
    { flags: ['--min-kappa', '0.8'], code: 1, reason: /FAIL: scores: kappa 0\.786 < 0\.8/ },
    { flags: ['--min-accuracy', '0.75'], code: 1, reason: /FAIL: scores: accuracy 0\.700 < 0\.75/ },
    { flags: ['--min-accuracy', '0.7', '--min-kappa', '0.78'], code: 0, reason: /PASS/ },
    { flags: ['--min-kappa', '0.7', '--bound', 'lower'], code: 1, reason: /kappa lower bound 0\.674 < 0\.7/ },
  ])('gate $flags exits $code', async ({ flags, code, reason }) => {
    const res = await cli(setup(), ...flags);
    expect(res.code, res.stderr).toBe(code);
    expect(res.stdout).toMatch(reason);
  });

  it.each([
    { what: 'a missing run dir', dir: 'nope', flags: ['--scorer', 'rubric'], expect: /nope: not a run directory \(no records\.jsonl\)/ },
    { what: 'an unknown scorer', flags: ['--scorer', 'tone'], expect: /--scorer tone: no such scorer in the run's spec[\s\S]*rubric \(rubric\)/ },
    { what: 'a deterministic scorer', flags: ['--scorer', 'contains'], expect: /--scorer contains: a contains scorer is not model-graded/ },
    { what: 'a criteria scorer without --criterion', flags: ['--scorer', 'criteria'], expect: /needs --criterion <name>[\s\S]*criteria: tone/ },
    { what: 'two model-graded scorers and no --scorer', flags: [], expect: /name the scorer to calibrate with --scorer/ },
    { what: 'an unknown model', flags: ['--scorer', 'rubric', '--model', 'sim:other'], expect: /--model sim:other: not in the run/ },
    { what: 'a missing labels file', labels: 'missing.jsonl', flags: ['--scorer', 'rubric'], expect: /missing\.jsonl: no such labels file/ },
    { what: 'a bad --min-kappa', flags: ['--scorer', 'rubric', '--min-kappa', '2'], expect: /--min-kappa 2: a kappa between -1 and 1/ },
  ])('bad input: $what (exit 2)', async (c) => {
    const s = setup();
    const labels = c.labels === undefined ? s.labels : join(s.out, c.labels);
    const res = await runCli(['calibrate', c.dir === undefined ? s.out : join(s.out, c.dir), '--labels', labels, ...c.flags]);
    expect(res.code, res.stdout + res.stderr).toBe(2);
    expect(res.stderr).toMatch(c.expect);
  });

  it('bad input: labels off the scale name the file and line (exit 2)', async () => {
    const s = setup('{"id":"c0","human":1}\n{"id":"c1","human":5}\n{"id":"c2","human":2.5}\n{"id":"c3"}\n');
    const res = await cli(s);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/labels\.jsonl: 3 bad label\(s\); labels must be scores on the scorer's scale 1, 2, 3, 4/);
    expect(res.stderr).toMatch(/labels\.jsonl:2: score 5 is outside the scale 1\.\.4/);
    expect(res.stderr).toMatch(/labels\.jsonl:3: score 2\.5 is not an integer/);
    expect(res.stderr).toMatch(/labels\.jsonl:4: no "human" \(set --label-field\)/);
  });

  it('bad input: no label matches a verdict (exit 2)', async () => {
    const s = setup('{"id":"x1","human":1}\n{"id":"jerr","human":2}\n');
    const res = await cli(s);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/labels\.jsonl: no label matches a recorded verdict of rubric on sim:claude-haiku-5-5/);
    expect(res.stderr).toMatch(/judge errors 1, model errors 0, not in the run 1/);
  });

  it('on a real sim-judge run with epochs: majority over the epochs, a criterion by name, and a spec-changed note', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 40 }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: ['billing', 'bug'][i % 2] })).join('\n'),
      'spec.yaml': [
        'name: judged', 'dataset: { path: data.jsonl, fields: { target: label } }', 'prompt: { user: "Route: {{text}}" }',
        'models: [sim:claude-haiku-5-5]', 'judge: { model: sim:judge, agreement: 0.8 }', 'run: { epochs: 3 }', 'scorers:',
        '  - { type: rubric, rubric: "Is {{output}} right for {{text}}?", scale: { min: 1, max: 5 }, pass_at: 4 }',
        '  - type: criteria', '    criteria: [{ name: tone, description: polite, scale: { min: 1, max: 3 }, pass_at: 2 }]',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const run = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--quiet']);
    expect(run.code, run.stderr).not.toBe(2);
    // The hand reduction: the most frequent verdict of a sample's epochs, the lower on a tie.
    const recs = readJsonl<{ sampleId: string; status: string; scores: { name: string; judge?: { verdict: Record<string, number> } }[] }>(join(out, 'records.jsonl'));
    const byId = new Map<string, number[]>();
    for (const r of recs) {
      const v = r.scores.find((x) => x.name === 'criteria')?.judge?.verdict['tone'];
      if (r.status === 'ok' && v !== undefined) byId.set(r.sampleId, [...(byId.get(r.sampleId) ?? []), v]);
    }
    const mode = (xs: number[]) => [...new Set(xs)].sort((a, b) => xs.filter((x) => x === b).length - xs.filter((x) => x === a).length || a - b)[0] as number;
    const labels = [...byId].map(([id, xs], i) => ({ id, human: i < 4 ? (mode(xs) === 1 ? 2 : 1) : mode(xs) }));
    writeFiles(dir, { 'labels.jsonl': labels.map((l) => JSON.stringify(l)).join('\n'), 'spec.yaml': `${readFileSync(join(dir, 'spec.yaml'), 'utf8')}\n# edited` });
    const res = await runCli(['calibrate', out, '--labels', join(dir, 'labels.jsonl'), '--scorer', 'criteria', '--criterion', 'tone', '--json']);
    expect(res.code, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout) as Report & { epochs: { max: number }; criterion: string; notes: string[] };
    expect(r.criterion).toBe('tone');
    expect(r.epochs.max).toBe(3);
    expect(r.calibration.n).toBe(labels.length);
    expect(r.calibration.accuracy.x).toBe(labels.length - 4);
    expect(r.notes).toEqual(['The spec file has changed since the run: the scale was read from the current file.']);
  });
});
