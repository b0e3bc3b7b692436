import { describe, expect, it } from 'vitest';
import { toRouteRecord } from '../../../../src/route/reading/read-runs.js';
import { defaultSegmentFields, pairRecords, type PairingOptions, type RouteRecord } from '../../../../src/route/reading/records.js';
import { compileSafeRegex } from '../../../../src/util/safe-regex.js';

// records.jsonl lines → paired RouteItems: pairing by sample id, epochs averaged, error samples left out
// (not scored 0), the latest line of an item wins, signal and check read from S's scorers.

const S = 'sim:claude-haiku-5-5';
const L = 'sim:claude-sonnet-5-5';

/** A record line as `run` writes it (the fields route reads, plus some it ignores). */
function line(sampleId: string, model: string, over: Partial<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    runId: 'r', evalId: 'e', sampleId, model, simulated: true, epoch: 1, status: 'ok', output: 'x', pass: true, score: 1,
    scores: [{ name: 'label', value: 1, pass: true }, { name: 'conf', value: 0.8, pass: true }, { name: 'format', value: 1, pass: true }],
    latencyMs: 100, costUsd: 0.001, metadata: { topic: 'a', lang: 'en', free: `text ${sampleId}` }, ...over,
  };
}

const recs = (lines: readonly Record<string, unknown>[]): RouteRecord[] => lines.map((l) => toRouteRecord(l) as RouteRecord);
const opts: PairingOptions = { small: S, large: L, quality: 'pass', signal: 'conf', check: 'format' };

describe('pairRecords', () => {
  it.each([
    {
      name: 'pairs by sample id and reads cost, latency, segments, signal and check',
      lines: [line('a', S), line('a', L, { pass: false, costUsd: 0.01, latencyMs: 900 })],
      item: { id: 'a', qS: 1, qL: 0, cS: 0.001, cL: 0.01, lS: 100, lL: 900, signal: 0.8, checkPassed: true },
      samples: { paired: 1, errors: 0, unpaired: 0, unscored: 0 },
    },
    {
      name: 'averages epochs per sample and model; the check passes in a majority of epochs',
      lines: [
        line('a', S, { epoch: 1, pass: true, costUsd: 0.001, scores: [{ name: 'conf', value: 0.2, pass: true }, { name: 'format', value: 0, pass: false }] }),
        line('a', S, { epoch: 2, pass: false, costUsd: 0.003, scores: [{ name: 'conf', value: 0.6, pass: true }, { name: 'format', value: 1, pass: true }] }),
        line('a', L, { epoch: 1 }), line('a', L, { epoch: 2 }),
      ],
      item: { id: 'a', qS: 0.5, qL: 1, cS: 0.002, signal: 0.4, checkPassed: false },
      samples: { paired: 1, errors: 0, unpaired: 0, unscored: 0 },
    },
    {
      name: 'leaves a sample with an error record out, and one only one model answered',
      lines: [line('a', S), line('a', L), line('b', S, { status: 'error', pass: undefined }), line('b', L), line('c', S)],
      item: { id: 'a' },
      samples: { paired: 1, errors: 1, unpaired: 1, unscored: 0 },
    },
    {
      name: 'takes the latest line of a (sample, model, epoch): a rerun replaces an error',
      lines: [line('a', S, { status: 'error' }), line('a', L), line('a', S, { pass: false })],
      item: { id: 'a', qS: 0 },
      samples: { paired: 1, errors: 0, unpaired: 0, unscored: 0 },
    },
    {
      name: 'leaves out a sample whose answer has no verdict (a pairwise reference), counted apart',
      lines: [line('a', S), line('a', L), line('b', S), line('b', L, { pass: undefined })],
      item: { id: 'a' },
      samples: { paired: 1, errors: 0, unpaired: 0, unscored: 1 },
    },
    {
      name: 'keeps a price unknown (null) rather than inventing one',
      lines: [line('a', S, { costUsd: null }), line('a', L)],
      item: { id: 'a', cS: null, cL: 0.001 },
      samples: { paired: 1, errors: 0, unpaired: 0, unscored: 0 },
    },
  ])('$name', ({ lines, item, samples }) => {
    const p = pairRecords(recs(lines), opts);
    expect(p.samples).toEqual(samples);
    expect(p.items[0]).toMatchObject(item);
  });

  it('quality "score" reads the combined score, clamped to [0, 1]', () => {
    const p = pairRecords(recs([line('a', S, { score: 0.25 }), line('a', L, { score: 1.5 })]), { ...opts, quality: 'score' });
    expect([p.items[0]?.qS, p.items[0]?.qL]).toEqual([0.25, 1]);
  });

  it('counts the paired samples that lack the signal or check scorer, and leaves it off the item', () => {
    const p = pairRecords(recs([line('a', S, { scores: [] }), line('a', L)]), opts);
    expect(p.missing).toEqual({ signal: 1, check: 1, router: 0 });
    expect(p.items[0]?.signal).toBeUndefined();
    expect(p.items[0]?.checkPassed).toBeUndefined();
  });

  it('reports the most epochs per model', () => {
    const p = pairRecords(recs([line('a', S, { epoch: 1 }), line('a', S, { epoch: 2 }), line('a', L)]), opts);
    expect(p.epochs).toEqual({ small: 2, large: 1 });
  });
});

