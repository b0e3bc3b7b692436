import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findingsCollector } from '../../../src/report/findings-collector.js';
import { readFindings } from '../../../src/report/run-findings.js';
import type { Json, RunRecord } from '../../../src/types.js';
import { errored, failing, recordOf, runDirWith } from './ci-fixtures.js';

// The findings a run's report collects as records finish must be the ones read back from its
// records.jsonl afterwards: the same failing samples shown, in the same order, with the same
// expected values, counts and error groups. Each case feeds both paths the same records.

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const targets: Record<string, Json> = { s1: 'billing', s2: 'account', s10: { queue: 'sales' }, 'case-7': 3.5, Z: null };
const ep = (r: RunRecord, epoch: number): RunRecord => ({ ...r, epoch });

const cases: { name: string; show: number; models?: string[]; records: RunRecord[] }[] = [
  { name: 'nothing failing or errored', show: 5, records: [recordOf({ sampleId: 's1', model: 'a' })] },
  {
    name: 'numbers in ids sort as numbers; more failing than shown; arrival out of order',
    show: 3,
    records: ['s10', 's2', 'x', 's1', 's9', 'case-7', 's100'].map((id) => failing(id, 'a', `out ${id}`)),
  },
  {
    name: 'two models dealt round-robin, report order given, errors grouped by kind with the first message',
    show: 5,
    models: ['b', 'a'],
    records: [
      failing('s1', 'a', 'billing?'), errored('s2', 'a', 'timeout', 'first timeout'), failing('s2', 'b', ''),
      errored('s3', 'a', 'timeout', 'second timeout'), errored('s4', 'b', 'rate_limit', '429 slow down'),
      failing('s10', 'b', 'nope', ''), failing('s6', 'a', 'x'), recordOf({ sampleId: 's5', model: 'a' }),
      failing('Z', 'a', 'z'), failing('case-7', 'b', '3.49'), failing('s9', 'a', 'n'), failing('s8', 'a', 'n'),
    ],
  },
  {
    name: 'epochs: one sample failing in two epochs, listed by epoch',
    show: 4,
    records: [ep(failing('s2', 'a', 'e2'), 2), ep(failing('s2', 'a', 'e1'), 1), ep(failing('s1', 'a', 'e3'), 3), ep(recordOf({ sampleId: 's1', model: 'a' }), 1)],
  },
  { name: '--show-failures: every one', show: Number.POSITIVE_INFINITY, records: ['s3', 's1', 's2', 's10'].map((id) => failing(id, 'a', id)) },
  { name: 'show 0: counts only', show: 0, records: [failing('s1', 'a', 'o'), errored('s2', 'a')] },
  {
    name: 'a failing record with several scorers keeps only the failing ones and their reasons',
    show: 5,
    records: [recordOf({ sampleId: 's1', model: 'a', pass: false, score: 0.5, scores: [
      { name: 'label', value: 1, pass: true }, { name: 'regex', value: 0, pass: false, reason: 'no match for /^A/' }, { name: 'length', value: 0, pass: false, reason: '' },
    ] })],
  },
];

describe('findingsCollector', () => {
  it.each(cases)('$name: the same findings as reading records.jsonl back', async ({ show, models, records }) => {
    const dir = runDirWith(records);
    dirs.push(dir);
    const endpoints = new Map([['a', 'api.example.test']]);
    const lookup = (ids: ReadonlySet<string>) => new Map([...ids].filter((id) => targets[id] !== undefined).map((id) => [id, targets[id] as Json]));
    const read = await readFindings(dir, { show, targets: lookup, endpoints, models });
    const c = findingsCollector(show);
    for (const r of records) c.add(r, targets[r.sampleId] ?? undefined);
    expect(c.complete({ before: 0, finished: records.length })).toBe(true);
    const mine = c.findings({ models, endpoints });
    expect(mine.errors).toEqual(read.errors);
    expect(mine.failures).toEqual(read.failures.map(({ ids: _ids, ...rest }) => rest));
  });

  it.each([
    { name: 'every record seen, none before', before: 0, seen: 4, finished: 4, complete: true },
    { name: 'a resumed run: records from before this process were not seen', before: 2, seen: 2, finished: 4, complete: false },
    { name: 'a resumed run that happens to balance', before: 1, seen: 4, finished: 4, complete: false },
    { name: 'an item recorded twice', before: 0, seen: 5, finished: 4, complete: false },
    { name: 'records seen that the run did not count', before: 0, seen: 3, finished: 4, complete: false },
  ])('complete: $name', ({ before, seen, finished, complete }) => {
    const c = findingsCollector(5);
    for (let i = 0; i < seen; i++) c.add(recordOf({ sampleId: `s${i}`, model: 'a' }), undefined);
    expect(c.complete({ before, finished })).toBe(complete);
  });
});
