import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';

// Prices for any model (a model entry's `price:`), through the built CLI: an OpenAI-compatible model
// the price table does not know, priced per million tokens; replay: models priced per answer, and one
// left without a price, whose cost stays unknown (never $0) in records, summary, dry run and route.

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Rec { readonly model: string; readonly costUsd: number | null; readonly usage: { readonly inputTokens: number; readonly outputTokens: number } }
interface Summary { readonly models: readonly { readonly model: string; readonly costUsd: number | null; readonly spentUsd: number | null }[] }

describe('price: per million tokens for a model the price table does not know', () => {
  it('prices every call, in records, summary.json and for --max-cost', async () => {
    // 1,200 prompt and 30 answer tokens a call, reported by the server.
    server = await startFakeOpenAI({ respond: () => ({ text: 'yes', promptTokens: 1_200, completionTokens: 30 }) });
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 5 }, (_, i) => JSON.stringify({ id: `q${i}`, q: `question ${i}`, gold: 'yes' })).join('\n'),
      'spec.yaml': [
        'name: priced-openai',
        'dataset: { path: data.jsonl, fields: { target: gold } }',
        'prompt: { user: "{{q}}" }',
        'models:',
        `  - { id: openai:fake-model, base_url: "${server.url}", max_tokens: 64, price: { input: 0.5, output: 2, per_call: 0.0001 } }`,
        'scorers: [{ type: equals }]',
      ].join('\n'),
    });
    const env = { OPENAI_API_KEY: 'k' };
    const out = join(dir, 'run');
    // --max-cost needs every model priced: the spec price counts.
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--max-cost', '1'], { env: { ...env, COLUMNS: '1000' } });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    // one call: 1,200 · 0.5 + 30 · 2 = 600 + 60 µ$ = $0.00066, + $0.0001 = $0.00076
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(recs).toHaveLength(5);
    for (const r of recs) {
      expect(r.usage).toMatchObject({ inputTokens: 1_200, outputTokens: 30 });
      expect(r.costUsd).toBeCloseTo(0.00076, 12);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(summary.models[0]?.costUsd).toBeCloseTo(0.0038, 10);
    expect(summary.models[0]?.spentUsd).toBeCloseTo(0.0038, 10);
    expect(res.stdout).not.toContain('cost unknown');
    // Without the price the same model is "cost unknown" and says how to give one.
    writeFiles(dir, { 'unpriced.yaml': readFileSync(join(dir, 'spec.yaml'), 'utf8').replace(', price: { input: 0.5, output: 2, per_call: 0.0001 }', '') });
    const bare = await runCli(['run', join(dir, 'unpriced.yaml'), '--out', join(dir, 'run2')], { env: { ...env, COLUMNS: '1000' } });
    expect(bare.code, bare.stderr).toBe(0);
    expect(bare.stdout).toContain('openai:fake-model: cost unknown (no price for this model in price table 2026-11-23; give its model entry price: {input: …, output: …} (USD per million tokens) or price: {per_call: …} (USD per call))');
    const budget = await runCli(['run', join(dir, 'unpriced.yaml'), '--out', join(dir, 'run3'), '--max-cost', '1'], { env });
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--max-cost: openai:fake-model has no known price, so its spend cannot be counted; give its model entry a price');
  });
});

describe('judge.price: a judge the price table does not know', () => {
  it('prices the judge\'s calls in summary.json and lets --max-cost count them', async () => {
    // The judge answers a rubric score with 500 prompt and 40 answer tokens a call.
    server = await startFakeOpenAI({ respond: () => ({ text: JSON.stringify({ reasoning: 'ok', score: 8 }), promptTokens: 500, completionTokens: 40 }) });
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 4 }, (_, i) => JSON.stringify({ id: `q${i}`, q: `question ${i}`, gold: 'yes', answer: 'yes' })).join('\n'),
      'spec.yaml': [
        'name: priced-judge',
        'dataset: { path: data.jsonl, fields: { target: gold } }',
        'prompt: { user: "{{q}}" }',
        'models: [{ id: replay:answer, price: { per_call: 0.001 } }]',
        'judge: { model: openai:local-judge, structured: none, max_tokens: 200, price: { input: 1, output: 4 } }',
        'scorers: [{ type: rubric, rubric: "Is {{output}} right?", scale: { min: 1, max: 10 }, pass_at: 7 }]',
      ].join('\n'),
    });
    const out = join(dir, 'run');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--max-cost', '1', '--quiet'], { env: { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.url } });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    // one judge call: 500 · 1 + 40 · 4 = 660 µ$; four calls $0.00264
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: readonly { judge: { calls: number; costUsd: number | null } | null }[] };
    expect(summary.models[0]?.judge?.calls).toBe(4);
    expect(summary.models[0]?.judge?.costUsd).toBeCloseTo(0.00264, 10);
  });
});

