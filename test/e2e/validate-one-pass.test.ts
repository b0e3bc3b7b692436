import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// Three mistakes in one spec (a misspelt scorer type, a misspelt target column, a misspelt placeholder)
// are reported by one `validate` (and one `run`, before any call): grouped, each with its fix.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const rows = Array.from({ length: 600 }, (_, i) => `${i},"review number ${i}",${i % 2 === 0 ? 'positive' : 'negative'}`);
const files = (scorerType: string, target: string, placeholder: string) => ({
  'reviews.csv': `id,review,sentiment\n${rows.join('\n')}\n`,
  'spec.yaml': `name: reviews
dataset:
  path: reviews.csv
  fields:
    id: id
    target: ${target}
prompt:
  user: "Classify: {{${placeholder}}}"
models:
  - anthropic:claude-haiku-5-5
scorers:
  - type: ${scorerType}
    allowed: [positive, negative]
`,
});

describe('validation in one pass', () => {
  it('validate reports the scorer type, the target column and the placeholder at once, each once', async () => {
    const dir = tempDir();
    writeFiles(dir, files('lable', 'sentimnet', 'reveiw'));
    const res = await runCli(['validate', 'spec.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines[0]).toBe('FAIL spec.yaml: 3 problems (in the spec, its dataset and its templates)');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('spec.yaml#/scorers/0 (line 12): unknown scorer type "lable" (did you mean "label"?)');
    expect(lines[2]).toBe('  reviews.csv: no target field "sentimnet" in 600 of 600 records, first reviews.csv:2, reviews.csv:3, reviews.csv:4 (dataset.fields.target; did you mean "sentiment"?); fields are: id, review, sentiment');
    expect(lines[3]).toBe('  spec.yaml#/prompt/user (line 8): {{reveiw}} cannot be filled: no sample has it (did you mean {{review}}?); fields are: id, review, sentiment');
  });

  it('run finds the same problems before any call (exit 2)', async () => {
    server = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, files('lable', 'sentimnet', 'reveiw'));
    const res = await runCli(['run', join(dir, 'spec.yaml')], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('3 problems');
    expect(server.calls).toHaveLength(0);
  });

  it.each([
    ['only the scorer type', 'lable', 'sentiment', 'review', 'unknown scorer type "lable"'],
    ['only the target', 'label', 'sentimnet', 'review', 'no target field "sentimnet" in 600 of 600 records'],
    ['only the placeholder', 'label', 'sentiment', 'reveiw', '{{reveiw}} cannot be filled'],
  ])('%s: one problem, as before', async (_name, type, target, placeholder, text) => {
    const dir = tempDir();
    writeFiles(dir, files(type, target, placeholder));
    const res = await runCli(['validate', 'spec.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(text);
    expect(res.stderr).toContain(': 1 problem');
  });

  it('a problem outside the scorers stops at the schema (nothing else can be checked)', async () => {
    const dir = tempDir();
    writeFiles(dir, files('lable', 'sentimnet', 'reveiw'));
    writeFiles(dir, { 'spec.yaml': `${files('lable', 'sentimnet', 'reveiw')['spec.yaml']}run: { concurency: 4 }\n` });
    const res = await runCli(['validate', 'spec.yaml'], { cwd: dir, env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('unknown property "concurency" (did you mean "concurrency"?)');
    expect(res.stderr).not.toContain('sentimnet');
  });
});
