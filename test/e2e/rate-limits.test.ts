import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Against a server that enforces a request rate and says so in its anthropic-ratelimit-* headers, the
// run paces itself under the limit instead of bouncing off it, and loses nothing.

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

describe('rate limits', () => {
  it('200 samples against 50 requests per 2-second window: under 5% of requests answered 429, none lost', async () => {
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages) }), requestLimit: { perWindow: 50, windowMs: 2000 } });
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
      'spec.yaml': 'name: paced\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 16 }\n',
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--quiet'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(0);
    const recs = readJsonl<{ status: string; pass: boolean }>(join(dir, 'out/records.jsonl'));
    expect(recs).toHaveLength(200);
    expect(recs.every((r) => r.status === 'ok' && r.pass)).toBe(true);
    const limited = server.calls.filter((c) => c.status === 429).length;
    expect(limited / server.calls.length).toBeLessThan(0.05);
  }, 60_000);
});
