import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// A 50 MB prompt used to be sent. Now a request above the Messages API's 32 MB is refused before any
// call (exit 2, naming the sample, its size, the limit and the fix), and a sample estimated above the
// model's context window is a warning.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const spec = (model: string) => `name: big\ndataset: { path: d.jsonl, fields: { target: a } }\nprompt: { user: "{{q}}" }\nmodels: [${model}]\nscorers: [{ type: equals }]\n`;
const row = (id: string, q: string) => `${JSON.stringify({ id, q, a: 'x' })}\n`;

describe('request size and context window, before any call', () => {
  it('a 35 MB request is refused with exit 2 and nothing is sent', async () => {
    server = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, { 's.yaml': spec('anthropic:claude-haiku-5-5'), 'd.jsonl': row('small', 'hi') + row('huge', 'word '.repeat(7 * 1024 * 1024)) });
    const res = await runCli(['run', 's.yaml', '--out', 'o'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('sample huge (d.jsonl:2): its request to anthropic:claude-haiku-5-5 is 35.0 MB (36,700,266 bytes), above the limit of the Messages API (32 MB a request); shorten that sample or leave it out of the dataset (run --batch takes requests up to 256 MB)');
    expect(server.calls).toHaveLength(0);
    expect(existsSync(join(dir, 'o', 'records.jsonl'))).toBe(false);
  }, 60_000);

  it('a sample estimated above the context window is a warning naming it, its estimate and the window', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.yaml': spec('{ id: "anthropic:claude-haiku-4-5", max_tokens: 64000 }'), 'd.jsonl': row('a', 'x'.repeat(900_000)) + row('b', 'y'.repeat(700_000)) + row('c', 'z') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("warning: anthropic:claude-haiku-4-5: 1 sample with more input tokens (estimated at ~4 characters a token) than claude-haiku-4-5's context window of 200,000 tokens: a (d.jsonl:1: about 225,0");
    expect(res.stdout).toContain("warning: anthropic:claude-haiku-4-5: 1 sample whose input tokens (estimated) + max_tokens pass claude-haiku-4-5's context window of 200,000 tokens: b (d.jsonl:2: about 175,0");
    expect(res.stdout).toContain('lower max_tokens or shorten it');
  }, 60_000);

  // A dataset in file order is checked as it streams by; a shuffled one after loading: the same warnings.
  it('a shuffled dataset gets the same warnings', async () => {
    const dir = tempDir();
    writeFiles(dir, { 's.yaml': spec('{ id: "anthropic:claude-haiku-4-5", max_tokens: 64000 }').replace('fields: { target: a } }', 'fields: { target: a }, shuffle: true, seed: 5 }'), 'd.jsonl': row('a', 'x'.repeat(900_000)) + row('b', 'y'.repeat(700_000)) + row('c', 'z') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("warning: anthropic:claude-haiku-4-5: 1 sample with more input tokens (estimated at ~4 characters a token) than claude-haiku-4-5's context window of 200,000 tokens: a (d.jsonl:1: about 225,0");
    expect(res.stdout).toContain("warning: anthropic:claude-haiku-4-5: 1 sample whose input tokens (estimated) + max_tokens pass claude-haiku-4-5's context window of 200,000 tokens: b (d.jsonl:2: about 175,0");
  }, 60_000);
});
