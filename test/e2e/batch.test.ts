import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicResponder, type FakeAnthropic } from '../support/fake-anthropic.js';
import { CLI, cleanEnv, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// run --batch against the fake Message Batches API: 1,000 samples in four batches, with planted errored
// and expired requests; half price; and a process killed while it polls resumes by collecting the
// batches it created, never creating them again.

interface Rec { sampleId: string; status: string; batchId?: string; latencyMs: number | null; costUsd: number | null; attempts: number; error?: { kind: string }; usage: { inputTokens: number; outputTokens: number } | null }
interface Summary { status: string; items: { planned: number; finished: number; errors: number }; models: { n: number; passed: number; errors: number; errorsByKind: Record<string, number>; costUsd: number; latencyMs: { p50: number | null } }[] }

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const N = 1000;
// Planted outcomes by custom_id (i<plan index>): every 50th errors, every 77th (not 50th) expires.
const outcome = (customId: string) => {
  const i = Number(customId.slice(1));
  return i % 50 === 0 ? 'errored' as const : i % 77 === 0 ? 'expired' as const : 'succeeded' as const;
};
const ERRORED = Math.ceil(N / 50); // 0, 50, …, 950
const EXPIRED = Array.from({ length: N }, (_, i) => i).filter((i) => i % 77 === 0 && i % 50 !== 0).length;

function setup() {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
    'spec.yaml': 'name: batched\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [ { id: anthropic:claude-haiku-5-5, max_tokens: 16 } ]\nscorers: [{ type: equals }]\nrun: { max_error_rate: 0.2 }\n',
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

const respond: AnthropicResponder = (req) => ({ text: lastUserText(req.messages), inputTokens: 1000, outputTokens: 10 });
const FLAGS = ['--batch', '--batch-size', '300', '--batch-poll', '0.02', '--quiet'];

function check(out: string, srv: FakeAnthropic) {
  const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
  expect(recs).toHaveLength(N);
  expect(new Set(recs.map((r) => r.sampleId)).size).toBe(N);
  const errs = recs.filter((r) => r.status === 'error');
  expect(errs.filter((r) => r.error?.kind === 'server')).toHaveLength(ERRORED);
  expect(errs.filter((r) => r.error?.kind === 'expired')).toHaveLength(EXPIRED);
  const ok = recs.filter((r) => r.status === 'ok');
  // Haiku 5.5 at batch price: (1000 × $0.10 + 10 × $0.50) / 1M / 2 = $0.0000525 per item.
  for (const r of ok) expect(r).toMatchObject({ latencyMs: null, attempts: 1, costUsd: 0.0000525 });
  expect(recs.every((r) => r.batchId?.startsWith('msgbatch_01FAKE'))).toBe(true);
  const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
  expect(s.status).toBe('completed');
  expect(s.models[0]).toMatchObject({ n: N, passed: N - ERRORED - EXPIRED, errors: ERRORED + EXPIRED, errorsByKind: { server: ERRORED, expired: EXPIRED }, latencyMs: { p50: null } });
  expect(s.models[0]?.costUsd).toBeCloseTo((N - ERRORED - EXPIRED) * 0.0000525, 10);
  expect(srv.batches.size).toBe(4); // 300 + 300 + 300 + 100, each created once
  expect(srv.calls.filter((c) => c.path === '/v1/messages')).toHaveLength(0);
}

describe('run --batch', () => {
  it('1,000 samples in four batches: errors and expirations recorded, half price, one record per item', async () => {
    server = await startFakeAnthropic({ respond, batch: { retrievesUntilEnded: 3, outcome } });
    const { spec, out } = setup();
    const res = await runCli(['run', spec, '--out', out, ...FLAGS], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code, res.stderr).toBe(0);
    check(out, server);
  });

  it('a process killed while it polls resumes: the same batches are collected, none is created again', async () => {
    const batch = { ended: false, get retrievesUntilEnded() { return this.ended ? 1 : Number.POSITIVE_INFINITY; }, outcome };
    server = await startFakeAnthropic({ respond, batch });
    const { spec, out } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const child = spawn(process.execPath, [CLI, 'run', spec, '--out', out, ...FLAGS], { env: cleanEnv(env), stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const log = join(out, 'batches.jsonl');
    const created = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l.includes('"created"')).length : 0);
    const deadline = Date.now() + 20_000;
    // Wait until all four batches exist and each has been polled at least once.
    while ((created() < 4 || [...(server.batches.values())].some((b) => b.retrieves === 0)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    expect(server.batches.size).toBe(4);
    expect(existsSync(join(out, 'records.jsonl')) ? readJsonl(join(out, 'records.jsonl')) : []).toHaveLength(0);
    batch.ended = true;
    const res = await runCli(['run', '--resume', out, '--batch-poll', '0.02', '--quiet'], { env });
    expect(res.code, res.stderr).toBe(0);
    check(out, server);
  });

  it('--dry-run with --batch forecasts half the cost, and calls nothing', async () => {
    server = await startFakeAnthropic();
    const { spec, out } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const plain = await runCli(['run', spec, '--out', out, '--dry-run', '--json'], { env });
    const batched = await runCli(['run', spec, '--out', out, '--dry-run', '--json', '--batch'], { env });
    const cost = (r: { stdout: string }) => (JSON.parse(r.stdout) as { models: { costUsd: [number, number] }[] }).models[0]?.costUsd;
    const [lo, hi] = cost(plain) ?? [0, 0];
    expect(cost(batched)?.[0]).toBeCloseTo(lo / 2, 12);
    expect(cost(batched)?.[1]).toBeCloseTo(hi / 2, 12);
    expect(hi).toBeGreaterThan(0);
    expect((await runCli(['run', spec, '--out', out, '--dry-run', '--batch'], { env })).stdout).toContain('Message Batches price (50% of list)');
    expect(server.calls).toHaveLength(0);
  });

  it('refuses what batches cannot do, before any call: other providers, --max-cost, a bad --batch-size', async () => {
    server = await startFakeAnthropic();
    const { spec, out } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url };
    const cases: readonly [string[], string][] = [
      [['--model', 'sim:claude-haiku-5-5'], '--batch: sim:claude-haiku-5-5'],
      [['--max-cost', '1'], '--batch: --max-cost cannot be kept'],
      [['--batch-size', '100001'], '--batch-size: must be a whole number from 1 to 100,000'],
    ];
    for (const [flags, message] of cases) {
      const res = await runCli(['run', spec, '--out', out, '--batch', ...flags], { env });
      expect(res.code, flags.join(' ')).toBe(2);
      expect(res.stderr).toContain(message);
    }
    expect(server.calls).toHaveLength(0);
  });
});
