import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Judges count in the plan and in the budget: --dry-run lists the judge calls of model-graded scorers
// apart from the models' own, and --max-cost counts what the judges spend.

const MODEL = 'claude-haiku-5-5';
const JUDGE = 'claude-sonnet-5-5';

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

function setup(n: number, judge = `anthropic:${JUDGE}`, samples = 1, models = `anthropic:${MODEL}`, judgeLine = `judge: { model: ${judge}, max_tokens: 200, samples: ${samples} }`) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}`, a: `answer ${i}` })).join('\n'),
    'spec.yaml': [
      'name: judged-budget',
      'dataset: { path: data.jsonl, fields: { target: a } }',
      'prompt: { user: "{{q}}" }',
      `models: [${models}]`,
      judgeLine,
      'scorers:',
      '  - type: rubric',
      '    rubric: "Is {{output}} a good answer to {{q}}?"',
      '    scale: { min: 1, max: 10 }',
      '    pass_at: 7',
      'run: { concurrency: 1 }',
    ].join('\n'),
  });
  return { spec: join(dir, 'spec.yaml'), out: join(dir, 'out'), cache: join(dir, 'cache') };
}

interface Rec { costUsd: number; judge?: { attempts: number; costUsd: number } }

describe('judges in --dry-run and --max-cost', () => {
  it('--dry-run lists the judge calls (samples × items) and their cost range apart from the models', async () => {
    const { spec } = setup(6, `anthropic:${JUDGE}`, 3);
    const res = await runCli(['run', spec, '--dry-run'], { env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Judges of model-graded scorers (apart from the models above):');
    const row = res.stdout.split('\n').find((l) => l.includes(JUDGE) && l.includes('rubric')) ?? '';
    // 6 items × 3 judge samples = 18 calls; output at most 18 × 200 tokens.
    expect(row).toMatch(/│ 18 +│/);
    expect(row).toContain('3,600');
    expect(row).toMatch(/\$[\d.]+ – \$[\d.]+/);
    expect(res.stdout).toContain('Not counted: re-asks of malformed verdicts');
  });

  it('--dry-run --batch prices the judges at list price: judge calls are never batched', async () => {
    const { spec } = setup(6);
    const row = (out: string) => out.split('\n').find((l) => l.includes(JUDGE) && l.includes('rubric')) ?? '';
    const plain = await runCli(['run', spec, '--dry-run'], { env: { ANTHROPIC_API_KEY: 'k' } });
    const batch = await runCli(['run', spec, '--dry-run', '--batch'], { env: { ANTHROPIC_API_KEY: 'k' } });
    expect(batch.code, batch.stderr).toBe(0);
    expect(row(batch.stdout)).toBe(row(plain.stdout));
    expect(row(batch.stdout)).toMatch(/\$[\d.]+ – \$[\d.]+/);
    expect(batch.stdout).toContain('Judge calls are never batched: list price, also under --batch.');
  });

  it('--dry-run shows a cascade\'s larger judge as a ceiling: from no call to every item escalated', async () => {
    const { spec } = setup(6, '', 0, `anthropic:${MODEL}`, `judge: { model: anthropic:${MODEL}, samples: 2, escalate: { model: anthropic:${JUDGE}, when: { disagree: true } } }`);
    const res = await runCli(['run', spec, '--dry-run'], { env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code, res.stderr).toBe(0);
    const rows = res.stdout.split('\n').filter((l) => l.includes('│ rubric'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`${MODEL} +│ rubric +│ 12 +│`));
    expect(rows[1]).toMatch(new RegExp(`${JUDGE} \\(escalations\\) +│ rubric +│ 0 – 6 +│ 0 – `));
    expect(rows[1]).toMatch(/│ \$0 – \$[\d.]+ +║$/);
  });

  it('--max-cost counts the judges\' spend: the run stops sooner and spends no more than the budget', async () => {
    server = await startFakeAnthropic({
      respond: (req) => (req.model === JUDGE
        ? { text: JSON.stringify({ reasoning: 'ok', score: 8 }), inputTokens: 1000, outputTokens: 50 }
        : { text: 'answer', inputTokens: 10, outputTokens: 5 }),
    });
    const { spec, out, cache } = setup(20);
    const res = await runCli(['run', spec, '--out', out, '--max-cost', '0.01', '--quiet'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cache } });
    expect(res.code).toBe(3);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    const model = recs.reduce((s, r) => s + r.costUsd, 0);
    const judges = recs.reduce((s, r) => s + (r.judge?.costUsd ?? 0), 0);
    // A judged item costs ~$0.0025 (1,000 + 50 Sonnet tokens) and its model call ~$0.00002: counting
    // only the model's calls, all 20 items would fit in $0.01.
    expect(judges).toBeGreaterThan(model * 10);
    expect(model + judges).toBeLessThanOrEqual(0.01);
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.length).toBeLessThan(5);
  });

  it('--max-cost counts fresh judge calls on cached model answers (a changed rubric after a warm run)', async () => {
    server = await startFakeAnthropic({
      respond: (req) => (req.model === JUDGE
        ? { text: JSON.stringify({ reasoning: 'ok', score: 8 }), inputTokens: 1000, outputTokens: 50 }
        : { text: 'answer', inputTokens: 10, outputTokens: 5 }),
    });
    const { spec, out, cache } = setup(20);
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cache };
    const warm = await runCli(['run', spec, '--out', `${out}-warm`, '--quiet'], { env });
    expect(warm.code, warm.stderr).toBe(0);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('a good answer', 'a correct and complete answer'));
    const res = await runCli(['run', spec, '--out', out, '--max-cost', '0.01', '--quiet'], { env });
    expect(res.code).toBe(3);
    const recs = readJsonl<Rec & { cached: boolean; judge?: { spentUsd: number } }>(join(out, 'records.jsonl'));
    expect(recs.every((r) => r.cached)).toBe(true); // every model answer came from the cache
    const spent = recs.reduce((s, r) => s + (r.judge?.spentUsd ?? 0), 0);
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(0.01);
    expect(recs.length).toBeLessThan(20);
  });

  it('--max-cost refuses a judge with no known price, before any call', async () => {
    const { spec, out } = setup(3, 'sim:judge', 1, 'sim:claude-haiku-5-5');
    const res = await runCli(['run', spec, '--out', out, '--max-cost', '1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--max-cost: the judge sim:judge has no known price');
  });
});
