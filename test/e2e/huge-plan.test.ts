import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// --epochs 1000000 on 20 samples: a plan of 20M items. Nothing is reserved per planned item (the
// record columns grow as records arrive, the dry run walks the plan without holding it), so the run
// starts at once and --max-cost stops it after a few thousand items with its partial results.

const files = {
  'd.jsonl': Array.from({ length: 20 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `q${i}`, a: `a${i}` })).join('\n'),
  's.yaml': 'name: huge\ndataset: { path: d.jsonl, fields: { target: a } }\nprompt: { user: "{{q}}" }\nmodels: [sim:claude-haiku-5-5]\nscorers: [{ type: equals }]\n',
};

describe('a plan of 20 million items', () => {
  it('runs until --max-cost stops it, with its records and a summary that counts the whole plan', async () => {
    const dir = tempDir();
    writeFiles(dir, files);
    const out = join(dir, 'o');
    const res = await runCli(['run', 's.yaml', '--epochs', '1000000', '--max-cost', '0.0005', '--out', out, '--quiet'], { cwd: dir });
    expect(res.code).toBe(3);
    expect(res.stdout).toContain('/20000000');
    const recs = readJsonl(join(out, 'records.jsonl'));
    expect(recs.length).toBeGreaterThan(100);
    expect(recs.length).toBeLessThan(20_000);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { planned?: number; models: { n: number }[] };
    expect(summary.models[0]?.n).toBe(recs.length);
  }, 60_000);

  it('--dry-run forecasts every call without holding the plan', async () => {
    const dir = tempDir();
    writeFiles(dir, files);
    const res = await runCli(['run', 's.yaml', '--epochs', '1000000', '--dry-run', '--json'], { cwd: dir });
    expect(res.code).toBe(0);
    const f = JSON.parse(res.stdout) as { items: number; models: { calls: number; inputTokens: number }[] };
    expect([f.items, f.models[0]?.calls, f.models[0]?.inputTokens]).toEqual([20_000_000, 20_000_000, 20_000_000]);
  }, 60_000);

  it('a plan above 100 million items is refused before any call (exit 2), with the fix', async () => {
    const dir = tempDir();
    writeFiles(dir, files);
    const res = await runCli(['run', 's.yaml', '--epochs', '10000000', '--out', 'o'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('s.yaml: 200,000,000 items planned (20 samples × 1 model(s) × 10,000,000 epochs); an eval may plan at most 100,000,000');
    expect(res.stderr).toContain('lower run.epochs (or --epochs), or run fewer samples (dataset.limit, --limit) or models');
  }, 60_000);
});
