import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, faultEvery, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, lastUserContent, type FakeOpenAI } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// A connection cut after the response started (200 and its headers, part of the body, then the socket
// closes) is a connection fault like a reset: retried, recorded as `connection`, and nothing is lost.
// The built CLI against the fakes, on the three wire paths: Anthropic non-streaming, Anthropic
// streaming, OpenAI-compatible.

interface Rec { status: string; attempts: number; retries: { kind: string }[]; error?: { kind: string } }

const N = 40;
let servers: (FakeAnthropic | FakeOpenAI)[] = [];
afterEach(async () => { await Promise.all(servers.map((s) => s.close())); servers = []; });

/** About a third of calls are cut; the decision is per call index, so retries mostly go through. */
const cuts = faultEvery(0.35, 5, [{ kind: 'cut' }]);

function spec(dir: string, model: string): string {
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `word${i}` })).join('\n'),
    'spec.yaml': `name: cut\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [ ${model} ]\nscorers: [ { type: equals } ]\nrun: { concurrency: 4, retries: { server: 8 } }\n`,
  });
  return join(dir, 'spec.yaml');
}

async function anthropic(stream: boolean) {
  const server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages) }), fault: cuts });
  servers.push(server);
  const model = `{ id: "anthropic:claude-haiku-5-5", max_tokens: 32${stream ? ', stream: true' : ''} }`;
  return { server, model, env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } };
}

async function openai() {
  const server = await startFakeOpenAI({ respond: (req) => ({ text: lastUserContent(req.messages) }), fault: cuts });
  servers.push(server);
  return { server, model: `{ id: "openai:fake-model", base_url: "${server.url}", max_tokens: 32 }`, env: { OPENAI_API_KEY: 'k' } };
}

describe('a connection cut mid-response is retried as a connection fault', () => {
  it.each([
    ['Anthropic, non-streaming', () => anthropic(false)],
    ['Anthropic, streaming', () => anthropic(true)],
    ['OpenAI-compatible', openai],
  ])('%s: every item scored, the cuts recorded as connection retries', async (_name, start) => {
    const { server, model, env } = await start();
    const dir = tempDir();
    const res = await runCli(['run', spec(dir, model), '--out', join(dir, 'out'), '--quiet'], { env });
    const recs = readJsonl<Rec>(join(dir, 'out/records.jsonl'));
    expect(recs.filter((r) => r.status !== 'ok').map((r) => r.error)).toEqual([]);
    expect(res.code).toBe(0);
    const cut = server.calls.filter((c) => c.fault === 'cut').length;
    expect(cut).toBeGreaterThan(5);
    expect(recs.reduce((n, r) => n + r.attempts, 0)).toBe(server.calls.length);
    expect(recs.flatMap((r) => r.retries.map((x) => x.kind)).filter((k) => k === 'connection')).toHaveLength(cut);
  }, 60_000);
});
