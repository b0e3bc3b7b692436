import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { startFakeAnthropic, faultSequence, lastUserText, type FakeAnthropic, type Fault } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { recordSchema, summarySchema } from '../../src/report/schemas.js';

// The real SDK path against the fake Messages API: faults of every kind, thinking, stop reasons,
// and errors recorded as errors (never as failed samples).

interface Rec { sampleId: string; status: string; pass?: boolean; attempts: number; output: string; stopReason: string | null; usage: { outputTokens: number; thinkingTokens: number } | null; error?: { kind: string; stage: string; message: string }; retries: { kind: string }[] }
interface Summary { verdict: string; models: { passed: number; failed: number; errors: number; errorsByKind: Record<string, number>; stopReasons: Record<string, number>; tokens: { thinking: number } }[] }

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

function evalDir(n: number, model: string): string {
  const dir = tempDir();
  const rows = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `s${i}`, word: `w${i}` }));
  writeFiles(dir, {
    'data.jsonl': rows.join('\n'),
    'spec.yaml': `name: behaviour\ndataset: { path: data.jsonl, fields: { target: word } }\nprompt: { user: "{{word}}" }\nmodels: [ ${model} ]\nscorers: [ { type: equals } ]\nrun: { concurrency: 1, max_attempts: 3, timeout_ms: 1500 }\n`,
  });
  return dir;
}

async function run(dir: string, opts: Parameters<typeof startFakeAnthropic>[0]) {
  server = await startFakeAnthropic(opts);
  // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
  const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--quiet'], { env: { ANTHROPIC_API_KEY: 'sk-ant-xyz', ANTHROPIC_BASE_URL: server.url, COLUMNS: '1000' } });
  const records = readJsonl<Rec>(join(dir, 'out/records.jsonl'));
  const summary = JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8')) as Summary;
  return { res, records, summary };
}

const answer = (req: { messages: readonly { role: string; content: unknown }[] }) => ({ text: lastUserText(req.messages) });

