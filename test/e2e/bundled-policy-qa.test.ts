import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readJsonl, runCli, tempDir } from '../support/cli.js';

// The bundled model-graded eval (evals/policy-qa.yaml): a reference scorer that gates and a pairwise
// scorer (weight 0) of Haiku against Sonnet of the same run, both judged by Opus. Simulated, the
// judge is the simulator too; a judge problem must end as a judge error, never as a model failure.
// Also checks that datasets/policy-qa.jsonl is well-formed.

interface Score { name: string; value: number; pass: boolean; reason?: string; judge?: { model: string; verdict: unknown } }
interface Rec { sampleId: string; model: string; simulated: boolean; status: 'ok' | 'error'; pass?: boolean; scores: Score[]; error?: { kind: string; stage: string } }
interface PairSum { scorer: string; against?: string; n: number; winRate: number | null }
interface ModelSum { model: string; n: number; errors: number; judge: { calls: number; tokens: { input: number; output: number } } | null; pairwise?: PairSum[]; pairwiseReference?: string[] }

const LIMIT = 20;
const UNANSWERABLE = 'Not stated in the policy';
const FIELDS = ['id', 'policy', 'question', 'answer', 'difficulty', 'kind', 'language'];

describe('bundled eval policy-qa (model-graded), simulated', () => {
  it('scores every record or records a judge error, and reports judge totals and Haiku against Sonnet', async () => {
    const out = tempDir();
    // A wide $COLUMNS keeps each note on one line (the layout at terminal widths: terminal.test.ts).
    const res = await runCli(['run', 'evals/policy-qa.yaml', '--simulate', 'always', '--limit', String(LIMIT), '--out', out], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);

    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(recs).toHaveLength(2 * LIMIT);
    for (const r of recs) {
      expect(r.simulated).toBe(true);
      if (r.status === 'error') {
        // A judge that gave no verdict is an error of kind judge, with no pass/fail verdict at all.
        expect(r.error?.kind).toBe('judge');
        expect(r.pass).toBeUndefined();
        continue;
      }
      // Every score carries the judge's verdict; the pairwise scorer does not score Sonnet, its reference.
      for (const s of r.scores) expect(s.judge?.verdict).toBeDefined();
      expect(r.scores.map((s) => s.name)).toEqual(r.model.endsWith('claude-sonnet-5-5') ? ['correct'] : ['correct', 'vs-sonnet']);
    }

    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { simulated: boolean; models: ModelSum[] };
    expect(summary.simulated).toBe(true);
    const haiku = summary.models.find((m) => m.model.endsWith('claude-haiku-5-5'));
    const sonnet = summary.models.find((m) => m.model.endsWith('claude-sonnet-5-5'));
    // Haiku: one reference verdict and two pairwise orders per sample; Sonnet: the reference verdict only.
    expect(haiku?.judge).toMatchObject({ calls: 3 * LIMIT });
    expect(sonnet?.judge).toMatchObject({ calls: LIMIT });
    expect(haiku?.judge?.tokens.input).toBeGreaterThan(0);
    expect(haiku?.pairwise).toHaveLength(1);
    expect(haiku?.pairwise?.[0]).toMatchObject({ scorer: 'vs-sonnet', n: LIMIT });
    expect(haiku?.pairwise?.[0]?.against).toMatch(/claude-sonnet-5-5/);
    expect(sonnet?.pairwise).toBeUndefined();
    expect(sonnet?.pairwiseReference).toEqual(['vs-sonnet']);

    expect(res.stdout).toMatch(/claude-haiku-5-5 \[SIMULATED\]: judge: 60 call\(s\)/);
    expect(res.stdout).toMatch(/claude-haiku-5-5 \[SIMULATED\]: pairwise vs-sonnet against \S*claude-sonnet-5-5( \(simulated\))?: /);
    expect(res.stdout).toContain('claude-sonnet-5-5 [SIMULATED]: pairwise vs-sonnet: the reference model');
    expect(res.stdout).toMatch(/PASS gate anthropic:claude-haiku-5-5 \[SIMULATED\]/);
  });
});

describe('datasets/policy-qa.jsonl', () => {
  const text = readFileSync(join(ROOT, 'datasets/policy-qa.jsonl'), 'utf8');
  const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('is UTF-8 JSON Lines with LF endings, no BOM and a final newline', () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n')).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(rows.length).toBeLessThanOrEqual(60);
  });

  it('has unique ids and every field, as a non-empty string, on every sample', () => {
    expect(new Set(rows.map((r) => r['id'])).size).toBe(rows.length);
    for (const r of rows) {
      expect(Object.keys(r).sort(), String(r['id'])).toEqual([...FIELDS].sort());
      for (const f of FIELDS) expect(typeof r[f] === 'string' && r[f].trim() !== '', `${String(r['id'])}.${f}`).toBe(true);
      expect(r['id']).toMatch(/^qa-\d{3}$/);
      expect(['simple', 'hard']).toContain(r['difficulty']);
      expect(['lookup', 'calculation', 'multi-part', 'unanswerable', 'trap']).toContain(r['kind']);
    }
  });

  it('answers every unanswerable question with one phrase, used nowhere else', () => {
    const unanswerable = rows.filter((r) => r['kind'] === 'unanswerable');
    expect(new Set(unanswerable.map((r) => r['answer']))).toEqual(new Set([UNANSWERABLE]));
    expect(rows.filter((r) => r['kind'] !== 'unanswerable' && r['answer'] === UNANSWERABLE)).toEqual([]);
    const share = unanswerable.length / rows.length;
    expect(share).toBeGreaterThanOrEqual(0.1);
    expect(share).toBeLessThanOrEqual(0.15);
  });
});
