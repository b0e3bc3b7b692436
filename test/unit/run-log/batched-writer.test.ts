import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCH_LINES, batchedWriter } from '../../../src/run-log/batched-writer.js';
import { openRunLog } from '../../../src/run-log/writer.js';
import { RunError } from '../../../src/errors.js';
import type { RunRecord } from '../../../src/types.js';

// The batching rule of records.jsonl: lines queued in one turn share one write at the end of the
// turn (or at once past BATCH_LINES), and a line's promise settles only after the write holding it.

/** A scheduler the test runs by hand, so "the end of the turn" is an explicit step. */
function manual() {
  const due: (() => void)[] = [];
  return { schedule: (fn: () => void) => { due.push(fn); }, run: () => { for (const fn of due.splice(0)) fn(); } };
}

const settled = async (p: Promise<void>): Promise<'resolved' | 'rejected' | 'pending'> => {
  let state: 'resolved' | 'rejected' | 'pending' = 'pending';
  p.then(() => { state = 'resolved'; }, () => { state = 'rejected'; });
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('batchedWriter', () => {
  it('writes the lines of one turn with one call, and resolves them only after it', async () => {
    const writes: string[] = [];
    const clock = manual();
    const w = batchedWriter((t) => writes.push(t), clock.schedule);
    const a = w.add('a\n');
    const b = w.add('b\n');
    expect(writes).toEqual([]);
    expect(await settled(a)).toBe('pending');
    clock.run();
    expect(writes).toEqual(['a\nb\n']);
    expect(await settled(a)).toBe('resolved');
    expect(await settled(b)).toBe('resolved');
    const c = w.add('c\n');
    clock.run();
    await c;
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });

  it(`writes at once when ${BATCH_LINES} lines are waiting`, async () => {
    const writes: string[] = [];
    const clock = manual();
    const w = batchedWriter((t) => writes.push(t), clock.schedule);
    const all = Array.from({ length: BATCH_LINES }, (_, i) => w.add(`${i}\n`));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split('\n')).toHaveLength(BATCH_LINES + 1);
    await Promise.all(all);
    clock.run(); // the turn's scheduled flush finds nothing left
    expect(writes).toHaveLength(1);
  });

  it('a failed write rejects every line of its batch, never resolves one', async () => {
    const clock = manual();
    const w = batchedWriter(() => { throw new Error('disk full'); }, clock.schedule);
    const a = w.add('a\n');
    const b = w.add('b\n');
    clock.run();
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
  });

  it('flush writes what waits now, synchronously', async () => {
    const writes: string[] = [];
    const w = batchedWriter((t) => writes.push(t), () => {});
    const a = w.add('x\n');
    w.flush();
    expect(writes).toEqual(['x\n']);
    await a;
  });
});

describe('openRunLog: appendBatched', () => {
  const record = (i: number) => ({ runId: 'r', sampleId: `s${i}` }) as unknown as RunRecord;

  it('a record is in records.jsonl when its promise resolves; close writes what is still waiting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-batch-'));
    const calls: number[] = [];
    const log = openRunLog(dir, { writeSync: (fd, text) => { calls.push(text.split('\n').length - 1); return writeSync(fd, text); }, writeFile: async () => {} });
    const file = join(dir, 'records.jsonl');
    const first = [log.appendBatched(record(0)), log.appendBatched(record(1)), log.appendBatched(record(2))];
    expect(readFileSync(file, 'utf8')).toBe('');
    await Promise.all(first);
    expect(readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { sampleId: string }).sampleId)).toEqual(['s0', 's1', 's2']);
    expect(calls).toEqual([3]);
    void log.appendBatched(record(3));
    log.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('a disk that fills: the batch rejects with the RunError that names the resume command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hb-batch-'));
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const log = openRunLog(dir, { writeSync: () => { throw full; }, writeFile: async () => {} });
    const err = await log.appendBatched(record(0)).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(RunError);
    expect((err as RunError).message).toContain(`haikubench run --resume ${dir}`);
    expect(() => log.close()).not.toThrow(); // the failed batch is gone: nothing left to write
  });
});
