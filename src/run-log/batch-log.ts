import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BATCH_LOG } from './files.js';
import type { BatchEntry, BatchLog } from '../runner/batch-log.js';

export type { BatchEntry, BatchLog } from '../runner/batch-log.js';

// batches.jsonl in the run directory: which Message Batches this run created, for which items, and
// which were collected. It is appended before and after each create and after each collection, so a
// process killed at any moment can be resumed: open batches are polled again, not created again.


type Line =
  | { readonly type: 'creating'; readonly model: string; readonly requests: number; readonly at: string }
  | ({ readonly type: 'created' } & BatchEntry)
  /** The API refused the create outright (no batch exists): not a cut-off create. */
  | { readonly type: 'create_failed'; readonly model: string; readonly at: string }
  | { readonly type: 'collected'; readonly batchId: string; readonly at: string };

export interface BatchLogState {
  /** Created and not yet collected. */
  readonly open: readonly BatchEntry[];
  /** Creates that began and never recorded a batch id: a kill in that window may have left a batch behind. */
  readonly unconfirmed: number;
}

export { BATCH_LOG };

/** The batches of run `runId` still open; a line of another run (a reused directory) is never adopted. */
export function readBatchLog(dir: string, runId: string): BatchLogState {
  const file = join(dir, BATCH_LOG);
  if (!existsSync(file)) return { open: [], unconfirmed: 0 };
  const open = new Map<string, BatchEntry>();
  let creating = 0;
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue; // a torn last line: its event did not complete
    }
    if (line.type === 'creating') creating += 1;
    if (line.type === 'create_failed') creating = Math.max(0, creating - 1);
    if (line.type === 'created') {
      creating = Math.max(0, creating - 1);
      if (line.runId === runId) open.set(line.batchId, { runId: line.runId, batchId: line.batchId, model: line.model, customIds: line.customIds, createdAt: line.createdAt });
    }
    if (line.type === 'collected') open.delete(line.batchId);
  }
  return { open: [...open.values()], unconfirmed: creating };
}


export function batchLog(dir: string): BatchLog {
  const file = join(dir, BATCH_LOG);
  const add = (line: Line) => appendFileSync(file, `${JSON.stringify(line)}\n`);
  return {
    creating: (model, requests, at) => add({ type: 'creating', model, requests, at }),
    created: (entry) => add({ type: 'created', ...entry }),
    createFailed: (model, at) => add({ type: 'create_failed', model, at }),
    collected: (batchId, at) => add({ type: 'collected', batchId, at }),
  };
}
