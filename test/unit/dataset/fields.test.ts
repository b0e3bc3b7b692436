import { describe, expect, it } from 'vitest';
import { toSamples } from '../../../src/dataset/fields.js';
import type { RawRecord } from '../../../src/dataset/read.js';
import { DatasetError } from '../../../src/errors.js';
import type { Json } from '../../../src/types.js';

const FILE = 'datasets/d.jsonl';
type Fields = Parameters<typeof toSamples>[1];
const raws = (...records: Readonly<Record<string, Json>>[]): RawRecord[] => records.map((record, i) => ({ record, where: `${FILE}:${i + 1}` }));
const fields = (f: Partial<Fields> = {}): Fields => ({ metadata: [], ...f });

function issuesOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DatasetError) return e.issues;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

describe('toSamples: ids', () => {
  it.each<readonly [label: string, records: Readonly<Record<string, Json>>[], f: Partial<Fields>, ids: readonly string[]]>([
    ['from an "id" field', [{ id: 'a', q: 1 }, { id: 'b', q: 2 }], {}, ['a', 'b']],
    ['"id" is trimmed', [{ id: '  a \n', q: 1 }], {}, ['a']],
    ['numeric ids become text', [{ id: 7 }, { id: 8 }], {}, ['7', '8']],
    ['from a mapped field', [{ ticket_id: 'T-1', id: 'x' }, { ticket_id: 'T-2', id: 'x' }], { id: 'ticket_id' }, ['T-1', 'T-2']],
    ['mapped numeric field', [{ n: 1001 }, { n: 1002 }], { id: 'n' }, ['1001', '1002']],
    ['unicode ids', [{ id: 'été-1' }, { id: '問題-2' }], {}, ['été-1', '問題-2']],
  ])('%s', (_label, records, f, ids) => {
    expect(toSamples(raws(...records), fields(f), FILE).map((s) => s.id)).toEqual(ids);
  });

  it('derives a stable s- hash id when there is no id field', () => {
    const a = { question: '2+2?', answer: '4' };
    const b = { question: '3+3?', answer: '6' };
    const first = toSamples(raws(a, b), fields(), FILE);
    const reordered = toSamples(raws(b, a), fields(), FILE);
    for (const s of first) expect(s.id).toMatch(/^s-[0-9a-f]{12}$/);
    expect(first[0]?.id).not.toBe(first[1]?.id);
    // Same record, same id, wherever it sits in the file.
    expect(reordered.map((s) => s.id)).toEqual([first[1]?.id, first[0]?.id]);
  });

  it('keeps identical id-less records as distinct samples', () => {
    const r = { question: 'same', answer: '1' };
    const samples = toSamples(raws(r, r, r), fields(), FILE);
    expect(samples).toHaveLength(3);
    expect(new Set(samples.map((s) => s.id)).size).toBe(3);
  });

  it('a duplicate given id is an error naming both places', () => {
    const issues = issuesOf(() => toSamples(raws({ id: 'q1' }, { id: 'q2' }, { id: 'q3' }, { id: 'q1' }), fields(), FILE));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('q1');
    expect(issues[0]).toContain(`${FILE}:4`);
    expect(issues[0]).toContain(`${FILE}:1`);
  });

  it('ids that differ only by surrounding whitespace are duplicates', () => {
    const issues = issuesOf(() => toSamples(raws({ id: 'q1' }, { id: 'q1 ' }), fields(), FILE));
    expect(issues).toHaveLength(1);
  });

  it.each<readonly [label: string, records: Readonly<Record<string, Json>>[], f: Partial<Fields>, line: number]>([
    ['some records lack the id field', [{ id: 'a' }, { text: 'no id' }], {}, 2],
    ['empty id', [{ id: 'a' }, { id: '  ' }], {}, 2],
    ['null id', [{ id: null }, { id: 'b' }], {}, 1],
    ['mapped id field missing', [{ ticket: 'T-1' }, { other: 1 }], { id: 'ticket' }, 2],
  ])('%s → error naming the line', (_label, records, f, line) => {
    const issues = issuesOf(() => toSamples(raws(...records), fields(f), FILE));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(`${FILE}:${line}`);
  });
});

