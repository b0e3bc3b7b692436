import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadRunState, lockRunDir } from '../../../src/run-log/index.js';
import { toSummaryRecord } from '../../../src/summary/model-summary.js';
import { tempDir } from '../../support/cli.js';

// A resume's first read: run.json and the records so far; repair() makes records.jsonl safe to append.

const rec = (sampleId: string) => JSON.stringify({ sampleId, model: 'm', epoch: 1, status: 'ok', output: 'x', scores: [] });
const INFO = { schemaVersion: 1, runId: 'r1', evalId: 'e', spec: '/x/spec.yaml', specSha256: 'a', datasetSha256: 'b', overrides: {}, createdAt: '2026-01-01T00:00:00.000Z', harnessVersion: '0' };

function runDir(records: string | undefined, info: object | null = INFO): string {
  const dir = tempDir('haikubench-resume-');
  if (info !== null) writeFileSync(join(dir, 'run.json'), JSON.stringify(info));
  if (records !== undefined) writeFileSync(join(dir, 'records.jsonl'), records);
  return dir;
}

describe('loadRunState', () => {
  it.each<[string, string | undefined, string[], boolean, string | undefined]>([
    ['no records yet', undefined, [], false, undefined],
    ['whole records', `${rec('a')}\n${rec('b')}\n`, ['a', 'b'], false, `${rec('a')}\n${rec('b')}\n`],
    ['a torn last record is cut off', `${rec('a')}\n{"sampleId":"b`, ['a'], true, `${rec('a')}\n`],
    ['a torn last record and blank lines after it', `${rec('é')}\n{"sampleId":"b\n\n`, ['é'], true, `${rec('é')}\n`],
    ['a whole last record missing its newline gets one', `${rec('a')}\n${rec('b')}`, ['a', 'b'], false, `${rec('a')}\n${rec('b')}\n`],
    ['CRLF records are kept as they are', `${rec('a')}\r\n${rec('b')}\r\n`, ['a', 'b'], false, `${rec('a')}\r\n${rec('b')}\r\n`],
    ['reruns are all kept, in file order (the plan keeps the latest)', `${rec('a')}\n${rec('a')}\n`, ['a', 'a'], false, `${rec('a')}\n${rec('a')}\n`],
  ])('%s', (_name, records, ids, torn, after) => {
    const dir = runDir(records);
    const state = loadRunState(dir, toSummaryRecord);
    expect(state.info.runId).toBe('r1');
    expect(state.records.map((r) => r.sampleId)).toEqual(ids);
    expect(state.torn).toBe(torn);
    if (records !== undefined) expect(readFileSync(join(dir, 'records.jsonl'), 'utf8')).toBe(records); // reading changes nothing
    state.repair();
    if (after !== undefined) expect(readFileSync(join(dir, 'records.jsonl'), 'utf8')).toBe(after);
  });

  it.each<[string, string | undefined, object | null, string, RegExp]>([
    ['no run.json', `${rec('a')}\n`, null, 'resume.no_run', /no run\.json/],
    ['a bad line in the middle', `${rec('a')}\nnope\n${rec('b')}\n`, INFO, 'resume.bad_record', /records\.jsonl:2: not a JSON record, in the middle of the file/],
  ])('%s is an InputError', (_name, records, info, code, message) => {
    const dir = runDir(records, info);
    let err: unknown;
    try {
      loadRunState(dir, toSummaryRecord);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe(code);
    expect((err as InputError).message).toMatch(message);
  });
});

describe('lockRunDir', () => {
  it('one holder at a time; a lock of a dead process is taken over', () => {
    const dir = tempDir('haikubench-lock-');
    const unlock = lockRunDir(dir);
    expect(readFileSync(join(dir, 'run.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
    writeFileSync(join(dir, 'run.lock'), '999999999'); // no such process
    const again = lockRunDir(dir);
    expect(readFileSync(join(dir, 'run.lock'), 'utf8')).toBe(String(process.pid));
    again();
  });
});
