import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../support/cli.js';

// Runs only with a real key (never in CI): a bundled eval against the real Claude models.
const key = process.env['ANTHROPIC_API_KEY'];

describe.runIf(key !== undefined && key !== '')('live: bundled eval against Claude', () => {
  it('runs support-routing on 5 samples against claude-haiku-5-5 and claude-sonnet-5-5', async () => {
    const out = tempDir();
    const env: Record<string, string> = { ANTHROPIC_API_KEY: key ?? '' };
    if (process.env['ANTHROPIC_BASE_URL']) env['ANTHROPIC_BASE_URL'] = process.env['ANTHROPIC_BASE_URL'];
    const res = await runCli(['run', 'evals/support-routing.yaml', '--limit', '5', '--out', out, '--quiet'], { env, timeoutMs: 120_000 });
    expect([0, 1]).toContain(res.code);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { simulated: boolean; models: { model: string; n: number; errors: number }[] };
    expect(summary.simulated).toBe(false);
    expect(summary.models.map((m) => m.model)).toEqual(['anthropic:claude-haiku-5-5', 'anthropic:claude-sonnet-5-5']);
    expect(res.stdout + res.stderr).not.toContain(key ?? '<no key>');
  }, 180_000);
});