describe('anthropic provider through the real SDK', () => {
  it.each([
    ['non-streaming', '{ id: "anthropic:claude-haiku-5-5", max_tokens: 64 }'],
    ['streaming', '{ id: "anthropic:claude-haiku-5-5", max_tokens: 64, stream: true }'],
  ])('retries every transient fault kind (%s) and ends with every sample scored', async (_name, model) => {
    const faults: (Fault | undefined)[] = [
      { kind: 'stream-error', errorType: 'overloaded_error' },
      { kind: 'malformed' },
      { kind: 'http', status: 500, errorType: 'api_error' },
      { kind: 'reset' },
      { kind: 'hang' },
      { kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 0 },
    ];
    const sequence = faults.flatMap((f) => [f, undefined]); // each fault, then a success for that sample
    const { res, records } = await run(evalDir(6, model), { respond: answer, fault: faultSequence(sequence) });
    expect(res.code).toBe(0);
    expect(records.map((r) => [r.status, r.pass, r.attempts])).toEqual(Array.from({ length: 6 }, () => ['ok', true, 2]));
    expect(records.map((r) => r.retries[0]?.kind)).toEqual(['overloaded', 'server', 'server', 'connection', 'timeout', 'rate_limit']);
  }, 30_000);

  it('records a deterministic 400 as an error, not a failure, and exits 3 past the error limit', async () => {
    const fault = () => ({ kind: 'http', status: 400, errorType: 'invalid_request_error' }) as const;
    const { res, records, summary } = await run(evalDir(3, 'anthropic:claude-haiku-5-5'), { respond: answer, fault });
    expect(res.code).toBe(3);
    expect(records.every((r) => r.status === 'error' && r.pass === undefined && r.attempts === 1 && r.error?.kind === 'bad_request')).toBe(true);
    expect(summary.models[0]).toMatchObject({ passed: 0, failed: 0, errors: 3, errorsByKind: { bad_request: 3 } });
    expect(summary.verdict).toBe('incomplete');
    expect(res.stdout).toContain('INCOMPLETE');
    // The errors are listed by kind, with where the calls went (the host, never the key) and the first message.
    expect(res.stdout).toContain(`anthropic:claude-haiku-5-5: bad_request 3 at ${new URL(server?.url ?? '').host}; first: ${records[0]?.error?.message ?? ''}`);
    expect(res.stdout).not.toContain('sk-ant-xyz');
  });

  it('stops the run with the circuit breaker after 20 identical 401s in a row, instead of failing every item', async () => {
    const fault = () => ({ kind: 'http', status: 401, errorType: 'authentication_error' }) as const;
    const { res, records, summary } = await run(evalDir(30, 'anthropic:claude-haiku-5-5'), { respond: answer, fault });
    expect(res.code).toBe(3);
    expect(records).toHaveLength(20); // concurrency 1: the 20th error trips it, nothing more starts
    expect(res.stdout).toContain('INCOMPLETE: stopped by the circuit breaker after 20/30 items: anthropic:claude-haiku-5-5: the same error 20 times in a row (auth: HTTP 401 authentication_error');
    expect(summary).toMatchObject({ verdict: 'incomplete' });
    expect((summary as unknown as { stoppedBy: string }).stoppedBy).toBe('circuit_breaker');
  });

  it('takes text from text blocks only, counts thinking tokens, and keeps max_tokens and refusal stop reasons', async () => {
    const respond = (req: { messages: readonly { role: string; content: unknown }[] }) => {
      const w = lastUserText(req.messages);
      if (w === 's0') return { text: w, thinking: 'Let me think about s0 carefully.', thinkingTokens: 40 };
      if (w === 's1') return { text: 's', stopReason: 'max_tokens' as const };
      if (w === 's2') return { text: '', stopReason: 'refusal' as const };
      return { text: w };
    };
    const dir = evalDir(4, 'anthropic:claude-haiku-5-5');
    writeFiles(dir, { 'data.jsonl': ['s0', 's1', 's2', 's3'].map((w, i) => JSON.stringify({ id: `s${i}`, word: w })).join('\n') });
    const { res, records, summary } = await run(dir, { respond });
    expect(res.code).toBe(0);
    const [r0, r1, r2] = records.sort((a, b) => a.sampleId.localeCompare(b.sampleId));
    expect(r0).toMatchObject({ output: 's0', pass: true, stopReason: 'end_turn' });
    expect(r0?.usage?.thinkingTokens).toBe(40);
    expect(r0?.usage?.outputTokens).toBeGreaterThanOrEqual(40);
    expect(r1).toMatchObject({ stopReason: 'max_tokens', pass: false });
    expect(r2).toMatchObject({ stopReason: 'refusal', pass: false });
    expect(summary.models[0]?.stopReasons).toMatchObject({ max_tokens: 1, refusal: 1, end_turn: 2 });
    expect(summary.models[0]?.tokens.thinking).toBe(40);
    expect(res.stdout).toContain('cut off at the max_tokens limit');
    expect(res.stdout).toContain('1 refusal(s)');
  });

  it('writes records and a summary that satisfy the published JSON Schemas', async () => {
    const { records, summary } = await run(evalDir(3, 'anthropic:claude-haiku-5-5'), { respond: answer, fault: faultSequence([{ kind: 'http', status: 401, errorType: 'authentication_error' }]) });
    const ajv = new Ajv({ allErrors: true, strict: false });
    const checkRecord = ajv.compile(recordSchema as object);
    for (const r of records) expect(checkRecord(r), JSON.stringify(checkRecord.errors)).toBe(true);
    expect(records.some((r) => r.status === 'error' && r.error?.kind === 'auth')).toBe(true);
    const checkSummary = ajv.compile(summarySchema as object);
    expect(checkSummary(summary), JSON.stringify(checkSummary.errors)).toBe(true);
  });

  it('sends no sampling parameters and authenticates with a Bearer key that never reaches the logs', async () => {
    const { res } = await run(evalDir(1, 'anthropic:claude-haiku-5-5'), { respond: answer });
    const call = server?.calls[0];
    expect(call?.body).not.toHaveProperty('temperature');
    expect(call?.body).not.toHaveProperty('top_p');
    expect(call?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(call?.headers['x-stainless-retry-count']).toBe('0');
    expect(res.stdout + res.stderr).not.toContain('sk-ant-xyz');
  });
});
