import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { judgeTruth } from '../../src/runner/judge-client.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// judge.calibration end to end, offline: a sim model answers routing tickets and sim:judge grades
// them with a `reference` scorer, agreeing with the truth with probability `agreement`. The human
// labels are that truth (does the output name the sample's target, judgeTruth) for the first 100
// samples, taken from a first run of the same spec and seed: the sim's outputs do not depend on the
// judge, so the later runs judge the same outputs. A judge at 0.55 falls short of kappa 0.6 and the
// run exits 1 with the message; one at 0.95 meets it. The summary's figures equal `calibrate`'s.

const N = 200;
const LABELLED = 100;
const TARGETS = ['billing', 'bug', 'account', 'other'];

interface Entry {
  scorer: string; model: string; n: number; met: boolean | 'insufficient'; reason: string;
  accuracy: { x: number; n: number; rate: number; ci95: [number, number] };
  kappa: { weighting: string; value: number; se: number; ci95: [number, number] };
}
interface Summary { verdict: string; judgeCalibration?: Entry[]; gates: { pass: boolean; reason: string }[] }
interface CalibrateJson { calibration: { n: number; accuracy: { x: number; n: number; rate: number; ci: [number, number] }; kappa: { kappa: number; se: number; ci: [number, number]; weighting: string } } }

const spec = (judge: string, extra: string[] = []) => [
  'name: calibrated',
  'dataset: { path: data.jsonl, fields: { target: label } }',
  'prompt: { user: "Route: {{text}}" }',
  'models: [sim:claude-haiku-5-5]',
  `judge: ${judge}`,
  'gates: [{ model: sim:claude-haiku-5-5, min_pass_rate: 0.3 }]',
  'scorers:',
  '  - { type: reference }',
  ...extra,
].join('\n');

const calibrated = (agreement: number, more = '') => spec(`{ model: sim:judge, agreement: ${agreement}, calibration: { labels: labels.jsonl, min_kappa: 0.6${more} } }`);

let dir = '';
beforeAll(async () => {
  dir = tempDir();
  const data = Array.from({ length: N }, (_, i) => ({ id: `t${i}`, text: `ticket ${i}`, label: TARGETS[i % 4] as string }));
  writeFiles(dir, { 'data.jsonl': data.map((d) => JSON.stringify(d)).join('\n'), 'plain.yaml': spec('{ model: sim:judge }') });
  const first = await runCli(['run', join(dir, 'plain.yaml'), '--out', join(dir, 'first'), '--quiet']);
  expect(first.code, first.stderr).toBe(0);
  const target = new Map(data.map((d) => [d.id, d.label]));
  const outputs = readJsonl<{ sampleId: string; output: string }>(join(dir, 'first', 'records.jsonl'));
  const labels = outputs.slice(0, LABELLED).map((r) => ({ id: r.sampleId, human: judgeTruth(r.output, target.get(r.sampleId)) ? 1 : 0 }));
  writeFiles(dir, { 'labels.jsonl': labels.map((l) => JSON.stringify(l)).join('\n'), 'low.yaml': calibrated(0.55), 'high.yaml': calibrated(0.95) });
}, 120_000);

async function runOf(name: string): Promise<{ code: number; stdout: string; summary: Summary; out: string }> {
  const out = join(dir, `run-${name}`);
  // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
  const res = await runCli(['run', join(dir, `${name}.yaml`), '--out', out, '--markdown', join(dir, `${name}.md`)], { env: { COLUMNS: '1000' } });
  return { code: res.code, stdout: res.stdout, summary: JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary, out };
}

async function calibrateOf(out: string): Promise<CalibrateJson> {
  const res = await runCli(['calibrate', out, '--labels', join(dir, 'labels.jsonl'), '--scorer', 'reference', '--json']);
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as CalibrateJson;
}

function expectSameFigures(e: Entry, c: CalibrateJson): void {
  expect(e.n).toBe(c.calibration.n);
  expect(e.accuracy).toEqual({ x: c.calibration.accuracy.x, n: c.calibration.accuracy.n, rate: c.calibration.accuracy.rate, ci95: c.calibration.accuracy.ci });
  expect(e.kappa).toMatchObject({ weighting: c.calibration.kappa.weighting, value: c.calibration.kappa.kappa, se: c.calibration.kappa.se, ci95: c.calibration.kappa.ci });
}

