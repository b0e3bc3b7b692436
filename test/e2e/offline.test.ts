import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// What a user without a key does first: the bundled evals, simulated and labelled as such; validate;
// list; and a comparison model on a local OpenAI-compatible server.

const EVALS = ['evals/invoice-extraction.yaml', 'evals/math-word-problems.yaml', 'evals/multilingual-intents.yaml', 'evals/policy-qa.yaml', 'evals/support-routing.yaml'];

let server: FakeOpenAI | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

describe('offline use', () => {
  it('runs every bundled eval with --simulate auto and no key, labelled as simulated everywhere', async () => {
    const out = tempDir();
    const res = await runCli(['run', ...EVALS, '--simulate', 'auto', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('SIMULATED: ANTHROPIC_API_KEY is not set');
    expect(res.stdout.match(/\[SIMULATED\]/g)?.length).toBeGreaterThanOrEqual(EVALS.length * 3);
    expect(res.stdout).toContain('not real model outputs');
    const dirs = readdirSync(out).sort();
    expect(dirs).toEqual(['invoice-extraction', 'math-word-problems', 'multilingual-intents', 'policy-qa', 'support-routing']);
    for (const d of dirs) {
      const summary = JSON.parse(readFileSync(join(out, d, 'summary.json'), 'utf8')) as { simulated: boolean; models: { model: string; simulated: boolean; n: number; errors: number }[] };
      expect(summary.simulated).toBe(true);
      expect(summary.models.every((m) => m.simulated && m.model.startsWith('sim:') && m.errors === 0 && m.n >= 60)).toBe(true);
      expect(readJsonl<{ simulated: boolean }>(join(out, d, 'records.jsonl')).every((r) => r.simulated)).toBe(true);
    }
  }, 60_000);

  it('is deterministic: the same seed gives the same records, timestamps aside', async () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b]) expect((await runCli(['run', 'evals/support-routing.yaml', '--simulate', 'always', '--out', out, '--quiet'])).code).toBe(0);
    const norm = (dir: string) => readJsonl<Record<string, unknown>>(join(dir, 'records.jsonl'))
      .map(({ runId: _r, startedAt: _s, durationMs: _d, ...rest }) => rest)
      .sort((x, y) => `${String(x['sampleId'])}${String(x['model'])}`.localeCompare(`${String(y['sampleId'])}${String(y['model'])}`));
    expect(norm(a)).toEqual(norm(b));
  }, 30_000);

  it('--dry-run prints the plan with estimates, needs no key, calls nothing and writes nothing', async () => {
    const out = tempDir();
    const res = await runCli(['run', 'evals/support-routing.yaml', '--dry-run', '--out', join(out, 'run')]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('support-routing (dry run, nothing called): 80 samples × 2 model(s) × 1 epoch(s) = 160 calls');
    expect(res.stdout).toMatch(/anthropic:claude-haiku-5-5 +│ 80 +│/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('validates every bundled eval and lists providers, prices and scorers', async () => {
    const v = await runCli(['validate', ...EVALS, '--simulate', 'auto']);
    expect(v.code).toBe(0);
    expect(v.stdout.split('\n').filter((l) => l.startsWith('ok ')).length).toBe(EVALS.length);
    const l = await runCli(['list']);
    expect(l.code).toBe(0);
    for (const word of ['anthropic:<model>', 'openai:<model>', 'sim:claude-haiku-5-5', 'claude-haiku-5-5', '0.5 (2.5 above 100K)', 'json-schema', 'numeric']) expect(l.stdout).toContain(word);
  });

  it('runs a comparison model on a local OpenAI-compatible server without a key', async () => {
    server = await startFakeOpenAI({ respond: (req) => ({ text: String(req.messages.at(-1)?.content ?? '').toUpperCase() }) });
    const dir = tempDir();
    writeFiles(dir, {
      'd.jsonl': '{"id":"1","w":"abc","up":"ABC"}\n{"id":"2","w":"xyz","up":"XYZ"}\n',
      's.yaml': `name: local\ndataset: { path: d.jsonl, fields: { target: up } }\nprompt: { system: "Uppercase it.", user: "{{w}}" }\nmodels: [ { id: "openai:local-model", base_url: "${server.url}", temperature: 0 } ]\nscorers: [ { type: equals } ]\n`,
    });
    const res = await runCli(['run', join(dir, 's.yaml'), '--out', join(dir, 'o'), '--quiet']);
    expect(res.code).toBe(0);
    const recs = readJsonl<{ pass: boolean; costUsd: number | null; simulated: boolean }>(join(dir, 'o/records.jsonl'));
    expect(recs.map((r) => [r.pass, r.costUsd, r.simulated])).toEqual([[true, null, false], [true, null, false]]);
    expect(server.calls[0]?.body).toMatchObject({ model: 'local-model', temperature: 0, messages: [{ role: 'system', content: 'Uppercase it.' }, { role: 'user' }] });
    expect(res.stdout).toContain('cost unknown');
  });
});
