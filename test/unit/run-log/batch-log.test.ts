import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { BATCH_LOG, batchLog, readBatchLog } from '../../../src/run-log/batch-log.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hb-batchlog-'));
const entry = (batchId: string, ids: string[], runId = 'run-1') => ({ runId, batchId, model: 'anthropic:claude-haiku-5-5', customIds: ids, createdAt: '2026-11-24T00:00:00.000Z' });

describe('batch log', () => {
  it('no file: nothing open', () => {
    expect(readBatchLog(dir(), 'run-1')).toEqual({ open: [], unconfirmed: 0 });
  });

  it('created and not collected batches are open; collected ones are not', () => {
    const d = dir();
    const log = batchLog(d);
    log.creating('m', 2, 't0'); log.created(entry('b1', ['i0', 'i1']));
    log.creating('m', 1, 't1'); log.created(entry('b2', ['i2']));
    log.collected('b1', 't2');
    expect(readBatchLog(d, 'run-1')).toEqual({ open: [entry('b2', ['i2'])], unconfirmed: 0 });
  });

  it('batches of another run (a reused directory) are never open for this one', () => {
    const d = dir();
    batchLog(d).created(entry('b1', ['i0'], 'old-run'));
    expect(readBatchLog(d, 'run-1').open).toEqual([]);
    expect(readBatchLog(d, 'old-run').open).toHaveLength(1);
  });

  it.each([
    ['a create cut off before its id was logged', (l: ReturnType<typeof batchLog>) => { l.creating('m', 5, 't1'); }, 1],
    ['a create the API refused', (l: ReturnType<typeof batchLog>) => { l.creating('m', 5, 't1'); l.createFailed('m', 't1'); }, 0],
    ['a create that made a batch', (l: ReturnType<typeof batchLog>) => { l.creating('m', 5, 't1'); l.created(entry('b3', ['i3'])); }, 0],
  ] as const)('%s: unconfirmed %i', (_label, act, unconfirmed) => {
    const d = dir();
    act(batchLog(d));
    expect(readBatchLog(d, 'run-1').unconfirmed).toBe(unconfirmed);
  });

  it('a torn last line (killed mid-write) is ignored', () => {
    const d = dir();
    batchLog(d).created(entry('b1', ['i0']));
    appendFileSync(join(d, BATCH_LOG), '{"type":"collected","batchId":"b1","a');
    expect(readBatchLog(d, 'run-1').open.map((b) => b.batchId)).toEqual(['b1']);
  });

  it('blank lines are skipped', () => {
    const d = dir();
    writeFileSync(join(d, BATCH_LOG), `\n${JSON.stringify({ type: 'created', ...entry('b9', ['i9']) })}\n\n`);
    expect(readBatchLog(d, 'run-1').open).toHaveLength(1);
  });
});
