import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Custom scorers through the built CLI: a TypeScript module and a Python command (the bundled
// examples) give the same score to every answer; a plug-in that throws, loops forever, outlives its
// time limit or crashes is a scorer error in the record and the summary, never a failed answer, and
// the run still ends.

interface Rec { sampleId: string; status: string; pass?: boolean; scores: { name: string; value: number; pass: boolean; reason?: string }[]; error?: { kind: string; stage: string; message: string } }
interface Summary { models: { n: number; passed: number; failed: number; errors: number; errorsByKind: Record<string, number>; scorers: { name: string; n: number }[] }[] }

const EXAMPLES = join(ROOT, 'evals/examples/plugins');
const QUEUES = ['billing', 'technical', 'account', 'shipping', 'returns', 'sales'];

function ticketsEval(scorers: string, extra = ''): { dir: string; spec: string } {
  const dir = tempDir('haikubench-plugins-');
  const rows = Array.from({ length: 24 }, (_, i) => JSON.stringify({ id: `s${i}`, text: `ticket ${i}`, queue: QUEUES[i % QUEUES.length] }));
  writeFiles(dir, {
    'data.jsonl': rows.join('\n'),
    'spec.yaml': [
      'name: plugin-scorers',
      'dataset: { path: data.jsonl, fields: { target: queue } }',
      'prompt: { user: "Route: {{text}}" }',
      // A weak simulated model: right and wrong answers, some with format noise around the label.
      'models: [{ id: "sim:claude-haiku-5-5", sim: { accuracy: 0.6 } }]',
      'scorers:',
      scorers,
      extra,
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}

describe('plug-in scorers (e2e)', () => {
  it('a TypeScript module scorer and a Python exec: scorer give every answer the same score', async () => {
    const { dir, spec } = ticketsEval([
      `  - { type: module, name: ts, path: ${JSON.stringify(join(EXAMPLES, 'scorers/queue.ts'))}, options: { queues: ${JSON.stringify(QUEUES)} } }`,
      `  - { type: exec, name: py, command: ${JSON.stringify(`python3 ${join(EXAMPLES, 'scorers/queue.py')}`)}, options: { queues: ${JSON.stringify(QUEUES)} } }`,
      '  - { type: expression, name: exact, value: "output.trim().toLowerCase() === expected" }',
    ].join('\n'));
    const res = await runCli(['run', spec, '--out', join(dir, 'run')]);
    expect(res.stderr).not.toMatch(/scorer error/i);
    expect(res.code).toBe(0);
    const records = readJsonl<Rec>(join(dir, 'run/records.jsonl'));
    expect(records).toHaveLength(24);
    const byName = (r: Rec, name: string) => r.scores.find((s) => s.name === name);
    for (const r of records) {
      expect(r.status).toBe('ok');
      expect(byName(r, 'ts')).toEqual({ ...byName(r, 'py'), name: 'ts' });
      // The exact-match one-liner agrees with both on full marks.
      expect(byName(r, 'exact')?.pass).toBe(byName(r, 'ts')?.value === 1);
    }
    // Not a test that cannot fail: the answers do differ in score.
    expect(new Set(records.map((r) => byName(r, 'ts')?.value)).size).toBeGreaterThan(1);
  });

  it('a scorer that throws, loops forever, outlives its limit or crashes is a scorer error, not a failure; the run ends', async () => {
    const { dir, spec } = ticketsEval([
      '  - { type: module, name: thrower, path: ./thrower.mjs }',
      '  - { type: module, name: looper, path: ./looper.ts, timeout_ms: 1000 }',
      '  - { type: exec, name: sleeper, command: "python3 ./sleeper.py", timeout_ms: 8000 }',
    ].join('\n'), 'run: { max_error_rate: 1 }');
    writeFiles(dir, {
      'thrower.mjs': 'export default function score(input) {\n  if (input.sample.id === "s2") throw new Error("boom in s2");\n  return { score: 1, pass: true };\n}\n',
      'looper.ts': 'export default function score(input: { sample: { id: string } }): { pass: boolean } {\n  if (input.sample.id === "s3") while (true) { /* never returns */ }\n  return { pass: true };\n}\n',
      'sleeper.py': [
        'import json, sys, time',
        'data = json.load(sys.stdin)',
        'if data["sample"]["id"] == "s4": time.sleep(120)',
        'if data["sample"]["id"] == "s5": raise ValueError("cannot score s5")',
        'print(json.dumps({"pass": True}))',
      ].join('\n'),
    });
    const res = await runCli(['run', spec, '--out', join(dir, 'run')], { timeoutMs: 120_000 });
    expect(res.code).toBe(0);
    const records = readJsonl<Rec>(join(dir, 'run/records.jsonl'));
    const bySample = new Map(records.map((r) => [r.sampleId, r]));
    const failed = ['s2', 's3', 's4', 's5'];
    for (const id of failed) {
      const r = bySample.get(id);
      expect(r?.status, id).toBe('error');
      expect(r?.pass, id).toBeUndefined();
      expect(r?.error?.kind, id).toBe('scorer');
      expect(r?.error?.stage, id).toBe('scorer');
    }
    expect(bySample.get('s2')?.error?.message).toMatch(/scorer thrower failed: module scorer thrower \(\.\/thrower\.mjs\) threw Error: boom in s2/);
    expect(bySample.get('s3')?.error?.message).toMatch(/scorer looper failed: .*timed out after 1000 ms \(its worker was terminated\)/);
    expect(bySample.get('s4')?.error?.message).toMatch(/scorer sleeper failed: .*timed out after 8000 ms \(its process group was killed\)/);
    // The command's stderr tail is kept: the Python traceback's last line.
    expect(bySample.get('s5')?.error?.message).toMatch(/exited with code 1; stderr: .*ValueError: cannot score s5/s);
    for (const r of records.filter((x) => !failed.includes(x.sampleId))) expect(r.status).toBe('ok');
    const summary = JSON.parse(readFileSync(join(dir, 'run/summary.json'), 'utf8')) as Summary;
    const m = summary.models[0];
    expect(m).toMatchObject({ n: 24, passed: 20, failed: 0, errors: 4, errorsByKind: { scorer: 4 } });
    expect(res.stdout + res.stderr).toMatch(/scorer 4/);
  });
});