describe('toSamples: target, vars, metadata, source', () => {
  it.each<readonly [label: string, record: Readonly<Record<string, Json>>, target: string, expected: Json]>([
    ['top-level field', { id: 'a', answer: 'Paris' }, 'answer', 'Paris'],
    ['numeric', { id: 'a', answer: 42 }, 'answer', 42],
    ['nested path', { id: 'a', expected: { total: 1299, invoice_number: null } }, 'expected.total', 1299],
    ['nested null is a real target', { id: 'a', expected: { total: 1299, invoice_number: null } }, 'expected.invoice_number', null],
    ['array index', { id: 'a', answers: ['x', 'y'] }, 'answers[1]', 'y'],
    ['an object target', { id: 'a', gold: { queue: 'billing' } }, 'gold', { queue: 'billing' }],
    ['unicode field name', { id: 'a', réponse: 'oui' }, 'réponse', 'oui'],
  ])('target from %s', (_label, record, target, expected) => {
    const [s] = toSamples(raws(record), fields({ target }), FILE);
    expect(s).toBeDefined();
    expect(s && 'target' in s).toBe(true);
    expect(s?.target).toEqual(expected);
  });

  it('no target mapping → no target', () => {
    const [s] = toSamples(raws({ id: 'a', answer: 'x' }), fields(), FILE);
    expect(s).toBeDefined();
    expect(s?.target).toBeUndefined();
  });

  it.each<readonly [label: string, records: Readonly<Record<string, Json>>[], target: string, lines: readonly number[]]>([
    ['missing in one record', [{ id: 'a', answer: 1 }, { id: 'b' }], 'answer', [2]],
    ['missing nested', [{ id: 'a', expected: { total: 1 } }, { id: 'b', expected: {} }], 'expected.total', [2]],
    ['missing everywhere', [{ id: 'a' }, { id: 'b' }], 'answer', [1, 2]],
    ['inherited property is not a field', [{ id: 'a' }], 'constructor', [1]],
  ])('target %s → one issue naming the records that lack it', (_label, records, target, lines) => {
    const issues = issuesOf(() => toSamples(raws(...records), fields({ target }), FILE));
    expect(issues).toHaveLength(1);
    for (const n of lines) expect(issues[0]).toContain(`${FILE}:${n}`);
    expect(issues[0]).toContain(`no target field "${target}"`);
    if (lines.length > 1) expect(issues[0]).toContain(`in ${lines.length} of ${records.length} records`);
  });

  it('a misspelt target in 600 records is one line with the count, the first rows, the columns and the nearest one', () => {
    const records = Array.from({ length: 600 }, (_, i) => ({ id: `r${i}`, review: 'ok', sentiment: 'positive' }));
    const issues = issuesOf(() => toSamples(raws(...records), fields({ target: 'sentimnet' }), FILE));
    expect(issues).toEqual([`${FILE}: no target field "sentimnet" in 600 of 600 records, first ${FILE}:1, ${FILE}:2, ${FILE}:3 (dataset.fields.target; did you mean "sentiment"?); fields are: id, review, sentiment`]);
  });

  it('no suggestion when no field is near the misspelt one', () => {
    const issues = issuesOf(() => toSamples(raws({ id: 'a', text: 'x' }), fields({ target: 'label' }), FILE));
    expect(issues[0]).not.toContain('did you mean');
  });

  it('records without the mapped id field are one grouped issue, apart from other problems', () => {
    const issues = issuesOf(() => toSamples(raws({ ticket: 'T-1' }, { tiket: 'T-2' }, { tiket: 'T-3' }, { ticket: 'T-1' }), fields({ id: 'ticket' }), FILE));
    expect(issues).toHaveLength(2);
    expect(issues[0]).toContain('no sample id in field "ticket" in 2 of 4 records');
    expect(issues[0]).toContain('did you mean "tiket"?');
    expect(issues[1]).toContain('duplicate sample id "T-1"');
  });

  it('every record field is a template var, and source is where the record was', () => {
    const record = { id: 'a', text: 'Où ?', meta: { lang: 'fr' } };
    const [s] = toSamples(raws(record), fields(), FILE);
    expect(s?.vars).toEqual(record);
    expect(s?.source).toBe(`${FILE}:1`);
  });

  it('metadata fields are copied, null where a record lacks one', () => {
    const samples = toSamples(raws({ id: 'a', lang: 'fr', level: 2 }, { id: 'b', lang: 'ja' }), fields({ metadata: ['lang', 'level'] }), FILE);
    expect(samples.map((s) => s.metadata)).toEqual([
      { lang: 'fr', level: 2 },
      { lang: 'ja', level: null },
    ]);
  });

  it('a metadata field present in no record is an error naming it', () => {
    const issues = issuesOf(() => toSamples(raws({ id: 'a', lang: 'fr' }), fields({ metadata: ['lang', 'difficulty'] }), FILE));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain('difficulty');
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(() => toSamples(raws({ id: 'a' }, { id: 'a', answer: 1 }), fields({ target: 'answer', metadata: ['nope'] }), FILE));
    expect(issues.length).toBeGreaterThanOrEqual(3);
  });
});

describe('toSamples: group', () => {
  it('a record without a group value is a cluster of its own, apart from a real group of the same name', () => {
    const records: Record<string, string>[] = [{ id: 'b', q: 'x' }, { id: 'c', q: 'y', doc: 'b' }, { id: 'd', q: 'z', doc: 'b' }];
    const got = toSamples(records.map((record, i) => ({ record, where: `f.jsonl:${i + 1}` })), { group: 'doc', metadata: [] }, 'f.jsonl');
    expect(new Set(got.map((s) => s.group)).size).toBe(2);
    expect(got[1]?.group).toBe('b');
    expect(got[0]?.group).not.toBe('b');
  });
});
