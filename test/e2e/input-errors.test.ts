import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// Bad input exits 2 with every problem named by file, pointer and line, before any request is sent.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const DATA = '{"id":"a","q":"2+2","answer":4}\n{"id":"b","q":"3+3","answer":6}\n';

describe('input errors', () => {
  it('reports all three mistakes of a spec with their locations and sends nothing', async () => {
    server = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': DATA,
      'three.yaml': [
        'name: three-mistakes',
        'dataset:',
        '  path: data.jsonl',
        '  fields: { target: answer }',
        'prompt:',
        '  user: "{{q}}"',
        'models:',
        '  - id: anthropic:claude-haiku-5-5',
        '    max_tokens: -5',            // mistake 1 (line 9)
        'scorers:',
        '  - type: numerik',             // mistake 2 (line 11)
        'run:',
        '  concurency: 4',               // mistake 3 (line 13)
      ].join('\n'),
    });
    const res = await runCli(['run', join(dir, 'three.yaml')], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('3 problems');
    expect(res.stderr).toMatch(/three\.yaml#\/models\/0\/max_tokens \(line 9\): must be >= 1/);
    expect(res.stderr).toMatch(/three\.yaml#\/scorers\/0 \(line 11\): unknown scorer type "numerik" \(did you mean "numeric"\?\); allowed: .*numeric/);
    expect(res.stderr).toMatch(/three\.yaml#\/run \(line 13\): unknown property "concurency" \(did you mean "concurrency"\?\); allowed: epochs, concurrency/);
    expect(server.calls).toHaveLength(0);
  });

  it('names an unfillable placeholder, the sample and its line, before any call', async () => {
    server = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': DATA,
      'typo.yaml': 'name: typo\ndataset: { path: data.jsonl, fields: { target: answer } }\nprompt: { user: "{{question}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: numeric }]\n',
    });
    const res = await runCli(['run', join(dir, 'typo.yaml')], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/typo\.yaml#\/prompt\/user \(line 3\): \{\{question\}\} cannot be filled: no sample has it; fields are: id, q, answer/);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses an anthropic: model without a key, and says how to fix it (no silent simulation)', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.jsonl': DATA, 'k.yaml': 'name: k\ndataset: { path: data.jsonl, fields: { target: answer } }\nprompt: { user: "{{q}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: numeric }]\n' });
    const res = await runCli(['run', join(dir, 'k.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('ANTHROPIC_API_KEY is not set');
    expect(res.stderr).toContain('export ANTHROPIC_API_KEY=');
    expect(res.stderr).toContain('--model sim:claude-haiku-5-5');
  });

  it('reports a malformed dataset row with its file and line', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'bad.jsonl': '{"id":"a","q":"x","answer":1}\n{"id":"b","q":"y",answer:2}\n',
      'd.yaml': 'name: d\ndataset: { path: bad.jsonl, fields: { target: answer } }\nprompt: { user: "{{q}}" }\nmodels: [sim:perfect]\nscorers: [{ type: numeric }]\n',
    });
    const res = await runCli(['validate', join(dir, 'd.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.jsonl:2: invalid JSON/);
  });

  it('rejects temperature for Claude and a retired model, with the reason', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': DATA,
      't.yaml': 'name: t\ndataset: { path: data.jsonl, fields: { target: answer } }\nprompt: { user: "{{q}}" }\nmodels: [{ id: "anthropic:claude-haiku-5-5", temperature: 0 }, anthropic:claude-3-haiku-20240307]\nscorers: [{ type: numeric }]\n',
    });
    const res = await runCli(['validate', join(dir, 't.yaml')], { env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('#/models/0/temperature (line 4): Claude models reject temperature');
    expect(res.stderr).toContain('claude-3-haiku-20240307 is retired 2026-04-20');
  });

  it('never appends to the records of an earlier run in the same directory', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.jsonl': DATA, 's.yaml': 'name: s\ndataset: { path: data.jsonl, fields: { target: answer } }\nprompt: { user: "{{q}}" }\nmodels: [sim:perfect]\nscorers: [{ type: numeric }]\n' });
    const args = ['run', join(dir, 's.yaml'), '--out', join(dir, 'out'), '--quiet'];
    expect((await runCli(args)).code).toBe(0);
    const again = await runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds the records of another run; choose another --out, remove it, or continue it with --resume');
  });

  it('exits 2 on a bad flag, naming it', async () => {
    const res = await runCli(['run', 'evals/support-routing.yaml', '--limit', '0', '--simulate', 'always']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--limit: must be a whole number >= 1');
  });
});
