import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, faultEvery, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Acceptance (issue 2): against the fake Messages API with 10% injected 429/529 faults, a 500-sample
// run completes with every sample scored, the attempts visible in records.jsonl, and pass rates
// identical to a fault-free run.

interface Rec { sampleId: string; model: string; status: string; pass?: boolean; attempts: number; retries: { kind: string }[]; output: string }

const N = 500;
const LABELS = ['alpha', 'beta', 'gamma', 'delta'];

function writeEval(dir: string): string {
  const rows = Array.from({ length: N }, (_, i) => JSON.stringify({ id: `q${i}`, word: LABELS[i % 4], expected: LABELS[i % 4] }));
  writeFiles(dir, {
    'data.jsonl': `${rows.join('\n')}\n`,
    'spec.yaml': [
      'name: fault-run',
      'dataset: { path: data.jsonl, fields: { target: expected } }',
      'prompt: { user: "Item {{id}}. Say the word: {{word}}" }',
      'models: [ { id: "anthropic:claude-haiku-5-5", max_tokens: 8 } ]',
      'scorers: [ { type: label, allowed: [alpha, beta, gamma, delta] } ]',
      'run: { concurrency: 32, max_attempts: 8 }',
    ].join('\n'),
  });
  return join(dir, 'spec.yaml');
}

// Deterministic per request, not per call: the same sample always gets the same answer, and every
// seventh item is answered wrongly, so the pass rate is not trivially 100%.
const respond = (req: { messages: readonly { role: string; content: unknown }[] }) => {
  const m = /^Item q(\d+)\. Say the word: (\w+)/.exec(lastUserText(req.messages));
  const [item, word] = [Number(m?.[1]), m?.[2] ?? ''];
  return { text: item % 7 === 0 ? LABELS[(LABELS.indexOf(word) + 1) % 4] ?? 'alpha' : word };
};

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

async function run(fault?: Parameters<typeof startFakeAnthropic>[0]) {
  server = await startFakeAnthropic({ respond, ...fault });
  const dir = tempDir();
  const out = join(dir, 'run');
  const res = await runCli(['run', writeEval(dir), '--out', out, '--quiet'], { env: { ANTHROPIC_API_KEY: 'sk-ant-test-SECRET123456', ANTHROPIC_BASE_URL: server.url } });
  const calls = server.calls.length;
  await server.close();
  server = undefined;
  return { res, out, calls, records: readJsonl<Rec>(join(out, 'records.jsonl')) };
}

describe('a 500-sample run under 10% injected 429/529 faults', () => {
  it('scores every sample, records every attempt, and matches the fault-free pass rates', async () => {
    const clean = await run();
    const faulty = await run({
      fault: faultEvery(0.1, 42, [
        { kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0.01 },
        { kind: 'http', status: 529, errorType: 'overloaded_error' },
      ]),
    });
    expect(clean.res.code).toBe(0);
    expect(faulty.res.code).toBe(0);
    expect(faulty.records).toHaveLength(N);
    expect(faulty.records.every((r) => r.status === 'ok')).toBe(true);
    // Every call the server saw is accounted for in some record's attempts, and faults were retried.
    const attempts = faulty.records.reduce((s, r) => s + r.attempts, 0);
    expect(attempts).toBe(faulty.calls);
    expect(faulty.calls).toBeGreaterThan(N + 20);
    const retried = faulty.records.filter((r) => r.attempts > 1);
    expect(retried.length).toBeGreaterThan(20);
    expect(new Set(retried.flatMap((r) => r.retries.map((x) => x.kind)))).toEqual(new Set(['rate_limit', 'overloaded']));
    // Same verdict for every sample, so identical pass rates.
    const verdicts = (rs: Rec[]) => Object.fromEntries(rs.map((r) => [r.sampleId, r.pass]));
    expect(verdicts(faulty.records)).toEqual(verdicts(clean.records));
    const summary = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { models: { passRate: number; errors: number; attempts: number }[] };
    const [a, b] = [summary(clean.out).models[0], summary(faulty.out).models[0]];
    expect(b?.passRate).toBe(a?.passRate);
    expect(b?.errors).toBe(0);
    expect(a?.passRate).toBeLessThan(1);
    // The key never appears in any output.
    const everything = faulty.res.stdout + faulty.res.stderr + readFileSync(join(faulty.out, 'records.jsonl'), 'utf8') + readFileSync(join(faulty.out, 'summary.json'), 'utf8');
    expect(everything).not.toContain('SECRET123456');
  }, 60_000);
});
