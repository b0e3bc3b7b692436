import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { startFakeAnthropic, faultSequence, lastUserText, type AnthropicResponder, type FakeAnthropic } from '../support/fake-anthropic.js';
import { ROOT, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { startFakeOpenAI } from '../support/fake-openai.js';

// run --record DIR then run --replay DIR: the bundled support-routing eval (Haiku and Sonnet) recorded
// against the fake Messages API (one 429 and one 500 on the way, retried), then replayed with no key
// and the base URL on a port nothing listens on, and on a server that counts connections: the same
// summary.json (the run's id and times aside), no connection at all. A cassette that lacks a call
// is exit 2 naming the sample and the model, before any call; the judge calls of the model-graded
// bundled eval (policy-qa, simulated) are recorded and replayed too, and a judge call missing from
// the cassette stops the replay with exit 2 naming it.

const KEY = 'sk-ant-test-cassette-0123456789abcdef';
const LIMIT = 12;

let server: FakeAnthropic | undefined;
const raw: Server[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(raw.splice(0).map((s) => new Promise((done) => s.close(done))));
});

const tickets = new Map(readFileSync(join(ROOT, 'datasets/support-tickets.jsonl'), 'utf8').trim().split('\n')
  .map((l) => JSON.parse(l) as { ticket: string; queue: string }).map((t) => [t.ticket.trim(), t.queue] as const));

/** The right queue, except Haiku on every third ticket (wrong but plausible): the two models differ. */
const respond: AnthropicResponder = (req) => {
  const ticket = lastUserText(req.messages).replace(/<\/?ticket>/g, '').trim();
  const queue = tickets.get(ticket) ?? 'unknown';
  const wrong = req.model === 'claude-haiku-5-5' && ticket.length % 3 === 0;
  return { text: wrong ? (queue === 'billing' ? 'sales' : 'billing') : queue, inputTokens: 300, outputTokens: 3 };
};

/** A TCP server that counts the connections it is offered (and drops them). */
async function connectionCounter(): Promise<{ url: string; count: () => number }> {
  let n = 0;
  const s = createServer((socket) => { n += 1; socket.destroy(); });
  raw.push(s);
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const addr = s.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${addr.port}`, count: () => n };
}

/** A port nothing listens on: bound, then closed. */
async function deadPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const addr = s.address();
  await new Promise((done) => s.close(done));
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return `http://127.0.0.1:${addr.port}`;
}

/** summary.json without what differs from run to run by nature. */
function summaryOf(dir: string): Record<string, unknown> {
  const { runId: _r, startedAt: _s, endedAt: _e, ...rest } = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return rest;
}

const SPEC = 'evals/support-routing.yaml';

