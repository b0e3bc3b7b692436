import { describe, expect, it } from 'vitest';
import { recordSpans } from '../../../src/dataset/record-spans.js';

// Every record's start and end must read back exactly, whatever lies between records.

type Spans = readonly (readonly [number, number])[];
const consecutive = (n: number, len: (i: number) => number, gap: (i: number) => number, from = 0): Spans => {
  const out: [number, number][] = [];
  let at = from;
  for (let i = 0; i < n; i++) {
    out.push([at, at + len(i)]);
    at += len(i) + gap(i);
  }
  return out;
};

describe('recordSpans', () => {
  it.each<[string, Spans]>([
    ['no records', []],
    ['one record, no line break after it', [[0, 17]]],
    ['JSONL, LF', consecutive(10_000, (i) => 60 + (i % 37), () => 1)],
    ['JSONL, CRLF', consecutive(10_000, (i) => 60 + (i % 37), () => 2)],
    ['blank lines here and there', consecutive(9_000, (i) => 40 + (i % 5), (i) => (i % 1000 === 999 ? 3 : 1))],
    ['a run of 100,000 blank bytes inside a page', consecutive(6_000, () => 50, (i) => (i === 2500 ? 100_000 : 1))],
    ['no gap at all (a CSV record ending where the next begins)', consecutive(5_000, (i) => 30 + (i % 3), () => 0)],
    ['offsets past 4 GiB', consecutive(9_000, () => 1_000_003, () => 1, 2 ** 32 - 5_000)],
    ['a header before the first record', consecutive(5_000, () => 20, () => 1, 4_321)],
  ])('%s', (_name, spans) => {
    const s = recordSpans();
    for (const [a, b] of spans) s.push(a, b);
    expect([s.starts.length, s.ends.length]).toEqual([spans.length, spans.length]);
    for (let i = 0; i < spans.length; i++) {
      const got = [s.starts.get(i), s.ends.get(i)];
      if (got[0] !== spans[i]?.[0] || got[1] !== spans[i]?.[1]) expect([i, ...got]).toEqual([i, ...(spans[i] ?? [])]);
    }
    expect([s.ends.get(-1), s.ends.get(spans.length), s.ends.get(0.5)]).toEqual([undefined, undefined, undefined]);
  });
});
