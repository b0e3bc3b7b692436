import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, faultSequence, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// The response cache, as a user meets it: a second identical run makes no call and reports the
// original latency and cost apart from what it spent; anything that changes the answer misses;
// errors are never cached; --no-cache, the TTL and the `cache` command.

interface Rec { sampleId: string; epoch: number; status: string; cached: boolean; cachedAt?: string; attempts: number; latencyMs: number | null; costUsd: number | null; pass?: boolean }
interface ModelSum { passRate: number; costUsd: number; spentUsd: number; cached: number; latencyMs: { p50: number } }

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const N = 12;
const SPEC = (maxTokens: number) =>
  `name: cached\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [ { id: anthropic:claude-haiku-5-5, max_tokens: ${maxTokens} } ]\nscorers: [{ type: equals }]\nrun: { concurrency: 4 }\n`;

function setup() {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
    'spec.yaml': SPEC(64),
  });
  return { dir, spec: join(dir, 'spec.yaml'), cacheDir: join(dir, 'cache') };
}

const records = (out: string) => readJsonl<Rec>(join(out, 'records.jsonl'));
const summaryOf = (out: string) => (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: ModelSum[] }).models[0] as ModelSum;

describe('response cache', () => {
  it('a second identical run calls nothing; latency and cost are the original call\'s, spent is $0', async () => {
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), delayMs: 5, inputTokens: 1000, outputTokens: 10 }) });
    const { dir, spec, cacheDir } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cacheDir };
    const first = await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet'], { env });
    expect(first.code).toBe(0);
    expect(server.calls).toHaveLength(N);
    // Another concurrency does not change the answer, so it does not change the key.
    const second = await runCli(['run', spec, '--out', join(dir, 'b'), '--concurrency', '1'], { env });
    expect(second.code).toBe(0);
    expect(server.calls).toHaveLength(N);
    const a = new Map(records(join(dir, 'a')).map((r) => [r.sampleId, r]));
    for (const r of records(join(dir, 'b'))) {
      const orig = a.get(r.sampleId);
      expect(r).toMatchObject({ status: 'ok', cached: true, attempts: 0, pass: true, latencyMs: orig?.latencyMs, costUsd: orig?.costUsd });
      expect(Date.parse(r.cachedAt ?? '')).toBeGreaterThan(0);
      expect(orig?.cached).toBe(false);
    }
    const sa = summaryOf(join(dir, 'a'));
    const sb = summaryOf(join(dir, 'b'));
    expect(sb).toMatchObject({ passRate: sa.passRate, costUsd: sa.costUsd, cached: N, spentUsd: 0, latencyMs: sa.latencyMs });
    expect(sa).toMatchObject({ cached: 0, spentUsd: sa.costUsd });
    expect(second.stdout).toContain(`${N} answer(s) from the response cache`);
  });

  it('misses when the answer could change: max_tokens, epoch; and with --no-cache or --cache-ttl 0', async () => {
    server = await startFakeAnthropic();
    const { dir, spec, cacheDir } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cacheDir };
    const run = async (name: string, ...flags: string[]) => {
      const res = await runCli(['run', spec, '--out', join(dir, name), '--quiet', ...flags], { env });
      expect(res.code, res.stderr).toBe(0);
      return server?.calls.length ?? 0;
    };
    expect(await run('a')).toBe(N);
    expect(await run('b', '--no-cache')).toBe(2 * N);
    expect(await run('c', '--cache-ttl', '0')).toBe(3 * N);
    expect(await run('d', '--cache-ttl', 'never')).toBe(3 * N);
    // Epoch 1 is cached already; epoch 2 is another draw.
    expect(await run('e', '--epochs', '2')).toBe(4 * N);
    writeFileSync(spec, SPEC(32));
    expect(await run('f')).toBe(5 * N);
  });

  it('never caches an error: the failed item is called again on the next run', async () => {
    const badRequest = { kind: 'http' as const, status: 400, errorType: 'invalid_request_error' };
    server = await startFakeAnthropic({ fault: faultSequence([badRequest]) });
    const { dir, spec, cacheDir } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cacheDir, };
    const first = await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet', '--concurrency', '1'], { env });
    expect(first.code).toBe(0); // 1 error in 12 is under the default max error rate
    const failed = records(join(dir, 'a')).filter((r) => r.status === 'error');
    expect(failed).toHaveLength(1);
    await runCli(['run', spec, '--out', join(dir, 'b'), '--quiet'], { env });
    expect(server.calls).toHaveLength(N + 1);
    const again = records(join(dir, 'b')).find((r) => r.sampleId === failed[0]?.sampleId);
    expect(again).toMatchObject({ status: 'ok', cached: false, attempts: 1 });
  });

  it('the cache command: stats, clear by model, clear all; a simulated-only run leaves no cache file', async () => {
    server = await startFakeAnthropic();
    const { dir, spec, cacheDir } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cacheDir };
    await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet'], { env });
    const stats = await runCli(['cache', 'stats', '--json'], { env });
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ entries: N, byModel: [{ model: 'anthropic:claude-haiku-5-5', entries: N }] });
    const text = await runCli(['cache', 'stats'], { env });
    expect(text.stdout).toContain(`entries: ${N}`);
    expect((await runCli(['cache', 'clear', '--model', 'openai:other'], { env })).stdout).toContain('0 entries deleted');
    expect((await runCli(['cache', 'clear', '--older-than', '1d'], { env })).stdout).toContain('0 entries deleted');
    expect((await runCli(['cache', 'clear'], { env })).stdout).toContain(`${N} entries deleted`);
    expect(JSON.parse((await runCli(['cache', 'stats', '--json'], { env })).stdout)).toMatchObject({ entries: 0 });
    const bad = await runCli(['run', spec, '--out', join(dir, 'x'), '--cache-ttl', '2 weeks'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('2 weeks');
    const simDir = join(dir, 'sim-cache');
    const sim = await runCli(['run', spec, '--out', join(dir, 's'), '--model', 'sim:claude-haiku-5-5', '--quiet'], { env: { HAIKUBENCH_CACHE_DIR: simDir } });
    expect(sim.code).toBe(0);
    expect(existsSync(simDir)).toBe(false);
  });
});