describe('run --record / --replay', () => {
  it('replays a recorded bundled eval offline to the same summary.json, with no connection and no key', async () => {
    server = await startFakeAnthropic({ respond, fault: faultSequence([{ kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0 }, undefined, { kind: 'http', status: 500, errorType: 'api_error' }]) });
    const dir = tempDir();
    const tape = join(dir, 'tape');
    const rec = await runCli(['run', SPEC, '--limit', String(LIMIT), '--record', tape, '--out', join(dir, 'recorded'), '--quiet'], { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } });
    expect(rec.code, rec.stderr).toBe(0);
    expect(server.calls.filter((c) => c.path === '/v1/messages')).toHaveLength(2 * LIMIT + 2); // two retried
    expect(readdirSync(tape)).toEqual(['support-routing.cassette.jsonl']);
    const text = readFileSync(join(tape, 'support-routing.cassette.jsonl'), 'utf8');
    // The provider-neutral request only: never the key, a header or the endpoint.
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(KEY.slice(0, 12));
    expect(text.toLowerCase()).not.toMatch(/authorization|x-api-key|bearer/);
    expect(text).not.toContain(server.url);
    const entries = readJsonl<{ attempts: { ok: boolean; kind?: string }[] }>(join(tape, 'support-routing.cassette.jsonl'));
    expect(entries).toHaveLength(2 * LIMIT);
    expect(entries.flatMap((e) => e.attempts.filter((a) => !a.ok).map((a) => a.kind)).sort()).toEqual(['rate_limit', 'server']);
    const recorded = readJsonl<{ attempts: number }>(join(dir, 'recorded', 'records.jsonl'));
    expect(recorded.reduce((s, r) => s + r.attempts, 0)).toBe(2 * LIMIT + 2);

    const calls = server.calls.length;
    // No key, and the endpoint a port nothing listens on.
    const dead = await runCli(['run', SPEC, '--limit', String(LIMIT), '--replay', tape, '--out', join(dir, 'replay-dead'), '--quiet'], { env: { ANTHROPIC_BASE_URL: await deadPort() } });
    expect(dead.code, dead.stderr).toBe(0);
    expect(summaryOf(join(dir, 'replay-dead'))).toEqual(summaryOf(join(dir, 'recorded')));
    // The endpoint a server that counts every connection offered to it.
    const counter = await connectionCounter();
    const counted = await runCli(['run', SPEC, '--limit', String(LIMIT), '--replay', tape, '--out', join(dir, 'replay-counted'), '--quiet'], { env: { ANTHROPIC_BASE_URL: counter.url } });
    expect(counted.code, counted.stderr).toBe(0);
    expect(counter.count()).toBe(0);
    expect(server.calls.length).toBe(calls);
    expect(summaryOf(join(dir, 'replay-counted'))).toEqual(summaryOf(join(dir, 'recorded')));
    // Retries replayed as recorded: the same attempts, item by item.
    const replayed = readJsonl<{ sampleId: string; model: string; attempts: number; output: string }>(join(dir, 'replay-counted', 'records.jsonl'));
    const key = (r: { sampleId: string; model: string }) => `${r.sampleId} ${r.model}`;
    expect(new Map(replayed.map((r) => [key(r), [r.attempts, r.output]]))).toEqual(new Map(readJsonl<{ sampleId: string; model: string; attempts: number; output: string }>(join(dir, 'recorded', 'records.jsonl')).map((r) => [key(r), [r.attempts, r.output]])));

    // A replayed run resumed without --replay: run.json names the cassette, so the rest is replayed
    // too (no key, no connection), and the summary is the recorded run's.
    const lines = readFileSync(join(dir, 'replay-counted', 'records.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'replay-counted', 'records.jsonl'), `${lines.slice(0, -5).join('\n')}\n`);
    const resumed = await runCli(['run', '--resume', join(dir, 'replay-counted'), '--quiet'], { env: { ANTHROPIC_BASE_URL: counter.url } });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`started with --replay ${tape}; resuming with the same cassette`);
    expect(counter.count()).toBe(0);
    expect(summaryOf(join(dir, 'replay-counted'))).toEqual(summaryOf(join(dir, 'recorded')));

    // One more sample than was recorded: exit 2 before any call, naming the sample and both models.
    const more = await runCli(['run', SPEC, '--limit', String(LIMIT + 1), '--replay', tape, '--out', join(dir, 'replay-more')], { env: { ANTHROPIC_BASE_URL: counter.url } });
    expect(more.code).toBe(2);
    expect(more.stderr).toMatch(/2 call\(s\) not in the cassette/);
    expect(more.stderr).toMatch(/no entry for sample T-\d+ × anthropic:claude-haiku-5-5 \(epoch 1\)/);
    expect(more.stderr).toMatch(/no entry for sample T-\d+ × anthropic:claude-sonnet-5-5 \(epoch 1\)/);
    expect(existsSync(join(dir, 'replay-more'))).toBe(false);
    expect(counter.count()).toBe(0);
  }, 120_000);

  it('records and replays judge calls; a judge call the cassette lacks is exit 2 naming it', async () => {
    const dir = tempDir();
    const tape = join(dir, 'tape');
    const args = ['run', 'evals/policy-qa.yaml', '--simulate', 'always', '--limit', '6', '--quiet'];
    const rec = await runCli([...args, '--record', tape, '--out', join(dir, 'recorded')]);
    expect(rec.code, rec.stderr).toBe(0);
    const file = join(tape, 'policy-qa.cassette.jsonl');
    const entries = readFileSync(file, 'utf8').trim().split('\n');
    const judged = entries.filter((l) => (JSON.parse(l) as { draw?: string }).draw !== undefined);
    expect(judged.length).toBeGreaterThan(0);
    const replay = await runCli([...args, '--replay', tape, '--out', join(dir, 'replayed')]);
    expect(replay.code, replay.stderr).toBe(0);
    expect(summaryOf(join(dir, 'replayed'))).toEqual(summaryOf(join(dir, 'recorded')));

    // Drop one judge call: the items replay, then that judge call stops the run with exit 2.
    const dropped = JSON.parse(judged[0] ?? '{}') as { sampleId: string; model: string; draw: string };
    writeFileSync(file, `${entries.filter((l) => l !== judged[0]).join('\n')}\n`);
    const miss = await runCli([...args, '--replay', tape, '--out', join(dir, 'missing')]);
    expect(miss.code).toBe(2);
    expect(miss.stderr).toContain(`no entry for sample ${dropped.sampleId} × ${dropped.model} (epoch 1, judge call ${dropped.draw})`);
  }, 120_000);

  it('records and replays an OpenAI-compatible model with prompt variants; the endpoint closed, no key', async () => {
    const openai = await startFakeOpenAI({ respond: (req) => ({ text: String(req.messages.some((m) => JSON.stringify(m).includes('LOUD'))) }) });
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `q${i}`, t: i % 2 === 0 ? 'true' : 'false' })).join('\n'),
      'spec.yaml': `name: oa\ndataset: { path: data.jsonl, fields: { target: t } }\nprompts:\n  - { id: quiet, user: "{{q}}" }\n  - { id: loud, user: "LOUD {{q}}" }\nmodels: [ { id: openai:fake-model, base_url: "${openai.url}", max_tokens: 8 } ]\nscorers: [{ type: equals }]\n`,
    });
    const rec = await runCli(['run', join(dir, 'spec.yaml'), '--record', join(dir, 'tape'), '--out', join(dir, 'recorded'), '--quiet'], { env: { OPENAI_API_KEY: 'sk-openai-secret-123456' } });
    expect(rec.code, rec.stderr).toBe(0);
    expect(openai.calls).toHaveLength(20);
    await openai.close();
    expect(readFileSync(join(dir, 'tape', 'oa.cassette.jsonl'), 'utf8')).not.toContain('sk-openai-secret');
    const replay = await runCli(['run', join(dir, 'spec.yaml'), '--replay', join(dir, 'tape'), '--out', join(dir, 'replayed'), '--quiet']);
    expect(replay.code, replay.stderr).toBe(0);
    const s = summaryOf(join(dir, 'replayed'));
    expect(s).toEqual(summaryOf(join(dir, 'recorded')));
    expect(s['variants']).toMatchObject({ ids: ['quiet', 'loud'], comparisons: [{ baseModel: 'openai:fake-model', n: 10, diff: 0, regressed: 5, improved: 5 }] });
  }, 60_000);

  it('replays the example cassette in evals/examples, and recording it again gives the same file', async () => {
    const dir = tempDir();
    const args = ['run', 'evals/examples/first-eval.yaml', '--simulate', 'always', '--limit', '10', '--quiet'];
    const replay = await runCli([...args, '--replay', 'evals/examples/cassettes', '--out', join(dir, 'replayed')]);
    expect(replay.code, replay.stderr).toBe(0);
    const rec = await runCli([...args, '--record', join(dir, 'tape'), '--out', join(dir, 'recorded')]);
    expect(rec.code, rec.stderr).toBe(0);
    expect(readFileSync(join(dir, 'tape', 'first-eval.cassette.jsonl'), 'utf8')).toBe(readFileSync(join(ROOT, 'evals/examples/cassettes/first-eval.cassette.jsonl'), 'utf8'));
    expect(summaryOf(join(dir, 'replayed'))).toEqual(summaryOf(join(dir, 'recorded')));
  }, 60_000);

  it('refuses bad cassette flags and a missing cassette before any call (exit 2)', async () => {
    const dir = tempDir();
    const both = await runCli(['run', SPEC, '--record', join(dir, 'a'), '--replay', join(dir, 'a')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--record and --replay: give one');
    const none = await runCli(['run', SPEC, '--replay', join(dir, 'nothing'), '--out', join(dir, 'out')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no cassette for eval support-routing/);
    expect(none.stderr).toContain('support-routing.cassette.jsonl does not exist; record it first with --record');
  });
});
