import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { CLI, cleanEnv, runCli, tempDir, writeFiles } from '../support/cli.js';

// Records are written in batches (one write per turn of the event loop), and an item counts as done
// only once its record is in records.jsonl. A SIGKILL at any moment: every item the progress lines
// reported done is on disk, whole, once; a resume finishes the rest.

const N = 400;
let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

interface Rec { sampleId: string; status: string; inputHash: string }

/** The input hashes in inputs.jsonl's whole lines. */
const inputHashes = (out: string): Set<string> => {
  const file = join(out, 'inputs.jsonl');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  return new Set(text.split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { hash?: string }).hash).filter((h): h is string => h !== undefined));
};

/** The highest "done" of the progress lines on stderr ("kill: 120/400 (30%), …"). */
function reportedDone(stderr: string): number {
  let best = 0;
  for (const m of stderr.matchAll(/^kill: (\d+)\/(\d+) /gm)) best = Math.max(best, Number(m[1]));
  return best;
}

/** Run the CLI; the fake server SIGKILLs it when it receives call number `at` (counted from 1). */
async function runKilledAt(at: number, args: readonly string[]): Promise<{ stderr: string; signal: NodeJS.Signals | null }> {
  let calls = 0;
  let child: ReturnType<typeof spawn> | undefined;
  server = await startFakeAnthropic({
    respond: (req) => {
      calls += 1;
      if (calls === at) child?.kill('SIGKILL');
      return { text: lastUserText(req.messages) };
    },
  });
  child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url }), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => { stderr += b.toString('utf8'); });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child?.on('close', (_code, sig) => resolve(sig)));
  await server.close();
  server = undefined;
  return { stderr, signal };
}

describe('SIGKILL mid-run: every item reported done is on disk', () => {
  it.each([57, 163, 291])('killed at call %i: the reported items are in records.jsonl, whole and once; a resume completes the run', async (at) => {
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, w: `w${i}` })).join('\n'),
      'spec.yaml': 'name: kill\ndataset: { path: data.jsonl, fields: { target: w } }\nprompt: { user: "{{w}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\nrun: { concurrency: 8 }\n',
    });
    const out = join(dir, 'out');
    const records = join(out, 'records.jsonl');
    const { stderr, signal } = await runKilledAt(at, ['run', join(dir, 'spec.yaml'), '--out', out, '--no-cache']);
    expect(signal).toBe('SIGKILL');
    const reported = reportedDone(stderr);
    expect(reported).toBeGreaterThan(0); // at least one progress line came before the kill
    const text = existsSync(records) ? readFileSync(records, 'utf8') : '';
    // Every line that ends in a newline is a whole record (a torn last line is what a resume drops).
    const whole = text.split('\n').slice(0, -1).map((l) => JSON.parse(l) as Rec);
    expect(whole.length).toBeGreaterThanOrEqual(reported);
    expect(new Set(whole.map((r) => r.sampleId)).size).toBe(whole.length);
    expect(whole.length).toBeLessThan(N);
    // Inputs are written in batches too, each before the records that refer to it.
    const kept = inputHashes(out);
    expect(whole.filter((r) => !kept.has(r.inputHash))).toEqual([]);
    server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages) }) });
    const res = await runCli(['run', '--resume', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url } });
    expect(res.code).toBe(0);
    const all = readFileSync(records, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
    expect(new Set(all.map((r) => r.sampleId)).size).toBe(N);
    expect(all.filter((r) => r.status === 'ok')).toHaveLength(all.length);
    const keptAfter = inputHashes(out);
    expect(all.filter((r) => !keptAfter.has(r.inputHash))).toEqual([]);
  }, 120_000);
});
