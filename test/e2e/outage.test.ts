import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic, type FaultFn } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// An outage: from its first request, the fake API drops every connection for OUTAGE_MS, then answers
// again. Connection failures are retried for a time (run.connection_retry_ms: by default 5 minutes, or 1 minute before the endpoint has answered once),
// not a few attempts, so the run rides the outage out; with a budget shorter than the outage the items
// end in error and the verdict line gives the command that runs them again.

interface Rec { status: string; attempts: number; retries: { kind: string }[]; error?: { kind: string; message: string } }

const N = 24;
const OUTAGE_MS = 6_000;

/** Every request within OUTAGE_MS of the first one is reset (the socket destroyed, no response). */
function outage(): FaultFn {
  let start: number | undefined;
  return () => {
    start ??= Date.now();
    return Date.now() - start < OUTAGE_MS ? { kind: 'reset' } : undefined;
  };
}

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

async function run(flags: readonly string[]) {
  server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages) }), fault: outage() });
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `word${i}` })).join('\n'),
    'spec.yaml': 'name: outage\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 4 }\n',
  });
  const out = join(dir, 'out');
  // A wide $COLUMNS keeps the verdict on one line (the layout at terminal widths: terminal.test.ts).
  const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, ...flags], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, COLUMNS: '1000' } });
  return { res, out, recs: readJsonl<Rec>(join(out, 'records.jsonl')) };
}

describe('an outage of the endpoint', () => {
  it('longer than the old ~3.5 s of connection retries: every item is scored, the retries recorded as connection', async () => {
    const { res, recs } = await run(['--quiet']);
    expect(recs.filter((r) => r.status !== 'ok').map((r) => r.error)).toEqual([]);
    expect(recs).toHaveLength(N);
    expect(res.code).toBe(0);
    const retried = recs.filter((r) => r.retries.some((x) => x.kind === 'connection'));
    expect(retried.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...recs.map((r) => r.attempts))).toBeGreaterThan(4); // past the 3 retries a server error gets
  }, 60_000);

  it('longer than --connection-retry-ms: the items end in error and the verdict line gives the command to retry them', async () => {
    const { res, out, recs } = await run(['--connection-retry-ms', '1000']);
    const failed = recs.filter((r) => r.status === 'error');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.error?.kind === 'connection')).toBe(true);
    const verdict = res.stdout.split('\n').find((l) => /^(DONE|PASSED|FAILED|INCOMPLETE):/.test(l));
    expect(verdict).toContain(`${failed.length} item${failed.length === 1 ? '' : 's'} ended in error; run ${failed.length === 1 ? 'it' : 'them'} again: haikubench run --resume ${out} --retry-errors`);
    expect(res.code).toBe(failed.length / N > 0.1 ? 3 : 0);
  }, 60_000);
});
