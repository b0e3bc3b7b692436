import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { preferenceLabels, readLabelsFile, scoreLabels, type LabelsFileOptions } from '../../../../src/judge/agreement/labels-file.js';

// The labels file shared by `calibrate --labels` and the spec's judge.calibration: every bad row is
// named by file and line with its fix; ids outside the dataset are refused when the ids are known.

const dir = mkdtempSync(join(tmpdir(), 'labels-'));
const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
const OPTS: LabelsFileOptions<number> = {
  idField: 'id', labelField: 'human', value: scoreLabels({ type: 'integer', min: 1, max: 4 }),
  settings: { idField: 'id_field', labelField: 'label_field' }, knownIds: new Set(['a', 'b', 'c', 'd']),
};

describe('readLabelsFile', () => {
  it.each([
    { what: 'JSONL', name: 'ok.jsonl', text: '{"id":"a","human":1}\n{"id":"b","human":4}\n', labels: [['a', 1], ['b', 4]] },
    { what: 'CSV with scores as text', name: 'ok.csv', text: 'id,human\na,2\nc,3\n', labels: [['a', 2], ['c', 3]] },
    { what: 'TSV', name: 'ok.tsv', text: 'id\thuman\nd\t1\n', labels: [['d', 1]] },
  ])('reads $what', async ({ name, text, labels }) => {
    const got = await readLabelsFile(write(name, text), name, OPTS);
    expect(got).toEqual({ ok: true, labels: new Map(labels as [string, number][]) });
  });

  it.each([
    { what: 'an id the dataset lacks', text: '{"id":"zz","human":1}', issue: 'bad.jsonl:1: sample zz is not in the dataset (check id_field and the ids)' },
    { what: 'a score off the scale', text: '{"id":"a","human":5}', issue: 'bad.jsonl:1: score 5 is outside the scale 1..4' },
    { what: 'a fractional score', text: '{"id":"a","human":2.5}', issue: 'bad.jsonl:1: score 2.5 is not an integer on the integer scale 1..4' },
    { what: 'a missing score', text: '{"id":"a"}', issue: 'bad.jsonl:1: no "human" (set label_field)' },
    { what: 'a missing id', text: '{"human":1}', issue: 'bad.jsonl:1: no "id" (set id_field)' },
    { what: 'an id labelled twice', text: '{"id":"a","human":1}\n{"id":"a","human":2}', issue: 'bad.jsonl:2: sample a is labelled twice' },
  ])('refuses $what, naming the line', async ({ text, issue }) => {
    const got = await readLabelsFile(write('bad.jsonl', text), 'bad.jsonl', OPTS);
    expect(got).toEqual({ ok: false, title: expect.stringMatching(/^1 bad label\(s\); labels must be scores on the scorer's scale 1, 2, 3, 4$/) as unknown, issues: [issue] });
  });

  it.each([
    { what: 'a missing file', file: join(dir, 'none.jsonl'), title: 'no such labels file' },
    { what: 'an unknown format', file: write('labels.txt', 'a 1'), title: 'cannot tell the format' },
  ])('refuses $what', async ({ file, title }) => {
    const got = await readLabelsFile(file, 'x', OPTS);
    expect(got.ok === false && got.title).toBe(title);
  });

  it('without known ids, any id is accepted (calibrate reads a finished run)', async () => {
    const { knownIds: _drop, ...open } = OPTS;
    const got = await readLabelsFile(write('any.jsonl', '{"id":"zz","human":1}'), 'any.jsonl', open);
    expect(got.ok).toBe(true);
  });

  it.each([
    { raw: 'A', value: 'A' }, { raw: ' b ', value: 'B' }, { raw: 'TIE', value: 'tie' },
    { raw: 'C', problem: '"C" is not A, B or tie' }, { raw: 1, problem: '1 is not A, B or tie' },
  ])('pairwise preference $raw', ({ raw, value, problem }) => {
    expect(preferenceLabels.read(raw)).toEqual(value !== undefined ? { ok: true, value } : { ok: false, problem });
  });
});