/** Two replay: "systems" on 40 yes/no questions: `cheap` right on all but every twentieth, `big` always right. */
function replayEval(models: string): { dir: string; spec: string } {
  const dir = tempDir();
  const rows = Array.from({ length: 40 }, (_, i) => {
    const gold = i % 2 === 0 ? 'no' : 'yes';
    return { id: `s${i}`, q: `q${i}`, gold, cheap: i % 20 === 0 ? 'maybe' : gold, big: gold };
  });
  writeFiles(dir, {
    'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
    'spec.yaml': ['name: priced-replay', 'dataset: { path: data.jsonl, fields: { target: gold } }', 'prompt: { user: "{{q}}" }', 'models:', models, 'scorers: [{ type: equals }]'].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}

describe('replay: models: a price per answer, or cost unknown (never $0)', () => {
  it('prices the answers per call and keeps the unpriced one unknown everywhere, route included', async () => {
    const { dir, spec } = replayEval('  - { id: replay:cheap, price: { per_call: 0.0001 } }\n  - replay:big');
    const dry = await runCli(['run', spec, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/║ replay:cheap +│ 0 +│ 0 +│ 0 +│ \$0\.0040 – \$0\.0040 +│ no calls +║/);
    expect(dry.stdout).toMatch(/║ replay:big +│ 0 +│ 0 +│ 0 +│ unknown \(no price\) +│ no calls +║/);
    const out = join(dir, 'run');
    const res = await runCli(['run', spec, '--out', out], { env: { COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    for (const r of recs) expect(r.costUsd).toBe(r.model === 'replay:cheap' ? 0.0001 : null);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    // What the answers cost, and what this run paid for them: nothing, a replay: model calls nothing.
    expect(summary.models.map((m) => [m.model, m.costUsd, m.spentUsd])).toEqual([['replay:cheap', 0.004, 0], ['replay:big', null, 0]]);
    expect(res.stdout).toContain('replay:big: cost unknown (no price for this model in price table 2026-11-23; give its model entry price: {per_call: …} (USD per answer))');
    const route = await runCli(['route', out, '--small', 'replay:cheap', '--large', 'replay:big', '--tolerance', '0.25', '--out', join(dir, 'route')], { env: { COLUMNS: '1000' } });
    expect(route.code, route.stderr).toBe(0);
    // The headline names the model without a price and how to give one; no $0 anywhere in the tables.
    expect(route.stdout).toContain('cost unknown (no price for replay:big in its run; give its model entry price: {per_call: …} and run again)');
    expect(route.stdout).toContain('front.svg not written: a cost is unknown (no price for replay:big in its run;');
    expect(route.stdout).not.toMatch(/\$0(?![.\d])/);
    expect(route.stdout).toMatch(/always cheap +nothing fitted +95\.0% \[[^\]]*\] +\$0\.100 /);
    expect(route.stdout).toMatch(/always big +nothing fitted +100\.0% \[[^\]]*\] +unknown /);
  });

  it('prices both: route computes savings from the per-answer prices', async () => {
    const { dir, spec } = replayEval('  - { id: replay:cheap, price: { per_call: 0.0001 } }\n  - { id: replay:big, price: { per_call: 0.001 } }');
    const out = join(dir, 'run');
    expect((await runCli(['run', spec, '--out', out, '--quiet'])).code).toBe(0);
    const route = await runCli(['route', out, '--tolerance', '0.25', '--out', join(dir, 'route')], { env: { COLUMNS: '1000' } }); // whole table rows (the layout is terminal.test.ts's)
    expect(route.code, route.stderr).toBe(0);
    // cheap is chosen as the small model by its price; always-cheap saves 1 − 0.0001/0.001 = 90%.
    expect(route.stdout).toContain('Models: small replay:cheap (cheapest by mean cost per call), large replay:big');
    expect(route.stdout).toMatch(/always cheap +nothing fitted +95\.0% \[[^\]]*\] +\$0\.100 +90\.0% /);
    expect(route.stdout).not.toContain('cost unknown');
  });

  it('a price the model cannot use is an input error naming the place and the fix (exit 2)', async () => {
    const { spec } = replayEval('  - { id: replay:cheap, price: { input: 1, output: 2 } }\n  - { id: replay:big, price: { per_call: 0.001, cache_read: 0.1 } }');
    const res = await runCli(['validate', spec]);
    expect(res.code).toBe(2);
    expect(res.stdout + res.stderr).toContain('spec.yaml#/models/0/price/input (line 5): this model calls nothing and reports no tokens, so a token price would make it cost $0; give price.per_call (USD per answer) instead');
    expect(res.stdout + res.stderr).toContain('spec.yaml#/models/1/price/cache_read (line 6): this model calls nothing');
  });
});
