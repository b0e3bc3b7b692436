import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunSummary } from '../../src/summary/run-summary.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Prompt variants of a multi-turn spec: each contestant asks its variant's turns (or the spec's), per-turn
// scorers apply to every contestant, and the variants are compared on the same samples.

interface Rec { sampleId: string; model: string; status: string; turns?: { user: string; output: string }[]; scores: { name: string }[] }

describe('prompt variants with prompt.turns', () => {
  it('each contestant asks its own turns; the summary compares the variants', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, country: `Country ${i}`, capital: `City ${i}` }));
    writeFiles(dir, {
      'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
      'spec.yaml': [
        'name: two-turn-variants',
        'dataset: { path: data.jsonl, fields: { target: capital } }',
        'prompt: { system: Answer briefly., turns: ["What is the capital of {{country}}?", "Name it again."] }',
        'prompts:',
        '  - { id: plain }',
        '  - { id: formal, system: "You are a geography teacher.", turns: ["Please state the capital city of {{country}}.", "Repeat the capital, please."] }',
        'models: [sim:claude-haiku-5-5]',
        'scorers: [{ type: contains, name: first, turn: 1 }, { type: contains, name: last }]',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    const of = (model: string) => recs.find((r) => r.sampleId === 'c3' && r.model === model);
    expect(of('sim:claude-haiku-5-5@plain')?.turns?.map((t) => t.user)).toEqual(['What is the capital of Country 3?', 'Name it again.']);
    expect(of('sim:claude-haiku-5-5@formal')?.turns?.map((t) => t.user)).toEqual(['Please state the capital city of Country 3.', 'Repeat the capital, please.']);
    expect(recs.every((r) => r.status === 'ok' && r.scores.map((s) => s.name).join() === 'first,last')).toBe(true);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as RunSummary;
    expect(s.variants?.comparisons.map((c) => [c.referenceVariant, c.variant, c.n])).toEqual([['plain', 'formal', 12]]);
  });

  it('a variant turn whose placeholder no sample fills is refused before any call, naming the variant\'s turn', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': JSON.stringify({ id: 'c1', country: 'X', capital: 'Y' }),
      'spec.yaml': 'name: v\ndataset: { path: data.jsonl, fields: { target: capital } }\nprompt: { turns: ["{{country}}?", "again"] }\nprompts: [{ id: a }, { id: b, turns: ["{{country}}?", "and {{contry}}"] }]\nmodels: [sim:claude-haiku-5-5]\nscorers: [{ type: contains }]\n',
    });
    const res = await runCli(['validate', join(dir, 'spec.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('spec.yaml#/prompts/1/turns/1');
    expect(res.stderr).toContain('{{contry}}');
  });
});
