import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toSamples } from '../../../src/dataset/fields.js';
import { FileSamples } from '../../../src/dataset/file-samples.js';
import { loadDataset } from '../../../src/dataset/load.js';
import { selectSamples } from '../../../src/dataset/select.js';
import { readRecords, type Format, type RawRecord } from '../../../src/dataset/read.js';
import { DatasetError } from '../../../src/errors.js';
import type { DatasetSpec } from '../../../src/spec/types.js';
import { tempDir } from '../../support/cli.js';

// JSONL, CSV and TSV datasets are not held in memory: each sample is rebuilt from its bytes in the
// file when the run needs it. Every rebuilt sample must equal the sample read the ordinary way.

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/datasets/${name}`, import.meta.url));
const spec = (path: string, format: DatasetSpec['format'], fields: Partial<DatasetSpec['fields']> = {}): DatasetSpec =>
  ({ path, format, fields: { metadata: [], ...fields }, shuffle: false, seed: 1 });

async function eager(path: string, format: Format, fields: DatasetSpec['fields']) {
  const raws: RawRecord[] = [];
  for await (const r of readRecords(path, format, 'd')) raws.push({ record: r.record, where: r.where });
  return toSamples(raws, fields, 'd');
}

describe('FileSamples: a re-read sample equals the sample read whole', () => {
  it.each<readonly [string, Format, Partial<DatasetSpec['fields']>]>([
    ['multiscript-bom-crlf.jsonl', 'jsonl', { target: 'label' }],
    ['quoted.csv', 'csv', {}],
    ['blank-lines.csv', 'csv', {}],
    ['crlf-blank-lines.csv', 'csv', {}],
    ['tickets.csv', 'csv', { id: 'ticket_id', target: 'queue', metadata: ['priority'] }],
    ['quotes.tsv', 'tsv', { target: 'label' }],
    ['no-ids.jsonl', 'jsonl', {}],
  ])('%s', async (name, format, fields) => {
    const s = spec(fixture(name), format, fields);
    const d = await loadDataset(s, 'd');
    expect(d.samples).toBeInstanceOf(FileSamples);
    const want = await eager(fixture(name), format, s.fields);
    expect([...d.samples]).toEqual(want);
    // Random access, backwards, gives the same samples.
    for (let i = want.length - 1; i >= 0; i--) expect(d.samples.at(i)).toEqual(want[i]);
    expect([d.samples.at(-1), d.samples.at(want.length), d.samples.at(0.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('across read windows, a record larger than the window, CRLF, blank lines and identical id-less records', async () => {
    const dir = tempDir('haikubench-file-samples-');
    const path = join(dir, 'big.jsonl');
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ q: `question ${i} ${'é'.repeat(i % 300)}`, a: String(i % 7) }));
    lines.splice(1500, 0, JSON.stringify({ q: 'x'.repeat(400_000), a: '1' }), '', JSON.stringify({ q: 'same', a: '2' }), JSON.stringify({ q: 'same', a: '2' }));
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}`);
    const s = spec(path, 'jsonl', { target: 'a' });
    const d = await loadDataset(s, 'd');
    const want = await eager(path, 'jsonl', s.fields);
    expect(d.samples.length).toBe(3003);
    expect([...d.samples]).toEqual(want);
    expect(want.filter((x) => x.vars['q'] === 'same').map((x) => x.id)).toEqual([expect.stringMatching(/^s-[0-9a-f]{12}$/), expect.stringMatching(/^s-[0-9a-f]{12}-2$/)]);
  });

  it.each([['\r', 'lone CR (old Mac)'], ['\r\n', 'CRLF'], ['\n', 'LF']])('line ends %j (%s): same records, lines and samples as read whole', async (eol) => {
    const dir = tempDir('haikubench-file-samples-');
    const path = join(dir, 'eol.jsonl');
    writeFileSync(path, ['{"id":"a","q":"x"}', '', '{"id":"b","q":"y\\r"}', '{"id":"c","q":"z"}'].join(eol) + eol);
    const s = spec(path, 'jsonl');
    const d = await loadDataset(s, 'd');
    const want = await eager(path, 'jsonl', s.fields);
    expect(want.map((x) => [x.id, x.source])).toEqual([['a', 'd:1'], ['b', 'd:3'], ['c', 'd:4']]);
    expect([...d.samples]).toEqual(want);
  });

  it('follows the seeded shuffle and the limit', async () => {
    const s = { ...spec(fixture('tickets.csv'), 'csv', { id: 'ticket_id' }), shuffle: true, seed: 11, limit: 5 };
    const d = await loadDataset(s, 'd');
    const want = selectSamples(await eager(fixture('tickets.csv'), 'csv', s.fields), s);
    expect(want).toHaveLength(5);
    expect([...d.samples]).toEqual(want);
  });
});

describe('FileSamples: the file must not change under a run', () => {
  it.each<readonly [string, Format]>([['tickets.csv', 'csv'], ['multiscript-bom-crlf.jsonl', 'jsonl']])('%s: a DatasetError that says what to do', async (name, format) => {
    const path = join(tempDir('haikubench-file-samples-'), name);
    copyFileSync(fixture(name), path);
    const d = await loadDataset(spec(path, format), 'datasets/x');
    appendFileSync(path, format === 'csv' ? '9999,extra,row,low\n' : '{"id":"new"}\n');
    let err: unknown;
    try {
      d.samples.at(0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as DatasetError).issues[0]).toMatch(/^datasets\/x changed while the run was reading it: .*leave the dataset as it was until the run ends/);
  });
});
