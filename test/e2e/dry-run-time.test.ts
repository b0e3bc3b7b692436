import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// --dry-run estimates the time of the run at the spec's limits, in the text and in --json; nothing is called.

interface TimeJson {
  readonly kind: string;
  readonly ms: readonly [number, number] | null;
  readonly basis: string;
  readonly bounds: readonly { readonly kind: string }[];
  readonly sharedWith: readonly string[];
}

function spec(): string {
  const dir = tempDir();
  const lines = Array.from({ length: 250 }, (_, i) => JSON.stringify({ id: String(i), q: `question ${i}`, a: 'x' })).join('\n');
  writeFiles(dir, {
    'd.jsonl': `${lines}\n`,
    's.yaml': [
      'name: timed',
      'dataset: { path: d.jsonl, fields: { target: a } }',
      'prompt: { user: "{{q}}" }',
      'models:',
      '  - { id: "anthropic:claude-haiku-5-5", max_tokens: 16, rate_limit: { requests_per_minute: 50 } }',
      '  - { id: "anthropic:claude-sonnet-5-5", max_tokens: 16 }',
      'scorers: [ { type: equals } ]',
      '',
    ].join('\n'),
  });
  return join(dir, 's.yaml');
}

describe('run --dry-run: the estimated time at the current limits', () => {
  it('prints a floor from the spec\'s rate limit, and says when nothing bounds the time', async () => {
    const res = await runCli(['run', spec(), '--dry-run']);
    expect(res.code).toBe(0);
    // 250 calls at 50 requests/min, the first 50 at once: (250 − 50) / 50 = 4 min
    expect(res.stdout).toContain('  anthropic:claude-haiku-5-5: time ≥ 4 min (50 requests/min)\n');
    expect(res.stdout).toContain('  anthropic:claude-sonnet-5-5: unknown: no rate limit in the spec and no latency known before a run\n');
  });

  it('--json carries the time, with its basis, next to the old fields', async () => {
    const res = await runCli(['run', spec(), '--dry-run', '--json']);
    expect(res.code).toBe(0);
    const f = JSON.parse(res.stdout) as { models: { model: string; calls: number; latencyMs: number | null; time: TimeJson }[] };
    const [haiku, sonnet] = f.models;
    expect(haiku).toMatchObject({ model: 'anthropic:claude-haiku-5-5', calls: 250, latencyMs: null });
    expect(haiku?.time).toMatchObject({ kind: 'at_least', ms: [240_000, 240_000], sharedWith: [] });
    expect(haiku?.time.basis).toBe("250 calls at 50 requests/min, the first minute's 50 at once: ≥ 4 min; latency unknown before a run");
    expect(sonnet?.time).toEqual({ kind: 'unknown', ms: null, basis: 'unknown: no rate limit in the spec and no latency known before a run', bounds: [], sharedWith: [] });
  });
});
