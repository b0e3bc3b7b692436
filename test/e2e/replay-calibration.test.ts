import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Calibrating a judge on outputs that already exist: the dataset holds the outputs to grade (and
// their expected answers); `replay:answer` makes each sample's answer the output, so the run calls
// only the judge; judge.calibration compares its verdicts with the human labels. Offline: sim:judge
// agrees with the truth (the answer names the expected label) with probability 0.95, and the human
// labels are that truth.

const TARGETS = ['billing', 'bug', 'account', 'other'];

describe('replay:<field>: grading outputs given in the dataset', () => {
  it('calls no model, records the dataset\'s outputs, and calibrates the judge against human labels', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 120 }, (_, i) => {
      const gold = TARGETS[i % 4] as string;
      const right = i % 3 !== 0;
      return { id: `r${i}`, ticket: `ticket ${i}`, gold, answer: right ? gold : (TARGETS[(i + 1) % 4] as string) };
    });
    writeFiles(dir, {
      'outputs.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
      'labels.csv': ['id,human', ...rows.map((r) => `${r.id},${r.answer === r.gold ? 1 : 0}`)].join('\n'),
      'spec.yaml': [
        'name: judge-calibration',
        'dataset: { path: outputs.jsonl, fields: { target: gold } }',
        'prompt: { user: "Route this ticket: {{ticket}}" }',
        'models: [replay:answer]',
        'judge: { model: sim:judge, agreement: 0.95, calibration: { labels: labels.csv, min_kappa: 0.6 } }',
        'scorers: [{ type: reference }]',
      ].join('\n'),
    });
    const dry = await runCli(['run', join(dir, 'spec.yaml'), '--dry-run']);
    expect(dry.stdout).toContain('120 samples × 1 model(s) × 1 epoch(s) = 120 items (1 replay: model(s) call nothing)');
    expect(dry.stdout).toMatch(/║ replay:answer +│ 0 +│ 0 +│ 0 +│ unknown \(no price\) +│ no calls +║/);
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out]);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const recs = readJsonl<{ sampleId: string; output: string; simulated: boolean; costUsd: number | null; usage: { inputTokens: number } }>(join(out, 'records.jsonl'));
    const answer = new Map(rows.map((r) => [r.id, r.answer]));
    expect(recs).toHaveLength(120);
    for (const r of recs) {
      expect(r.output).toBe(answer.get(r.sampleId));
      // No price given: the answers came from somewhere, so their cost is unknown, never $0.
      expect([r.simulated, r.costUsd, r.usage.inputTokens]).toEqual([false, null, 0]);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { judgeCalibration?: { model: string; n: number; met: boolean; kappa: { value: number } }[] };
    const [c] = summary.judgeCalibration ?? [];
    expect(c).toMatchObject({ model: 'replay:answer', n: 120, met: true });
    expect(c?.kappa.value).toBeGreaterThan(0.8);
  });

  it('a sample without the replayed field is an input error before any call (exit 2)', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'outputs.jsonl': [JSON.stringify({ id: 'a', gold: 'x', answer: 'x' }), JSON.stringify({ id: 'b', gold: 'y' })].join('\n'),
      'spec.yaml': 'name: r\ndataset: { path: outputs.jsonl, fields: { target: gold } }\nprompt: { user: "q" }\nmodels: [replay:answer]\nscorers: [{ type: equals }]\n',
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'run')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/spec\.yaml#\/models\/0 \(line 4\): replay:answer replays the samples' "answer" field, but 1 of 2 sample\(s\) have none, first b \(.*outputs\.jsonl:2\); fill the field or fix the name/);
  });
});
