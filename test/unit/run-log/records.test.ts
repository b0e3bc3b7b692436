import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestKept, latestPerItem, openRecordReader, readRecords, recordLines, recordLinesSync, type JsonLinesEnd } from '../../../src/run-log/index.js';
import { tempDir } from '../../support/cli.js';

// The one reader of records.jsonl: its lines (blank skipped, a torn last line dropped, a bad line in
// the middle an error naming its line), read in chunks of any size, async or sync alike; its records
// (the validator); the latest record per work item.

const rec = (sampleId: string, extra: Record<string, unknown> = {}) => JSON.stringify({ sampleId, model: 'm', epoch: 1, status: 'ok', output: 'x', ...extra });

function runDir(text: string | undefined): string {
  const dir = tempDir('haikubench-run-log-');
  if (text !== undefined) writeFileSync(join(dir, 'records.jsonl'), text);
  return dir;
}

interface Read {
  readonly lines: number[];
  readonly ids: unknown[];
  readonly error?: string;
  readonly end?: JsonLinesEnd;
}

const idOf = (v: unknown) => (typeof v === 'object' && v !== null && 'sampleId' in v ? v.sampleId : v);
const corrupt = (line: number, message: string) => new Error(`line ${line}: ${message}`);

async function readAsync(dir: string, chunkBytes?: number): Promise<Read> {
  const lines: number[] = [];
  const ids: unknown[] = [];
  let end: JsonLinesEnd | undefined;
  try {
    for await (const l of recordLines(dir, { corrupt, onEnd: (e) => { end = e; }, ...(chunkBytes !== undefined && { chunkBytes }) })) {
      lines.push(l.line);
      ids.push(idOf(l.value));
    }
  } catch (err) {
    return { lines, ids, error: (err as Error).message };
  }
  return { lines, ids, ...(end !== undefined && { end }) };
}

function readSync(dir: string, chunkBytes?: number): Read {
  const lines: number[] = [];
  const ids: unknown[] = [];
  let end: JsonLinesEnd | undefined;
  try {
    for (const l of recordLinesSync(dir, { corrupt, onEnd: (e) => { end = e; }, ...(chunkBytes !== undefined && { chunkBytes }) })) {
      lines.push(l.line);
      ids.push(idOf(l.value));
    }
  } catch (err) {
    return { lines, ids, error: (err as Error).message };
  }
  return { lines, ids, ...(end !== undefined && { end }) };
}

const torn = `${rec('a')}\n${rec('b')}\n{"sampleId":"c","mo`;
const tornAt = Buffer.byteLength(`${rec('a')}\n${rec('b')}\n`);

describe('recordLines', () => {
  it.each<[string, string | undefined, Partial<Read>]>([
    ['a missing file has no lines (and no end)', undefined, { lines: [], ids: [] }],
    ['an empty file', '', { lines: [], ids: [], end: { torn: undefined, size: 0, endsWithNewline: false } }],
    ['plain records', `${rec('a')}\n${rec('b')}\n`, { lines: [1, 2], ids: ['a', 'b'] }],
    ['blank lines skipped, line numbers kept', `${rec('a')}\n\n  \n${rec('b')}\n`, { lines: [1, 4], ids: ['a', 'b'] }],
    ['a torn last line is dropped and reported', torn, { lines: [1, 2], ids: ['a', 'b'], end: { torn: { line: 3, offset: tornAt }, size: Buffer.byteLength(torn), endsWithNewline: false } }],
    ['a torn last line followed by blank lines is still the last', `${torn}\n\n`, { lines: [1, 2], ids: ['a', 'b'], end: { torn: { line: 3, offset: tornAt }, size: Buffer.byteLength(torn) + 2, endsWithNewline: true } }],
    ['a whole last record missing its newline is kept', `${rec('a')}\n${rec('b')}`, { lines: [1, 2], ids: ['a', 'b'], end: { torn: undefined, size: Buffer.byteLength(`${rec('a')}\n${rec('b')}`), endsWithNewline: false } }],
    ['CRLF line endings', `${rec('a')}\r\n${rec('b')}\r\n`, { lines: [1, 2], ids: ['a', 'b'] }],
    ['a bad line in the middle is an error naming its line', `${rec('a')}\nnot json\n${rec('c')}\n`, { lines: [1], ids: ['a'], error: 'line 2: ' }],
    ['multi-byte characters', `${rec('é', { output: '日本語 🙂' })}\n${rec('ü')}\n`, { lines: [1, 2], ids: ['é', 'ü'] }],
  ])('%s', async (_name, text, want) => {
    const dir = runDir(text);
    for (const got of [await readAsync(dir), readSync(dir)]) {
      expect(got.lines).toEqual(want.lines);
      expect(got.ids).toEqual(want.ids);
      if (want.error !== undefined) expect(got.error).toMatch(new RegExp(`^${want.error}`));
      else expect(got.error).toBeUndefined();
      if (want.end !== undefined) expect(got.end).toEqual(want.end);
      if (text === undefined) expect(got.end).toBeUndefined();
    }
  });

  it.each([1, 2, 3, 5, 7, 64])('reads the same in chunks of %i byte(s): lines and characters cut across reads', async (chunkBytes) => {
    const text = `${rec('é', { output: '日本語 🙂 ünïcödé' })}\r\n\n${rec('b', { output: '€€€' })}\n{"sampleId":"日`;
    const dir = runDir(text);
    const whole = await readAsync(dir);
    expect(whole.ids).toEqual(['é', 'b']);
    expect(await readAsync(dir, chunkBytes)).toEqual(whole);
    expect(readSync(dir, chunkBytes)).toEqual(whole);
  });
});

