import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// --max-cost: no call starts that would take the spend past the budget; the run stops with exit 3
// and partial results, and a resumed run can be given more.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

function setup(n: number) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
    'spec.yaml': 'name: budget\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-sonnet-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 4 }\n',
  });
  return { spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

describe('--max-cost', () => {
  it('stops before the spend passes the budget, writes partial results, exits 3; resume with more finishes', async () => {
    // Every call: 1000 input + 100 output tokens on Sonnet 5.5 ($2 / $10 per MTok) = $0.003.
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), inputTokens: 1000, outputTokens: 100 }) });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const { spec, out } = setup(40);
    const res = await runCli(['run', spec, '--out', out, '--max-cost', '0.05', '--quiet'], { env });
    expect(res.code).toBe(3);
    expect(res.stdout).toContain('INCOMPLETE: stopped by --max-cost $0.050');
    const recs = readJsonl<{ costUsd: number }>(join(out, 'records.jsonl'));
    const spent = recs.reduce((s, r) => s + r.costUsd, 0);
    expect(recs).toHaveLength(16); // floor(0.05 / 0.003): the 17th would pass the budget
    expect(spent).toBeLessThanOrEqual(0.05);
    expect(server.calls).toHaveLength(16);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { status: string; stoppedBy: string; options: { maxCostUsd: number } };
    expect(summary).toMatchObject({ status: 'aborted', stoppedBy: 'max_cost', options: { maxCostUsd: 0.05 } });
    const more = await runCli(['run', '--resume', out, '--max-cost', '1', '--quiet'], { env });
    expect(more.code).toBe(0);
    expect(readJsonl(join(out, 'records.jsonl'))).toHaveLength(40);
  });

  it('refuses a budget it could not keep: a model with no known price', async () => {
    const { spec, out } = setup(3);
    const res = await runCli(['run', spec, '--out', out, '--model', 'sim:perfect', '--max-cost', '1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--max-cost: sim:perfect has no known price');
  });
});
