import { describe, expect, it } from 'vitest';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// A base URL that cannot be called (no scheme, a password in it, not http) is refused before any call
// with exit 2, whether it comes from the spec or the environment, and a password is never printed.

const spec = (model: string) => `name: u\ndataset: { path: d.jsonl, fields: { target: a } }\nprompt: { user: "{{q}}" }\nmodels:\n  - ${model}\nscorers: [{ type: equals }]\n`;

describe('base URLs are checked before any call', () => {
  it('validate names the spec place of a bad base_url', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.jsonl': '{"id":"1","q":"x","a":"y"}\n', 's.yaml': spec('{ id: "openai:m", base_url: "localhost:8080/v1" }') });
    const res = await runCli(['validate', 's.yaml'], { cwd: dir, env: { OPENAI_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('s.yaml#/models/0/base_url (line 5): "localhost:8080/v1" has no scheme; write http://localhost:8080/v1');
  });

  it('run refuses ANTHROPIC_BASE_URL with a password, without printing it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'd.jsonl': '{"id":"1","q":"x","a":"y"}\n', 's.yaml': spec('anthropic:claude-haiku-5-5') });
    const res = await runCli(['run', 's.yaml', '--out', 'o'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://me:s3cret@127.0.0.1:9' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('ANTHROPIC_BASE_URL cannot be used: the URL holds a user name or password');
    expect(res.stdout + res.stderr).not.toContain('s3cret');
  });
});