describe('judge.calibration: a judge must agree with human labels before its scores gate', () => {
  it('a judge at agreement 0.55 falls short: exit 1, the message, the gate not trusted; figures as calibrate computes them', async () => {
    const r = await runOf('low');
    expect(r.code, r.stdout).toBe(1);
    const [e] = r.summary.judgeCalibration ?? [];
    expect(e).toBeDefined();
    if (e === undefined) return;
    expect(e).toMatchObject({ scorer: 'reference', model: 'sim:claude-haiku-5-5', n: LABELLED, met: false });
    expect(e.kappa.value).toBeLessThan(0.6);
    const k = e.kappa.value.toFixed(3);
    const message = `judge of reference below required agreement (kappa ${k} < 0.60 on ${LABELLED} labelled items): its scores do not gate`;
    expect(r.stdout).toContain(message);
    expect(r.summary.verdict).toBe('gate_failed');
    // The pass-rate gate would pass on the judge's scores; on untrusted scores it does not.
    expect(r.summary.gates).toEqual([expect.objectContaining({ pass: false, reason: expect.stringContaining(`not trusted: ${message}`) as unknown })]);
    expect(readFileSync(join(dir, 'low.md'), 'utf8')).toMatch(/### Judge calibration[\s\S]*❌ \*\*FAIL\*\*/);
    expectSameFigures(e, await calibrateOf(r.out));
  });

  it('a judge at agreement 0.95 meets it: exit 0, and the report says so', async () => {
    const r = await runOf('high');
    expect(r.code, r.stdout).toBe(0);
    const [e] = r.summary.judgeCalibration ?? [];
    expect(e).toMatchObject({ n: LABELLED, met: true });
    if (e === undefined) return;
    expect(e.kappa.value).toBeGreaterThanOrEqual(0.6);
    expect(r.stdout).toContain(`PASS sim:claude-haiku-5-5 [SIMULATED]: judge of reference meets its required agreement (kappa ${e.kappa.value.toFixed(3)} on ${LABELLED} labelled items meets the required kappa ≥ 0.60)`);
    expect(r.summary.verdict).toBe('pass');
    expect(r.summary.gates.map((g) => g.pass)).toEqual([true]);
    expectSameFigures(e, await calibrateOf(r.out));
  });

  it('compare: a regression gate against a candidate whose judge fell short fails as not trusted', async () => {
    const [low, high] = [join(dir, 'run-low'), join(dir, 'run-high')];
    if (!existsSync(low) || !existsSync(high)) await Promise.all([runOf('low'), runOf('high')]);
    const res = await runCli(['compare', high, low, '--max-drop', '0.5']);
    expect(res.code, res.stdout + res.stderr).toBe(1);
    expect(res.stdout).toContain('not trusted: candidate judge of reference below required agreement');
    const same = await runCli(['compare', high, high, '--max-drop', '0.5']);
    expect(same.code, same.stdout).toBe(0);
  });

  it('merge: shards of a calibrated run join into the same judgeCalibration as the unsharded run', async () => {
    const whole = existsSync(join(dir, 'run-low', 'summary.json')) ? JSON.parse(readFileSync(join(dir, 'run-low', 'summary.json'), 'utf8')) as Summary : (await runOf('low')).summary;
    for (const i of [1, 2]) {
      const res = await runCli(['run', join(dir, 'low.yaml'), '--shard', `${i}/2`, '--out', join(dir, `shard-${i}`), '--quiet'], { env: { COLUMNS: '1000' } });
      // A shard holds only its slice of the labels: it reports its calibration but gates nothing on it.
      expect(res.code, res.stdout + res.stderr).toBe(0);
      const shard = JSON.parse(readFileSync(join(dir, `shard-${i}`, 'summary.json'), 'utf8')) as Summary;
      expect(shard.judgeCalibration?.length).toBe(1);
      expect(shard.verdict).not.toBe('gate_failed');
      expect(res.stdout).toContain('This run is one shard: its judge calibration is measured on its own labelled samples and gates nothing');
    }
    const merged = await runCli(['merge', join(dir, 'shard-1'), join(dir, 'shard-2'), '--out', join(dir, 'merged')], { env: { COLUMNS: '1000' } });
    expect(merged.code, merged.stdout + merged.stderr).toBe(1);
    const summary = JSON.parse(readFileSync(join(dir, 'merged', 'summary.json'), 'utf8')) as Summary;
    expect(summary.judgeCalibration).toEqual(whole.judgeCalibration);
  });

  it.each([
    { what: 'an id the dataset lacks', labels: '{"id":"t1","human":1}\n{"id":"nope","human":0}', expect: /labels\.jsonl:2: sample nope is not in the dataset/ },
    { what: 'a label off the scale', labels: '{"id":"t1","human":3}', expect: /labels\.jsonl: 1 bad label\(s\); labels must be scores on the scorer's scale 0, 1[\s\S]*labels\.jsonl:1: score 3 is outside the scale 0\.\.1/ },
  ])('bad labels: $what (exit 2, before any call)', async ({ labels, expect: message }) => {
    const bad = tempDir();
    writeFiles(bad, { 'data.jsonl': readFileSync(join(dir, 'data.jsonl'), 'utf8'), 'labels.jsonl': labels, 'spec.yaml': calibrated(0.9) });
    const res = await runCli(['run', join(bad, 'spec.yaml'), '--out', join(bad, 'out'), '--quiet']);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/spec\.yaml#\/judge\/calibration\/labels \(line 5\): labels\.jsonl/);
    expect(res.stderr).toMatch(message);
    expect(existsSync(join(bad, 'out', 'records.jsonl'))).toBe(false);
  });
});
