import { describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BATCH_LOG, batchLog, readBatchLog } from '../../../src/runner/batch-log.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hb-batchlog-'));
const entry = (batchId: string, ids: string[]) => ({ batchId, model: 'anthropic:claude-haiku-5-5', customIds: ids, createdAt: '2026-11-24T00:00:00.000Z' });

describe('batch log', () => {
  it('no file: nothing open', () => {
    expect(readBatchLog(dir())).toEqual({ open: [], unconfirmed: 0 });
  });

  it('created and not collected batches are open; collected ones are not', () => {
    const d = dir();
    const log = batchLog(d);
    log.creating('m', 2, 't0'); log.created(entry('b1', ['i0', 'i1']));
    log.creating('m', 1, 't1'); log.created(entry('b2', ['i2']));
    log.collected('b1', 't2');
    expect(readBatchLog(d)).toEqual({ open: [entry('b2', ['i2'])], unconfirmed: 0 });
  });

  it('a create cut off before its id was logged is counted as unconfirmed', () => {
    const d = dir();
    const log = batchLog(d);
    log.creating('m', 2, 't0'); log.created(entry('b1', ['i0']));
    log.creating('m', 5, 't1');
    expect(readBatchLog(d).unconfirmed).toBe(1);
  });

  it('a torn last line (killed mid-write) is ignored', () => {
    const d = dir();
    batchLog(d).created(entry('b1', ['i0']));
    appendFileSync(join(d, BATCH_LOG), '{"type":"collected","batchId":"b1","a');
    expect(readBatchLog(d).open.map((b) => b.batchId)).toEqual(['b1']);
  });

  it('blank lines are skipped', () => {
    const d = dir();
    writeFileSync(join(d, BATCH_LOG), `\n${JSON.stringify({ type: 'created', ...entry('b9', ['i9']) })}\n\n`);
    expect(readBatchLog(d).open).toHaveLength(1);
  });
});
