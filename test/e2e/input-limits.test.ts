import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// Accepted without a word before: a dataset that is not UTF-8, max_tokens above the model's output
// limit, an unknown Claude model id. Now: a warning (the run goes on) or a refusal (exit 2) before any call.

const spec = (model: string) => `name: lim\ndataset: { path: d.jsonl, fields: { target: a } }\nprompt: { user: "{{q}}" }\nmodels:\n  - ${model}\nscorers: [{ type: equals }]\n`;
const data = '{"id":"1","q":"x","a":"y"}\n';

describe('limits and warnings before any call', () => {
  it('max_tokens above the model\'s output limit is exit 2 with the limit', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.jsonl': data, 's.yaml': spec('{ id: "anthropic:claude-haiku-5-5", max_tokens: 1000000000000 }') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("s.yaml#/models/0/max_tokens (line 5): max_tokens 1000000000000 is above claude-haiku-5-5's output limit of 128000; lower it");
  });

  it('an unknown Claude model id is a warning naming the nearest known one', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.jsonl': data, 's.yaml': spec('anthropic:claude-haiku-55') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('warning: anthropic:claude-haiku-55: "claude-haiku-55" is not a Claude model haikubench knows (did you mean "claude-haiku-5-5"?)');
  });

  it('a dataset with bytes that are not UTF-8 is a warning naming the line; run says it too, simulated', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.yaml': spec('sim:claude-haiku-5-5') });
    writeFiles(dir, { 'd.jsonl': Buffer.concat([Buffer.from(data), Buffer.from('{"id":"2","q":"caf'), Buffer.from([0xe9]), Buffer.from('","a":"y"}\n')]) as unknown as string });
    const v = await runCli(['validate', 's.yaml'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('warning: d.jsonl:2: bytes that are not UTF-8');
    const r = await runCli(['run', 's.yaml', '--out', 'o'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: d.jsonl:2: bytes that are not UTF-8');
  });

  it('a known model with max_tokens within its limit gets no warning', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.jsonl': data, 's.yaml': spec('{ id: "anthropic:claude-haiku-4-5", max_tokens: 64000 }') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain('warning');
  });
});