describe('records', () => {
  it('only lines that name a work item are records; each can be read back from its place', async () => {
    const lines = [rec('a', { output: 'ü' }), '{"hello":1}', JSON.stringify({ sampleId: 'x', model: 'm', status: 'ok' }), rec('b', { status: 'error' }), rec('c', { status: 'maybe' })];
    const dir = runDir(`${lines.join('\r\n')}\r\n`);
    const got = [];
    for await (const r of readRecords(dir)) got.push(r);
    expect(got.map((r) => [r.record.sampleId, r.line])).toEqual([['a', 1], ['b', 4]]);
    const reader = openRecordReader(dir);
    expect(reader).toBeDefined();
    try {
      expect(got.map((r) => reader?.read(r))).toEqual(got.map((r) => r.record));
    } finally {
      reader?.close();
    }
  });

  it('no records file: no reader', () => {
    expect(openRecordReader(runDir(undefined))).toBeUndefined();
  });

  it.each<[string, string[], [string, string][]]>([
    ['one record per item', [rec('a'), rec('b')], [['a\u0000m\u00001', 'ok'], ['b\u0000m\u00001', 'ok']]],
    ['a later record of the same item wins, in the place of the first', [rec('a', { status: 'error' }), rec('b'), rec('a')], [['a\u0000m\u00001', 'ok'], ['b\u0000m\u00001', 'ok']]],
    ['another epoch or model is another item', [rec('a'), rec('a', { epoch: 2 }), rec('a', { model: 'n', status: 'error' })], [['a\u0000m\u00001', 'ok'], ['a\u0000m\u00002', 'ok'], ['a\u0000n\u00001', 'error']]],
  ])('latestPerItem: %s', async (_name, lines, want) => {
    const got = await latestPerItem(runDir(`${lines.join('\n')}\n`), ({ record }) => record.status);
    expect([...got]).toEqual(want);
  });

  it.each<[string, string[], [string, string][]]>([
    ['only items whose latest record is kept', [rec('a'), rec('b', { status: 'error' }), rec('c')], [['b\u0000m\u00001', 'error']]],
    ['an error rerun that passed is dropped', [rec('a', { status: 'error' }), rec('b', { status: 'error' }), rec('a')], [['b\u0000m\u00001', 'error']]],
    ['an error rerun that failed again keeps its first place', [rec('a', { status: 'error' }), rec('b', { status: 'error' }), rec('a', { status: 'error', output: 'again' })], [['a\u0000m\u00001', 'error'], ['b\u0000m\u00001', 'error']]],
    ['nothing kept', [rec('a'), rec('b')], []],
  ])('latestKept: %s', async (_name, lines, want) => {
    const got = await latestKept(runDir(`${lines.join('\n')}\n`), ({ record }) => (record.status === 'error' ? record.status : null));
    expect([...got]).toEqual(want);
  });

  it('the default error names the file and line', async () => {
    const dir = runDir(`${rec('a')}\n{bad\n${rec('b')}\n`);
    await expect(latestPerItem(dir, () => 1)).rejects.toThrow(`${join(dir, 'records.jsonl')}:2: not a JSON record`);
    await expect(latestPerItem(dir, () => 1, { what: 'run/records.jsonl' })).rejects.toThrow(/^run\/records\.jsonl:2: not a JSON record \(/);
  });
});