describe('pairRecords: a signal read from the answer (--signal output:<regex>)', () => {
  const pattern = compileSafeRegex('confidence:\\s*([0-9.,]+)', 'i');
  const withOutput = (output: string, epoch = 1) => line('a', S, { output, epoch });
  it.each<[string, Record<string, unknown>[], number | undefined, number]>([
    ['the first capture group', [withOutput('billing\nConfidence: 0.82')], 0.82, 0],
    ['a decimal comma', [withOutput('billing\nconfidence: 0,5')], 0.5, 0],
    ['the mean over epochs', [withOutput('x\nconfidence: 0.2', 1), withOutput('x\nconfidence: 0.6', 2)], 0.4, 0],
    ['no stated confidence: no signal, counted', [withOutput('billing')], undefined, 1],
    ['one epoch without it: no signal', [withOutput('x\nconfidence: 0.9', 1), withOutput('x', 2)], undefined, 1],
    ['not a number', [withOutput('confidence: high')], undefined, 1],
    ['a thousands comma is not a decimal one', [withOutput('confidence: 1,000.5')], undefined, 1],
  ])('%s', (_label, small, signal, missing) => {
    const p = pairRecords(recs([...small, line('a', L)]), { small: S, large: L, quality: 'pass', signalPattern: pattern });
    expect(p.items[0]?.signal).toBe(signal);
    expect(p.missing.signal).toBe(missing);
  });

  it('reads the output field of a records.jsonl line', () => {
    expect(toRouteRecord(line('a', S, { output: 'hi' }))?.output).toBe('hi');
  });
});

describe('defaultSegmentFields', () => {
  it('keeps metadata fields with 2 to 50 distinct values', () => {
    const lines = Array.from({ length: 60 }, (_, i) => [line(`s${i}`, S, { metadata: { topic: i % 2 === 0 ? 'a' : 'b', lang: 'en', free: `t${i}` } }), line(`s${i}`, L)]).flat();
    expect(defaultSegmentFields(pairRecords(recs(lines), opts).items)).toEqual(['topic']);
  });

  it('leaves the cluster field out of the default segments', () => {
    const lines = Array.from({ length: 8 }, (_, i) => [line(`s${i}`, S, { metadata: { topic: i % 2 === 0 ? 'a' : 'b', thread: `t${i % 4}` } }), line(`s${i}`, L)]).flat();
    const items = pairRecords(recs(lines), opts).items;
    expect(defaultSegmentFields(items)).toEqual(['topic', 'thread']);
    expect(defaultSegmentFields(items, 'thread')).toEqual(['topic']);
  });
});

describe('pairRecords: clusters from a metadata field', () => {
  it.each([
    ['a string value', { thread: 'T-1' }, 'T-1'],
    ['a number value, as text', { thread: 42 }, '42'],
    ['no value: its own cluster (none set)', {}, undefined],
    ['a null value: its own cluster', { thread: null }, undefined],
  ])('%s', (_name, metadata, cluster) => {
    const p = pairRecords(recs([line('a', S, { metadata }), line('a', L)]), { ...opts, cluster: 'thread' });
    expect(p.items[0]?.cluster).toBe(cluster);
  });

  it('sets no cluster without the option', () => {
    expect(pairRecords(recs([line('a', S, { metadata: { thread: 'T-1' } }), line('a', L)]), opts).items[0]?.cluster).toBeUndefined();
  });
});

describe('toRouteRecord', () => {
  it.each([
    ['not an object', 42],
    ['no sampleId', { model: S, status: 'ok' }],
    ['an unknown status', { sampleId: 'a', model: S, status: 'pending' }],
  ])('rejects %s', (_name, value) => {
    expect(toRouteRecord(value)).toBeNull();
  });

  it('reads missing numbers as unknown and a missing epoch as 1', () => {
    expect(toRouteRecord({ sampleId: 'a', model: S, status: 'ok', costUsd: 'x' })).toMatchObject({ epoch: 1, costUsd: null, latencyMs: null, scores: [], metadata: {} });
  });
});
