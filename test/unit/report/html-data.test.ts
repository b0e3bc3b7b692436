import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openInputLog, openRunLog } from '../../../src/run-log/index.js';
import { readRunData } from '../../../src/report/html/data.js';
import { flakySamples, readHistory } from '../../../src/report/view/history.js';
import type { RunRecord } from '../../../src/types.js';

// What the HTML report and the viewer read from run directories: the list rows (pass, error kind,
// flip against a baseline, input), and the flaky samples across runs. Runs are written with run-log.

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const rec = (sampleId: string, model: string, pass: boolean | 'error', inputHash?: string): RunRecord => ({
  runId: 'r', evalId: 'e', sampleId, model, simulated: true, epoch: 1,
  status: pass === 'error' ? 'error' : 'ok', output: `${sampleId} answer`,
  ...(pass === 'error' ? { error: { kind: 'timeout', message: 'timed out', stage: 'provider' } } : { pass, score: pass ? 1 : 0 }),
  scores: pass === 'error' ? [] : [{ name: 'equals', value: pass ? 1 : 0, pass }],
  latencyMs: 10, usage: null, costUsd: null, stopReason: null, attempts: 1, retries: [], cached: false,
  startedAt: '2026-12-07T00:00:00.000Z', durationMs: 10, metadata: { lang: 'en' }, ...(inputHash !== undefined && { inputHash }),
}) as RunRecord;

async function runDir(root: string, name: string, records: RunRecord[], startedAt = '2026-12-07T00:00:00.000Z', input?: (log: ReturnType<typeof openInputLog>) => void): Promise<string> {
  const dir = join(root, name);
  const log = openRunLog(dir);
  for (const r of records) log.append(r);
  await log.writeSummary({ runId: name, startedAt, verdict: 'pass', simulated: true, eval: { id: 'e' }, dataset: { sha256: 'd' }, models: [{ model: 'sim:a', passRate: 0.5, ci: [0.1, 0.9], n: 2, costUsd: null }] });
  log.close();
  if (input !== undefined) { const il = openInputLog(dir); input(il); il.close(); }
  return dir;
}

describe('the report data of a run', () => {
  it('marks each record pass, fail or error, its flip against the baseline, and points at its input', async () => {
    const root = mkdtempSync(join(tmpdir(), 'haikubench-html-data-')); dirs.push(root);
    let hash = '';
    const base = await runDir(root, 'base', [rec('s1', 'sim:a', true), rec('s2', 'sim:a', false), rec('s3', 'sim:a', true)]);
    const now = await runDir(root, 'now', [rec('s1', 'sim:a', false), rec('s2', 'sim:a', true), rec('s3', 'sim:a', 'error')], undefined, (il) => {
      hash = il.keep({ request: { model: 'a', messages: [{ role: 'user', content: 'hi' }] }, target: 'x' });
    });
    const data = await readRunData(now, { baseline: base });
    const [r1, r2, r3] = data.rows.rows;
    expect(data.rows.samples).toEqual(['s1', 's2', 's3']);
    expect([r1![4], r1![9]]).toEqual([0, 1]); // failed now, passed in the baseline: regressed
    expect([r2![4], r2![9]]).toEqual([1, 2]); // fixed
    expect([r3![3], r3![4], data.rows.kinds[r3![8]], r3![9]]).toEqual([1, -1, 'timeout', -1]); // an error is no verdict, no flip
    expect(r1![11]).toBe(-1); // no inputHash on the record: no input
    expect(data.details[0]![0]).toMatchObject({ output: 's1 answer', baselineOutput: 's1 answer' });
    expect(data.rows.scorers).toEqual(['equals']);
    expect(r1![12]).toBe(1); // the failed scorers, as a bit mask
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the viewer history', () => {
  it('groups runs by eval, oldest first, and finds the samples whose verdict changed at the same input', async () => {
    const root = mkdtempSync(join(tmpdir(), 'haikubench-history-')); dirs.push(root);
    await runDir(root, 'b', [rec('s1', 'sim:a', true, 'h1'), rec('s2', 'sim:a', true, 'h2'), rec('s3', 'sim:a', true, 'h3')], '2026-12-07T02:00:00.000Z');
    await runDir(root, 'a', [rec('s1', 'sim:a', false, 'h1'), rec('s2', 'sim:a', true, 'h2'), rec('s3', 'sim:a', false, 'other')], '2026-12-07T01:00:00.000Z');
    await runDir(join(root, 'nested'), 'c', [rec('s1', 'sim:a', 'error', 'h1')], '2026-12-07T03:00:00.000Z');
    const history = readHistory(root);
    expect(history.map((e) => e.id)).toEqual(['e']);
    expect(history[0]!.runs.map((r) => r.id)).toEqual(['a', 'b', 'nested/c']);
    const flaky = await flakySamples(history[0]!.runs);
    // s1 flipped at the same input (the error is not a verdict); s3's input changed: not flaky.
    expect(flaky).toEqual([{ sampleId: 's1', model: 'sim:a', passed: 1, failed: 1, verdicts: [false, true] }]);
  });
});
